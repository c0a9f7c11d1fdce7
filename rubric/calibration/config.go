package calibration

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"math/big"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Limits of Config.Precision.Places.
const (
	defaultPlaces = 4  // Config.Precision.Places when zero
	maxPlaces     = 12 // the largest Config.Precision.Places
)

// Config says how the statistics of this package are rounded. Every statistic — an alignment, a kappa, an alpha,
// a mean or a standard deviation — is computed exactly (in rational arithmetic; a standard deviation is an exact
// square root decided in integers) and rounded once, at the end, by Precision. Values that are sums or
// differences of totals (ranges, medians, deviations) are exact and never rounded.
//
// The zero Config rounds to 4 places half-up.
type Config struct {
	// Precision is the places (1–12; zero means 4) and the rounding rule (half-up by default) of every statistic.
	Precision sq.Precision
}

// Validate reports an *sq.Error wrapping ErrInvalidConfig when the places or the rounding rule is outside what
// is allowed.
func (c Config) Validate() error {
	if p := c.Precision.Places; p < 0 || p > maxPlaces {
		return fail("precision.places", strconv.Itoa(int(p)), fmt.Sprintf("0–%d (0 means %d)", maxPlaces, defaultPlaces), ErrInvalidConfig)
	}
	if r := c.Precision.Rounding; !r.Valid() {
		return fail("precision.rounding", r.String(), "one of half-up, half-even, down", ErrInvalidConfig)
	}
	return nil
}

func (c Config) places() int32 {
	if c.Precision.Places == 0 {
		return defaultPlaces
	}
	return c.Precision.Places
}

// round rounds the exact value x to the configured places.
func (c Config) round(x *big.Rat) decimal.Decimal {
	d, _ := dec.RoundRat(x, c.places(), c.Precision.Rounding)
	return d
}

// roundExact rounds x and reports whether nothing was dropped.
func (c Config) roundExact(x *big.Rat) (decimal.Decimal, bool) {
	return dec.RoundRat(x, c.places(), c.Precision.Rounding)
}

// sqrt returns √x rounded to the configured places.
func (c Config) sqrt(x *big.Rat) decimal.Decimal {
	d, _ := dec.SqrtRat(x, c.places(), c.Precision.Rounding)
	return d
}
