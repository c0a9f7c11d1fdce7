package rating

import (
	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Shrinkage is the Bayesian (shrinkage) average for thin samples: (m·C + Σx) / (m + n), where n values x are pulled
// toward a prior mean C as if m more values equal to C had been seen. With few values the result stays near C;
// with many it approaches the plain mean. It is computed exactly and never rounded in between.
//
// The zero Shrinkage (m = 0) is the plain mean. A Shrinkage is a plain value, safe for concurrent use.
type Shrinkage struct {
	// Prior is C, the mean a value is pulled toward, on the scale 0–5 (for instance the company-wide mean).
	Prior decimal.Decimal
	// Strength is m, the weight of the prior counted in values; at least 0, fractions allowed.
	Strength decimal.Decimal
}

// Validate reports an error wrapping ErrInvalidSetting when the prior is outside 0–5 or the strength is negative,
// or ErrLimit when either is too large a decimal.
func (s Shrinkage) Validate() error {
	if err := checkScale("shrinkage prior", s.Prior); err != nil {
		return errorf("%w: %w", ErrInvalidSetting, err)
	}
	if err := dec.Check(s.Strength); err != nil {
		return errorf("shrinkage strength: %w: %w", ErrInvalidSetting, err)
	}
	if s.Strength.Sign() < 0 {
		return errorf("shrinkage strength %s is negative, it must be at least 0: %w", s.Strength, ErrInvalidSetting)
	}
	return nil
}

// Mean returns the shrinkage average of values, each on the scale 0–5. Empty input is an error wrapping ErrEmpty:
// a prior alone is not a rating. Other errors wrap ErrOutOfRange, ErrLimit or ErrInvalidSetting.
func (s Shrinkage) Mean(values []decimal.Decimal) (Fraction, error) {
	if err := s.Validate(); err != nil {
		return Fraction{}, err
	}
	var a Accumulator
	for i, x := range values {
		if err := checkScale("value", x); err != nil {
			return Fraction{}, errorf("shrinkage mean: at index %d: %w", i, err)
		}
		if err := a.Add(x); err != nil {
			return Fraction{}, err
		}
	}
	return s.Of(a)
}

// Of returns the shrinkage average of the values held by a. An empty accumulator is an error wrapping ErrEmpty.
func (s Shrinkage) Of(a Accumulator) (Fraction, error) {
	if err := s.Validate(); err != nil {
		return Fraction{}, err
	}
	if a.Count() == 0 {
		return Fraction{}, errorf("shrinkage mean of no values: %w", ErrEmpty)
	}
	return s.of(a), nil
}

// of computes (m·C + Σx)/(m + n) for a validated s and a non-empty a.
func (s Shrinkage) of(a Accumulator) Fraction {
	m := FractionOf(s.Strength)
	num := fracAdd(fracMul(m, FractionOf(s.Prior)), FractionOf(a.Sum()))
	return fracQuo(num, fracAdd(m, fracInt(a.Count())))
}
