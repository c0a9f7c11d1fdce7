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
		for e := 0; e < evaluators; e++ {
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
