package survey

import (
	"fmt"

	"github.com/servicequality/servicequality/sq"
)

// This file holds the arithmetic shared by the metrics that average answers on a scale of whole points (CSI on
// 1–5, CES on 1–7): counts[i] is the number of answers lo+i.

// countAnswers adds each answer to counts, or reports the first one outside lo…lo+len(counts)-1.
func countAnswers(metric string, answers []int, lo int, counts []int64) error {
	hi := lo + len(counts) - 1
	for i, a := range answers {
		if a < lo || a > hi {
			return answerError(metric, i, a, lo, hi)
		}
		counts[a-lo]++
	}
	return nil
}

// checkCounts validates counts given by a caller and returns their total.
func checkCounts(metric string, counts []int64, lo int) (int64, error) {
	var total int64
	for i, c := range counts {
		if c < 0 {
			return 0, problem(ErrInvalidCount, sq.Index("counts", i), fmt.Sprint(c), "not negative")
		}
		if c > MaxCount-total {
			return 0, problem(sq.ErrLimit, "counts", "", fmt.Sprintf("%s counts adding up to at most %d", metric, MaxCount))
		}
		total += c
	}
	return total, nil
}

// sumCounts returns the number of answers and the sum of their values.
func sumCounts(counts []int64, lo int) (n, sum int64) {
	for i, c := range counts {
		n += c
		sum += c * int64(lo+i)
	}
	return n, sum
}

// mergeCounts sets out to a + b, refusing a total above MaxCount.
func mergeCounts(metric string, a, b, out []int64) error {
	na, _ := sumCounts(a, 0)
	nb, _ := sumCounts(b, 0)
	if _, err := addCounts(metric, na, nb); err != nil {
		return err
	}
	for i := range out {
		out[i] = a[i] + b[i]
	}
	return nil
}

// meanOf returns the exact mean answer, or ErrEmpty when there are no answers.
func meanOf(metric string, counts []int64, lo int) (sq.Fraction, error) {
	n, sum := sumCounts(counts, lo) // sum ≤ 7 × MaxCount fits an int64
	if n == 0 {
		return sq.Fraction{}, errEmpty(metric)
	}
	return ratio(sum, 1, n), nil
}
