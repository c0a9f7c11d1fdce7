package survey_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R15 (metrics of source 004): CES is the mean answer on 1–7.
func TestCESMean(t *testing.T) {
	tests := []struct {
		answers []int
		places  int32
		want    string
		exact   bool
		reason  string
	}{
		{[]int{7, 6, 5, 6}, 2, "6", true, "whole mean"},
		{[]int{1, 2}, 2, "1.5", true, "half"},
		{[]int{7, 7, 6}, 3, "6.667", false, "20/3"},
	}
	for _, tt := range tests {
		c := must(survey.CESFromAnswers(tt.answers))
		got, exact, err := rounded(tt.places, sq.HalfUp)(c.Mean())
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Mean(%v) = %s, %v, %v; want %s, %v (%s)", tt.answers, got, exact, err, tt.want, tt.exact, tt.reason)
		}
	}
	c := must(survey.CESFromAnswers([]int{7, 1, 7, 4}))
	if diff := cmp.Diff([7]int64{1, 0, 0, 1, 0, 0, 2}, c.Counts()); diff != "" {
		t.Errorf("Counts() mismatch (-want +got):\n%s", diff)
	}
	if !must(survey.NewCES([7]int64{1, 0, 0, 1, 0, 0, 2})).Equal(c) {
		t.Error("NewCES(counts) differs from the tally of the same answers")
	}
}

func TestCESErrors(t *testing.T) {
	tests := []struct {
		answers []int
		want    string
		reason  string
	}{
		{[]int{8}, "survey: answers[1] 8: CES answers are 1–7: invalid answer", "above the scale"},
		{[]int{3, 0}, "survey: answers[2] 0: CES answers are 1–7: invalid answer", "below the scale"},
	}
	for _, tt := range tests {
		_, err := survey.CESFromAnswers(tt.answers)
		wantErr(t, tt.reason, err, survey.ErrInvalidAnswer)
		if err != nil && err.Error() != tt.want {
			t.Errorf("message = %q, want %q (%s)", err, tt.want, tt.reason)
		}
	}
	_, err := survey.NewCES([7]int64{0, 0, -2, 0, 0, 0, 0})
	wantErr(t, "negative count", err, survey.ErrInvalidCount)
	_, _, err = rounded(2, sq.HalfUp)(survey.CES{}.Mean())
	wantErr(t, "mean of the zero value", err, survey.ErrEmpty)
}

func TestCESProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOfN(rapid.IntRange(1, 7), 1, 60).Draw(t, "answers")
		cut := rapid.IntRange(0, len(answers)).Draw(t, "cut")
		c := must(survey.CESFromAnswers(answers))
		mean, _, _ := rounded(4, sq.HalfUp)(c.Mean())
		if mean.LessThan(decimal.NewFromInt(1)) || mean.GreaterThan(decimal.NewFromInt(7)) {
			t.Fatalf("Mean %s outside [1, 7]", mean)
		}
		a := must(survey.CESFromAnswers(answers[:cut]))
		b := must(survey.CESFromAnswers(answers[cut:]))
		if m, err := a.Merge(b); err != nil || !m.Equal(c) {
			t.Fatalf("merge of parts = %+v, %v; want %+v", m, err, c)
		}
	})
}
