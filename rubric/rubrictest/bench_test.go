package rubrictest_test

import (
	"io"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// BenchmarkCheckTemplates measures Check on the three built-in templates: the fixed checks and rapid's 100 cases
// each (-rapid.checks), per iteration.
func BenchmarkCheckTemplates(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		for _, id := range rubric.Templates() {
			r, _ := rubric.Template(id)
			rubrictest.Check(b, r)
		}
	}
}

// BenchmarkConformance measures Conformance of the library with itself on the call rubric.
func BenchmarkConformance(b *testing.B) {
	r := rubric.CallQuality()
	score := func(e rubric.Evaluation) (decimal.Decimal, error) {
		s, err := r.Score(e)
		return s.Total(), err
	}
	b.ReportAllocs()
	for range b.N {
		rubrictest.Conformance(b, r, score)
	}
}

// BenchmarkWriteVectors measures writing the fixed cases and 500 random ones for the call rubric.
func BenchmarkWriteVectors(b *testing.B) {
	r := rubric.CallQuality()
	b.ReportAllocs()
	for range b.N {
		if err := rubrictest.WriteVectors(io.Discard, r, 1, 500); err != nil {
			b.Fatal(err)
		}
	}
}
