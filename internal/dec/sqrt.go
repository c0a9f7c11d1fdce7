package dec

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// SqrtRat returns the square root of the rational x ≥ 0 rounded to places ≥ 0 digits after the point by rule r,
// and whether the root had no more digits than places (so nothing was dropped). The rounding is decided exactly,
// in integer arithmetic: a root exactly halfway between two results is a tie and follows r, one a hair above or
// below is not. Like Quo on a zero divisor, SqrtRat panics on a negative x or negative places, so callers check.
func SqrtRat(x *big.Rat, places int32, r Rounding) (decimal.Decimal, bool) {
	if x.Sign() < 0 {
		panic("dec: square root of a negative number")
	}
	if places < 0 {
		panic("dec: negative places")
	}
	// y = x·10^(2·places) = a/b; q = ⌊√y⌋ = ⌊√⌊y⌋⌋, the root truncated to places digits, in units of 10^-places.
	s := new(big.Int).Exp(big.NewInt(10), big.NewInt(2*int64(places)), nil)
	a := new(big.Int).Mul(x.Num(), s)
	b := x.Denom()
	q := new(big.Int).Sqrt(new(big.Int).Quo(a, b))
	sq := new(big.Int).Mul(q, q)
	if new(big.Int).Mul(sq, b).Cmp(a) == 0 {
		return decimal.NewFromBigInt(q, -places), true
	}
	if r != Down {
		// Compare y with (q + ½)² = q² + q + ¼, that is 4a with (4q² + 4q + 1)·b.
		half := new(big.Int).Add(sq, q)
		half.Lsh(half, 2)
		half.Add(half, big.NewInt(1))
		half.Mul(half, b)
		c := new(big.Int).Lsh(a, 2).Cmp(half)
		if c > 0 || (c == 0 && (r == HalfUp || q.Bit(0) == 1)) {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(q, -places), false
}
