package rubrictest

import (
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Names of the invariants Check proves, for Skip and for reading failure messages.
const (
	InvReachable     = "reachable"     // every answer of every criterion is accepted, and each criterion can move the total
	InvMaximum       = "maximum"       // the best answers give the rubric's Max
	InvBands         = "bands"         // bands start at 0 and every band is reached by some evaluation
	InvOverrides     = "overrides"     // every override fires and zeroes what it says; auto-fail keeps the raw total
	InvShare         = "share"         // no criterion weighs more than the share given to MaxShare
	InvJSON          = "json"          // definitions, evaluations and results read back Equal from their JSON
	InvRules         = "rules"         // Score agrees with an independent computation of the documented rules
	InvDeterministic = "deterministic" // Score gives the same result again and whatever the order of the answers
)

// Option tunes Check and Conformance. Options are inert values, safe to share and reuse.
type Option interface{ apply(*config) }

type config struct {
	draws      int
	share      decimal.Decimal
	skip       map[string]bool
	invariants []userInvariant
	regions    []Region
}

type userInvariant struct {
	name string
	f    func(rubric.Evaluation, rubric.Result) error
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

func newConfig(opts []Option) *config {
	c := &config{draws: 1, skip: map[string]bool{}, regions: Regions()}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	return c
}

// Draws makes every rapid case draw n evaluations instead of one (n < 1 counts as 1). The number of cases is
// rapid's: 100 unless the test runs with -rapid.checks=N (go test -rapid.checks=10000 ./...). Draws multiplies
// the evaluations within a case, so a CI job can check more without changing the flag; a failure still shrinks
// to the smallest case, though a case with several draws shrinks less far than one with a single draw.
func Draws(n int) Option { return optionFunc(func(c *config) { c.draws = max(n, 1) }) }

// MaxShare makes Check prove that no criterion weighs more than share of the total (0.25 for a quarter): its
// maximum over the sum of the maxima in an unweighted rubric, its section's weight times its share of the
// section in a weighted one. Without it the share is not checked.
func MaxShare(share decimal.Decimal) Option { return optionFunc(func(c *config) { c.share = share }) }

// Skip leaves out the named invariants (InvBands, ...), for a rubric that breaks one on purpose.
func Skip(names ...string) Option {
	return optionFunc(func(c *config) {
		for _, n := range names {
			c.skip[n] = true
		}
	})
}

// Invariant adds a property of the caller's own, proved on every evaluation Check draws: f gets the valid
// evaluation and its result and returns an error saying what is wrong, or nil. Check reports the error under the
// given name with the smallest evaluation rapid finds that breaks it.
func Invariant(name string, f func(e rubric.Evaluation, res rubric.Result) error) Option {
	return optionFunc(func(c *config) { c.invariants = append(c.invariants, userInvariant{name, f}) })
}

// Toward restricts the evaluations Check and Conformance draw to the given regions; by default they draw from
// every Region.
func Toward(regions ...Region) Option {
	return optionFunc(func(c *config) {
		if len(regions) > 0 {
			c.regions = regions
		}
	})
}
