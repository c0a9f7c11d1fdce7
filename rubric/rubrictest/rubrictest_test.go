package rubrictest_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// TestGenerators checks the promises of the generators: definitions build, evaluations score, and each invalid
// evaluation fails with its label.
func TestGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := rubrictest.Definition().Draw(t, "definition")
		r, err := rubric.New(def)
		if err != nil {
			t.Fatalf("Definition drew an invalid definition: %v", err)
		}
		o := rubrictest.EvalOptions{
			NoOverrides: rapid.Bool().Draw(t, "noOverrides"),
			NoNA:        rapid.Bool().Draw(t, "noNA"),
			Shuffle:     rapid.Bool().Draw(t, "shuffle"),
		}
		e := rubrictest.EvaluationWith(r, o).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			t.Fatalf("EvaluationWith(%+v) drew an invalid evaluation: %v", o, err)
		}
		if o.NoOverrides && len(res.Reasons()) > 0 {
			t.Fatalf("NoOverrides, yet overrides fired: %v", res.Reasons())
		}
		for _, a := range e.Answers {
			if o.NoNA && a.NA {
				t.Fatalf("NoNA, yet %s is N/A", a.Criterion)
			}
		}
		bad := rubrictest.InvalidEvaluation(r).Draw(t, "invalid")
		if _, err := r.Score(bad.Evaluation); !errors.Is(err, bad.Err) {
			t.Fatalf("%s: error %v, want %v", bad.Why, err, bad.Err)
		}
	})
}

// Generators draw inside rapid properties; Example draws one value outside a test, here to show what they make.
func Example() {
	r := rubrictest.Rubric().Example(3)
	e := rubrictest.Evaluation(r).Example(3)
	bad := rubrictest.InvalidEvaluation(r).Example(3)
	_, err := r.Score(e)
	_, badErr := r.Score(bad.Evaluation)
	fmt.Println(len(r.Criteria()) == len(e.Answers), err == nil, errors.Is(badErr, bad.Err))
	// Output:
	// true true true
}
