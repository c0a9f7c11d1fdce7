// Package calibrationtest is a test kit for suites built on package calibration: rapid generators of calibration
// sessions with controlled agreement (how often each evaluator copies the benchmark's answers), and Check, which
// proves in one line of a test that the alignment and agreement statistics behave on a team's rubric.
//
//	func TestCalibration(t *testing.T) {
//		calibrationtest.Check(t, ourRubric)
//	}
//
// Index:
//   - [Results] and [SessionOptions]: the scored results of a session, the benchmark evaluator named [Benchmark];
//   - [Check] and its options ([Draws], [Skip]); the invariants are named by the Inv constants.
//
// Generators and options are inert values, safe to share; generators draw only from the *rapid.T they are given.
// Check calls the testing.TB it is given only from the calling goroutine.
package calibrationtest
