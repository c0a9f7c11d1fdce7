package calibration_test

import (
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/shopspring/decimal"
)

// benchResults scores calls × evaluators evaluations on the call rubric with answers from a fixed pseudo-random
// sequence, so that evaluators agree often but not always.
func benchResults(b *testing.B, calls, evaluators int) []rubric.Result {
	b.Helper()
	return scoredResults(b, calls, func(int) []int {
		out := make([]int, evaluators)
		for e := range out {
			out[e] = e
		}
		return out
	})
}

// scoredResults scores the evaluations of calls calls, call c by the evaluators who(c), with answers from a fixed
// pseudo-random sequence, so that evaluators agree often but not always.
func scoredResults(b *testing.B, calls int, who func(c int) []int) []rubric.Result {
	b.Helper()
	r := rubric.CallQuality()
	state := uint64(1)
	next := func(n int) int {
		state = state*6364136223846793005 + 1442695040888963407
		return int(state>>33) % n
	}
	tones := []string{"green", "green", "green", "yellow", "red"}
	var out []rubric.Result
	for c := 0; c < calls; c++ {
		base := make([]int, len(callCriteria))
		for i := range base {
			base[i] = 3 + next(3)
		}
		tone := tones[next(len(tones))]
		for _, e := range who(c) {
			ev := rubric.Evaluation{CallID: fmt.Sprintf("call-%03d", c), EvaluatorID: fmt.Sprintf("qa-%02d", e)}
			for i, id := range callCriteria {
				p := base[i]
				if next(4) == 0 {
					p = next(6)
				}
				ev.Answers = append(ev.Answers, rubric.PointsAnswer(id, decimal.New(int64(p), -1)))
			}
			t := tone
			if next(5) == 0 {
				t = tones[next(len(tones))]
			}
			ev.Answers = append(ev.Answers, rubric.LevelAnswer("tonality", t))
			res, err := r.Score(ev)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, res)
		}
	}
	return out
}

func benchSession(b *testing.B) *calibration.Session {
	s, err := calibration.New(benchResults(b, 50, 8), calibration.Config{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkNew: a session of 50 calls × 8 evaluators (400 results) on the call rubric.
func BenchmarkNew(b *testing.B) {
	results := benchResults(b, 50, 8)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := calibration.New(results, calibration.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewSparse: a large sparse session, 10,000 calls each scored by 4 of 20,000 evaluators (each evaluator
// scores 2 calls), 40,000 results; memory grows with the results, not with calls × evaluators. The statistics
// that walk every call are measured on the same session.
func BenchmarkNewSparse(b *testing.B) {
	const calls, evaluators = 10_000, 20_000
	results := scoredResults(b, calls, func(c int) []int {
		return []int{(4 * c) % evaluators, (4*c + 1) % evaluators, (4*c + 2) % evaluators, (4*c + 3) % evaluators}
	})
	var s *calibration.Session
	b.Run("New", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var err error
			if s, err = calibration.New(results, calibration.Config{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	if s == nil {
		return
	}
	b.Run("FleissKappa", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := s.FleissKappa("greeting"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("KrippendorffAlpha", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := s.KrippendorffAlpha("greeting", calibration.Ordinal); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Alignment", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := s.Alignment("qa-00"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Spread", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := s.Spread(decimal.New(5, -1)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAlignment(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Alignment("qa-00"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFleissKappa(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.FleissKappa("tonality"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCohenKappa(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.CohenKappa("qa-00", "qa-01", "greeting"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKrippendorffAlpha(b *testing.B) {
	s := benchSession(b)
	for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			b.ResetTimer()
			for range b.N {
				if _, err := s.KrippendorffAlpha("greeting", m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkKrippendorffAlphaTotals(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.KrippendorffAlphaTotals(calibration.Interval); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpread(b *testing.B) {
	s := benchSession(b)
	tol := decimal.New(5, -1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Spread(tol); err != nil {
			b.Fatal(err)
		}
	}
}
