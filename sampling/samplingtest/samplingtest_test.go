package samplingtest_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sampling/samplingtest"
	"pgregory.net/rapid"
)

// TestGenerators: Select accepts every drawn population, seed and rule, and refuses every invalid population with
// the sentinel it is labelled with.
func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		calls, seed, rule := samplingtest.Calls(30).Draw(t, "calls"), samplingtest.Seed().Draw(t, "seed"), samplingtest.Rule().Draw(t, "rule")
		if _, err := sampling.Select(calls, seed, rule); err != nil {
			t.Fatalf("Select refuses a drawn population: %v", err)
		}
		bad := samplingtest.InvalidCalls(10).Draw(t, "invalid")
		if _, err := sampling.Select(bad.Calls, seed, rule); !errors.Is(err, bad.Err) {
			t.Fatalf("Select of a population with %s: error %v, want one wrapping %v", bad.Why, err, bad.Err)
		}
	})
}
