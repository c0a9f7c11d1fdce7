// Package samplingtest is a test kit for suites built on package sampling: rapid generators of call populations,
// seeds and rules, and of invalid populations labelled with the sentinel error sampling.Select must wrap.
//
// Index: [Calls], [Seed], [Rule]: valid inputs of sampling.Select; [InvalidCalls] and [Invalid]: populations it
// must refuse, with the sentinel.
//
// Generators are inert values, safe to share; they draw only from the *rapid.T they are given.
package samplingtest
