package rating

import (
	"fmt"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// The scale of every score, index and rating of this package (SPEC R9): 0 to 5 points.
var (
	scaleMin = decimal.Zero
	scaleMax = decimal.NewFromInt(5)
)

// checkScale reports an error wrapping ErrOutOfRange or ErrLimit when d is not a decimal within the module's
// limits on the 5-point scale. what names the value in the message ("value", "call total").
func checkScale(what string, d decimal.Decimal) error {
	if err := dec.Check(d); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if d.Cmp(scaleMin) < 0 || d.Cmp(scaleMax) > 0 {
		return fmt.Errorf("%s %s is outside the scale 0–5: %w", what, d, ErrOutOfRange)
	}
	return nil
}

// MissingPolicy says what a weighted mean does when a component with a positive weight is missing. A missing
// component is never taken as zero.
type MissingPolicy uint8

const (
	// MissingFail (the zero value) makes the mean fail with an error wrapping ErrMissingComponent.
	MissingFail MissingPolicy = iota
	// MissingRenormalize computes the mean over the present components, their weights scaled so they sum to
	// one, provided the present components carry at least Scheme.MinCoverage of the total weight.
	MissingRenormalize
)

// String returns "fail" or "renormalize".
func (p MissingPolicy) String() string {
	switch p {
	case MissingFail:
		return "fail"
	case MissingRenormalize:
		return "renormalize"
	}
	return fmt.Sprintf("MissingPolicy(%d)", uint8(p))
}

// Weight names a component of a weighted mean and gives its weight.
type Weight struct {
	Name   string
	Weight decimal.Decimal
}

// Component is a named value on the 5-point scale, an input of Aggregator.Mean.
type Component struct {
	Name  string
	Value decimal.Decimal
}

// MaxComponents is the most components a Scheme may weigh.
const MaxComponents = 64

// Scheme configures a weighted mean: the components and their weights, and what to do when one is missing
// (SPEC R9: weights are settings; they must be non-negative with at least one positive). Weights are relative:
// {2, 1} and {0.6667, 0.3333} differ only by the rounding of the second; {2, 1} and {4, 2} are the same scheme.
//
// The zero Scheme is not valid (it has no weights). Build an Aggregator from a Scheme with NewAggregator.
type Scheme struct {
	// Weights lists the components in the order results report them. Names must be non-empty and unique.
	Weights []Weight
	// Missing is the missing-component policy; the zero value fails.
	Missing MissingPolicy
	// MinCoverage is used by MissingRenormalize: the smallest share (0 to 1) of the total weight that the present
	// components must carry. The zero value accepts any positive share.
	MinCoverage decimal.Decimal
}

// Validate reports the first problem of s: no weights or more than MaxComponents, an empty or duplicate name, a negative weight, all weights
// zero, an unknown policy, or a MinCoverage outside 0–1. Errors wrap ErrEmpty, ErrInvalidSetting, ErrDuplicate,
// ErrInvalidWeight or ErrLimit.
func (s Scheme) Validate() error {
	if len(s.Weights) == 0 {
		return errorf("scheme has no weights: %w", ErrEmpty)
	}
	if len(s.Weights) > MaxComponents {
		return errorf("scheme has %d weights, at most %d allowed: %w", len(s.Weights), MaxComponents, ErrInvalidSetting)
	}
	seen := make(map[string]int, len(s.Weights))
	positive := false
	for i, w := range s.Weights {
		if w.Name == "" {
			return errorf("weight at index %d has an empty name: %w", i, ErrInvalidSetting)
		}
		if j, dup := seen[w.Name]; dup {
			return errorf("weight %q appears twice (index %d and %d): %w", w.Name, j, i, ErrDuplicate)
		}
		seen[w.Name] = i
		if err := dec.Check(w.Weight); err != nil {
			return errorf("weight of %q: %w: %w", w.Name, ErrInvalidWeight, err)
		}
		if w.Weight.Sign() < 0 {
			return errorf("weight of %q is %s, weights must be at least 0: %w", w.Name, w.Weight, ErrInvalidWeight)
		}
		positive = positive || w.Weight.Sign() > 0
	}
	if !positive {
		return errorf("all %d weights are zero, at least one must be positive: %w", len(s.Weights), ErrInvalidWeight)
	}
	if s.Missing > MissingRenormalize {
		return errorf("missing-component policy %d is not one of fail, renormalize: %w", uint8(s.Missing), ErrInvalidSetting)
	}
	if err := dec.Check(s.MinCoverage); err != nil {
		return errorf("minimum coverage: %w: %w", ErrInvalidSetting, err)
	}
	if s.MinCoverage.Sign() < 0 || s.MinCoverage.Cmp(decimal.NewFromInt(1)) > 0 {
		return errorf("minimum coverage %s is outside 0–1: %w", s.MinCoverage, ErrInvalidSetting)
	}
	return nil
}

// Aggregator computes weighted means by a validated Scheme. It is immutable and safe for concurrent use. The zero
// Aggregator (and a nil *Aggregator) has no components: every Mean fails with ErrEmpty, and Scheme is the zero
// Scheme.
type Aggregator struct {
	scheme      Scheme // deep copy of the caller's scheme
	index       map[string]int
	weights     []Fraction
	total       Fraction
	minCoverage Fraction
}

// NewAggregator validates s (see Scheme.Validate) and returns an Aggregator that keeps its own copy of it.
func NewAggregator(s Scheme) (*Aggregator, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	a := &Aggregator{
		scheme:      Scheme{Weights: append([]Weight(nil), s.Weights...), Missing: s.Missing, MinCoverage: s.MinCoverage},
		index:       make(map[string]int, len(s.Weights)),
		weights:     make([]Fraction, len(s.Weights)),
		minCoverage: FractionOf(s.MinCoverage),
	}
	for i, w := range s.Weights {
		a.index[w.Name] = i
		a.weights[i] = FractionOf(w.Weight)
		a.total = fracAdd(a.total, a.weights[i])
	}
	return a, nil
}

// Scheme returns a copy of the scheme a was built from.
func (a *Aggregator) Scheme() Scheme {
	if a == nil {
		return Scheme{}
	}
	s := a.scheme
	s.Weights = append([]Weight(nil), s.Weights...)
	return s
}

// weightOf returns the weight of the named component, and false when the scheme has no such component.
func (a *Aggregator) weightOf(name string) (decimal.Decimal, bool) {
	i, ok := a.index[name]
	if !ok {
		return decimal.Decimal{}, false
	}
	return a.scheme.Weights[i].Weight, true
}

// Mean returns the weighted mean Σwᵢxᵢ / Σwᵢ of the components, computed exactly. Components are matched to the
// scheme by name, in any order; each name may appear once and each value must lie on the scale 0–5. A component
// of the scheme that is absent from cs is missing: the scheme's policy decides (components of weight zero may
// always be missing). Errors are *ComponentError values or wrap ErrEmpty or ErrMissingComponent.
func (a *Aggregator) Mean(cs []Component) (Weighted, error) {
	if a == nil || len(a.weights) == 0 {
		return Weighted{}, errorf("aggregator has no components (the zero Aggregator): %w", ErrEmpty)
	}
	if len(cs) == 0 {
		return Weighted{}, errorf("no components to aggregate: %w", ErrEmpty)
	}
	slots := make([]slot, len(a.weights))
	first := make([]int, len(a.weights))
	for i, c := range cs {
		k, ok := a.index[c.Name]
		if !ok {
			return Weighted{}, &ComponentError{Component: c.Name,
				Err: fmt.Errorf("not one of the weighted components %s: %w", a.names(), ErrUnknownComponent)}
		}
		if slots[k].ok {
			return Weighted{}, &ComponentError{Component: c.Name,
				Err: fmt.Errorf("given twice (index %d and %d): %w", first[k], i, ErrDuplicate)}
		}
		if err := checkScale("value", c.Value); err != nil {
			return Weighted{}, &ComponentError{Component: c.Name, Err: err}
		}
		slots[k] = slot{value: FractionOf(c.Value), ok: true}
		first[k] = i
	}
	return a.mean(slots)
}

func (a *Aggregator) names() string {
	names := make([]string, len(a.scheme.Weights))
	for i, w := range a.scheme.Weights {
		names[i] = w.Name
	}
	return strings.Join(names, ", ")
}

// slot is the value of one component of the scheme, in scheme order; ok is false when the component is missing.
type slot struct {
	value Fraction
	ok    bool
}

// mean computes the weighted mean of already validated slots, one per component of the scheme.
func (a *Aggregator) mean(slots []slot) (Weighted, error) {
	if len(a.weights) == 0 {
		return Weighted{}, errorf("aggregator has no components: %w", ErrEmpty)
	}
	var present, num Fraction
	var missing []string
	for i, s := range slots {
		w := a.weights[i]
		switch {
		case s.ok:
			present = fracAdd(present, w)
			num = fracAdd(num, fracMul(w, s.value))
		case !w.IsZero():
			missing = append(missing, a.scheme.Weights[i].Name)
		}
	}
	if len(missing) > 0 && a.scheme.Missing == MissingFail {
		return Weighted{}, &ComponentError{Component: missing[0],
			Err: fmt.Errorf("missing, and the policy is to fail (%d of %d weighted components missing): %w",
				len(missing), len(a.weights), ErrMissingComponent)}
	}
	if present.IsZero() {
		return Weighted{}, errorf("no component with a positive weight is present (missing: %s): %w",
			strings.Join(missing, ", "), ErrMissingComponent)
	}
	coverage := fracQuo(present, a.total)
	if coverage.Cmp(a.minCoverage) < 0 {
		return Weighted{}, errorf("present components carry %s of the weight, below the minimum coverage %s (missing: %s): %w",
			coverage, a.scheme.MinCoverage, strings.Join(missing, ", "), ErrMissingComponent)
	}
	w := Weighted{value: fracQuo(num, present), coverage: coverage, parts: make([]Contribution, len(slots))}
	for i, s := range slots {
		c := Contribution{Name: a.scheme.Weights[i].Name, Weight: a.scheme.Weights[i].Weight, Present: s.ok}
		if s.ok {
			c.Value = s.value
			c.Share = fracQuo(a.weights[i], present)
			c.Points = fracMul(c.Share, s.value)
		}
		w.parts[i] = c
	}
	return w, nil
}

// Contribution explains one component of a weighted mean.
type Contribution struct {
	// Name and Weight are the component and its weight in the scheme.
	Name   string
	Weight decimal.Decimal
	// Present is false for a missing component; its Value, Share and Points are then zero.
	Present bool
	// Value is the component's value.
	Value Fraction
	// Share is the weight divided by the total weight of the present components: the effective weight after any
	// renormalization. The shares of the present components sum to 1.
	Share Fraction
	// Points is Share × Value, the component's part of the result. The points sum exactly to the result.
	Points Fraction
}

// Weighted is the result of a weighted mean: the exact value and how each component contributed. The zero
// Weighted has the value 0 and no components. It is an immutable value, safe for concurrent use.
type Weighted struct {
	value    Fraction
	coverage Fraction
	parts    []Contribution
}

// Exact returns the exact value.
func (w Weighted) Exact() Fraction { return w.value }

// Stored returns the stored value: StoredPlaces (10) digits after the point, half-even.
func (w Weighted) Stored() decimal.Decimal { return w.value.Decimal() }

// Display returns the value for people: one digit after the point, half-up, rounded once from the exact value.
func (w Weighted) Display() decimal.Decimal { return w.value.Display() }

// Coverage returns the share (0 to 1) of the total weight carried by the present components; 1 when none is
// missing.
func (w Weighted) Coverage() Fraction { return w.coverage }

// Contributions returns one Contribution per component of the scheme, in scheme order, missing ones included.
// The slice is a copy.
func (w Weighted) Contributions() []Contribution { return append([]Contribution(nil), w.parts...) }

// Missing returns the names of the missing components of positive weight, in scheme order.
func (w Weighted) Missing() []string {
	var names []string
	for _, c := range w.parts {
		if !c.Present && c.Weight.Sign() > 0 {
			names = append(names, c.Name)
		}
	}
	return names
}

// Equal reports whether w and v have the same exact value, coverage and contributions.
func (w Weighted) Equal(v Weighted) bool {
	if !w.value.Equal(v.value) || !w.coverage.Equal(v.coverage) || len(w.parts) != len(v.parts) {
		return false
	}
	for i, c := range w.parts {
		d := v.parts[i]
		if c.Name != d.Name || !c.Weight.Equal(d.Weight) || c.Present != d.Present || !c.Value.Equal(d.Value) ||
			!c.Share.Equal(d.Share) || !c.Points.Equal(d.Points) {
			return false
		}
	}
	return true
}

// String explains the result, one line per component and a total, with stored values:
//
//	calls: 4.4 × share 0.5 (weight 1) = 2.2
//	survey: missing (weight 1)
//	= 4.4 (coverage 0.5)
func (w Weighted) String() string {
	var b strings.Builder
	for _, c := range w.parts {
		if c.Present {
			fmt.Fprintf(&b, "%s: %s × share %s (weight %s) = %s\n", c.Name, c.Value, c.Share, decText(c.Weight), c.Points)
		} else {
			fmt.Fprintf(&b, "%s: missing (weight %s)\n", c.Name, decText(c.Weight))
		}
	}
	fmt.Fprintf(&b, "= %s (coverage %s)", w.value, w.coverage)
	return b.String()
}
