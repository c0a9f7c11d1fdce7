// Package reviewtest is a test kit for suites built on package review: rapid generators of reviews with valid
// dispute histories (disputes, decisions of every kind, re-scorings, closing), and of events a review must
// refuse, each labelled with the sentinel error Append must wrap.
//
// Index: [History]: reviews with valid histories; [InvalidEvent] and [Invalid]: events to refuse, with the
// sentinel; [Agent], [Manager], [Arbitrator], [Specialist]: the actors of the drawn histories.
//
// Generators are inert values, safe to share; they draw only from the *rapid.T they are given.
package reviewtest
