package survey

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// Retention is the share of complainants still clients some time after their complaint (SPEC R15: "keep 90% of
// clients who complained"), in percent; measure it against a Target such as
// Target{Metric: "complainants kept, %", Compare: AtLeast, Value: 90}.
//
// Build it with NewRetention (from counts) or RetentionFromOutcomes; combine tallies with Merge. The zero value is
// the empty sample, the identity of Merge; its Percent reports ErrEmpty. Values are immutable and safe for
// concurrent use.
type Retention struct {
	s kOfN // retained of total
}

// NewRetention returns the tally of retained complainants out of total. Negative counts, retained > total and
// totals above MaxCount are errors wrapping ErrInvalidCount.
func NewRetention(retained, total int64) (Retention, error) {
	s, err := newKOfN("retention", "retained", retained, "total", total)
	return Retention{s}, err
}

// Outcome is what became of one complainant: whether they were still a client when observed. The caller supplies
// it (from the CRM), with the dates.
type Outcome struct {
	Complainant string
	Complained  time.Time // when the complaint was received
	Observed    time.Time // when StillClient was observed
	StillClient bool
}

// RetentionFromOutcomes tallies the outcomes observed at least window after the complaint; the others are not yet
// due and are returned in pending (their number). A complainant listed twice, zero times, an observation before
// the complaint and a negative window are errors wrapping ErrInvalidAnswer; more than MaxCount outcomes one
// wrapping ErrInvalidCount.
func RetentionFromOutcomes(outcomes []Outcome, window time.Duration) (r Retention, pending int, err error) {
	if window < 0 {
		return Retention{}, 0, fail(ErrInvalidAnswer, "retention: window %v is negative", window)
	}
	if int64(len(outcomes)) > MaxCount {
		return Retention{}, 0, fail(ErrInvalidCount, "retention: %d outcomes, at most %d", len(outcomes), MaxCount)
	}
	seen := make(map[string]bool, len(outcomes))
	for i, o := range outcomes {
		where := fmt.Sprintf("retention: outcome %d (%q)", i+1, clip(o.Complainant))
		switch {
		case o.Complainant == "":
			return Retention{}, 0, fail(ErrInvalidAnswer, "%s: the complainant is empty", where)
		case seen[o.Complainant]:
			return Retention{}, 0, fail(ErrInvalidAnswer, "%s: the complainant is listed twice", where)
		case o.Complained.IsZero() || o.Observed.IsZero():
			return Retention{}, 0, fail(ErrInvalidAnswer, "%s: the complaint and observation times are required", where)
		case o.Observed.Before(o.Complained):
			return Retention{}, 0, fail(ErrInvalidAnswer, "%s: observed before the complaint", where)
		}
		seen[o.Complainant] = true
		if o.Observed.Sub(o.Complained) < window {
			pending++
			continue
		}
		r.s.n++
		if o.StillClient {
			r.s.k++
		}
	}
	return r, pending, nil
}

// Retained returns the number of complainants still clients.
func (r Retention) Retained() int64 { return r.s.k }

// Total returns the number of complainants counted.
func (r Retention) Total() int64 { return r.s.n }

// IsEmpty reports whether the tally holds no complainant.
func (r Retention) IsEmpty() bool { return r.s.n == 0 }

// Equal reports whether both tallies hold the same counts.
func (r Retention) Equal(o Retention) bool { return r == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping ErrInvalidCount.
func (r Retention) Merge(o Retention) (Retention, error) {
	s, err := r.s.merge("retention", o.s)
	return Retention{s}, err
}

// Percent returns 100 × retained / total rounded to places digits by rule, and whether it is exact. An empty
// tally is an error wrapping ErrEmpty; bad places or rule wrap ErrInvalidPrecision.
func (r Retention) Percent(places int32, rule Rounding) (decimal.Decimal, bool, error) {
	return r.s.percent("retention", places, rule)
}

// Wilson returns the Wilson score interval of the retained proportion (on [0, 1]) at the confidence level, with
// places digits: the low bound rounded down and the high bound rounded up.
func (r Retention) Wilson(level decimal.Decimal, places int32) (Interval, error) {
	return r.s.wilson("retention", level, places)
}

// MarshalJSON writes {"retained": k, "total": n}.
func (r Retention) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{"retained":%d,"total":%d}`, r.s.k, r.s.n)), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewRetention.
func (r *Retention) UnmarshalJSON(b []byte) error {
	s, err := decodeKOfN("retention", b, "retained", "total")
	if err != nil {
		return err
	}
	*r = Retention{s}
	return nil
}
