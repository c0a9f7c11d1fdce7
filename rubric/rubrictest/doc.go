// Package rubrictest is a test kit for suites built on package rubric: a checker that proves a rubric's invariants
// in one line, a conformance checker and conformance vectors for re-implementations of scoring, and rapid
// generators of rubrics and evaluations (valid, biased toward interesting regions, or invalid with the error they
// must produce).
//
// A team that keeps its rubric as data checks it in CI:
//
//	func TestRubrics(t *testing.T) {
//		rubrictest.CheckFile(t, "rubrics/call.json", rubrictest.MaxShare(decimal.RequireFromString("0.2")))
//		rubrictest.CheckFile(t, "rubrics/chat.json")
//	}
//
// A team that scores elsewhere compares with the library (Go) or with vectors (any language):
//
//	rubrictest.Conformance(t, r, myScore)          // func(rubric.Evaluation) (decimal.Decimal, error)
//	rubrictest.WriteVectors(w, r, seed, 500)        // or: go run ./examples/vectors -rubric call.json
//
// Index:
//   - [Check], [CheckFile] and their options ([MaxShare], [Invariant], [Skip], [Draws], [Toward]); the invariants are named by
//     the Inv constants ([InvReachable], [InvBands], ...);
//   - [Conformance]; [WriteVectors] and [Vector] (the format is described in examples/vectors/VECTORS.md);
//   - [Definition], [Rubric]: valid definitions covering every scale kind, N/A policy, section weighting, override
//     effect, violation and band;
//   - [Evaluation], [EvaluationWith], [AnyRegion]: valid evaluations of a rubric, optionally without overrides or
//     N/A, and favouring a [Region]: [HighScores], [LowScores], [BandEdges], [Overrides];
//   - [Raise]: the answers that raise one criterion's points;
//   - [InvalidEvaluation]: evaluations that must fail, each with the sentinel error it must wrap;
//   - [AnyEvaluation]: evaluations of any shape, for the edges (JSON, storage): hostile strings, decimals and times;
//   - [EquateDecimals]: a go-cmp option comparing decimals by value.
//
// How many cases: Check and Conformance run under rapid.Check, 100 cases unless the test runs with
// -rapid.checks=N; the Draws option draws several evaluations per case instead. A failure is shrunk by rapid to a
// small evaluation, printed as JSON with the invariant it breaks.
//
// Generators and options are inert values, safe to share; generators draw only from the *rapid.T they are given.
// The checkers call the testing.TB they are given only from the calling goroutine.
package rubrictest
