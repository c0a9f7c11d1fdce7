package rubrictest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Check proves in one line of a test that the rubric r behaves as its owner means it to, and fails t with every
// broken invariant in words a rubric owner reads: `criterion "greeting" can never change the total`,
// `band "good" (from 3.5 to 3.6) is never reached`. It checks:
//
//   - InvReachable: every answer of every criterion (each point step, each level, N/A where allowed) is accepted
//     and counted as what it is worth, and each criterion can move the total;
//   - InvMaximum: the best answers that fire no override give Max;
//   - InvBands: the first band starts at 0, so every total has a band, and every band is reached;
//   - InvOverrides: every level and violation with an effect fires, is recorded as a reason and zeroes its
//     criterion, its section or the whole evaluation; an auto-fail gives 0 while RawTotal stays as scored;
//   - InvShare (with MaxShare): no criterion weighs more than the share given;
//   - InvJSON: the definition and the rubric, and every drawn evaluation and its result, read back Equal;
//   - InvRules: on every drawn evaluation Score agrees with an independent computation of the documented rules
//     (total, raw total, exactness, auto-fail and band), within 0 and Max;
//   - InvDeterministic: Score gives an Equal result again, and with the answers and violations in another order;
//   - the caller's own invariants (Invariant).
//
// The fixed checks (reachability, maximum, bands, overrides, share, the definition's JSON) run once; the others
// run under rapid.Check on evaluations drawn from every Region (Toward narrows them), 100 cases unless
// -rapid.checks says otherwise (see Draws), and a failure shrinks to a minimal evaluation printed as JSON.
//
// With a *testing.T, Check runs as a subtest named by the rubric's ID, so that several rubrics checked in one test
// are each reported, and one failing does not stop the others. The drawn evaluations are checked once the fixed
// invariants hold. Check calls t's methods only from the calling goroutine, never t.Fatal from another one.
func Check(t testing.TB, r *rubric.Rubric, opts ...Option) {
	t.Helper()
	c := newConfig(opts)
	if r == nil || len(r.Criteria()) == 0 {
		t.Errorf("rubrictest: Check needs a rubric built by rubric.New, rubric.Parse or a template")
		return
	}
	if tt, ok := t.(*testing.T); ok {
		tt.Run(r.ID(), func(t *testing.T) { check(t, r, c) })
		return
	}
	if t.Failed() {
		t.Errorf("rubrictest: Check of rubric %q not run: the test has already failed", r.ID())
		return
	}
	check(t, r, c)
}

func check(t testing.TB, r *rubric.Rubric, c *config) {
	t.Helper()
	s := newShape(r)
	f := func(inv, format string, args ...any) {
		t.Helper()
		t.Errorf("rubrictest: rubric %q version %q: %s: %s", r.ID(), r.Version(), inv, fmt.Sprintf(format, args...))
	}
	problems := fixedChecks(s, c)
	for _, p := range problems {
		f(p.inv, "%s", p.msg)
	}
	if len(problems) > 0 {
		return // the drawn evaluations would only repeat what is broken
	}
	gen := mixed(r, c.regions)
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			e := gen.Draw(rt, fmt.Sprintf("evaluation%d", k))
			if inv, msg := checkEvaluation(r, e, c); msg != "" {
				rt.Fatalf("rubrictest: rubric %q version %q: %s: %s\nevaluation: %s", r.ID(), r.Version(), inv, msg, evalJSON(e))
			}
		}
	})
}

// mixed draws from the given regions in turn.
func mixed(r *rubric.Rubric, regions []Region) *rapid.Generator[rubric.Evaluation] {
	gens := make([]*rapid.Generator[rubric.Evaluation], len(regions))
	for i, g := range regions {
		gens[i] = EvaluationWith(r, EvalOptions{Toward: g, Shuffle: g == Anywhere})
	}
	return rapid.OneOf(gens...)
}

func evalJSON(e rubric.Evaluation) string {
	b, err := e.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("%+v (no JSON: %v)", e, err)
	}
	return string(b)
}

// checkEvaluation proves the invariants of one drawn evaluation and returns the first broken one, with what is
// wrong; msg is empty when all hold.
func checkEvaluation(r *rubric.Rubric, e rubric.Evaluation, c *config) (inv, msg string) {
	res, err := r.Score(e)
	want, werr := reference(r, e)
	if err != nil {
		if werr != nil && errors.Is(err, rubric.ErrNothingToScore) {
			return "", "" // every counted criterion excluded: refused, as the rules say
		}
		return InvRules, fmt.Sprintf("Score refuses a valid evaluation: %v", err)
	}
	if !c.skip[InvRules] {
		if werr != nil {
			return InvRules, fmt.Sprintf("Score gives %s where the rules leave nothing to score (%v)", res.Total(), werr)
		}
		band, _ := res.Band()
		switch {
		case res.Total().Sign() < 0 || res.Total().GreaterThan(r.Max()):
			return InvRules, fmt.Sprintf("total %s is outside 0…%s", res.Total(), r.Max())
		case !res.Total().Equal(want.total):
			return InvRules, fmt.Sprintf("total %s, the rules give %s", res.Total(), want.total)
		case !res.RawTotal().Equal(want.raw):
			return InvRules, fmt.Sprintf("raw total %s, the rules give %s", res.RawTotal(), want.raw)
		case res.Exact() != want.exact:
			return InvRules, fmt.Sprintf("total %s marked exact=%t, the rules give exact=%t", res.Total(), res.Exact(), want.exact)
		case res.AutoFail() != want.autoFail:
			return InvRules, fmt.Sprintf("auto-fail %t, the rules give %t", res.AutoFail(), want.autoFail)
		case band.ID != want.band:
			return InvRules, fmt.Sprintf("total %s in band %q, the rules give band %q", res.Total(), band.ID, want.band)
		}
	}
	if !c.skip[InvDeterministic] {
		again, err := r.Score(e)
		if err != nil || !again.Equal(res) {
			return InvDeterministic, fmt.Sprintf("scoring again gives %v (error %v), first %v", again, err, res)
		}
		o := e
		o.Answers, o.Violations = slices.Clone(e.Answers), slices.Clone(e.Violations)
		slices.Reverse(o.Answers)
		slices.Reverse(o.Violations)
		rev, err := r.Score(o)
		if err != nil || !rev.Equal(res) {
			return InvDeterministic, fmt.Sprintf("the answers in reverse order give %v (error %v), in the given order %v", rev, err, res)
		}
	}
	if !c.skip[InvJSON] {
		b, err := e.MarshalJSON()
		if err != nil {
			return InvJSON, fmt.Sprintf("the evaluation has no JSON form: %v", err)
		}
		back, err := rubric.ParseEvaluation(b)
		if err != nil || !back.Equal(e) {
			return InvJSON, fmt.Sprintf("the evaluation reads back from %s as %+v (error %v)", b, back, err)
		}
		rb, err := res.MarshalJSON()
		if err != nil {
			return InvJSON, fmt.Sprintf("the result has no JSON form: %v", err)
		}
		rback, err := rubric.ParseResult(r, rb)
		if err != nil || !rback.Equal(res) {
			return InvJSON, fmt.Sprintf("the result reads back from %s as %v (error %v)", rb, rback, err)
		}
	}
	for _, u := range c.invariants {
		if err := u.f(e, res); err != nil {
			return u.name, fmt.Sprintf("%v (result %v)", err, res)
		}
	}
	return "", ""
}

// problem is one broken fixed invariant.
type problem struct{ inv, msg string }

func answerString(a rubric.Answer) string {
	switch {
	case a.NA:
		return "N/A"
	case a.Level != "":
		return fmt.Sprintf("level %q", a.Level)
	}
	return "points " + a.Points.String()
}

// with returns e with the answer on criterion i replaced by a.
func with(e rubric.Evaluation, i int, a rubric.Answer) rubric.Evaluation {
	e.Answers = slices.Clone(e.Answers)
	e.Answers[i] = a
	return e
}

func zeroish(d decimal.Decimal) bool { return d.Sign() == 0 }
