package rating_test

import (
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestShrinkage pins (m·C + Σx)/(m + n) on hand-computed values.
func TestShrinkage(t *testing.T) {
	tests := []struct {
		s      rating.Shrinkage
		values []string
		want   string
		err    error
		reason string
	}{
		{rating.Shrinkage{}, []string{"4", "5"}, "9/2", nil, "zero shrinkage is the plain mean"},
		{rating.Shrinkage{Prior: d("4"), Strength: d("3")}, []string{"5"}, "17/4", nil, "(3·4 + 5)/(3 + 1)"},
		{rating.Shrinkage{Prior: d("4.2"), Strength: d("2.5")}, []string{"5", "5", "3"}, "47/11", nil, "(2.5·4.2 + 13)/5.5 = 23.5/5.5"},
		{rating.Shrinkage{Prior: d("4"), Strength: d("3")}, nil, "", rating.ErrEmpty, "a prior alone is not a rating"},
		{rating.Shrinkage{Prior: d("6"), Strength: d("1")}, []string{"5"}, "", rating.ErrInvalidSetting, "prior above 5"},
		{rating.Shrinkage{Prior: d("4"), Strength: d("-1")}, []string{"5"}, "", rating.ErrInvalidSetting, "negative strength"},
		{rating.Shrinkage{Prior: d("4"), Strength: d("1")}, []string{"5", "7"}, "", rating.ErrOutOfRange, "value above 5"},
	}
	for _, tt := range tests {
		var vs []decimal.Decimal
		for _, v := range tt.values {
			vs = append(vs, d(v))
		}
		got, err := tt.s.Mean(vs)
		wantErr(t, err, tt.err, tt.reason)
		if err == nil && got.RatString() != tt.want {
			t.Errorf("%s: Mean = %s, want %s", tt.reason, got.RatString(), tt.want)
		}
	}
}

// TestShrinkageBetweenPriorAndMean: the shrinkage mean lies between the prior and the plain mean, and equals the
// plain mean when m = 0.
func TestShrinkageBetweenPriorAndMean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) decimal.Decimal { return genScore(t, "x") }), 1, 20).Draw(t, "values")
		s := rating.Shrinkage{Prior: genScore(t, "prior"), Strength: genWeight(t, "m")}
		got, err := s.Mean(vs)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := rating.Shrinkage{}.Mean(vs)
		if err != nil {
			t.Fatal(err)
		}
		prior := rating.FractionOf(s.Prior)
		lo, hi := prior, plain
		if lo.Cmp(hi) > 0 {
			lo, hi = hi, lo
		}
		if got.Cmp(lo) < 0 || got.Cmp(hi) > 0 {
			t.Fatalf("shrinkage mean %s outside [%s, %s]", got.RatString(), lo.RatString(), hi.RatString())
		}
		if s.Strength.IsZero() && !got.Equal(plain) {
			t.Fatalf("m = 0 gave %s, plain mean %s", got.RatString(), plain.RatString())
		}
	})
}
