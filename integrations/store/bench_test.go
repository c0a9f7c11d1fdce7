package store

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/sq"
)

// benchEvaluations draws n evaluations of r for 20 employees over a year.
func benchEvaluations(r *rubric.Rubric, n int) []rubric.Evaluation {
	out := make([]rubric.Evaluation, n)
	for i := range out {
		e := rubrictest.Evaluation(r).Example(i)
		e.ID, e.EmployeeID = fmt.Sprintf("b-%d", i), fmt.Sprintf("e-%d", i%20)
		e.At = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		out[i] = e
	}
	return out
}

// BenchmarkSaveEvaluation stores one scored evaluation per transaction.
func BenchmarkSaveEvaluation(b *testing.B) {
	for _, e := range engines() {
		b.Run(string(e.engine), func(b *testing.B) {
			s := e.open(b)
			r := rubric.CallQuality()
			evals := benchEvaluations(r, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := s.SaveEvaluation(ctx, r, evals[i], "d"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallTotals aggregates 10,000 stored results of 20 employees in SQL.
func BenchmarkCallTotals(b *testing.B) {
	for _, e := range engines() {
		b.Run(string(e.engine), func(b *testing.B) {
			s := e.open(b)
			r := rubric.CallQuality()
			for _, ev := range benchEvaluations(r, 10_000) {
				if _, err := s.SaveEvaluation(ctx, r, ev, "d"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				g, err := s.CallTotals(ctx, rating.ByEmployee, sq.Period{})
				if err != nil || g.Len() != 20 {
					b.Fatal(g.Len(), err)
				}
			}
		})
	}
}
