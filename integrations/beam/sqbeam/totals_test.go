package sqbeam

import (
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// TestTotalsCoderRoundTrip checks that EmployeeTotals come back whole from their coder and that damaged data is
// refused rather than read as zero (nothing lost at an edge).
func TestTotalsCoderRoundTrip(t *testing.T) {
	var acc rating.Accumulator
	for _, s := range []string{"4.3", "5", "0.25"} {
		if err := acc.Add(decimal.RequireFromString(s)); err != nil {
			t.Fatal(err)
		}
	}
	tl, err := survey.Tally([]survey.Response{{Client: "c1", Answer: survey.Answer{Kind: survey.KindCSI, Value: 4}},
		{Client: "c2", Answer: survey.Answer{Kind: survey.KindRecommend, Value: 1}}}, survey.ClassicCuts{})
	if err != nil {
		t.Fatal(err)
	}
	want := EmployeeTotals{EmployeeID: "emp-1", Calls: acc, Survey: tl, Surveyed: 2}
	b, err := encodeTotals(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeTotals(b)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Calls.Equal(want.Calls) || !got.Survey.Equal(want.Survey) || got.EmployeeID != want.EmployeeID ||
		got.Surveyed != want.Surveyed {
		t.Errorf("decodeTotals(encodeTotals(x)) = %+v, want %+v", got, want)
	}
	for _, tt := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"empty", nil, "no data is not an empty value"},
		{"truncated", b[:len(b)-3], "a cut record must not decode"},
		{"trailing", append(append([]byte{}, b...), 0), "bytes after the record"},
		{"bad accumulator", func() []byte { c := append([]byte{}, b...); c[1+len("emp-1")+1] = 9; return c }(),
			"the accumulator's version byte is checked"},
	} {
		if _, err := decodeTotals(tt.data); err == nil {
			t.Errorf("%s: decodeTotals() = nil error, want one (%s)", tt.name, tt.reason)
		}
	}
	if _, err := encodeTotals(EmployeeTotals{Surveyed: -1}); err == nil {
		t.Errorf("encodeTotals(surveyed -1) = nil error, want one")
	}
}
