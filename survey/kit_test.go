package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/survey/surveytest"
)

// TestTalliesKit proves the invariants of package surveytest on every tally: rates on their scales, merging
// associative and commutative with the empty tally as identity (SPEC R10), JSON and binary forms exact.
func TestTalliesKit(t *testing.T) {
	surveytest.Check(t)
}
