package sampling_test

import (
	"testing"

	"github.com/servicequality/servicequality/internal/zerotest"
	"github.com/servicequality/servicequality/sampling"
)

// Every exported type's zero value answers every method (with zero arguments) without a panic.
func TestZeroValuesAnswerEveryMethod(t *testing.T) {
	for _, zero := range []any{sampling.Call{}, sampling.Rule{}, sampling.Selection{}, sampling.Group{},
		sampling.StratumCount{}, sampling.Stratum{}, sampling.Direction(0), sampling.Client(0), sampling.Period(0)} {
		zerotest.CallAll(t, zero)
	}
}
