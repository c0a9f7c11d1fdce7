// Package complaintstest is a test kit for suites built on package complaints: rapid generators of policies
// (the presets and random ones), calendars (the built-in ones, with provisional years, and with official data
// overlaid), receipt times, valid complaint histories and invalid events labelled with the error they must
// produce, and CheckPolicy, which proves in one line of a test that a policy behaves.
//
//	func TestPolicies(t *testing.T) {
//		complaintstest.CheckPolicyFile(t, "policies/complaints.json") // the team's policy, kept as data
//		complaintstest.CheckPolicy(t, complaints.KazakhstanMicrofinance(almaty))
//	}
//
// Index:
//   - [Policy], [Preset]: valid policies; [Calendar]: calendars; [ReceivedAt]: receipt times a policy can count;
//   - [History]: complaints with valid histories; [InvalidEvent]: events a complaint must refuse, with the sentinel;
//   - [CheckPolicy], [CheckPolicyFile] and their options ([Draws], [Skip], [Invariant], [Between]).
//
// Generators are inert values, safe to share; they draw only from the *rapid.T they are given.
package complaintstest
