package rating_test

import (
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// shrunk returns the call-quality rating of the totals under the shrinkage prior and strength: a rater that
// weighs the calls alone.
func shrunk(t tb, prior, strength decimal.Decimal, totals ...string) (sq.Fraction, error) {
	t.Helper()
	s := rating.DefaultPersonalSettings()
	s.SurveyWeight, s.ShrinkPrior, s.ShrinkStrength = decimal.Zero, prior, strength
	r, err := rating.NewPersonalRater(s)
	if err != nil {
		return sq.Fraction{}, err
	}
	p, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), totals...)})
	if err != nil {
		return sq.Fraction{}, err
	}
	c, _ := p.Component("calls")
	return c, nil
}

// TestShrinkage pins (m·C + Σx)/(m + n) on hand-computed values.
func TestShrinkage(t *testing.T) {
	tests := []struct {
		prior, strength string
		values          []string
		want            string
		err             error
		reason          string
	}{
		{"0", "0", []string{"4", "5"}, "9/2", nil, "zero shrinkage is the plain mean"},
		{"4", "3", []string{"5"}, "17/4", nil, "(3·4 + 5)/(3 + 1)"},
		{"4.2", "2.5", []string{"5", "5", "3"}, "47/11", nil, "(2.5·4.2 + 13)/5.5 = 23.5/5.5"},
		{"4", "3", nil, "", rating.ErrEmpty, "a prior alone is not a rating"},
		{"6", "1", []string{"5"}, "", sq.ErrInvalid, "prior above 5"},
		{"4", "-1", []string{"5"}, "", sq.ErrInvalid, "negative strength"},
		{"4", "1", []string{"5", "7"}, "", rating.ErrOutOfRange, "value above 5"},
	}
	for _, tt := range tests {
		got, err := shrunk(t, d(tt.prior), d(tt.strength), tt.values...)
		wantErr(t, err, tt.err, tt.reason)
		if err == nil && got.Rat().RatString() != tt.want {
			t.Errorf("%s: call rating = %s, want %s", tt.reason, got.Rat().RatString(), tt.want)
		}
	}
}

// TestShrinkageBetweenPriorAndMean: the shrinkage mean lies between the prior and the plain mean, and equals the
// plain mean when m = 0.
func TestShrinkageBetweenPriorAndMean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) string { return genScore(t, "x").String() }), 1, 20).Draw(t, "values")
		prior, strength := genScore(t, "prior"), genWeight(t, "m")
		got, err := shrunk(t, prior, strength, vs...)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := shrunk(t, decimal.Zero, decimal.Zero, vs...)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := sq.FractionOf(prior), plain
		if lo.Cmp(hi) > 0 {
			lo, hi = hi, lo
		}
		if got.Cmp(lo) < 0 || got.Cmp(hi) > 0 {
			t.Fatalf("shrinkage mean %s outside [%s, %s]", got.Rat().RatString(), lo.Rat().RatString(), hi.Rat().RatString())
		}
		if strength.IsZero() && !got.Equal(plain) {
			t.Fatalf("m = 0 gave %s, plain mean %s", got.Rat().RatString(), plain.Rat().RatString())
		}
	})
}
