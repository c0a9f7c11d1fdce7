package survey_test

import (
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// flipDecimalGlobals sets shopspring/decimal's package settings away from their defaults until the test ends. A
// test that calls it must not run in parallel.
func flipDecimalGlobals(t *testing.T) {
	trim, quotes, sci := decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation
	t.Cleanup(func() {
		decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation = trim, quotes, sci
	})
	decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation = false, true, true
}

// outputs returns what the values print, encode and store: String, MarshalJSON, MarshalText and Value.
func outputs(values ...any) []string {
	var out []string
	for _, v := range values {
		if s, ok := v.(fmt.Stringer); ok {
			out = append(out, fmt.Sprintf("%T.String: %s", v, s))
		}
		if m, ok := v.(json.Marshaler); ok {
			b, err := m.MarshalJSON()
			out = append(out, fmt.Sprintf("%T.MarshalJSON: %s %v", v, b, err))
		}
		if m, ok := v.(encoding.TextMarshaler); ok {
			b, err := m.MarshalText()
			out = append(out, fmt.Sprintf("%T.MarshalText: %s %v", v, b, err))
		}
		if m, ok := v.(driver.Valuer); ok {
			dv, err := m.Value()
			out = append(out, fmt.Sprintf("%T.Value: %v %v", v, dv, err))
		}
	}
	return out
}

// TestOutputIgnoresDecimalGlobals: nothing this package prints, encodes or stores depends on shopspring/decimal's
// TrimTrailingZeros, MarshalJSONWithoutQuotes or UseScientificNotation (a target of 5.0 was written as "5.0", or
// as the number 5.0, by them).
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	values := func() []any {
		target := survey.Target{Metric: "NPS", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20.0"),
			Baseline: d("4E1")}
		att, err := target.Assess(d("45.50"))
		if err != nil {
			t.Fatal(err)
		}
		csat := must(survey.NewCSAT(81, 263))
		iv, err := csat.Wilson(d("0.95"), 4)
		if err != nil {
			t.Fatal(err)
		}
		tl := survey.Tallies{CSAT: csat, CSI: must(survey.NewCSI([5]int64{1, 2, 3, 4, 5}))}
		return []any{target, att, iv, tl, csat, survey.Interval{Low: d("0.10"), High: d("1E2")},
			must(survey.NewCoverage(4, 100)), survey.Period{From: base, To: base.AddDate(0, 3, 0)}}
	}
	want := outputs(values()...)
	flipDecimalGlobals(t)
	got := outputs(values()...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs mismatch with the decimal globals flipped (-defaults +flipped):\n%s", diff)
	}
}
