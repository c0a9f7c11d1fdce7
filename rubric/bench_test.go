package rubric_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// The scoring benchmarks (see BENCHMARKS.md). Every figure is also reported as a ratio against two references
// that live only in test code and run in the same benchmark: the naive all-decimal implementation (naive_test.go)
// and a float64 implementation of the same rules (the speed floor; not exact).

// callMix returns n evaluations of the source's call rubric with a realistic mix of mistakes: points mostly high,
// tonality 80% green, 14% yellow, 6% red, and 3% of calls with a fatal violation (SPEC R1–R4).
func callMix(n int) []rubric.Evaluation {
	rng := rand.New(rand.NewPCG(1, 2))
	r := rubric.CallQuality()
	tenths := make([]decimal.Decimal, 6)
	for i := range tenths {
		tenths[i] = decimal.New(int64(i), -1)
	}
	out := make([]rubric.Evaluation, n)
	for i := range out {
		e := rubric.Evaluation{ID: fmt.Sprintf("ev-%d", i), CallID: fmt.Sprintf("call-%d", i),
			EmployeeID: fmt.Sprintf("e-%d", i%40), EvaluatorID: "qa-1",
			At: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)}
		for _, c := range r.Criteria() {
			c.ID = strings.Clone(c.ID) // IDs as a CRM sends them: equal text, not the rubric's own strings
			if c.ID == "tonality" {
				switch x := rng.IntN(100); {
				case x < 80:
					e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
				case x < 94:
					e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "yellow"))
				default:
					e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "red"))
				}
				continue
			}
			p := 5 - min(rng.IntN(8), 5) // 0.5 most often, down to 0
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, tenths[p]))
		}
		if rng.IntN(100) < 3 {
			e.Violations = []string{[]string{"profanity", "promise_not_kept"}[rng.IntN(2)]}
		}
		out[i] = e
	}
	return out
}

// floatRubric is the float64 reference: the same rules with float64 arithmetic and map lookups.
type floatRubric struct {
	max      float64
	sumMax   float64
	crit     map[string]floatCrit
	order    []string
	violated map[string]bool // violations that zero the evaluation
}

type floatCrit struct {
	min, max, step float64
	levels         map[string]float64
	autoFail       map[string]bool
}

func newFloat(r *rubric.Rubric) *floatRubric {
	f := &floatRubric{max: r.Max().InexactFloat64(), crit: map[string]floatCrit{}, violated: map[string]bool{}}
	for _, c := range r.Criteria() {
		fc := floatCrit{min: c.Scale.Min.InexactFloat64(), max: c.MaxPoints().InexactFloat64(), step: c.Scale.Step.InexactFloat64(),
			levels: map[string]float64{}, autoFail: map[string]bool{}}
		for _, l := range c.Scale.Levels {
			fc.levels[l.ID] = l.Points.InexactFloat64()
			fc.autoFail[l.ID] = l.Effect == rubric.EffectEvaluation
		}
		f.crit[c.ID] = fc
		f.order = append(f.order, c.ID)
		f.sumMax += fc.max
	}
	for _, v := range r.Violations() {
		f.violated[v.ID] = v.Effect == rubric.EffectEvaluation
	}
	return f
}

// floatAnswer is an answer as the float64 reference sees it.
type floatAnswer struct {
	Criterion string  `json:"criterion"`
	Points    float64 `json:"points,string"`
	Level     string  `json:"level"`
	NA        bool    `json:"na"`
}

// score scores an evaluation, reading each decimal as a float64.
func (f *floatRubric) score(e rubric.Evaluation) (float64, bool) {
	var buf [16]floatAnswer
	answers := buf[:0]
	for _, a := range e.Answers {
		answers = append(answers, floatAnswer{Criterion: a.Criterion, Points: a.Points.InexactFloat64(), Level: a.Level, NA: a.NA})
	}
	return f.scoreAnswers(answers, e.Violations)
}

func (f *floatRubric) scoreAnswers(answers []floatAnswer, violations []string) (float64, bool) {
	sum, seen, fail := 0.0, 0, false
	for _, a := range answers {
		c, ok := f.crit[a.Criterion]
		if !ok || a.NA {
			return 0, false
		}
		seen++
		if a.Level != "" {
			p, ok := c.levels[a.Level]
			if !ok {
				return 0, false
			}
			fail = fail || c.autoFail[a.Level]
			sum += p
			continue
		}
		p := a.Points
		k := (p - c.min) / c.step
		if p < c.min || p > c.max || math.Abs(k-math.Round(k)) > 1e-9 {
			return 0, false
		}
		sum += p
	}
	for _, v := range violations {
		fail = fail || f.violated[v]
	}
	if seen != len(f.order) {
		return 0, false
	}
	if fail {
		return 0, true
	}
	return f.max * sum / f.sumMax, true
}

var sink rubric.Result

// BenchmarkScore scores the source's call rubric, one evaluation per op, on a realistic mix. The exact/… sub-benchmarks
// report ns/op of each implementation; "ratio" runs all three on the same inputs and reports Score's speed-up over
// the naive reference and its slowdown against float64.
func BenchmarkScore(b *testing.B) {
	r := rubric.CallQuality()
	evals := callMix(1024)
	const mask = 1023 // evals[i&mask] cycles through the mix without a division
	naive, float := newNaive(r), newFloat(r)
	b.Run("impl=exact", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := r.Score(evals[i&mask]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=naive", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := naive.score(evals[i&mask]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=float64", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, ok := float.score(evals[i&mask]); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("ratio", func(b *testing.B) {
		exact := timeLoop(b.N, func(i int) { _, _ = r.Score(evals[i&mask]) })
		slow := timeLoop(b.N, func(i int) { _, _ = naive.score(evals[i&mask]) })
		fast := timeLoop(b.N, func(i int) { _, _ = float.score(evals[i&mask]) })
		b.ReportMetric(float64(slow)/float64(exact), "speedup-vs-naive")
		b.ReportMetric(float64(exact)/float64(fast), "time-vs-float64")
		b.ReportMetric(float64(b.N)/exact.Seconds()/1e6, "M-evals/s")
	})
}

func timeLoop(n int, f func(i int)) time.Duration {
	start := time.Now()
	for i := 0; i < n; i++ {
		f(i)
	}
	return max(time.Since(start), time.Nanosecond)
}

// BenchmarkScoreJSON is the CRM path: parse an evaluation from JSON and score it. The references parse the same
// documents: the naive one with ParseEvaluation and its all-decimal scoring, the float64 one with plain
// encoding/json into float64 fields (no strictness, no exactness: the floor).
func BenchmarkScoreJSON(b *testing.B) {
	r := rubric.CallQuality()
	evals := callMix(256)
	docs := make([][]byte, len(evals))
	for i, e := range evals {
		docs[i], _ = e.MarshalJSON()
	}
	naive, float := newNaive(r), newFloat(r)
	exactPath := func(i int) error {
		e, err := rubric.ParseEvaluation(docs[i%len(docs)])
		if err == nil {
			sink, err = r.Score(e)
		}
		return err
	}
	naivePath := func(i int) error {
		e, err := rubric.ParseEvaluation(docs[i%len(docs)])
		if err == nil {
			_, err = naive.score(e)
		}
		return err
	}
	floatPath := func(i int) error {
		var w floatEvaluation
		if err := json.Unmarshal(docs[i%len(docs)], &w); err != nil {
			return err
		}
		if _, ok := float.scoreAnswers(w.Answers, w.Violations); !ok {
			return errors.New("refused")
		}
		return nil
	}
	for _, impl := range []struct {
		name string
		f    func(int) error
	}{{"exact", exactPath}, {"naive", naivePath}, {"float64", floatPath}} {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(docs[0])))
			for i := 0; i < b.N; i++ {
				if err := impl.f(i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("ratio", func(b *testing.B) {
		exact := timeLoop(b.N, func(i int) { _ = exactPath(i) })
		slow := timeLoop(b.N, func(i int) { _ = naivePath(i) })
		fast := timeLoop(b.N, func(i int) { _ = floatPath(i) })
		b.ReportMetric(float64(slow)/float64(exact), "speedup-vs-naive")
		b.ReportMetric(float64(exact)/float64(fast), "time-vs-float64")
	})
}

// floatEvaluation is the float64 reference's view of an evaluation document.
type floatEvaluation struct {
	Answers    []floatAnswer `json:"answers"`
	Violations []string      `json:"violations"`
}

// BenchmarkParseEvaluation compares the two readers of ParseEvaluation on the same documents: the one-pass reader
// of the common document and the general strict decoder that reads everything else and explains refusals.
func BenchmarkParseEvaluation(b *testing.B) {
	evals := callMix(256)
	docs := make([][]byte, len(evals))
	for i, e := range evals {
		docs[i], _ = e.MarshalJSON()
	}
	for _, reader := range []struct {
		name string
		f    func([]byte) (rubric.Evaluation, error)
	}{{"one-pass", rubric.ParseEvaluation}, {"general", rubric.ParseEvaluationStrict}} {
		b.Run("reader="+reader.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(docs[0])))
			for i := 0; i < b.N; i++ {
				if _, err := reader.f(docs[i%len(docs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
