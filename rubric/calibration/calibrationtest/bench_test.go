package calibrationtest_test

import (
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration/calibrationtest"
)

// BenchmarkCheck measures Check on the call rubric: rapid's 100 cases (-rapid.checks), each a session with
// independent evaluators and one of copies, per iteration.
func BenchmarkCheck(b *testing.B) {
	r := rubric.CallQuality()
	b.ReportAllocs()
	for range b.N {
		calibrationtest.Check(b, r)
	}
}
