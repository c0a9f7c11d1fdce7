// Package rubrictest provides rapid generators of valid rubrics and evaluations, and of invalid evaluations
// labelled with the error they must produce, so that test suites built on package rubric can check their own
// invariants over many random cases.
//
//	rapid.Check(t, func(t *rapid.T) {
//		r := rubrictest.Rubric().Draw(t, "rubric")
//		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
//		res, err := r.Score(e)
//		// ... check what your code does with res
//	})
//
// Index:
//   - [Definition], [Rubric]: valid definitions covering every scale kind, N/A policy, section weighting, override
//     effect, violation and band;
//   - [Evaluation], [EvaluationWith]: valid evaluations of a rubric, optionally without overrides or N/A;
//   - [InvalidEvaluation]: evaluations that must fail, each with the sentinel error it must wrap;
//   - [AnyEvaluation]: evaluations of any shape, for the edges (JSON, storage): hostile strings, decimals and times;
//   - [EquateDecimals]: a go-cmp option comparing decimals by value.
//
// Generators are inert values, safe to share; they draw only from the *rapid.T they are given.
package rubrictest
