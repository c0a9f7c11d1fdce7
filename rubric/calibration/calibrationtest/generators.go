package calibrationtest

import (
	"fmt"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// Benchmark is the evaluator ID of the benchmark in the sessions Results draws; the others are "ev1", "ev2", ...
const Benchmark = "benchmark"

// SessionOptions shape the sessions Results draws. The zero value draws 2–6 calls, each scored by the benchmark
// and 1–3 other evaluators who answer on their own.
type SessionOptions struct {
	// MaxCalls is the most calls drawn (at least 2); 0 means 6.
	MaxCalls int
	// MaxEvaluators is the most evaluators besides the benchmark (at least 1); 0 means 3.
	MaxEvaluators int
	// CopyPercent is the chance, 0–100, that an evaluator's evaluation of a call copies the benchmark's answers
	// and violations: 100 gives perfect agreement, 0 (the zero value) evaluators who answer independently
	// (and may still agree by chance).
	CopyPercent int
}

// Results returns a generator of the scored results of a calibration session on r: every drawn call is scored
// by the Benchmark and by every other evaluator, each evaluation drawn by rubrictest.Evaluation or, with the
// chance o.CopyPercent, a copy of the benchmark's. calibration.New accepts every session drawn.
func Results(r *rubric.Rubric, o SessionOptions) *rapid.Generator[[]rubric.Result] {
	calls, evaluators := o.MaxCalls, o.MaxEvaluators
	if calls <= 0 {
		calls = 6
	}
	if evaluators <= 0 {
		evaluators = 3
	}
	calls, copyPct := max(calls, 2), min(max(o.CopyPercent, 0), 100)
	gen := rubrictest.Evaluation(r)
	return rapid.Custom(func(t *rapid.T) []rubric.Result {
		nc := rapid.IntRange(2, calls).Draw(t, "calls")
		ne := rapid.IntRange(1, evaluators).Draw(t, "evaluators")
		var out []rubric.Result
		for c := range nc {
			callID := fmt.Sprintf("call%d", c+1)
			bench := gen.Draw(t, "benchmark")
			for k := range ne + 1 {
				e, who := bench, Benchmark
				if k > 0 {
					who = fmt.Sprintf("ev%d", k)
					if rapid.IntRange(0, 99).Draw(t, "copy") >= copyPct {
						e = gen.Draw(t, "evaluation")
					}
				}
				e.ID, e.CallID, e.EvaluatorID = callID+"/"+who, callID, who
				res, err := r.Score(e)
				if err != nil {
					t.Fatalf("calibrationtest: rubrictest drew an evaluation the rubric refuses: %v", err)
				}
				out = append(out, res)
			}
		}
		return out
	})
}
