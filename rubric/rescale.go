package rubric

import (
	"fmt"
	"math/big"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// maxRescalePlaces is the most digits after the point Result.Rescaled keeps.
const maxRescalePlaces = 18

// Rescaled returns the total on the scale 0–to instead of 0–Max: total · to / Max, computed from the exact total
// (before the rounding of Total, so nothing is rounded twice) and kept exact when it terminates within places
// digits after the point; otherwise it is rounded once to places by mode, and exact is false. An auto-failed
// evaluation is 0 on every scale.
//
// A rubric on 0–100 gives its total on the 5-point scale of the ratings (SPEC R9) with Rescaled(5, 10, HalfEven):
// 87 becomes 4.35 exactly, and 2 of 3 on a 0–3 rubric 3.3333333333 (rounded).
//
// to must be positive, with at most 6 digits after the point and at most 10^6, and places within
// 0–18; otherwise Rescaled returns an error wrapping ErrInvalidRescale. The zero Result has no total
// to rescale: ErrNoRubric.
func (res Result) Rescaled(to decimal.Decimal, places int32, mode Rounding) (v decimal.Decimal, exact bool, err error) {
	switch {
	case res.rubric == nil:
		return decimal.Decimal{}, false, fmt.Errorf("rubric: rescale the zero Result: %w", ErrNoRubric)
	case dec.Check(to) != nil || to.Sign() <= 0 || to.GreaterThan(decimal.New(maxValue, 0)) || dec.Places(to) > maxScale:
		return decimal.Decimal{}, false, fmt.Errorf("rubric: rescale to 0–%s: %w: the top of the scale must be positive, at most %d, with at most %d digits after the point",
			shortDecimal(to), ErrInvalidRescale, maxValue, maxScale)
	case places < 0 || places > maxRescalePlaces:
		return decimal.Decimal{}, false, fmt.Errorf("rubric: rescale with places %d: %w: 0–%d allowed", places, ErrInvalidRescale, maxRescalePlaces)
	case !mode.Valid():
		return decimal.Decimal{}, false, fmt.Errorf("rubric: rescale with rounding %s: %w: half-up, half-even or down", mode, ErrInvalidRescale)
	}
	x := res.exactTotal()
	x.Mul(x, to.Rat()).Quo(x, res.rubric.def.Max.Rat())
	v, exact = dec.RoundRat(x, places, mode)
	return v, exact, nil
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

// shortDecimal renders a caller's decimal for a message, shortened when it is absurdly long.
func shortDecimal(d decimal.Decimal) string {
	if dec.Check(d) != nil {
		return fmt.Sprintf("(a decimal of %d digits, exponent %d)", d.NumDigits(), d.Exponent())
	}
	return d.String()
}
