package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"math/big"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Rescaled returns the total on the scale 0–to instead of 0–Max, exactly: total · to / Max, computed from the
// exact total (before the rounding of Total, so nothing is rounded twice). Round it once with Fraction.Round. An
// auto-failed evaluation is 0 on every scale.
//
// A rubric on 0–100 gives its total on the 5-point scale of the ratings (SPEC R9) with Rescaled(5): 87 becomes
// 4.35, and 2 of 3 on a 0–3 rubric 10/3 (3.3333333333 rounded to sq.StoredPrecision).
//
// to must be positive, at most 10^6, with at most 6 digits after the point; otherwise Rescaled returns an
// *sq.Error wrapping sq.ErrInvalid (sq.ErrLimit for a decimal beyond the module's limits). The zero Result has no
// total to rescale: ErrNoRubric.
func (res Result) Rescaled(to decimal.Decimal) (sq.Fraction, error) {
	switch {
	case res.rubric == nil:
		return sq.Fraction{}, fail("", "", "a scored result", ErrNoRubric)
	case dec.Check(to) != nil:
		return sq.Fraction{}, sq.At(dec.Check(to), "rubric", "to")
	case to.Sign() <= 0 || to.GreaterThan(decimal.New(maxValue, 0)) || dec.Places(to) > maxScale:
		return sq.Fraction{}, fail("to", to.String(), fmt.Sprintf("positive, at most %d, with at most %d digits after the point",
			maxValue, maxScale), sq.ErrInvalid)
	}
	x := res.exactTotal()
	x.Mul(x, to.Rat()).Quo(x, res.rubric.def.Max.Rat())
	return fractionOf(x), nil
}

// fractionOf returns x as a Fraction.
func fractionOf(x *big.Rat) sq.Fraction {
	f, _ := sq.FractionOf(decimal.NewFromBigInt(x.Num(), 0)).Quo(sq.FractionOf(decimal.NewFromBigInt(x.Denom(), 0))) // Denom > 0
	return f
}

// exactTotal returns the total before rounding: 0 for an auto-fail, otherwise Max less the exact shares lost
// (see Losses), which is Max·Σp/Σm or the weighted mean exactly.
func (res Result) exactTotal() *big.Rat {
	r := res.rubric
	t := new(big.Rat)
	if res.autoFail {
		return t
	}
	t.Set(r.def.Max.Rat())
	for _, x := range r.shares(res.rows()) {
		t.Sub(t, x)
	}
	return t
}
