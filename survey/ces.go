package survey

import (
	"github.com/servicequality/servicequality/sq"
)

// CES is the customer effort score: each client rates how easy it was to get their question handled on a scale of
// 1 to 7, and the score is the mean answer. Which end of the scale means "easy" is the survey's choice; this type
// only averages. A CES keeps the distribution of answers.
//
// Build it with NewCES or CESFromAnswers; combine tallies with Merge. The zero value is the empty sample, the
// identity of Merge; its Mean reports ErrEmpty. Values are immutable and safe for concurrent use.
type CES struct {
	counts [7]int64
}

// NewCES returns the tally with counts[i] answers of i+1 points. Negative counts are errors wrapping
// ErrInvalidCount, totals above MaxCount errors wrapping sq.ErrLimit.
func NewCES(counts [7]int64) (CES, error) {
	if _, err := checkCounts("CES", counts[:], 1); err != nil {
		return CES{}, err
	}
	return CES{counts: counts}, nil
}

// CESFromAnswers tallies answers on the scale 1–7. An answer off the scale is an error wrapping
// ErrInvalidAnswer, naming its index.
func CESFromAnswers(answers []int) (CES, error) {
	var c CES
	if err := countAnswers("CES", answers, 1, c.counts[:]); err != nil {
		return CES{}, err
	}
	return c, nil
}

// Counts returns the distribution of answers: element i is the number of answers of i+1 points.
func (c CES) Counts() [7]int64 { return c.counts }

// Total returns the number of answers.
func (c CES) Total() int64 {
	n, _ := sumCounts(c.counts[:], 1)
	return n
}

// Equal reports whether both tallies hold the same distribution.
func (c CES) Equal(o CES) bool { return c == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping sq.ErrLimit.
func (c CES) Merge(o CES) (CES, error) {
	var m CES
	if err := mergeCounts("CES", c.counts[:], o.counts[:], m.counts[:]); err != nil {
		return CES{}, err
	}
	return m, nil
}

// Mean returns the exact mean answer, within [1, 7]. An empty tally is an error wrapping ErrEmpty.
func (c CES) Mean() (sq.Fraction, error) {
	return meanOf("CES", c.counts[:], 1)
}
