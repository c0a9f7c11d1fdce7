package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R12, R13: NPS is the percentage of "yes" answers; points = percent / 20.
func TestRecommendShareSeedR12R13(t *testing.T) {
	tests := []struct {
		yes, total int64
		places     int32
		r          sq.Rounding
		percent    string
		points     string
		exact      bool
		reason     string
	}{
		{9, 10, 2, sq.HalfUp, "90", "4.5", true, "source: 90% = 4.5"},
		{10, 10, 2, sq.HalfUp, "100", "5", true, "source: 100% = 5"},
		{0, 7, 2, sq.HalfUp, "0", "0", true, "source: 0 of n = 0"},
		{1, 2, 0, sq.HalfUp, "50", "3", false, "2.5 points at 0 places rounds half up to 3"},
		{1, 2, 0, sq.HalfEven, "50", "2", false, "2.5 points at 0 places rounds half even to 2"},
		{2, 3, 2, sq.HalfUp, "66.67", "3.33", false, "does not terminate"},
		{2, 3, 2, sq.Down, "66.66", "3.33", false, "truncated"},
		{37, 40, 4, sq.HalfUp, "92.5", "4.625", true, "terminates within the places"},
		{37, 40, 2, sq.HalfEven, "92.5", "4.62", false, "points tie to even"},
	}
	for _, tt := range tests {
		s := must(survey.NewShare(tt.yes, tt.total))
		pct, _, err := rounded(tt.places, tt.r)(s.Percent())
		if err != nil || !pct.Equal(d(tt.percent)) {
			t.Errorf("Percent(%d of %d) = %s, %v; want %s (%s)", tt.yes, tt.total, pct, err, tt.percent, tt.reason)
		}
		pts, exact, err := rounded(tt.places, tt.r)(s.Points())
		if err != nil || !pts.Equal(d(tt.points)) || exact != tt.exact {
			t.Errorf("Points(%d of %d) = %s, %v, %v; want %s, %v (%s)", tt.yes, tt.total, pts, exact, err,
				tt.points, tt.exact, tt.reason)
		}
	}
}

func TestRecommendShareFromAnswers(t *testing.T) {
	s := shareOf([]bool{true, true, false, true})
	if s.Hits() != 3 || s.Total() != 4 {
		t.Errorf("tally of 3 yes, 1 no = %d yes, %d total", s.Hits(), s.Total())
	}
	if shareOf(nil).Total() != 0 {
		t.Error("tally of no answers is not empty")
	}
}

func TestRecommendShareErrors(t *testing.T) {
	tests := []struct {
		yes, total int64
		want       error
		reason     string
	}{
		{11, 10, survey.ErrInvalidCount, "yes > total"},
		{-1, 10, survey.ErrInvalidCount, "negative yes"},
		{0, -3, survey.ErrInvalidCount, "negative total"},
		{0, survey.MaxCount + 1, sq.ErrLimit, "total above MaxCount"},
	}
	for _, tt := range tests {
		_, err := survey.NewShare(tt.yes, tt.total)
		wantErr(t, tt.reason, err, tt.want)
	}
	var empty survey.Share
	_, _, err := rounded(2, sq.HalfUp)(empty.Percent())
	wantErr(t, "Percent of the zero value", err, survey.ErrEmpty)
	_, _, err = rounded(2, sq.HalfUp)(empty.Points())
	wantErr(t, "Points of the zero value", err, survey.ErrEmpty)
	_, err = empty.Wilson(d("0.95"), 4)
	wantErr(t, "Wilson of the zero value", err, survey.ErrEmpty)

	s := must(survey.NewShare(1, 3))
	for _, p := range []int32{-1, sq.MaxPlaces + 1} {
		_, err := s.Wilson(d("0.95"), p)
		wantErr(t, "places out of range", err, survey.ErrInvalidSetting)
	}
	if _, err := shareOf([]bool{true}).Merge(must(survey.NewShare(0, survey.MaxCount))); err == nil {
		t.Error("merging past MaxCount gave no error")
	} else {
		wantErr(t, "merge past MaxCount", err, sq.ErrLimit)
	}
}

// SPEC R13: the 5-point NPS lies within [0, 5], is within half a unit of 5·yes/total, and is monotone in the share.
func TestRecommendPointsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := surveytest.Share(1000).Filter(func(s survey.Share) bool { return s.Total() != 0 }).Draw(t, "a")
		b := surveytest.Share(1000).Filter(func(s survey.Share) bool { return s.Total() != 0 }).Draw(t, "b")
		places := rapid.Int32Range(0, 6).Draw(t, "places")
		r := rapid.SampledFrom([]sq.Rounding{sq.HalfUp, sq.HalfEven, sq.Down}).Draw(t, "rounding")
		pa, _, err := rounded(places, r)(a.Points())
		if err != nil {
			t.Fatal(err)
		}
		pb, _, _ := rounded(places, r)(b.Points())
		if pa.Sign() < 0 || pa.GreaterThan(decimal.NewFromInt(5)) {
			t.Fatalf("Points %s outside [0, 5]", pa)
		}
		if !withinHalfUnit(pa, 5*a.Hits(), a.Total(), places, r == sq.Down) {
			t.Fatalf("Points %s is not 5×%d/%d rounded to %d places by %v", pa, a.Hits(), a.Total(), places, r)
		}
		// Monotone: a's share ≤ b's share ⇒ a's points ≤ b's points.
		if a.Hits()*b.Total() <= b.Hits()*a.Total() && pa.GreaterThan(pb) {
			t.Fatalf("share %d/%d ≤ %d/%d but points %s > %s", a.Hits(), a.Total(), b.Hits(), b.Total(), pa, pb)
		}
		// SPEC R13 as stated: points = percent / 20, exactly, when both are computed exactly.
		pct, pctExact, _ := rounded(sq.MaxPlaces, sq.Down)(a.Percent())
		pts, ptsExact, _ := rounded(sq.MaxPlaces, sq.Down)(a.Points())
		if pctExact && ptsExact && !pct.Equal(pts.Mul(decimal.NewFromInt(20))) {
			t.Fatalf("percent %s ≠ 20 × points %s", pct, pts)
		}
	})
}

// Tallies of parts of a sample merge to the tally of the whole; Merge is commutative and associative.
func TestRecommendShareMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOf(rapid.Bool()).Draw(t, "answers")
		i := rapid.IntRange(0, len(answers)).Draw(t, "i")
		j := rapid.IntRange(i, len(answers)).Draw(t, "j")
		x := shareOf(answers[:i])
		y := shareOf(answers[i:j])
		z := shareOf(answers[j:])
		xy, _ := x.Merge(y)
		left, _ := xy.Merge(z)
		yz, _ := y.Merge(z)
		right, _ := x.Merge(yz)
		whole := shareOf(answers)
		if !left.Equal(whole) || !right.Equal(whole) {
			t.Fatalf("(x+y)+z = %+v, x+(y+z) = %+v, whole = %+v", left, right, whole)
		}
		yx, _ := y.Merge(x)
		if !xy.Equal(yx) {
			t.Fatalf("x+y = %+v, y+x = %+v", xy, yx)
		}
		if id, _ := x.Merge(survey.Share{}); !id.Equal(x) {
			t.Fatalf("x + zero = %+v, want %+v", id, x)
		}
	})
}
