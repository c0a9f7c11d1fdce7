package survey

import (
	"github.com/shopspring/decimal"
)

// FCR is first contact resolution (SPEC R15): the share of contacts whose question was resolved at the first
// contact, in percent.
//
// Build it with NewFCR (from counts) or FCRFromContacts; combine tallies with Merge. The zero value is the empty
// sample, the identity of Merge; its Percent reports ErrEmpty. Values are immutable and safe for concurrent use.
type FCR struct {
	resolved, total int64
}

// NewFCR returns the tally of resolved contacts out of total. Negative counts, resolved > total and totals above
// MaxCount are errors wrapping ErrInvalidCount.
func NewFCR(resolved, total int64) (FCR, error) {
	s, err := newKOfN("FCR", "resolved", resolved, "total", total)
	return FCR{resolved: s.k, total: s.n}, err
}

// FCRFromContacts tallies contacts: true means resolved at the first contact.
func FCRFromContacts(resolved []bool) FCR {
	var f FCR
	for _, ok := range resolved {
		if ok {
			f.resolved++
		}
	}
	f.total = int64(len(resolved))
	return f
}

// Resolved returns the number of contacts resolved at first contact.
func (f FCR) Resolved() int64 { return f.resolved }

// Total returns the number of contacts.
func (f FCR) Total() int64 { return f.total }

// IsEmpty reports whether the tally holds no contacts.
func (f FCR) IsEmpty() bool { return f.total == 0 }

// Equal reports whether both tallies hold the same counts.
func (f FCR) Equal(o FCR) bool { return f == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping ErrInvalidCount.
func (f FCR) Merge(o FCR) (FCR, error) {
	s, err := f.share().merge("FCR", o.share())
	return FCR{resolved: s.k, total: s.n}, err
}

// Percent returns 100 × resolved / total rounded to places digits by r, and whether it is exact. An empty tally
// is an error wrapping ErrEmpty; bad places or rule wrap ErrInvalidPrecision.
func (f FCR) Percent(places int32, r Rounding) (decimal.Decimal, bool, error) {
	return f.share().percent("FCR", places, r)
}

// Wilson returns the Wilson score interval of the resolved proportion (on [0, 1]) at the confidence level, with
// places digits: the low bound rounded down and the high bound rounded up.
func (f FCR) Wilson(level decimal.Decimal, places int32) (Interval, error) {
	return f.share().wilson("FCR", level, places)
}

func (f FCR) share() kOfN { return kOfN{f.resolved, f.total} }
