package rubrictest

import (
	"testing"

	"pgregory.net/rapid"
)

// TestInvariantsOfGeneratedRubrics proves the checker's oracle against the library on every rubric the generator
// draws: the documented rules (an independent computation), determinism, JSON and overrides hold everywhere.
// Reachability, the maximum and bands are the owner's choices and may be broken by a generated rubric on purpose.
func TestInvariantsOfGeneratedRubrics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := Rubric().Draw(t, "rubric")
		c := newConfig([]Option{Skip(InvReachable, InvMaximum, InvBands)})
		for _, p := range fixedChecks(newShape(r), c) {
			t.Fatalf("%s: %s", p.inv, p.msg)
		}
		g := Regions()[rapid.IntRange(0, regionCount-1).Draw(t, "region")]
		e := EvaluationWith(r, EvalOptions{Toward: g, Shuffle: rapid.Bool().Draw(t, "shuffle")}).Draw(t, "evaluation")
		if inv, msg := checkEvaluation(r, e, c); msg != "" {
			t.Fatalf("%s: %s\nevaluation: %s", inv, msg, evalJSON(e))
		}
	})
}
