package autoqa_test

import (
	"testing"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/internal/zerotest"
)

// Every exported type's zero value answers every method (with zero arguments) without a panic.
func TestZeroValuesAnswerEveryMethod(t *testing.T) {
	for _, zero := range []any{autoqa.Facts{}, autoqa.Rule{}, autoqa.RuleSet{}, autoqa.Derived{}, autoqa.Record{},
		autoqa.Override{}, autoqa.Auto{}, autoqa.AutoViolation{}, autoqa.Provenance{}, autoqa.Interval{},
		autoqa.Callback{}, autoqa.Promise{}, autoqa.Party(0), autoqa.Kind("")} {
		zerotest.CallAll(t, zero)
	}
}
