package rubrictest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Conformance compares score, a re-implementation of scoring (a port of the CRM's web form, a service in another
// language reached through a test harness), with r.Score, and fails t with the first evaluation on which their
// totals differ, printed as JSON, with both totals. Totals are compared by value: 4.5 and 4.50 agree.
//
// It tries first the fixed cases of WriteVectors (every answer of every criterion, every N/A, every override,
// the edges of the maximum, 0 and the bands), then evaluations drawn by rapid from every Region (Toward narrows
// them; Draws and -rapid.checks set how many), shrinking a difference to a small evaluation. An error from score
// on an evaluation the library scores is a difference too; evaluations the library refuses (nothing to score)
// are not offered. Options other than Toward and Draws are ignored.
//
// With a *testing.T, Conformance runs as a subtest named "conformance-" and the rubric's ID.
func Conformance(t testing.TB, r *rubric.Rubric, score func(rubric.Evaluation) (decimal.Decimal, error), opts ...Option) {
	t.Helper()
	c := newConfig(opts)
	if r == nil || len(r.Criteria()) == 0 {
		t.Errorf("rubrictest: Conformance needs a rubric built by rubric.New, rubric.Parse or a template")
		return
	}
	if tt, ok := t.(*testing.T); ok {
		tt.Run("conformance-"+r.ID(), func(t *testing.T) { conform(t, r, score, c) })
		return
	}
	if t.Failed() {
		t.Errorf("rubrictest: Conformance of rubric %q not run: the test has already failed", r.ID())
		return
	}
	conform(t, r, score, c)
}

func conform(t testing.TB, r *rubric.Rubric, score func(rubric.Evaluation) (decimal.Decimal, error), c *config) {
	t.Helper()
	for _, k := range cases(newShape(r), 0, 0) {
		if msg := differ(r, k.e, score); msg != "" {
			t.Errorf("rubrictest: rubric %q version %q, case %s: %s", r.ID(), r.Version(), k.name, msg)
			return
		}
	}
	gen := mixed(r, c.regions)
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			e := gen.Draw(rt, fmt.Sprintf("evaluation%d", k))
			if msg := differ(r, e, score); msg != "" {
				rt.Fatalf("rubrictest: rubric %q version %q: %s", r.ID(), r.Version(), msg)
			}
		}
	})
}

// differ returns what differs between score and the library on e, or "".
func differ(r *rubric.Rubric, e rubric.Evaluation, score func(rubric.Evaluation) (decimal.Decimal, error)) (msg string) {
	res, err := r.Score(e)
	if errors.Is(err, rubric.ErrNothingToScore) {
		return ""
	}
	if err != nil {
		return fmt.Sprintf("the library refuses the evaluation (a defect of this package): %v", err)
	}
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprintf("your scorer panics: %v, where the library gives %s\nevaluation: %s", p, res.Total(), evalJSON(e))
		}
	}()
	got, err := score(e)
	switch {
	case err != nil:
		return fmt.Sprintf("your scorer fails: %v, where the library gives %s\nevaluation: %s", err, res.Total(), evalJSON(e))
	case !got.Equal(res.Total()):
		return fmt.Sprintf("your scorer gives %s where the library gives %s (%s)\nevaluation: %s", got, res.Total(), res, evalJSON(e))
	}
	return ""
}
