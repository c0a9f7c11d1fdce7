package calibration

import (
	"fmt"
	"math/big"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Rounding is the rule for dropping digits when a statistic does not terminate within Config.Places. The zero
// value is HalfUp. It is the same type as the rounding rules of the other packages of this module.
type Rounding = dec.Rounding

// The rounding rules.
const (
	HalfUp   = dec.HalfUp   // to the nearest, ties away from zero: 0.21345 → 0.2135 at 4 places
	HalfEven = dec.HalfEven // to the nearest, ties to even: 0.21345 → 0.2134
	Down     = dec.Down     // toward zero: 0.21349 → 0.2134
)

// Limits of Config.Places.
const (
	DefaultPlaces = 4  // Config.Places when zero
	MaxPlaces     = 12 // the largest Config.Places
)

// Config says how the statistics of this package are rounded. Every statistic — an alignment, a kappa, an alpha,
// a mean or a standard deviation — is computed exactly (in rational arithmetic; a standard deviation is an exact
// square root decided in integers) and rounded once, at the end, to Places digits after the point by Rounding.
// Values that are sums or differences of totals (ranges, medians, deviations) are exact and never rounded.
//
// The zero Config rounds to 4 places half-up.
type Config struct {
	// Places is the number of digits after the point, 1 to MaxPlaces; zero means DefaultPlaces (4).
	Places int32
	// Rounding is the rule at Places: HalfUp (the zero value), HalfEven or Down.
	Rounding Rounding
}

// Validate reports an error wrapping ErrInvalidConfig when Places or Rounding is outside what is allowed.
func (c Config) Validate() error {
	if c.Places < 0 || c.Places > MaxPlaces {
		return fmt.Errorf("calibration: config places %d is outside 0–%d (0 means %d): %w", c.Places, MaxPlaces, DefaultPlaces, ErrInvalidConfig)
	}
	if !c.Rounding.Valid() {
		return fmt.Errorf("calibration: config rounding %d is not one of half-up, half-even, down: %w", uint8(c.Rounding), ErrInvalidConfig)
	}
	return nil
}

func (c Config) places() int32 {
	if c.Places == 0 {
		return DefaultPlaces
	}
	return c.Places
}

// round rounds the exact value x to the configured places.
func (c Config) round(x *big.Rat) decimal.Decimal {
	d, _ := dec.RoundRat(x, c.places(), c.Rounding)
	return d
}

// roundExact rounds x and reports whether nothing was dropped.
func (c Config) roundExact(x *big.Rat) (decimal.Decimal, bool) {
	return dec.RoundRat(x, c.places(), c.Rounding)
}

// sqrt returns √x rounded to the configured places.
func (c Config) sqrt(x *big.Rat) decimal.Decimal {
	d, _ := dec.SqrtRat(x, c.places(), c.Rounding)
	return d
}
