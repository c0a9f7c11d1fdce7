package dec

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// pow10 holds 10^0 … 10^18, every power of ten that fits an int64.
var pow10 = [...]int64{
	1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
	10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
	1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
}

// Pow10 returns 10^n for 0 ≤ n ≤ 18 and false otherwise.
func Pow10(n int32) (int64, bool) {
	if n < 0 || int(n) >= len(pow10) {
		return 0, false
	}
	return pow10[n], true
}

// Units returns d × 10^scale as an int64 when that product is an integer that fits an int64, and false otherwise:
// Units(0.5, 1) = 5; Units(0.55, 1) fails (not an integer number of tenths). It allocates nothing when the
// coefficient of d fits an int64, so hot paths can validate and convert a decimal in one step.
func Units(d decimal.Decimal, scale int32) (int64, bool) {
	var c int64
	if d.NumDigits() <= 18 { // the common case, without a second call
		c = d.CoefficientInt64()
	} else {
		var ok bool
		if c, ok = coef64(d); !ok {
			return 0, false
		}
	}
	shift := int64(d.Exponent()) + int64(scale)
	switch {
	case shift == 0 || c == 0:
		return c, true
	case shift > 0:
		if shift > 18 {
			return 0, false
		}
		hi, lo := bits.Mul64(uint64(abs64(c)), uint64(pow10[shift]))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		if c < 0 {
			return -int64(lo), true
		}
		return int64(lo), true
	default:
		if shift < -18 {
			// More than 18 digits to drop from a non-zero coefficient of at most 19 digits: never an integer.
			return 0, false
		}
		p := pow10[-shift]
		if c%p != 0 {
			return 0, false
		}
		return c / p, true
	}
}

// coef64 returns the coefficient of d when it fits an int64, without allocating for up to 18 digits.
func coef64(d decimal.Decimal) (int64, bool) {
	switch n := d.NumDigits(); {
	case n <= 18:
		return d.CoefficientInt64(), true
	case n == 19:
		if c := d.Coefficient(); c.IsInt64() {
			return c.Int64(), true
		}
	}
	return 0, false
}

func abs64(c int64) int64 {
	if c < 0 {
		return -c
	}
	return c
}

// FromUnits returns u × 10^-scale.
func FromUnits(u int64, scale int32) decimal.Decimal {
	return decimal.New(u, -scale)
}

// Places returns the number of digits after the point that d needs once trailing zeros are dropped:
// Places(0.50) = 1, Places(3) = 0, Places(1.25) = 2. It allocates nothing when the coefficient fits an int64.
func Places(d decimal.Decimal) int32 {
	exp := d.Exponent()
	if exp >= 0 || d.IsZero() {
		return 0
	}
	if c, ok := coef64(d); ok {
		p := -exp
		for p > 0 && c%10 == 0 {
			c /= 10
			p--
		}
		return p
	}
	n := d.Normalize()
	if n.Exponent() >= 0 {
		return 0
	}
	return -n.Exponent()
}
