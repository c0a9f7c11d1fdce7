package rating_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/decglobals"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// TestOutputIgnoresDecimalGlobals: nothing this package prints, encodes or stores depends on shopspring/decimal's
// TrimTrailingZeros, MarshalJSONWithoutQuotes or UseScientificNotation (an accumulator's sum 8.50 printed as
// "8.50" and a weight 1.0 as "1.0" with TrimTrailingZeros off).
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	values := func() []any {
		acc := accOf(t, "4.25", "4.25", "4.00")
		var g rating.Grouped
		if err := g.Add("e1", d("4.50")); err != nil {
			t.Fatal(err)
		}
		s := rating.DefaultPersonalSettings()
		s.CallWeight, s.SurveyWeight = d("1.0"), d("3.00")
		settings := s
		w, err := personalRater(t, func(p *rating.PersonalSettings) { *p = s }).Rate(rating.PersonalInput{
			EmployeeID: "e1", Calls: callsOn("e1", day(2024, 1, 1), "4.50")})
		if err != nil {
			t.Fatal(err)
		}
		ps := staff(t)
		dep, err := departmentRater(t, nil).Rate(rating.DepartmentInput{DepartmentID: "d1", Employees: ps,
			Platforms: platforms})
		if err != nil {
			t.Fatal(err)
		}
		l, err := rating.Rank(map[string]rating.Rating{"a": ps[0].Rating, "c": ps[2].Rating})
		if err != nil {
			t.Fatal(err)
		}
		return []any{acc, g, w, settings, ps[0], ps[0].Rating, ps[2], dep, l, ps[0].Exact(), frac(t, 1200, 1),
			sq.FractionOf(d("1200")), sq.Quarter{Year: 2026, Q: 1}, sq.Period{From: day(2024, 1, 1)}}
	}
	want := decglobals.Outputs(values()...)
	decglobals.Flip(t)
	got := decglobals.Outputs(values()...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs mismatch with the decimal globals flipped (-defaults +flipped):\n%s", diff)
	}
}
