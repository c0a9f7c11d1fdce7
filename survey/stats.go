package survey

import (
	"fmt"
	"math"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// This file holds the estimates: the normal distribution, critical values for a confidence level, and the Wilson
// score interval. They are computed in float64 (about 15–16 significant digits) and returned as decimals rounded
// to the places a caller asks for; digits beyond the float64 precision carry no information.

// normalCDF returns Φ(x), the standard normal distribution function.
func normalCDF(x float64) float64 {
	return 0.5 * math.Erfc(-x/math.Sqrt2)
}

// Coefficients of P. J. Acklam's rational approximation of the inverse normal distribution function
// (relative error below 1.15e-9 before refinement).
var (
	acklamA = [...]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
		1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	acklamB = [...]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
		6.680131188771972e+01, -1.328068155288572e+01}
	acklamC = [...]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
		-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	acklamD = [...]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
		3.754408661907416e+00}
)

// normalQuantile returns Φ⁻¹(p) for 0 < p < 1: Acklam's approximation followed by one Halley step on
// Φ(x) − p computed with math.Erfc, which brings it to about machine precision. It returns ±Inf at 0 and 1 and NaN
// outside [0, 1].
func normalQuantile(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	const low, high = 0.02425, 1 - 0.02425
	a, b, c, d := &acklamA, &acklamB, &acklamC, &acklamD
	var x float64
	switch {
	case p < low:
		q := math.Sqrt(-2 * math.Log(p))
		x = (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) /
			((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	case p <= high:
		q := p - 0.5
		r := q * q
		x = (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r + a[5]) * q /
			(((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r + 1)
	default:
		q := math.Sqrt(-2 * math.Log1p(-p))
		x = -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) /
			((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	}
	// Halley refinement. In the upper tail work with the upper tail probability so that 1 − p loses no digits.
	var e float64
	if x > 0 {
		e = -(0.5*math.Erfc(x/math.Sqrt2) - (1 - p))
	} else {
		e = normalCDF(x) - p
	}
	u := e * math.Sqrt(2*math.Pi) * math.Exp(x*x/2)
	return x - u/(1+x*u/2)
}

// criticalZ returns the two-sided critical value z for a confidence level strictly between 0 and 1: the z with
// Φ(z) = (1 + level)/2. The tail (1 − level)/2 is formed exactly in decimal before it becomes a float64, so levels
// such as 0.999999999999 keep their digits.
func criticalZ(level decimal.Decimal) (float64, error) {
	if err := sq.CheckDecimal(level); err != nil {
		return 0, at("level", err)
	}
	if level.Sign() <= 0 || level.Cmp(decimal.NewFromInt(1)) >= 0 {
		return 0, problem(ErrInvalidSetting, "level", decText(level), "strictly between 0 and 1 (95% is 0.95)")
	}
	tail, _ := decimal.NewFromInt(1).Sub(level).Mul(decimal.New(5, -1)).Float64()
	return -normalQuantile(tail), nil
}

// estimate turns a float64 estimate into a decimal rounded to p (valid). A NaN or infinity is ErrUndefined.
func estimate(name string, x float64, p sq.Precision) (decimal.Decimal, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal.Decimal{}, fail(ErrUndefined, "the %s is not a finite number", name)
	}
	if x == 0 {
		return decimal.Decimal{}, nil // also turns −0 into 0
	}
	r, err := p.Round(decimal.NewFromFloat(x))
	return r.Value, err
}

// Interval is a closed interval [Low, High] of decimals, such as a confidence interval for a proportion.
// The zero value is the single point 0.
type Interval struct {
	Low, High decimal.Decimal
}

// wilson returns the Wilson score interval for hit successes out of total at a confidence level, as proportions
// on [0, 1] with places digits: the low bound rounded down and the high bound rounded up, so the rounded interval
// contains the computed one. The interval always contains the observed proportion hit/total: the computed bounds
// are widened to it when float64 rounding would leave it a hair outside.
func wilson(metric string, hit, total int64, level decimal.Decimal, places int32) (Interval, error) {
	if places < 0 || places > sq.MaxPlaces {
		return Interval{}, problem(ErrInvalidSetting, "places", fmt.Sprint(places), fmt.Sprintf("0–%d", sq.MaxPlaces))
	}
	z, err := criticalZ(level)
	if err != nil {
		return Interval{}, err
	}
	if total == 0 {
		return Interval{}, errEmpty(metric)
	}
	n := float64(total) // exact: total ≤ MaxCount < 2^53
	p := float64(hit) / n
	z2 := z * z
	den := 1 + z2/n
	center := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	lo := math.Max(0, center-half)
	hi := math.Min(1, center+half)

	low := decimal.NewFromFloat(lo).RoundFloor(places)
	high := decimal.NewFromFloat(hi).RoundCeil(places)
	// The exact proportion, rounded down and up to places.
	down, _ := ratio(hit, 1, total).Round(sq.Precision{Places: places, Rounding: sq.Down})
	pDown, pUp := down.Value, down.Value
	if down.Inexact {
		pUp = pDown.Add(decimal.New(1, -places))
	}
	if low.GreaterThan(pDown) {
		low = pDown
	}
	if high.LessThan(pUp) {
		high = pUp
	}
	return Interval{Low: low, High: high}, nil
}
