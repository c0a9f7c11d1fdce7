package survey_test

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R15: the targets of source 004 — response time down to 5 minutes, NPS up 20%, keep 90% of clients who
// complained.
func TestTargetsR15(t *testing.T) {
	tests := []struct {
		target survey.Target
		value  string
		want   survey.Attainment
		reason string
	}{
		{
			survey.Target{Metric: "response time, min", Compare: survey.AtMost, Value: d("5")}, "4.5",
			survey.Attainment{Metric: "response time, min", Compare: survey.AtMost, Value: d("4.5"), Target: d("5"),
				Met: true, Distance: d("0.5")},
			"4.5 minutes beats ≤ 5 by half a minute",
		},
		{
			survey.Target{Metric: "response time, min", Compare: survey.AtMost, Value: d("5")}, "7",
			survey.Attainment{Metric: "response time, min", Compare: survey.AtMost, Value: d("7"), Target: d("5"),
				Met: false, Distance: d("-2")},
			"7 minutes misses by 2",
		},
		{
			survey.Target{Metric: "NPS, %", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20"),
				Baseline: d("40")}, "48",
			survey.Attainment{Metric: "NPS, %", Compare: survey.AtLeast, Value: d("48"), Target: d("48"), Met: true,
				Distance: d("0")},
			"up 20% on 40 is 48; reaching it exactly meets it",
		},
		{
			survey.Target{Metric: "NPS, %", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20"),
				Baseline: d("40")}, "45",
			survey.Attainment{Metric: "NPS, %", Compare: survey.AtLeast, Value: d("45"), Target: d("48"), Met: false,
				Distance: d("-3")},
			"45 falls 3 short",
		},
		{
			survey.Target{Metric: "complainants kept, %", Compare: survey.AtLeast, Value: d("90")}, "92.5",
			survey.Attainment{Metric: "complainants kept, %", Compare: survey.AtLeast, Value: d("92.5"),
				Target: d("90"), Met: true, Distance: d("2.5")},
			"keep ≥ 90%",
		},
		{
			survey.Target{Metric: "classic NPS", Compare: survey.AtLeast, Mode: survey.Offset, Value: d("10"),
				Baseline: d("-8.95")}, "0.5",
			survey.Attainment{Metric: "classic NPS", Compare: survey.AtLeast, Value: d("0.5"), Target: d("1.05"),
				Met: false, Distance: d("-0.55")},
			"a negative classic baseline moves by points",
		},
		{
			survey.Target{Metric: "response time, min", Compare: survey.AtMost, Mode: survey.Percent, Value: d("-25"),
				Baseline: d("8")}, "6",
			survey.Attainment{Metric: "response time, min", Compare: survey.AtMost, Value: d("6"), Target: d("6"),
				Met: true, Distance: d("0")},
			"down 25% from 8 is 6",
		},
	}
	for _, tt := range tests {
		got, err := tt.target.Assess(d(tt.value))
		if err != nil {
			t.Errorf("Assess(%s) error %v (%s)", tt.value, err, tt.reason)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Assess(%s) mismatch (-want +got) (%s):\n%s", tt.value, tt.reason, diff)
		}
	}
}

func TestTargetErrors(t *testing.T) {
	tests := []struct {
		target survey.Target
		reason string
	}{
		{survey.Target{Compare: survey.AtLeast, Value: d("1")}, "no metric"},
		{survey.Target{Metric: "NPS", Value: d("1")}, "no comparison"},
		{survey.Target{Metric: "NPS", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20"),
			Baseline: d("-10")}, "a percent change of a negative baseline is refused"},
		{survey.Target{Metric: "NPS", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20")},
			"a percent change of a zero baseline is refused"},
		{survey.Target{Metric: "NPS", Compare: survey.AtMost, Mode: survey.Percent, Value: d("-101"),
			Baseline: d("5")}, "down more than 100%"},
		{survey.Target{Metric: "NPS", Compare: survey.AtLeast, Value: d("50"), Baseline: d("40")},
			"a baseline on an absolute target would be ignored"},
		{survey.Target{Metric: "NPS", Compare: survey.AtLeast, Mode: survey.Mode(9), Value: d("50")}, "unknown mode"},
	}
	for _, tt := range tests {
		_, err := tt.target.Assess(d("1"))
		wantErr(t, tt.reason, err, survey.ErrInvalidSetting)
	}
	ok := survey.Target{Metric: "NPS", Compare: survey.AtLeast, Value: d("50")}
	_, err := ok.Assess(decimal.New(1, 40))
	wantErr(t, "assessed value beyond the limits", err, sq.ErrLimit)
	_, err = survey.Target{Metric: "NPS", Compare: survey.AtLeast, Value: d("1e-19")}.Assess(d("1"))
	wantErr(t, "value beyond the decimal limits", err, sq.ErrLimit)
}

// Met holds exactly when the distance is not negative, and the distance is the signed gap to the threshold.
func TestAttainmentProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mode := rapid.SampledFrom([]survey.Mode{survey.Absolute, survey.Percent, survey.Offset}).Draw(t, "mode")
		target := survey.Target{
			Metric:  "m",
			Compare: rapid.SampledFrom([]survey.Comparison{survey.AtLeast, survey.AtMost}).Draw(t, "compare"),
			Mode:    mode,
			Value:   decimal.New(rapid.Int64Range(-10_000, 10_000).Draw(t, "value"), -2),
		}
		if mode != survey.Absolute {
			target.Baseline = decimal.New(rapid.Int64Range(1, 10_000).Draw(t, "baseline"), -1)
		}
		if mode == survey.Percent && target.Value.LessThan(decimal.NewFromInt(-100)) {
			target.Value = decimal.NewFromInt(-100)
		}
		value := decimal.New(rapid.Int64Range(-100_000, 100_000).Draw(t, "measured"), -2)
		a, err := target.Assess(value)
		if err != nil {
			t.Fatal(err)
		}
		if a.Met != (a.Distance.Sign() >= 0) {
			t.Fatalf("Met = %v with distance %s", a.Met, a.Distance)
		}
		gap := a.Value.Sub(a.Target)
		if target.Compare == survey.AtMost {
			gap = gap.Neg()
		}
		if !gap.Equal(a.Distance) {
			t.Fatalf("distance %s, want %s", a.Distance, gap)
		}
		th := target.Value // the threshold by its definition, computed here in big.Rat
		switch target.Mode {
		case survey.Percent:
			th = decimal.NewFromBigRat(new(big.Rat).Mul(target.Baseline.Rat(),
				new(big.Rat).Add(big.NewRat(1, 1), new(big.Rat).Quo(target.Value.Rat(), big.NewRat(100, 1)))), 20)
		case survey.Offset:
			th = target.Baseline.Add(target.Value)
		}
		if !th.Equal(a.Target) {
			t.Fatalf("Target %s ≠ threshold %s", a.Target, th)
		}
	})
}

func TestComparisonAndModeText(t *testing.T) {
	for _, c := range []survey.Comparison{survey.AtLeast, survey.AtMost} {
		b, err := c.MarshalText()
		var back survey.Comparison
		if err != nil || back.UnmarshalText(b) != nil || back != c {
			t.Errorf("text round trip of %v gave %v, %v", c, back, err)
		}
	}
	for _, m := range []survey.Mode{survey.Absolute, survey.Percent, survey.Offset} {
		b, err := m.MarshalText()
		var back survey.Mode
		if err != nil || back.UnmarshalText(b) != nil || back != m {
			t.Errorf("text round trip of %v gave %v, %v", m, back, err)
		}
	}
	_, err := survey.Comparison(0).MarshalText()
	wantErr(t, "the zero Comparison", err, survey.ErrInvalidSetting)
	_, err = survey.Mode(7).MarshalText()
	wantErr(t, "Mode 7", err, survey.ErrInvalidSetting)
	if got := survey.Comparison(9).String() + " " + survey.Mode(9).String(); got != "Comparison(9) Mode(9)" {
		t.Errorf("String of unknown values = %q", got)
	}
}
