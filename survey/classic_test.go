package survey_test

import (
	"github.com/google/go-cmp/cmp"
	"math/big"
	"reflect"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A published worked example of the classic NPS margin of error: n = 1162, 291 promoters, 395 detractors give an
// NPS of −8.95 and a 95% margin of error of about ±4.39 points. SPEC R15.
func TestClassicWorkedExampleR15(t *testing.T) {
	c := must(survey.NewClassicNPS(291, 1162-291-395, 395))
	score, exact, err := rounded(2, sq.HalfUp)(c.Score())
	if err != nil || !score.Equal(d("-8.95")) || exact {
		t.Errorf("Score = %s, %v, %v; want -8.95, inexact", score, exact, err)
	}
	margin, err := c.Margin(d("0.95"), prec(2, sq.HalfUp))
	if err != nil || !margin.Equal(d("4.39")) {
		t.Errorf("Margin(0.95) = %s, %v; want 4.39", margin, err)
	}
	se, err := c.StdErr(prec(4, sq.HalfUp))
	if err != nil || !se.Equal(d("2.2387")) {
		t.Errorf("StdErr = %s, %v; want 2.2387", se, err)
	}
	// Variance p + d − (p − d)², exactly: 686/1162 − (104/1162)² = 0.58235104…
	v, exact, err := rounded(6, sq.HalfUp)(c.Variance())
	if err != nil || !v.Equal(d("0.582351")) || exact {
		t.Errorf("Variance = %s, %v, %v; want 0.582351, inexact", v, exact, err)
	}
	m99, _ := c.Margin(d("0.99"), prec(2, sq.HalfUp))
	if !m99.GreaterThan(margin) {
		t.Errorf("Margin(0.99) = %s is not wider than Margin(0.95) = %s", m99, margin)
	}
}

func TestClassicScore(t *testing.T) {
	tests := []struct {
		answers []int
		cuts    survey.ClassicCuts
		want    string
		reason  string
	}{
		{[]int{10, 9, 8, 7, 6, 0}, survey.ClassicCuts{}, "0", "zero cuts mean 9–10 / 0–6: 2 promoters, 2 detractors"},
		{[]int{10, 10, 10}, survey.ClassicCuts{}, "100", "all promoters"},
		{[]int{0, 3, 6}, survey.ClassicCuts{}, "-100", "all detractors"},
		{[]int{8, 7, 7, 9}, survey.ClassicCuts{}, "25", "passives count in the total only"},
		{[]int{8, 7, 7, 9}, survey.ClassicCuts{DetractorMax: 6, PromoterMin: 8}, "50", "promoters from 8"},
		{[]int{7, 5}, survey.ClassicCuts{DetractorMax: 7, PromoterMin: 10}, "-100", "detractors up to 7"},
	}
	for _, tt := range tests {
		c := must(survey.ClassicNPSFromAnswers(tt.answers, tt.cuts))
		got, _, err := rounded(2, sq.HalfUp)(c.Score())
		if err != nil || !got.Equal(d(tt.want)) {
			t.Errorf("Score(%v, %+v) = %s, %v; want %s (%s)", tt.answers, tt.cuts, got, err, tt.want, tt.reason)
		}
	}
	c := must(survey.ClassicNPSFromAnswers([]int{10, 8, 2, 2}, survey.ClassicCuts{DetractorMax: 6, PromoterMin: 9}))
	if p, q, d := c.Counts(); p != 1 || q != 1 || d != 2 || c.Total() != 4 {
		t.Errorf("groups = %d/%d/%d, want 1/1/2", p, q, d)
	}
}

func TestClassicErrors(t *testing.T) {
	cuts := []struct {
		cuts   survey.ClassicCuts
		reason string
	}{
		{survey.ClassicCuts{DetractorMax: 6, PromoterMin: 6}, "cuts overlap"},
		{survey.ClassicCuts{DetractorMax: -1, PromoterMin: 9}, "negative detractor cut"},
		{survey.ClassicCuts{DetractorMax: 6, PromoterMin: 11}, "promoter cut above 10"},
		{survey.ClassicCuts{DetractorMax: 6}, "promoter cut missing"},
	}
	for _, tt := range cuts {
		_, err := survey.ClassicNPSFromAnswers([]int{5}, tt.cuts)
		wantErr(t, tt.reason, err, survey.ErrInvalidSetting)
	}
	_, err := survey.ClassicNPSFromAnswers([]int{10, 11}, survey.ClassicCuts{})
	wantErr(t, "answer 11", err, survey.ErrInvalidAnswer)
	if err != nil && err.Error() != "survey: answers[2] 11: classic NPS answers are 0–10: invalid answer" {
		t.Errorf("message = %q", err)
	}
	_, err = survey.ClassicNPSFromAnswers([]int{-1}, survey.ClassicCuts{})
	wantErr(t, "answer -1", err, survey.ErrInvalidAnswer)
	_, err = survey.NewClassicNPS(1, -2, 3)
	wantErr(t, "negative passives", err, survey.ErrInvalidCount)
	var empty survey.ClassicNPS
	_, _, err = rounded(2, sq.HalfUp)(empty.Score())
	wantErr(t, "score of the zero value", err, survey.ErrEmpty)
	_, err = empty.Margin(d("0.95"), prec(2, sq.HalfUp))
	wantErr(t, "margin of the zero value", err, survey.ErrEmpty)
	_, _, err = rounded(2, sq.HalfUp)(mapToFive(empty))
	wantErr(t, "mapping of the zero value", err, survey.ErrEmpty)
	c := must(survey.NewClassicNPS(1, 1, 1))
	_, err = c.Margin(d("1.5"), prec(2, sq.HalfUp))
	wantErr(t, "level 1.5", err, survey.ErrInvalidSetting)
	_, err = c.StdErr(prec(2, sq.Rounding(3)))
	wantErr(t, "unknown rounding", err, sq.ErrInvalid)
}

// Two periods of the worked example's size; expected values from an independent float computation
// (Python, statistics.NormalDist): difference 7.9174, SE 3.2068, z 2.4689, p 0.0136.
func TestCompareClassic(t *testing.T) {
	before := must(survey.NewClassicNPS(291, 476, 395))
	after := must(survey.NewClassicNPS(350, 450, 362))
	got, err := survey.CompareClassic(before, after, prec(4, sq.HalfUp))
	// The difference is exact: 100 × (−12/1162 + 104/1162) = 4600/581 = 7.9174 at 4 places.
	want := survey.ClassicChange{Difference: must(sq.Ratio(4600, 581)), StdErr: d("3.2068"), Z: d("2.4689"),
		PValue: d("0.0136")}
	if diff := cmp.Diff(want, got); err != nil || diff != "" {
		t.Errorf("CompareClassic() mismatch (-want +got), error %v:\n%s", err, diff)
	}
	back, _ := survey.CompareClassic(after, before, prec(4, sq.HalfUp))
	if !back.Difference.Equal(sq.Fraction{}.Sub(got.Difference)) || !back.Z.Equal(got.Z.Neg()) || !back.PValue.Equal(got.PValue) {
		t.Errorf("swapping the periods gave %+v, want the negated difference and z, the same p", back)
	}
	same, err := survey.CompareClassic(before, before, prec(4, sq.HalfUp))
	if err != nil || !same.Z.IsZero() || !same.PValue.Equal(d("1")) {
		t.Errorf("comparing a sample with itself = %+v, %v; want z 0, p 1", same, err)
	}
	allPromoters := must(survey.NewClassicNPS(5, 0, 0))
	allDetractors := must(survey.NewClassicNPS(0, 0, 7))
	_, err = survey.CompareClassic(allPromoters, allDetractors, prec(4, sq.HalfUp))
	wantErr(t, "zero variance on both sides", err, survey.ErrUndefined)
	_, err = survey.CompareClassic(survey.ClassicNPS{}, after, prec(4, sq.HalfUp))
	wantErr(t, "empty before", err, survey.ErrEmpty)
	_, err = survey.CompareClassic(before, survey.ClassicNPS{}, prec(4, sq.HalfUp))
	wantErr(t, "empty after", err, survey.ErrEmpty)
}

// The explicit classic → 5-point mapping: (score + 100) / 40.
func TestMapClassicToFivePoints(t *testing.T) {
	tests := []struct {
		p, q, dd int64
		want     string
		exact    bool
		reason   string
	}{
		{0, 0, 4, "0", true, "−100 maps to 0"},
		{2, 1, 2, "2.5", true, "0 maps to 2.5"},
		{3, 0, 0, "5", true, "+100 maps to 5"},
		{291, 476, 395, "2.2762", false, "worked example: (−8.95… + 100) / 40 = 2645/1162"},
	}
	for _, tt := range tests {
		got, exact, err := rounded(4, sq.HalfUp)(mapToFive(must(survey.NewClassicNPS(tt.p, tt.q, tt.dd))))
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("MapClassicToFivePoints(%d/%d/%d) = %s, %v, %v; want %s, %v (%s)", tt.p, tt.q, tt.dd, got, exact,
				err, tt.want, tt.exact, tt.reason)
		}
	}
}

// SPEC R15: the classic score lies within [−100, 100], its mapping within [0, 5] and equal to (score + 100) / 40,
// the variance within [0, 1]; tallies merge.
func TestClassicProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := surveytest.ClassicNPS(100_000).Filter(func(c survey.ClassicNPS) bool { return c.Total() != 0 }).Draw(t, "c")
		score, scoreExact, err := rounded(sq.MaxPlaces, sq.HalfUp)(c.Score())
		if err != nil {
			t.Fatal(err)
		}
		if score.LessThan(decimal.NewFromInt(-100)) || score.GreaterThan(decimal.NewFromInt(100)) {
			t.Fatalf("Score %s outside [−100, 100]", score)
		}
		pts, ptsExact, _ := rounded(sq.MaxPlaces, sq.HalfUp)(mapToFive(c))
		if pts.Sign() < 0 || pts.GreaterThan(decimal.NewFromInt(5)) {
			t.Fatalf("mapping %s outside [0, 5]", pts)
		}
		// Exact reference with big.Rat: (100(P−D)/n + 100) / 40.
		n := c.Total()
		p, _, dt := c.Counts()
		ref := new(big.Rat).Add(big.NewRat(100*(p-dt), n), big.NewRat(100, 1))
		ref.Quo(ref, big.NewRat(40, 1))
		if scoreExact && ptsExact && pts.Rat().Cmp(ref) != 0 {
			t.Fatalf("mapping %s ≠ (score %s + 100) / 40", pts, score)
		}
		v, _, _ := rounded(6, sq.HalfUp)(c.Variance())
		if v.Sign() < 0 || v.GreaterThan(decimal.NewFromInt(1)) {
			t.Fatalf("Variance %s outside [0, 1]", v)
		}
		m, err := c.Margin(d("0.95"), prec(6, sq.HalfUp))
		if err != nil || m.Sign() < 0 {
			t.Fatalf("Margin = %s, %v", m, err)
		}
	})
}

func TestClassicMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOf(rapid.IntRange(0, 10)).Draw(t, "answers")
		cut := rapid.IntRange(0, len(answers)).Draw(t, "cut")
		a := must(survey.ClassicNPSFromAnswers(answers[:cut], survey.ClassicCuts{}))
		b := must(survey.ClassicNPSFromAnswers(answers[cut:], survey.ClassicCuts{}))
		whole := must(survey.ClassicNPSFromAnswers(answers, survey.ClassicCuts{}))
		ab, err := a.Merge(b)
		ba, _ := b.Merge(a)
		if err != nil || !ab.Equal(whole) || !ba.Equal(whole) {
			t.Fatalf("merge of parts = %+v, %v; want %+v", ab, err, whole)
		}
	})
}

// SPEC R12, R15: the two NPS kinds can never pass for each other. No metric type converts to another, and the
// classic NPS has no 5-point or percentage method that an interface could share with the yes/no NPS.
func TestNPSKindsAreDistinct(t *testing.T) {
	types := []reflect.Type{
		reflect.TypeOf(survey.Share{}), reflect.TypeOf(survey.ClassicNPS{}), reflect.TypeOf(survey.CSI{}),
		reflect.TypeOf(survey.Share{}), reflect.TypeOf(survey.CES{}), reflect.TypeOf(survey.Share{}),
		reflect.TypeOf(survey.Share{}),
	}
	for _, a := range types {
		for _, b := range types {
			if a != b && a.ConvertibleTo(b) {
				t.Errorf("%v converts to %v", a, b)
			}
		}
	}
	classic := reflect.TypeOf(survey.ClassicNPS{})
	for _, name := range []string{"Points", "Percent", "FivePoint", "Hits"} {
		if _, ok := classic.MethodByName(name); ok {
			t.Errorf("ClassicNPS has a method %s, which the yes/no NPS also has", name)
		}
	}
	share := reflect.TypeOf(survey.Share{})
	for _, name := range []string{"Score", "Promoters", "Detractors", "Margin"} {
		if _, ok := share.MethodByName(name); ok {
			t.Errorf("Share has a method %s of the classic NPS", name)
		}
	}
	// The 5-point index the ratings take is reachable from the yes/no NPS, but not from the classic NPS.
	pointer := reflect.TypeOf((*interface {
		Points() (sq.Fraction, error)
	})(nil)).Elem()
	if !share.Implements(pointer) || classic.Implements(pointer) {
		t.Error("only Share should offer Points")
	}
}
