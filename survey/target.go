package survey

import (
	"fmt"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Comparison says which side of a target is good. The zero value is invalid, so every Target names its direction.
type Comparison uint8

const (
	// AtLeast: the value must be ≥ the target (NPS, CSAT, share of clients kept).
	AtLeast Comparison = iota + 1
	// AtMost: the value must be ≤ the target (response time, complaints).
	AtMost
)

var comparisonNames = [...]string{AtLeast: "at-least", AtMost: "at-most"}

// String returns "at-least" or "at-most".
func (c Comparison) String() string {
	if c.valid() {
		return comparisonNames[c]
	}
	return fmt.Sprintf("Comparison(%d)", uint8(c))
}

func (c Comparison) valid() bool { return c == AtLeast || c == AtMost }

// MarshalText writes "at-least" or "at-most".
func (c Comparison) MarshalText() ([]byte, error) {
	if !c.valid() {
		return nil, problem(ErrInvalidSetting, "compare", fmt.Sprint(uint8(c)), "at-least or at-most")
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads "at-least" or "at-most".
func (c *Comparison) UnmarshalText(b []byte) error {
	for i, n := range comparisonNames {
		if n != "" && string(b) == n {
			*c = Comparison(i)
			return nil
		}
	}
	return problem(ErrInvalidSetting, "compare", clip(string(b)), "at-least or at-most")
}

// Mode says how a Target's Value makes the threshold. The zero value is Absolute.
type Mode uint8

const (
	// Absolute: the threshold is Value itself ("response time ≤ 5 minutes", "keep ≥ 90% of clients who
	// complained").
	Absolute Mode = iota
	// Percent: the threshold is Baseline changed by Value percent, Baseline × (1 + Value/100) ("NPS up 20%":
	// Value 20; "response time down 25%": Value −25). The Baseline must be positive: a percentage of a negative or
	// zero baseline (a classic NPS can be negative) does not say which way is up, so such targets are refused;
	// use Offset for them.
	Percent
	// Offset: the threshold is Baseline + Value, in the metric's own unit ("classic NPS up 10 points": Value 10).
	// Any baseline, including a negative one, is allowed.
	Offset
)

var modeNames = [...]string{Absolute: "absolute", Percent: "percent", Offset: "offset"}

// String returns "absolute", "percent" or "offset".
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// MarshalText writes the mode's name.
func (m Mode) MarshalText() ([]byte, error) {
	if int(m) >= len(modeNames) {
		return nil, problem(ErrInvalidSetting, "mode", fmt.Sprint(uint8(m)), "absolute, percent or offset")
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads "absolute", "percent" or "offset".
func (m *Mode) UnmarshalText(b []byte) error {
	for i, n := range modeNames {
		if string(b) == n {
			*m = Mode(i)
			return nil
		}
	}
	return problem(ErrInvalidSetting, "mode", clip(string(b)), "absolute, percent or offset")
}

// Target is a goal for one metric (SPEC R15), such as
//
//	five := decimal.NewFromInt(5)
//	Target{Metric: "response time, minutes", Compare: AtMost, Value: five} // ≤ 5 minutes
//
//	twenty, forty := decimal.NewFromInt(20), decimal.NewFromInt(40)
//	Target{Metric: "NPS", Compare: AtLeast, Mode: Percent, Value: twenty, Baseline: forty} // up 20% on 40: ≥ 48
//
//	ninety := decimal.NewFromInt(90)
//	Target{Metric: "complainants kept, %", Compare: AtLeast, Value: ninety} // keep ≥ 90%
//
// Validate checks it; Assess measures a value against it. The zero value is
// invalid (no metric, no comparison). A Target is a plain value, safe for concurrent use.
type Target struct {
	// Metric names what is measured, for reports. It must not be empty.
	Metric string
	// Compare says whether the value must be at least or at most the threshold.
	Compare Comparison
	// Mode says how Value makes the threshold; the zero value is Absolute.
	Mode Mode
	// Value is the threshold (Absolute), the change in percent (Percent, at least −100), or the change in the
	// metric's unit (Offset).
	Value decimal.Decimal
	// Baseline is the value the change starts from (Percent, Offset). It must be zero for Absolute targets, so a
	// baseline is never silently ignored, and positive for Percent targets.
	Baseline decimal.Decimal
}

// Validate reports an error wrapping ErrInvalidSetting when the target is incomplete or inconsistent.
func (t Target) Validate() error {
	if t.Metric == "" {
		return problem(ErrInvalidSetting, "metric", `""`, "the name of what is measured")
	}
	if !t.Compare.valid() {
		return problem(ErrInvalidSetting, "compare", fmt.Sprint(uint8(t.Compare)), "AtLeast or AtMost")
	}
	if err := sq.CheckDecimal(t.Value); err != nil {
		return at("value", err)
	}
	if err := sq.CheckDecimal(t.Baseline); err != nil {
		return at("baseline", err)
	}
	switch t.Mode {
	case Absolute:
		if !t.Baseline.IsZero() {
			return problem(ErrInvalidSetting, "baseline", decText(t.Baseline),
				"zero for an absolute target, which does not use it (use Mode Percent or Offset)")
		}
	case Percent:
		if t.Baseline.Sign() <= 0 {
			return problem(ErrInvalidSetting, "baseline", decText(t.Baseline),
				"positive for a percent change (use Mode Offset for a change in points from a zero or negative baseline)")
		}
		if t.Value.LessThan(decimal.NewFromInt(-100)) {
			return problem(ErrInvalidSetting, "value", decText(t.Value), "a change of at least −100%")
		}
	case Offset:
	default:
		return problem(ErrInvalidSetting, "mode", fmt.Sprint(uint8(t.Mode)), "Absolute, Percent or Offset")
	}
	return nil
}

// threshold returns the value the target asks for: Value (Absolute), Baseline × (1 + Value/100) (Percent) or
// Baseline + Value (Offset), in exact decimal arithmetic. An invalid target wraps ErrInvalidSetting.
func (t Target) threshold() (decimal.Decimal, error) {
	if err := t.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	switch t.Mode {
	case Percent:
		return t.Baseline.Add(t.Baseline.Mul(t.Value).Shift(-2)), nil
	case Offset:
		return t.Baseline.Add(t.Value), nil
	default:
		return t.Value, nil
	}
}

// Attainment is how a value measures up to a Target, made by Target.Assess. All numbers are exact.
// The zero value is no assessment.
type Attainment struct {
	Metric  string
	Compare Comparison
	// Value is the measured value.
	Value decimal.Decimal
	// Target is the threshold (see Target.Mode).
	Target decimal.Decimal
	// Met reports whether Value is on the good side of Target (equality meets the target).
	Met bool
	// Distance is how far Value is on the good side of Target: Value − Target for AtLeast, Target − Value for
	// AtMost. It is zero or positive when the target is met, negative (the shortfall) when not.
	Distance decimal.Decimal
}

// Assess measures value against the target: "NPS up 20%" on a baseline of 40 is met by 48 (distance 0) and missed
// by 45 (distance −3). An invalid target wraps ErrInvalidSetting; a value beyond the decimal limits wraps sq.ErrLimit.
func (t Target) Assess(value decimal.Decimal) (Attainment, error) {
	threshold, err := t.threshold()
	if err != nil {
		return Attainment{}, err
	}
	if err := sq.CheckDecimal(value); err != nil {
		return Attainment{}, at("value", err)
	}
	distance := value.Sub(threshold)
	if t.Compare == AtMost {
		distance = distance.Neg()
	}
	return Attainment{Metric: t.Metric, Compare: t.Compare, Value: value, Target: threshold,
		Met: distance.Sign() >= 0, Distance: distance}, nil
}
