package survey

import (
	"github.com/shopspring/decimal"
)

// CSAT is customer satisfaction with one case (SPEC R15): after each case the client rates it on 1–5, and CSAT is
// the share of satisfied answers, 4 or 5, in percent.
//
// Build it with NewCSAT (from counts) or CSATFromAnswers; combine tallies with Merge. The zero value is the empty
// sample, the identity of Merge; its Percent reports ErrEmpty. Values are immutable and safe for concurrent use.
type CSAT struct {
	satisfied, total int64
}

// NewCSAT returns the tally of satisfied answers (4 or 5) out of total. Negative counts, satisfied > total and
// totals above MaxCount are errors wrapping ErrInvalidCount.
func NewCSAT(satisfied, total int64) (CSAT, error) {
	s, err := newKOfN("CSAT", "satisfied", satisfied, "total", total)
	return CSAT{satisfied: s.k, total: s.n}, err
}

// CSATFromAnswers tallies answers on the scale 1–5, counting 4 and 5 as satisfied. An answer off the scale is an
// *AnswerError wrapping ErrInvalidAnswer, naming its index.
func CSATFromAnswers(answers []int) (CSAT, error) {
	var c CSAT
	for i, a := range answers {
		if a < 1 || a > 5 {
			return CSAT{}, &AnswerError{Metric: "CSAT", Index: i, Value: a, Min: 1, Max: 5}
		}
		if a >= 4 {
			c.satisfied++
		}
	}
	c.total = int64(len(answers))
	return c, nil
}

// Satisfied returns the number of answers of 4 or 5.
func (c CSAT) Satisfied() int64 { return c.satisfied }

// Total returns the number of answers.
func (c CSAT) Total() int64 { return c.total }

// IsEmpty reports whether the tally holds no answers.
func (c CSAT) IsEmpty() bool { return c.total == 0 }

// Equal reports whether both tallies hold the same counts.
func (c CSAT) Equal(o CSAT) bool { return c == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping ErrInvalidCount.
func (c CSAT) Merge(o CSAT) (CSAT, error) {
	s, err := c.share().merge("CSAT", o.share())
	return CSAT{satisfied: s.k, total: s.n}, err
}

// Percent returns 100 × satisfied / total rounded to places digits by r, and whether it is exact. An empty tally
// is an error wrapping ErrEmpty; bad places or rule wrap ErrInvalidPrecision.
func (c CSAT) Percent(places int32, r Rounding) (decimal.Decimal, bool, error) {
	return c.share().percent("CSAT", places, r)
}

// Wilson returns the Wilson score interval of the satisfied proportion (on [0, 1]) at the confidence level, such
// as 0.95, with places digits: the low bound rounded down and the high bound rounded up. It always contains the
// observed proportion satisfied / total.
func (c CSAT) Wilson(level decimal.Decimal, places int32) (Interval, error) {
	return c.share().wilson("CSAT", level, places)
}

func (c CSAT) share() kOfN { return kOfN{c.satisfied, c.total} }
