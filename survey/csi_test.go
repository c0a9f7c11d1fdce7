package survey_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R11: the CSI is the mean of 1–5 satisfaction answers.
func TestCSIMeanR11(t *testing.T) {
	tests := []struct {
		answers []int
		places  int32
		r       sq.Rounding
		want    string
		exact   bool
		reason  string
	}{
		{[]int{5, 4, 4, 5}, 2, sq.HalfUp, "4.5", true, "terminates"},
		{[]int{5, 4, 4}, 2, sq.HalfUp, "4.33", false, "13/3 rounded"},
		{[]int{5, 5, 4}, 2, sq.HalfUp, "4.67", false, "14/3 rounded up"},
		{[]int{5, 5, 4}, 2, sq.Down, "4.66", false, "14/3 truncated"},
		{[]int{1}, 0, sq.HalfUp, "1", true, "single lowest answer"},
		{[]int{4, 5}, 0, sq.HalfEven, "4", false, "4.5 to even at 0 places"},
		{[]int{4, 5}, 0, sq.HalfUp, "5", false, "4.5 half up at 0 places"},
	}
	for _, tt := range tests {
		c := must(survey.CSIFromAnswers(tt.answers))
		got, exact, err := rounded(tt.places, tt.r)(c.Mean())
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Mean(%v) = %s, %v, %v; want %s, %v (%s)", tt.answers, got, exact, err, tt.want, tt.exact, tt.reason)
		}
	}
}

func TestCSIDistribution(t *testing.T) {
	c := must(survey.CSIFromAnswers([]int{5, 5, 4, 3, 5, 1, 4, 5}))
	if diff := cmp.Diff([5]int64{1, 0, 1, 2, 4}, c.Counts()); diff != "" {
		t.Errorf("Counts() mismatch (-want +got):\n%s", diff)
	}
	fromCounts := must(survey.NewCSI([5]int64{1, 0, 1, 2, 4}))
	if !fromCounts.Equal(c) {
		t.Errorf("NewCSI(counts) = %+v, want the tally of the answers %+v", fromCounts, c)
	}
}

func TestCSIErrors(t *testing.T) {
	_, err := survey.CSIFromAnswers([]int{5, 4, 4, 6})
	var e *sq.Error
	want := &sq.Error{Pkg: "survey", Path: "answers[4]", Value: "6", Rule: "CSI answers are 1–5", Err: survey.ErrInvalidAnswer}
	if !errors.As(err, &e) || !cmp.Equal(*e, *want, cmpopts.EquateErrors()) {
		t.Fatalf("CSIFromAnswers with 6 at index 3 (the 4th answer): error %#v, want %#v", err, want)
	}
	if got, want := err.Error(), "survey: answers[4] 6: CSI answers are 1–5: invalid answer"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	wantErr(t, "answer 6", err, survey.ErrInvalidAnswer)
	_, err = survey.CSIFromAnswers([]int{0})
	wantErr(t, "answer 0", err, survey.ErrInvalidAnswer)
	_, err = survey.NewCSI([5]int64{1, -1, 0, 0, 0})
	wantErr(t, "negative count", err, survey.ErrInvalidCount)
	_, err = survey.NewCSI([5]int64{survey.MaxCount, 1, 0, 0, 0})
	wantErr(t, "counts above MaxCount", err, sq.ErrLimit)
	var empty survey.CSI
	_, _, err = rounded(2, sq.HalfUp)(empty.Mean())
	wantErr(t, "mean of the zero value", err, survey.ErrEmpty)
	empty2, err := survey.CSIFromAnswers(nil)
	if err != nil || empty2.Total() != 0 {
		t.Errorf("CSIFromAnswers(nil) = %+v, %v; want the empty tally", empty2, err)
	}
}

// SPEC R11: the mean lies within [1, 5] and within half a unit of sum/n; tallies of parts merge to the whole.
func TestCSIProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOfN(rapid.IntRange(1, 5), 1, 60).Draw(t, "answers")
		cut := rapid.IntRange(0, len(answers)).Draw(t, "cut")
		places := rapid.Int32Range(0, 5).Draw(t, "places")
		c, err := survey.CSIFromAnswers(answers)
		if err != nil {
			t.Fatal(err)
		}
		mean, _, err := rounded(places, sq.HalfEven)(c.Mean())
		if err != nil {
			t.Fatal(err)
		}
		sum := int64(0)
		for _, a := range answers {
			sum += int64(a)
		}
		if mean.LessThan(decimal.NewFromInt(1)) || mean.GreaterThan(decimal.NewFromInt(5)) ||
			!withinHalfUnit(mean, sum, int64(len(answers)), places, false) {
			t.Fatalf("Mean = %s for sum %d of %d answers", mean, sum, len(answers))
		}
		a, _ := survey.CSIFromAnswers(answers[:cut])
		b, _ := survey.CSIFromAnswers(answers[cut:])
		m, err := a.Merge(b)
		if err != nil || !m.Equal(c) {
			t.Fatalf("merge of parts = %+v, %v; want %+v", m, err, c)
		}
	})
}

func TestCSIMergeLaws(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := surveytest.CSI(50).Draw(t, "x")
		y := surveytest.CSI(50).Draw(t, "y")
		z := surveytest.CSI(50).Draw(t, "z")
		xy, _ := x.Merge(y)
		yx, _ := y.Merge(x)
		l, _ := xy.Merge(z)
		yz, _ := y.Merge(z)
		r, _ := x.Merge(yz)
		id, _ := x.Merge(survey.CSI{})
		if !xy.Equal(yx) || !l.Equal(r) || !id.Equal(x) || xy.Total() != x.Total()+y.Total() {
			t.Fatalf("merge laws broken: x=%+v y=%+v z=%+v", x, y, z)
		}
	})
}
