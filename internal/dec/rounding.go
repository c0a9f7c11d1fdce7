package dec

import (
	"math/big"

	"github.com/servicequality/servicequality/internal/round"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Rounding is the module's rounding rule, sq.Rounding.
type Rounding = sq.Rounding

// The rules of sq.
const (
	HalfUp   = sq.HalfUp
	HalfEven = sq.HalfEven
	Down     = sq.Down
)

// Round rounds d to places digits after the point by rule r. A value that already has no more digits is returned
// unchanged, so rounding an exact result never alters it.
func Round(r Rounding, d decimal.Decimal, places int32) decimal.Decimal {
	q, _ := round.Decimal(d, places, uint8(r))
	return q
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
	return round.Rat(x, places, uint8(r))
}
