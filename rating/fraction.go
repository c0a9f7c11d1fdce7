package rating

import (
	"math/big"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Rounding is a rule for dropping digits; it is the module's shared rounding type, named here so callers of this
// package need no other import.
type Rounding = dec.Rounding

// The rounding rules.
const (
	// HalfUp rounds to the nearest value, ties away from zero: 4.45 → 4.5.
	HalfUp = dec.HalfUp
	// HalfEven rounds to the nearest value, ties to the even digit: 4.45 → 4.4, 4.55 → 4.6.
	HalfEven = dec.HalfEven
	// Down drops the digits: 4.49 → 4.4.
	Down = dec.Down
)

// Precision of the decimals this package hands out. Every rating is computed exactly (as a Fraction) and divided
// once, at the end, by one of these two rules; no intermediate step rounds.
const (
	// StoredPlaces is the number of digits after the point of a stored value (Fraction.Decimal, Rating.Value):
	// enough to sort, store and compare ratings, rounded by StoredRounding.
	StoredPlaces int32 = 10
	// StoredRounding is half-even, so that stored values carry no bias up or down on average.
	StoredRounding = HalfEven
	// DisplayPlaces is the number of digits after the point of a displayed value (Fraction.Display,
	// Rating.Display): one decimal, as the map platforms show a rating (4.7).
	DisplayPlaces int32 = 1
	// DisplayRounding is half-up, the rule people expect on a report: an exact 4.45 is shown as 4.5.
	DisplayRounding = HalfUp
)

// Fraction is an exact non-negative rational value, such as the mean 13/3 of the call totals 4, 4.5 and 4.5, that
// may have no finite decimal form. Ratings are kept as fractions so that a mean of means, or a weighted mean of
// means, is still exact; decimals are produced only at the end, by Decimal (stored value) or Display.
//
// The zero Fraction is 0. A Fraction is an immutable value, safe for concurrent use.
type Fraction struct {
	r *big.Rat // never mutated after construction; nil means 0
}

// FractionOf returns the exact fraction equal to d.
func FractionOf(d decimal.Decimal) Fraction {
	if d.IsZero() {
		return Fraction{}
	}
	return Fraction{r: d.Rat()}
}

// NewFraction returns num/den. Both are checked against the module's decimal limits; num must not be negative and
// den must be positive. Errors wrap ErrOutOfRange or ErrLimit.
func NewFraction(num, den decimal.Decimal) (Fraction, error) {
	for _, x := range []decimal.Decimal{num, den} {
		if err := dec.Check(x); err != nil {
			return Fraction{}, errorf("fraction %s/%s: %w", num, den, err)
		}
	}
	if num.Sign() < 0 || den.Sign() <= 0 {
		return Fraction{}, errorf("fraction %s/%s: the numerator must be at least 0 and the denominator above 0: %w",
			num, den, ErrOutOfRange)
	}
	return Fraction{r: new(big.Rat).Quo(num.Rat(), den.Rat())}, nil
}

var ratZero = new(big.Rat)

// rat returns the value as a big.Rat that must not be modified.
func (f Fraction) rat() *big.Rat {
	if f.r == nil {
		return ratZero
	}
	return f.r
}

// Rat returns the value as a new big.Rat, which the caller may modify.
func (f Fraction) Rat() *big.Rat { return new(big.Rat).Set(f.rat()) }

// MaxPlaces is the largest number of digits after the point a Fraction is rounded to.
const MaxPlaces int32 = dec.MaxScale

// checkPrecision reports an error wrapping ErrInvalidPrecision unless places is within 0–MaxPlaces and r is a
// known rule.
func checkPrecision(places int32, r Rounding) error {
	if places < 0 || places > MaxPlaces {
		return errorf("places %d: 0–%d allowed: %w", places, MaxPlaces, ErrInvalidPrecision)
	}
	if !r.Valid() {
		return errorf("rounding %d is not one of half-up, half-even, down: %w", uint8(r), ErrInvalidPrecision)
	}
	return nil
}

// Round returns the value rounded to places digits after the point by rule r. Places outside 0–MaxPlaces (18) or
// an unknown rule are an error wrapping ErrInvalidPrecision: a negative places would round to tens or hundreds,
// and a huge one would cost time for digits no decimal of this module can hold.
func (f Fraction) Round(places int32, r Rounding) (decimal.Decimal, error) {
	if err := checkPrecision(places, r); err != nil {
		return decimal.Decimal{}, err
	}
	return f.round(places, r), nil
}

// round rounds by a precision already checked.
func (f Fraction) round(places int32, r Rounding) decimal.Decimal {
	x := f.rat()
	if x.Sign() == 0 {
		return decimal.Decimal{}
	}
	q, _ := dec.RoundRat(x, places, r)
	return q
}

// Decimal returns the stored value: rounded to StoredPlaces (10) digits after the point, half-even.
func (f Fraction) Decimal() decimal.Decimal { return f.round(StoredPlaces, StoredRounding) }

// Display returns the value as shown to people: one digit after the point, half-up, rounded once from the exact
// value (so 4.4499… shows as 4.4, never 4.5 through a rounded intermediate).
func (f Fraction) Display() decimal.Decimal { return f.round(DisplayPlaces, DisplayRounding) }

// Exact returns the value as a decimal and true when it has a finite decimal form (its reduced denominator has no
// prime factor but 2 and 5), and the stored value and false otherwise.
func (f Fraction) Exact() (decimal.Decimal, bool) {
	den := new(big.Int).Set(f.rat().Denom())
	var twos, fives int32
	for den.Bit(0) == 0 {
		den.Rsh(den, 1)
		twos++
	}
	five, q, r := big.NewInt(5), new(big.Int), new(big.Int)
	for {
		q.QuoRem(den, five, r)
		if r.Sign() != 0 {
			break
		}
		den.Set(q)
		fives++
	}
	if !den.IsInt64() || den.Int64() != 1 {
		return f.Decimal(), false
	}
	return f.round(max(twos, fives), Down), true
}

// Float64 returns the nearest float64, for analytics and charts only.
func (f Fraction) Float64() float64 {
	v, _ := f.rat().Float64()
	return v
}

// Cmp returns -1, 0 or +1 as f is less than, equal to or greater than g, comparing the exact values.
func (f Fraction) Cmp(g Fraction) int { return f.rat().Cmp(g.rat()) }

// Equal reports whether f and g are the same exact value.
func (f Fraction) Equal(g Fraction) bool { return f.Cmp(g) == 0 }

// IsZero reports whether the value is 0.
func (f Fraction) IsZero() bool { return f.rat().Sign() == 0 }

// String returns the stored value (Decimal) as text, for logs and debugging, with no trailing zeros whatever
// decimal.TrimTrailingZeros says.
func (f Fraction) String() string { return decText(f.Decimal()) }

// RatString returns the exact value as "num/den" in lowest terms, or "num" when the denominator is 1.
func (f Fraction) RatString() string { return f.rat().RatString() }

// Arithmetic used inside the package; each returns a new value.

func fracAdd(a, b Fraction) Fraction { return Fraction{r: new(big.Rat).Add(a.rat(), b.rat())} }
func fracMul(a, b Fraction) Fraction { return Fraction{r: new(big.Rat).Mul(a.rat(), b.rat())} }

// fracQuo returns a/b; b must not be zero.
func fracQuo(a, b Fraction) Fraction { return Fraction{r: new(big.Rat).Quo(a.rat(), b.rat())} }

func fracInt(n int64) Fraction {
	if n == 0 {
		return Fraction{}
	}
	return Fraction{r: new(big.Rat).SetInt64(n)}
}
