package survey

import (
	"github.com/servicequality/servicequality/sq"
)

// CSI is the customer satisfaction index of SPEC R11: each surveyed client rates their satisfaction with the
// interaction on a five-point scale, 1 (lowest) to 5 (highest), and the index is the mean answer. A CSI keeps the
// distribution of answers, so it can be shown and merged.
//
// Build it with NewCSI (from the distribution) or CSIFromAnswers; combine tallies with Merge. The zero value is the
// empty sample, the identity of Merge; its Mean reports ErrEmpty. Values are immutable and safe for concurrent use.
type CSI struct {
	counts [5]int64
}

// NewCSI returns the tally with counts[i] answers of i+1 points: counts[0] ones, …, counts[4] fives. Negative
// counts are errors wrapping ErrInvalidCount, totals above MaxCount errors wrapping sq.ErrLimit.
func NewCSI(counts [5]int64) (CSI, error) {
	if _, err := checkCounts("CSI", counts[:], 1); err != nil {
		return CSI{}, err
	}
	return CSI{counts: counts}, nil
}

// CSIFromAnswers tallies answers on the scale 1–5. An answer off the scale is an error wrapping
// ErrInvalidAnswer, naming its index; nothing is skipped or clamped.
func CSIFromAnswers(answers []int) (CSI, error) {
	var c CSI
	if err := countAnswers("CSI", answers, 1, c.counts[:]); err != nil {
		return CSI{}, err
	}
	return c, nil
}

// Counts returns the distribution of answers: element i is the number of answers of i+1 points.
func (c CSI) Counts() [5]int64 { return c.counts }

// Total returns the number of answers.
func (c CSI) Total() int64 {
	n, _ := sumCounts(c.counts[:], 1)
	return n
}

// Equal reports whether both tallies hold the same distribution.
func (c CSI) Equal(o CSI) bool { return c == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping sq.ErrLimit.
func (c CSI) Merge(o CSI) (CSI, error) {
	var m CSI
	if err := mergeCounts("CSI", c.counts[:], o.counts[:], m.counts[:]); err != nil {
		return CSI{}, err
	}
	return m, nil
}

// Mean returns the index of SPEC R11, the exact mean answer, within [1, 5]: answers 5, 4, 4, 5 give 4.5; 5, 4, 4
// give 13/3 (4.33 rounded to 2 places half-up). It is also the CSI on the 5-point scale of the ratings (SPEC
// R7–R9), whose answers are already on 1–5. An empty tally is an error wrapping ErrEmpty.
func (c CSI) Mean() (sq.Fraction, error) {
	return meanOf("CSI", c.counts[:], 1)
}
