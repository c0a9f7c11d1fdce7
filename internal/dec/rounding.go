package dec

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Rounding is a rule for dropping digits. The zero value is HalfUp.
type Rounding uint8

const (
	// HalfUp rounds to the nearest value and ties away from zero: 4.45 → 4.5, −4.45 → −4.5.
	// It is the rule people expect on a report and the default of this module.
	HalfUp Rounding = iota
	// HalfEven rounds to the nearest value and ties to the even digit (banker's rounding): 4.45 → 4.4, 4.55 → 4.6.
	HalfEven
	// Down drops the digits (rounds toward zero): 4.49 → 4.4, −4.49 → −4.4.
	Down
)

var roundingNames = [...]string{HalfUp: "half-up", HalfEven: "half-even", Down: "down"}

// String returns "half-up", "half-even" or "down".
func (r Rounding) String() string {
	if int(r) < len(roundingNames) {
		return roundingNames[r]
	}
	return fmt.Sprintf("Rounding(%d)", uint8(r))
}

// Valid reports whether r is one of the defined rules.
func (r Rounding) Valid() bool { return int(r) < len(roundingNames) }

// MarshalText writes the name of the rule.
func (r Rounding) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("rounding %d is not one of half-up, half-even, down: %w", uint8(r), ErrSyntax)
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads "half-up", "half-even" or "down".
func (r *Rounding) UnmarshalText(b []byte) error {
	for i, n := range roundingNames {
		if string(b) == n {
			*r = Rounding(i)
			return nil
		}
	}
	if len(b) > MaxText {
		b = append(b[:MaxText:MaxText], "..."...)
	}
	return fmt.Errorf("rounding %q is not one of half-up, half-even, down: %w", b, ErrSyntax)
}

// Round rounds d to places digits after the point by rule r. A value that already has no more digits is returned
// unchanged, so rounding an exact result never alters it.
func (r Rounding) Round(d decimal.Decimal, places int32) decimal.Decimal {
	if d.Exponent() >= -places {
		return d
	}
	switch r {
	case HalfEven:
		return d.RoundBank(places)
	case Down:
		return d.Truncate(places)
	default:
		return d.Round(places)
	}
}

// Quo returns a / b rounded to places digits after the point by rule r, and whether the quotient is exact (had no
// more digits than places). It never consults decimal.DivisionPrecision. b must not be zero: Quo panics on a zero
// divisor, as integer division does, so callers check first.
func Quo(a, b decimal.Decimal, places int32, r Rounding) (q decimal.Decimal, exact bool) {
	if b.IsZero() {
		panic("dec: division by zero")
	}
	return RoundRat(new(big.Rat).Quo(a.Rat(), b.Rat()), places, r)
}

// RoundRat returns the rational x rounded to places digits after the point by rule r, and whether x had no more
// digits than places (so nothing was dropped).
func RoundRat(x *big.Rat, places int32, r Rounding) (q decimal.Decimal, exact bool) {
	if q, exact, ok := roundSmall(x, places, r); ok {
		return q, exact
	}
	return roundBig(x, places, r)
}

// roundBig is RoundRat in big integers.
func roundBig(x *big.Rat, places int32, r Rounding) (q decimal.Decimal, exact bool) {
	ten := big.NewInt(10)
	// quo = x·10^(places+1) truncated toward zero: one digit beyond places decides the rounding, rem whether
	// anything lies beyond that digit.
	num := new(big.Int).Mul(x.Num(), new(big.Int).Exp(ten, big.NewInt(int64(places)+1), nil))
	quo, rem := new(big.Int).QuoRem(num, x.Denom(), new(big.Int))
	last := new(big.Int).Rem(quo, ten)
	full := decimal.NewFromBigInt(quo, -(places + 1))
	if last.Sign() == 0 && rem.Sign() == 0 {
		return full.Truncate(places), true
	}
	switch r {
	case Down:
		return full.Truncate(places), false
	case HalfEven:
		// The dropped digit alone decides unless it is 5 with more beyond it: then it is above the tie.
		if rem.Sign() != 0 && last.CmpAbs(big.NewInt(5)) == 0 {
			return roundAway(full, places), false
		}
		return full.RoundBank(places), false
	default:
		return full.Round(places), false
	}
}

// roundAway rounds d (with exactly places+1 digits after the point) away from zero.
func roundAway(d decimal.Decimal, places int32) decimal.Decimal {
	t := d.Truncate(places)
	step := decimal.New(1, -places)
	if d.Sign() < 0 {
		return t.Sub(step)
	}
	return t.Add(step)
}

// roundSmall is RoundRat for a fraction whose numerator and denominator fit an int64 and whose scaled quotient
// fits 128 bits, in machine integers; ok is false when it does not apply.
func roundSmall(x *big.Rat, places int32, r Rounding) (q decimal.Decimal, exact, ok bool) {
	num, den := x.Num(), x.Denom()
	if !num.IsInt64() || !den.IsInt64() || places < 0 || places > 18 {
		return decimal.Decimal{}, false, false
	}
	n, d := num.Int64(), den.Int64() // d > 0
	neg := n < 0
	un := uint64(n)
	if neg {
		un = uint64(-n) // -MinInt64 wraps to 2^63, its magnitude
	}
	hi, lo := bits.Mul64(un, uint64(pow10[places]))
	if hi >= uint64(d) {
		return decimal.Decimal{}, false, false
	}
	quo, rem := bits.Div64(hi, lo, uint64(d))
	if rem != 0 {
		switch half := uint64(d) - rem; r {
		case HalfEven:
			if rem > half || (rem == half && quo%2 == 1) {
				quo++
			}
		case Down:
		default:
			if rem >= half {
				quo++
			}
		}
	}
	if quo > math.MaxInt64 {
		return decimal.Decimal{}, false, false
	}
	v := int64(quo)
	if neg {
		v = -v
	}
	return decimal.New(v, -places), rem == 0, true
}
