package sampling_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sampling/samplingtest"
	"pgregory.net/rapid"
)

// TestSelectKit proves on the populations of package samplingtest that a selection does not depend on the order
// of the calls, that each group takes its quota or, when short, all its calls (SPEC R5), and that every invalid
// population is refused with the sentinel it is labelled with.
func TestSelectKit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		calls, seed, rule := samplingtest.Calls(40).Draw(t, "calls"), samplingtest.Seed().Draw(t, "seed"), samplingtest.Rule().Draw(t, "rule")
		sel, err := sampling.Select(calls, seed, rule)
		if err != nil {
			t.Fatalf("Select: %v", err)
		}
		shuffled := rapid.Permutation(calls).Draw(t, "shuffled")
		again, err := sampling.Select(shuffled, seed, rule)
		if err != nil || !slices.EqualFunc(sel.Calls(), again.Calls(), func(a, b sampling.Call) bool { return a.ID == b.ID }) {
			t.Fatalf("the calls in another order select %v (error %v), in the given order %v", again.Calls(), err, sel.Calls())
		}
		quota := rule.PerEmployee
		if quota == 0 {
			quota = sampling.DefaultPerEmployee
		}
		for _, g := range sel.Groups {
			want := min(quota, g.Population) - min(g.Evaluated, quota)
			if len(g.Selected) != want || g.Short != (g.Population < quota) {
				t.Fatalf("%s %s: %d of %d calls selected (short %t), want %d", g.Employee, g.Period, len(g.Selected), g.Population, g.Short, want)
			}
		}
		bad := samplingtest.InvalidCalls(10).Draw(t, "invalid")
		if _, err := sampling.Select(bad.Calls, seed, rule); !errors.Is(err, bad.Err) {
			t.Fatalf("a population where %s: error %v, want one wrapping %v", bad.Why, err, bad.Err)
		}
	})
}
