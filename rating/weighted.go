package rating

import (
	"fmt"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// The scale of every score, index and rating of this package (SPEC R9): 0 to 5 points.
var (
	scaleMin = decimal.Zero
	scaleMax = decimal.NewFromInt(5)
)

// checkScale reports an error wrapping ErrOutOfRange or sq.ErrLimit when d is not a decimal within the module's
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

// The weighted-mean engine behind the raters (SPEC R7–R9). It is unexported: users configure it through the
// weights of PersonalSettings and DepartmentSettings and read its result through Rating.Breakdown.

// weight names a component of a weighted mean and gives its weight.
type weight struct {
	Name   string
	Weight decimal.Decimal
}

// component is a named value on the 5-point scale, an input of aggregator.meanOf.
type component struct {
	Name  string
	Value decimal.Decimal
}

// maxComponents is the most components a scheme may weigh.
const maxComponents = 64

// scheme configures a weighted mean: the components and their weights, and what to do when one is missing
// (SPEC R9: weights are settings; they must be non-negative with at least one positive). Weights are relative:
// {2, 1} and {4, 2} are the same scheme.
type scheme struct {
	// Weights lists the components in the order results report them. Names must be non-empty and unique.
	Weights []weight
	// Renormalize computes the mean over the present components when one of positive weight is missing,
	// provided they carry at least MinCoverage (0 to 1) of the total weight; otherwise (the zero value) the mean
	// fails with ErrMissingComponent. A missing component is never taken as zero.
	Renormalize bool
	MinCoverage decimal.Decimal
}

// validate reports the first problem of s: no weights or more than maxComponents, an empty or duplicate name, a
// negative weight, all weights zero, or a MinCoverage outside 0–1. Errors wrap ErrEmpty, sq.ErrInvalid,
// ErrDuplicate, ErrInvalidWeight or sq.ErrLimit.
func (s scheme) validate() error {
	if len(s.Weights) == 0 {
		return errorf("scheme has no weights: %w", ErrEmpty)
	}
	if len(s.Weights) > maxComponents {
		return errorf("scheme has %d weights, at most %d allowed: %w", len(s.Weights), maxComponents, errInvalidSetting)
	}
	seen := make(map[string]int, len(s.Weights))
	positive := false
	for i, w := range s.Weights {
		if w.Name == "" {
			return errorf("weights[%d] has an empty name: %w", i+1, errInvalidSetting)
		}
		if j, dup := seen[w.Name]; dup {
			return errorf("weight %q appears twice (weights[%d] and [%d]): %w", w.Name, j+1, i+1, ErrDuplicate)
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
	if err := dec.Check(s.MinCoverage); err != nil {
		return errorf("minimum coverage: %w: %w", errInvalidSetting, err)
	}
	if s.MinCoverage.Sign() < 0 || s.MinCoverage.Cmp(decimal.NewFromInt(1)) > 0 {
		return errorf("minimum coverage %s is outside 0–1: %w", s.MinCoverage, errInvalidSetting)
	}
	return nil
}

// aggregator computes weighted means by a validated scheme. It is immutable and safe for concurrent use.
type aggregator struct {
	scheme      scheme // deep copy of the caller's scheme
	index       map[string]int
	weights     []sq.Fraction
	total       sq.Fraction
	minCoverage sq.Fraction
}

// newAggregator validates s and returns an aggregator that keeps its own copy of it.
func newAggregator(s scheme) (*aggregator, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	a := &aggregator{
		scheme:      scheme{Weights: append([]weight(nil), s.Weights...), Renormalize: s.Renormalize, MinCoverage: s.MinCoverage},
		index:       make(map[string]int, len(s.Weights)),
		weights:     make([]sq.Fraction, len(s.Weights)),
		minCoverage: sq.FractionOf(s.MinCoverage),
	}
	for i, w := range s.Weights {
		a.index[w.Name] = i
		a.weights[i] = sq.FractionOf(w.Weight)
		a.total = fracAdd(a.total, a.weights[i])
	}
	return a, nil
}

// weightOf returns the weight of the named component, and false when the scheme has no such component.
func (a *aggregator) weightOf(name string) (decimal.Decimal, bool) {
	i, ok := a.index[name]
	if !ok {
		return decimal.Decimal{}, false
	}
	return a.scheme.Weights[i].Weight, true
}

// meanOf returns the weighted mean Σwᵢxᵢ / Σwᵢ of the components, computed exactly. Components are matched to the
// scheme by name, in any order; each name may appear once and each value must lie on the scale 0–5. A component
// of the scheme that is absent from cs is missing: the scheme's policy decides (components of weight zero may
// always be missing). Errors are *componentError values or wrap ErrEmpty or ErrMissingComponent.
func (a *aggregator) meanOf(cs []component) (weighted, error) {
	if a == nil || len(a.weights) == 0 {
		return weighted{}, errorf("aggregator has no components: %w", ErrEmpty)
	}
	if len(cs) == 0 {
		return weighted{}, errorf("no components to aggregate: %w", ErrEmpty)
	}
	slots := make([]slot, len(a.weights))
	first := make([]int, len(a.weights))
	for i, c := range cs {
		k, ok := a.index[c.Name]
		if !ok {
			return weighted{}, componentError(c.Name, errorf("not one of the weighted components %s: %w", a.names(), errUnknownComponent))
		}
		if slots[k].ok {
			return weighted{}, componentError(c.Name, errorf("given twice (items %d and %d): %w", first[k]+1, i+1, ErrDuplicate))
		}
		if err := checkScale("value", c.Value); err != nil {
			return weighted{}, componentError(c.Name, err)
		}
		slots[k] = slot{value: sq.FractionOf(c.Value), ok: true}
		first[k] = i
	}
	return a.mean(slots)
}

func (a *aggregator) names() string {
	names := make([]string, len(a.scheme.Weights))
	for i, w := range a.scheme.Weights {
		names[i] = w.Name
	}
	return strings.Join(names, ", ")
}

// slot is the value of one component of the scheme, in scheme order; ok is false when the component is missing.
type slot struct {
	value sq.Fraction
	ok    bool
}

// mean computes the weighted mean of already validated slots, one per component of the scheme.
func (a *aggregator) mean(slots []slot) (weighted, error) {
	if len(a.weights) == 0 {
		return weighted{}, errorf("aggregator has no components: %w", ErrEmpty)
	}
	var present, num sq.Fraction
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
	if len(missing) > 0 && !a.scheme.Renormalize {
		return weighted{}, componentError(missing[0], errorf("missing, and the policy is to fail (%d of %d weighted components missing): %w",
			len(missing), len(a.weights), ErrMissingComponent))
	}
	if present.IsZero() {
		return weighted{}, errorf("no component with a positive weight is present (missing: %s): %w",
			strings.Join(missing, ", "), ErrMissingComponent)
	}
	coverage := fracQuo(present, a.total)
	if coverage.Cmp(a.minCoverage) < 0 {
		return weighted{}, errorf("present components carry %s of the weight, below the minimum coverage %s (missing: %s): %w",
			coverage, a.scheme.MinCoverage, strings.Join(missing, ", "), ErrMissingComponent)
	}
	w := weighted{value: fracQuo(num, present), coverage: coverage, parts: make([]Contribution, len(slots))}
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

// Contribution explains one component of a rating (Rating.Breakdown). It is an output only: a rating's JSON form
// carries its contributions.
type Contribution struct {
	// Name is the component: "calls" or "survey" in a personal rating, "platforms", "employees" or "survey" in a
	// department rating. Weight is its weight in the settings.
	Name   string
	Weight decimal.Decimal
	// Present is false for a missing component; its Value, Share and Points are then zero.
	Present bool
	// Value is the component's value.
	Value sq.Fraction
	// Share is the weight divided by the total weight of the present components: the effective weight after any
	// renormalization. The shares of the present components sum to 1.
	Share sq.Fraction
	// Points is Share × Value, the component's part of the result. The points sum exactly to the result.
	Points sq.Fraction
}

// weighted is the result of a weighted mean: the exact value and how each component contributed. The zero
// weighted has the value 0 and no components. It is an immutable value, safe for concurrent use.
type weighted struct {
	value    sq.Fraction
	coverage sq.Fraction
	parts    []Contribution
}

// missing returns the names of the missing components of positive weight, in scheme order.
func (w weighted) missing() []string {
	var names []string
	for _, c := range w.parts {
		if !c.Present && c.Weight.Sign() > 0 {
			names = append(names, c.Name)
		}
	}
	return names
}

// equal reports whether w and v have the same exact value, coverage and contributions.
func (w weighted) equal(v weighted) bool {
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
func (w weighted) String() string {
	var b strings.Builder
	for _, c := range w.parts {
		if c.Present {
			fmt.Fprintf(&b, "%s: %s × share %s (weight %s) = %s\n", c.Name, decText(stored(c.Value)), decText(stored(c.Share)),
				decText(c.Weight), decText(stored(c.Points)))
		} else {
			fmt.Fprintf(&b, "%s: missing (weight %s)\n", c.Name, decText(c.Weight))
		}
	}
	fmt.Fprintf(&b, "= %s (coverage %s)", decText(stored(w.value)), decText(stored(w.coverage)))
	return b.String()
}
