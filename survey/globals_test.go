package survey_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/decglobals"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

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
		csat := must(survey.NewShare(81, 263))
		iv, err := csat.Wilson(d("0.95"), 4)
		if err != nil {
			t.Fatal(err)
		}
		tl := survey.Tallies{CSAT: csat, CSI: must(survey.NewCSI([5]int64{1, 2, 3, 4, 5}))}
		ch, err := survey.CompareClassic(must(survey.NewClassicNPS(291, 476, 395)),
			must(survey.NewClassicNPS(350, 450, 362)), sq.Precision{Places: 4})
		if err != nil {
			t.Fatal(err)
		}
		mean := must(tl.CSI.Mean())
		return []any{target, att, iv, tl, csat, survey.Interval{Low: d("0.10"), High: d("1E2")}, ch, mean,
			must(mean.Round(sq.Precision{Places: 2})), must(survey.NewShare(4, 100)),
			survey.Segment{Key: "anna", Period: sq.Period{From: base, To: base.AddDate(0, 3, 0)}, Tallies: tl}}
	}
	want := decglobals.Outputs(values()...)
	decglobals.Flip(t)
	got := decglobals.Outputs(values()...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs mismatch with the decimal globals flipped (-defaults +flipped):\n%s", diff)
	}
}
