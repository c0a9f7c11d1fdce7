package calibration

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Limits of Config.Precision.Places.
const (
	defaultPlaces = 4  // Config.Precision.Places when zero
	maxPlaces     = 12 // the largest Config.Precision.Places
)

// Config says how a session rounds the one statistic that has no exact value: the standard deviation of a
// call's totals (CallSpread.StdDev), a square root decided in integers and rounded once by Precision. Every other
// statistic is exact — an sq.Fraction (alignments, kappa, alpha, means) or a decimal (totals, ranges, medians,
// deviations) — and the caller rounds it with sq.Fraction.Round.
//
// The zero Config rounds to 4 places half-up.
type Config struct {
	// Precision is the places (1–12; zero means 4) and the rounding rule (half-up by default) of CallSpread.StdDev.
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

// sqrt returns √x rounded to the configured places.
func (c Config) sqrt(x *big.Rat) decimal.Decimal {
	d, _ := dec.SqrtRat(x, c.places(), c.Precision.Rounding)
	return d
}

// exact returns x as an sq.Fraction.
func exact(x *big.Rat) sq.Fraction {
	return quo(x.Num(), x.Denom())
}

// mean returns sum/k (k > 0) as an sq.Fraction, without an intermediate big.Rat when the denominator fits 64 bits.
func mean(sum *big.Rat, k int64) sq.Fraction {
	if n, d := sum.Num(), sum.Denom(); n.IsInt64() && d.IsInt64() && d.Int64() <= math.MaxInt64/k {
		f, _ := sq.Ratio(n.Int64(), d.Int64()*k)
		return f
	}
	return exact(new(big.Rat).Quo(sum, new(big.Rat).SetInt64(k)))
}

// quo returns num/den (den > 0) as an sq.Fraction, by sq.Ratio when both fit 64 bits.
func quo(num, den *big.Int) sq.Fraction {
	if num.IsInt64() && den.IsInt64() {
		f, _ := sq.Ratio(num.Int64(), den.Int64())
		return f
	}
	f, _ := sq.FractionOf(decimal.NewFromBigInt(num, 0)).Quo(sq.FractionOf(decimal.NewFromBigInt(den, 0)))
	return f
}

// show returns f rounded for people, as the String methods print it: 4 places half-up, enough to tell two
// coefficients apart (sq.DisplayPrecision's single place would not).
func show(f sq.Fraction) string {
	r, _ := f.Round(sq.Precision{Places: 4, Rounding: sq.HalfUp})
	return r.String()
}
