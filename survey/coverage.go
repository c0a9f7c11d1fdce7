package survey

import (
	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// DefaultMinCoveragePercent is the minimum share of an employee's clients that must be surveyed for a survey
// result to count (SPEC R14): 4%.
const DefaultMinCoveragePercent = 4

// CoveragePolicy says how much of a population must be surveyed (SPEC R14).
//
// The zero value means the default minimum of DefaultMinCoveragePercent (4%).
type CoveragePolicy struct {
	// MinPercent is the minimum surveyed share in percent, within (0, 100]; zero means the default 4.
	MinPercent decimal.Decimal
}

// Minimum returns the minimum in percent that the policy applies: MinPercent, or 4 when it is zero.
func (p CoveragePolicy) Minimum() decimal.Decimal {
	if p.MinPercent.IsZero() {
		return decimal.NewFromInt(DefaultMinCoveragePercent)
	}
	return p.MinPercent
}

// Validate reports an error wrapping ErrInvalidSetting unless MinPercent is zero (the default) or within (0, 100].
func (p CoveragePolicy) Validate() error {
	if err := dec.Check(p.MinPercent); err != nil {
		return failCause(ErrInvalidSetting, err, "coverage policy: MinPercent")
	}
	if p.MinPercent.Sign() < 0 || p.MinPercent.GreaterThan(decimal.NewFromInt(100)) {
		return fail(ErrInvalidSetting, "coverage policy: MinPercent %s is outside (0, 100]", p.MinPercent)
	}
	return nil
}

// Coverage is the share of a population that was surveyed (SPEC R14): surveyed clients out of all clients of an
// employee or a department. It is a count of clients, not of answers: a client who answered twice counts once
// (Segment.Respondents counts them so).
//
// Coverage counts every client alike: weighted samples (clients weighted by revenue, say) are not supported.
//
// The zero value is the empty population, the identity of Merge; its Percent and Meets report ErrEmpty.
// Values are immutable and safe for concurrent use.
type Coverage struct {
	surveyed, clients int64
}

// NewCoverage returns the coverage of surveyed clients out of clients. Negative counts, surveyed > clients and
// counts above MaxCount are errors wrapping ErrInvalidCount.
func NewCoverage(surveyed, clients int64) (Coverage, error) {
	if err := checkPart("coverage: surveyed clients", surveyed, "all clients", clients); err != nil {
		return Coverage{}, err
	}
	return Coverage{surveyed: surveyed, clients: clients}, nil
}

// Surveyed returns the number of surveyed clients.
func (c Coverage) Surveyed() int64 { return c.surveyed }

// Clients returns the number of all clients.
func (c Coverage) Clients() int64 { return c.clients }

// Equal reports whether both hold the same counts.
func (c Coverage) Equal(o Coverage) bool { return c == o }

// Merge adds both populations: the coverage of a department from its employees'. It assumes the populations do not
// overlap; a client shared by two employees is counted twice. A merged total above MaxCount is an error wrapping
// ErrInvalidCount.
func (c Coverage) Merge(o Coverage) (Coverage, error) {
	clients, err := addCounts("coverage", c.clients, o.clients)
	if err != nil {
		return Coverage{}, err
	}
	return Coverage{surveyed: c.surveyed + o.surveyed, clients: clients}, nil
}

// Percent returns 100 × surveyed / clients rounded to places digits by r, and whether it is exact. No clients is an
// error wrapping ErrEmpty; bad places or rule wrap ErrInvalidPrecision.
func (c Coverage) Percent(places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := checkPrecision(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	if c.clients == 0 {
		return decimal.Decimal{}, false, fail(ErrEmpty, "coverage: there are no clients")
	}
	d, exact := ratio(100*c.surveyed, c.clients, places, r)
	return d, exact, nil
}

// Meets reports whether the surveyed share reaches the policy's minimum (SPEC R14), compared exactly, without
// rounding: 4 of 100 clients meet 4%, 3 of 76 (3.95%) do not. An invalid policy wraps ErrInvalidSetting; no
// clients wraps ErrEmpty.
func (c Coverage) Meets(p CoveragePolicy) (bool, error) {
	if err := p.Validate(); err != nil {
		return false, err
	}
	if c.clients == 0 {
		return false, fail(ErrEmpty, "coverage: there are no clients")
	}
	// surveyed / clients ≥ min / 100  ⇔  100 × surveyed ≥ min × clients.
	return decimal.NewFromInt(100*c.surveyed).Cmp(p.Minimum().Mul(decimal.NewFromInt(c.clients))) >= 0, nil
}

// Required returns the least number of clients that must be surveyed to meet the policy: ⌈min × clients / 100⌉.
// It is 0 when there are no clients. An invalid policy wraps ErrInvalidSetting.
func (c Coverage) Required(p CoveragePolicy) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	need := p.Minimum().Mul(decimal.NewFromInt(c.clients)).Shift(-2).Ceil()
	return need.IntPart(), nil
}
