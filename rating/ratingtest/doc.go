// Package ratingtest is a test kit for suites built on package rating: rapid generators of rating inputs and
// settings (call scores, surveys, accumulators, personal and department settings with random valid weights), and
// CheckSettings and CheckDepartmentSettings, which prove in one line of a test that a team's personal-rating and
// department-rating settings behave.
//
//	func TestSettings(t *testing.T) {
//		ratingtest.CheckSettings(t, ourSettings) // the team's weights and sufficiency rules
//	}
//
// Index:
//   - [Score], [CallScores], [Survey], [Accumulator], [Weight], [PersonalSettings], [DepartmentSettings],
//     [Input], [DepartmentInput]: valid values, drawn by rapid;
//   - [CheckSettings], [CheckDepartmentSettings] and their options ([Draws], [Skip], [Invariant]); the invariants
//     are named by the Inv constants ([InvRange], [InvScale], ...).
//
// How many cases: the checkers run under rapid.Check, 100 cases unless the test runs with -rapid.checks=N; the
// Draws option draws several inputs per case. A failure is shrunk by rapid to a small input, printed in words.
//
// Generators and options are inert values, safe to share; generators draw only from the *rapid.T they are given.
// The checkers call the testing.TB they are given only from the calling goroutine.
package ratingtest
