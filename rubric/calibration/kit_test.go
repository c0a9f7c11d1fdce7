package calibration_test

import (
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration/calibrationtest"
)

// TestCalibrationKit proves the invariants of package calibrationtest on the call rubric: alignments on 0–1,
// symmetric between two evaluators, and perfect agreement of identical evaluations.
func TestCalibrationKit(t *testing.T) {
	calibrationtest.Check(t, rubric.CallQuality())
}
