package surveytest_test

import (
	"testing"

	"github.com/servicequality/servicequality/survey/surveytest"
)

// BenchmarkCheck measures Check: rapid's 100 cases (-rapid.checks), each drawing and proving the nine kinds of
// tally, per iteration.
func BenchmarkCheck(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		surveytest.Check(b)
	}
}
