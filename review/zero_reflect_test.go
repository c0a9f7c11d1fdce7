package review_test

import (
	"testing"

	"github.com/servicequality/servicequality/internal/zerotest"
	"github.com/servicequality/servicequality/review"
)

// Every exported type's zero value answers every method (with zero arguments) without a panic.
func TestZeroValuesAnswerEveryMethod(t *testing.T) {
	for _, zero := range []any{review.Review{}, review.Event{}, review.Actor{}, review.Report{},
		review.Rates{}, review.OpenItem{}, review.Kind(0), review.Decision(0), review.Role("")} {
		zerotest.CallAll(t, zero)
	}
}
