// Package ratingtest is a test kit for suites built on package rating: rapid generators of rating inputs and
// settings (call scores, surveys, accumulators, personal and department settings with random valid weights), and
// CheckSettings, which proves in one line of a test that a team's personal-rating settings behave.
//
//	func TestSettings(t *testing.T) {
//		ratingtest.CheckSettings(t, ourSettings) // the team's weights and sufficiency rules
//	}
//
// Index:
//   - [CallScores], [Survey], [Accumulator], [Weights], [PersonalSettings], [DepartmentSettings], [Input]: valid
//     values, drawn by rapid;
//   - [CheckSettings] and its options ([Draws], [Skip], [Invariant]); the invariants are named by the Inv constants
//     ([InvRange], [InvScale], ...).
//
// How many cases: CheckSettings runs under rapid.Check, 100 cases unless the test runs with -rapid.checks=N; the
// Draws option draws several inputs per case. A failure is shrunk by rapid to a small input, printed in words.
//
// Generators and options are inert values, safe to share; generators draw only from the *rapid.T they are given.
// CheckSettings calls the testing.TB it is given only from the calling goroutine.
package ratingtest
