// Package round holds the rounding arithmetic of the module: exact rounding of rationals to a number of decimal
// places by a rule, and the plain text of a decimal. It depends on nothing of the module, so both sq and the
// internal helpers use it. Rules are the numbers of sq.Rounding: 0 half-up, 1 half-even, 2 down.
package round

import (
	"math"
	"math/big"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"
)

const (
	halfUp uint8 = iota
	halfEven
	down
)

// Rat returns the rational x rounded to places digits after the point by rule r (0 half-up, 1 half-even, 2 down),
// and whether x had no more digits than places (so nothing was dropped).
func Rat(x *big.Rat, places int32, r uint8) (q decimal.Decimal, exact bool) {
	if q, exact, ok := roundSmall(x, places, r); ok {
		return q, exact
	}
	return roundBig(x, places, r)
}

// Decimal returns d rounded to places digits after the point by rule r, and whether nothing was dropped. A value
// that already has no more digits is returned unchanged.
func Decimal(d decimal.Decimal, places int32, r uint8) (decimal.Decimal, bool) {
	if d.Exponent() >= -places {
		return d, true
	}
	var q decimal.Decimal
	switch r {
	case halfEven:
		q = d.RoundBank(places)
	case down:
		q = d.Truncate(places)
	default:
		q = d.Round(places)
	}
	return q, q.Equal(d)
}

// Text returns d in plain decimal notation without trailing zeros after the point ("5", "0.5", "-12.25"),
// whatever decimal.TrimTrailingZeros says.
func Text(d decimal.Decimal) string {
	s := d.String()
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// pow10 returns 10^n for 0 ≤ n ≤ 18.
func pow10(n int32) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// roundBig is RoundRat in big integers.
func roundBig(x *big.Rat, places int32, r uint8) (q decimal.Decimal, exact bool) {
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
	case down:
		return full.Truncate(places), false
	case halfEven:
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
func roundSmall(x *big.Rat, places int32, r uint8) (q decimal.Decimal, exact, ok bool) {
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
	hi, lo := bits.Mul64(un, uint64(pow10(places)))
	if hi >= uint64(d) {
		return decimal.Decimal{}, false, false
	}
	quo, rem := bits.Div64(hi, lo, uint64(d))
	if rem != 0 {
		switch half := uint64(d) - rem; r {
		case halfEven:
			if rem > half || (rem == half && quo%2 == 1) {
				quo++
			}
		case down:
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
