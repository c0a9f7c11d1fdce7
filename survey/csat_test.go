package survey_test

import (
	"github.com/google/go-cmp/cmp"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R15 (source 004): CSAT is the share of satisfied (4–5) answers.
func TestCSATPercent(t *testing.T) {
	tests := []struct {
		answers []int
		want    string
		exact   bool
		reason  string
	}{
		{[]int{5, 4, 3, 2}, "50", true, "4 and 5 count, 3 and below do not"},
		{[]int{4, 4, 4}, "100", true, "all satisfied"},
		{[]int{1, 5, 3}, "33.3", false, "1 of 3"},
	}
	for _, tt := range tests {
		c := must(survey.CSATFromAnswers(tt.answers))
		got, exact, err := rounded(1, sq.HalfUp)(c.Percent())
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Percent(%v) = %s, %v, %v; want %s, %v (%s)", tt.answers, got, exact, err, tt.want, tt.exact, tt.reason)
		}
	}
	c := must(survey.CSATFromAnswers([]int{5, 4, 3, 2}))
	if c.Hits() != 2 || c.Total() != 4 || !c.Equal(must(survey.NewShare(2, 4))) {
		t.Errorf("tally = %d of %d, want 2 of 4", c.Hits(), c.Total())
	}
}

// Wilson bounds of an independent computation (Python's statistics.NormalDist, same formula), rounded outward.
func TestCSATWilson(t *testing.T) {
	tests := []struct {
		sat, total int64
		level      string
		places     int32
		low, high  string
		reason     string
	}{
		{81, 263, "0.95", 4, "0.2552", "0.3663", "textbook sample: 0.25529 to 0.36621"},
		{0, 10, "0.95", 4, "0", "0.2776", "no successes: low bound is 0"},
		{10, 10, "0.95", 4, "0.7224", "1", "all successes: high bound is 1"},
		{9, 10, "0.95", 3, "0.595", "0.983", "0.59585 to 0.98212"},
		{1, 1, "0.95", 2, "0.2", "1", "a single answer"},
	}
	for _, tt := range tests {
		c := must(survey.NewShare(tt.sat, tt.total))
		got, err := c.Wilson(d(tt.level), tt.places)
		want := survey.Interval{Low: d(tt.low), High: d(tt.high)}
		if diff := cmp.Diff(want, got); err != nil || diff != "" {
			t.Errorf("Wilson(%d of %d) mismatch (-want +got), error %v (%s):\n%s", tt.sat, tt.total, err, tt.reason, diff)
		}
	}
}

func TestCSATErrors(t *testing.T) {
	_, err := survey.CSATFromAnswers([]int{4, 5, 9})
	wantErr(t, "answer 9", err, survey.ErrInvalidAnswer)
	_, err = survey.NewShare(5, 4)
	wantErr(t, "satisfied > total", err, survey.ErrInvalidCount)
	_, _, err = rounded(1, sq.HalfUp)(survey.Share{}.Percent())
	wantErr(t, "percent of the zero value", err, survey.ErrEmpty)
	c := must(survey.NewShare(3, 4))
	for _, level := range []string{"0", "1", "-0.5", "95"} {
		_, err := c.Wilson(d(level), 4)
		wantErr(t, "level "+level, err, survey.ErrInvalidSetting)
	}
	_, err = c.Wilson(d("0.1234567890123456789"), 4)
	wantErr(t, "a level beyond the decimal limits", err, sq.ErrLimit)
	_, err = c.Wilson(d("0.95"), -1)
	wantErr(t, "negative places", err, sq.ErrInvalid)
}

// The Wilson interval lies within [0, 1] and contains the observed proportion, at any level and places.
func TestWilsonProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := surveytest.Share(10_000).Filter(func(c survey.Share) bool { return c.Total() != 0 }).Draw(t, "csat")
		level := decimal.New(rapid.Int64Range(1, 999_999).Draw(t, "level"), -6)
		places := rapid.Int32Range(0, sq.MaxPlaces).Draw(t, "places")
		iv, err := c.Wilson(level, places)
		if err != nil {
			t.Fatal(err)
		}
		p := decimal.NewFromInt(c.Hits())
		n := decimal.NewFromInt(c.Total())
		// Contains p/n ⇔ Low·n ≤ satisfied ≤ High·n, exactly.
		if iv.Low.Mul(n).GreaterThan(p) || iv.High.Mul(n).LessThan(p) {
			t.Fatalf("interval %v at level %s does not contain %d/%d", iv, level, c.Hits(), c.Total())
		}
		if iv.Low.Sign() < 0 || iv.High.GreaterThan(decimal.NewFromInt(1)) || iv.Low.GreaterThan(iv.High) {
			t.Fatalf("interval %v is not within [0, 1]", iv)
		}
	})
}

func TestCSATMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOf(rapid.IntRange(1, 5)).Draw(t, "answers")
		cut := rapid.IntRange(0, len(answers)).Draw(t, "cut")
		a := must(survey.CSATFromAnswers(answers[:cut]))
		b := must(survey.CSATFromAnswers(answers[cut:]))
		whole := must(survey.CSATFromAnswers(answers))
		if m, err := a.Merge(b); err != nil || !m.Equal(whole) {
			t.Fatalf("merge of parts = %+v, %v; want %+v", m, err, whole)
		}
		if m, _ := b.Merge(a); !m.Equal(whole) {
			t.Fatal("merge is not commutative")
		}
	})
}
