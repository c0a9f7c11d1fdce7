package rating_test

import (
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
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
func outputs(t *testing.T, values ...any) []string {
	t.Helper()
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
// TrimTrailingZeros, MarshalJSONWithoutQuotes or UseScientificNotation (an accumulator's sum 8.50 printed as
// "8.50" and a weight 1.0 as "1.0" with TrimTrailingZeros off).
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	values := func() []any {
		acc := accOf(t, "4.25", "4.25", "4.00")
		var g rating.Grouped
		if err := g.Add("e1", d("4.50")); err != nil {
			t.Fatal(err)
		}
		agg, err := rating.NewAggregator(rating.Scheme{Weights: []rating.Weight{{Name: "a", Weight: d("1.0")},
			{Name: "b", Weight: d("3.00")}}, Missing: rating.MissingRenormalize})
		if err != nil {
			t.Fatal(err)
		}
		w, err := agg.Mean([]rating.Component{{Name: "a", Value: d("4.50")}})
		if err != nil {
			t.Fatal(err)
		}
		ps := staff(t)
		dep, err := departmentRater(t, nil).Rate(rating.DepartmentInput{DepartmentID: "d1", Employees: ps,
			Platforms: platforms})
		if err != nil {
			t.Fatal(err)
		}
		l, err := rating.NewLeaderboard([]rating.Entry{ps[0].Entry(), ps[2].Entry()})
		if err != nil {
			t.Fatal(err)
		}
		return []any{acc, g, w, ps[0], ps[0].Rating, ps[2], dep, l, ps[0].Exact(), frac(t, 1200, 1),
			rating.FractionOf(d("1200")), rating.Quarter{Year: 2026, Q: 1}, rating.Since(day(2024, 1, 1))}
	}
	want := outputs(t, values()...)
	flipDecimalGlobals(t)
	got := outputs(t, values()...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs mismatch with the decimal globals flipped (-defaults +flipped):\n%s", diff)
	}
}
