package rating_test

import (
	"math/big"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestFractionRounding pins the documented rounding rules: stored values half-even at 10 places, displayed values
// half-up at one place, each rounded once from the exact value.
func TestFractionRounding(t *testing.T) {
	tests := []struct {
		num, den int64
		stored   string
		display  string
		reason   string
	}{
		{13, 3, "4.3333333333", "4.3", "repeating third"},
		{89, 20, "4.45", "4.5", "exact 4.45 shows half-up as 4.5"},
		{-0, 1, "0", "0", "zero"},
		{5, 1, "5", "5", "maximum"},
		{44_999_999_999, 10_000_000_000, "4.4999999999", "4.5", "4.4999999999 rounds up at one place"},
		{412_345_678_905, 100_000_000_000, "4.123456789", "4.1", "tie at the 11th place goes to the even 0"},
		{412_345_678_915, 100_000_000_000, "4.1234567892", "4.1", "tie at the 11th place goes to the even 2"},
		{4_449_999_999_999_9, 1_000_000_000_000_0, "4.45", "4.4", "stored 4.45 (half-even) but the exact value displays 4.4"},
		{1, 20_000_000_000, "0", "0", "half a unit of the 10th place, half-even goes to 0"},
		{3, 20_000_000_000, "0.0000000002", "0", "one and a half units, half-even goes to 2"},
	}
	for _, tt := range tests {
		f := frac(t, tt.num, tt.den)
		if got := f.Decimal().String(); got != tt.stored {
			t.Errorf("%s: Decimal() = %s, want %s", tt.reason, got, tt.stored)
		}
		if got := f.Display().String(); got != tt.display {
			t.Errorf("%s: Display() = %s, want %s", tt.reason, got, tt.display)
		}
	}
}

func TestFractionExact(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
		exact    bool
		reason   string
	}{
		{9, 2, "4.5", true, "halves terminate"},
		{1, 80, "0.0125", true, "2^4·5 terminates"},
		{13, 3, "4.3333333333", false, "thirds do not"},
		{7, 7, "1", true, "reduces to an integer"},
	}
	for _, tt := range tests {
		got, exact := frac(t, tt.num, tt.den).Exact()
		if got.String() != tt.want || exact != tt.exact {
			t.Errorf("%s: Exact() = %s, %v; want %s, %v", tt.reason, got, exact, tt.want, tt.exact)
		}
	}
}

func TestNewFractionErrors(t *testing.T) {
	tests := []struct {
		num, den decimal.Decimal
		want     error
		reason   string
	}{
		{d("1"), d("0"), rating.ErrOutOfRange, "zero denominator"},
		{d("-1"), d("2"), rating.ErrOutOfRange, "negative numerator"},
		{d("1"), d("-2"), rating.ErrOutOfRange, "negative denominator"},
		{decimal.New(1, 40), d("2"), rating.ErrLimit, "numerator too large"},
		{d("0"), d("3"), nil, "zero numerator"},
	}
	for _, tt := range tests {
		_, err := rating.NewFraction(tt.num, tt.den)
		wantErr(t, err, tt.want, tt.reason)
	}
}

// TestFractionMatchesRat checks Round against big.Rat: never more than half a unit away, and the zero Fraction
// behaves as 0.
func TestFractionMatchesRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.Int64Range(0, 1e12).Draw(t, "num")
		den := rapid.Int64Range(1, 1e12).Draw(t, "den")
		places := rapid.Int32Range(0, 12).Draw(t, "places")
		f := frac(t, num, den)
		got, err := f.Round(places, rating.HalfUp)
		if err != nil {
			t.Fatal(err)
		}
		scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
		diff := new(big.Rat).Sub(got.Rat(), big.NewRat(num, den))
		diff.Mul(diff, scale)
		if diff.Abs(diff).Cmp(big.NewRat(1, 2)) > 0 {
			t.Fatalf("Round(%d) of %d/%d = %s, more than half a unit away", places, num, den, got)
		}
	})
	var zero rating.Fraction
	if !zero.IsZero() || !zero.Decimal().IsZero() || zero.RatString() != "0" || !zero.Equal(frac(t, 0, 5)) {
		t.Errorf("zero Fraction is not 0: %s", zero.RatString())
	}
}
