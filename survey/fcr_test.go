package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R15 (source 004): FCR is the share of questions resolved at the first contact.
func TestFCRPercent(t *testing.T) {
	tests := []struct {
		contacts []bool
		want     string
		exact    bool
		reason   string
	}{
		{[]bool{true, true, true, false}, "75", true, "3 of 4"},
		{[]bool{false}, "0", true, "none resolved"},
		{[]bool{true, false, false}, "33.33", false, "1 of 3"},
	}
	for _, tt := range tests {
		f := shareOf(tt.contacts)
		got, exact, err := rounded(2, sq.HalfUp)(f.Percent())
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Percent(%v) = %s, %v, %v; want %s, %v (%s)", tt.contacts, got, exact, err, tt.want, tt.exact, tt.reason)
		}
	}
	f := must(survey.NewShare(3, 4))
	if f.Hits() != 3 || f.Total() != 4 || !f.Equal(shareOf([]bool{true, true, true, false})) {
		t.Errorf("NewFCR(3, 4) = %+v", f)
	}
	iv, err := f.Wilson(d("0.95"), 4)
	if err != nil || !within(iv, d("0.75")) {
		t.Errorf("Wilson(3 of 4) = %v, %v; want an interval around 0.75", iv, err)
	}
}

func TestFCRErrors(t *testing.T) {
	_, err := survey.NewShare(-1, 4)
	wantErr(t, "negative resolved", err, survey.ErrInvalidCount)
	_, err = survey.NewShare(5, 4)
	wantErr(t, "resolved > total", err, survey.ErrInvalidCount)
	_, _, err = rounded(2, sq.HalfUp)(survey.Share{}.Percent())
	wantErr(t, "percent of the zero value", err, survey.ErrEmpty)
}

func TestFCRProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := surveytest.Share(1000).Draw(t, "x")
		y := surveytest.Share(1000).Draw(t, "y")
		m, err := x.Merge(y)
		if err != nil || m.Hits() != x.Hits()+y.Hits() || m.Total() != x.Total()+y.Total() {
			t.Fatalf("merge of %+v and %+v = %+v, %v", x, y, m, err)
		}
		if m.Total() == 0 {
			return
		}
		p, _, _ := rounded(3, sq.HalfUp)(m.Percent())
		if p.Sign() < 0 || p.GreaterThan(decimal.NewFromInt(100)) {
			t.Fatalf("Percent %s outside [0, 100]", p)
		}
	})
}
