package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/internal/zerotest"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// TestZeroValuesDoNotPanic: every exported type's zero value, and a nil pointer for the methods declared on the
// pointer, answers every method with its documented result or an error, never a panic.
func TestZeroValuesDoNotPanic(t *testing.T) {
	for _, zero := range []any{
		survey.CSI{}, survey.Share{}, survey.ClassicNPS{}, survey.CES{}, survey.Tallies{}, survey.Grouping{},
		survey.Segment{}, survey.Target{}, survey.Attainment{}, survey.Comparison(0), survey.Mode(0),
		survey.Interval{}, survey.ClassicChange{}, survey.ClassicCuts{}, survey.Answer{}, survey.Response{},
		survey.Kind(0),
	} {
		zerotest.CallAll(t, zero)
	}
}

// TestNilTalliesAdd: Add on a nil *Tallies is an error, not a panic.
func TestNilTalliesAdd(t *testing.T) {
	var tl *survey.Tallies
	wantErr(t, "Add on a nil *Tallies", tl.Add(csiAnswer(5), survey.ClassicCuts{}), sq.ErrInvalid)
}
