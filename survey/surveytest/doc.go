// Package surveytest is a test kit for suites built on package survey: rapid generators of its values (tallies,
// shares, targets, answers and responses), so that property tests here and in packages that consume
// survey results draw valid values the same way, and Check, which proves in one line of a test the invariants of
// every tally (rates on their scales, merging, JSON and binary forms).
//
//	func TestSurveyFork(t *testing.T) { surveytest.Check(t) }
//
// Index:
//   - [CSI], [Share], [ClassicNPS], [CES], [Tallies]: valid tallies;
//   - [Target]: valid targets; [Answer], [Response]: valid answers and responses;
//   - [Check] and its options ([Draws], [Skip], [MaxTotal]); the invariants are named by the Inv constants.
//
// Generators are inert values, safe to share; each Draw returns a value valid by construction. Check calls the
// testing.TB it is given only from the calling goroutine.
package surveytest
