package calibrationtest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// Names of the invariants Check proves, for Skip and for reading failure messages.
const (
	InvRange     = "range"     // every alignment lies on 0–1
	InvSymmetric = "symmetric" // a's alignment with benchmark b equals b's with benchmark a; Cohen's kappa too
	InvPerfect   = "perfect"   // identical evaluations align at 1, and kappa and alpha are 1 where defined
)

// Option tunes Check. Options are inert values, safe to share and reuse.
type Option interface{ apply(*config) }

type config struct {
	draws int
	skip  map[string]bool
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// Draws makes every rapid case draw n sessions instead of one (n < 1 counts as 1). The number of cases is
// rapid's: 100 unless the test runs with -rapid.checks=N.
func Draws(n int) Option { return optionFunc(func(c *config) { c.draws = max(n, 1) }) }

// Skip leaves out the named invariants (InvSymmetric, ...).
func Skip(names ...string) Option {
	return optionFunc(func(c *config) {
		for _, n := range names {
			c.skip[n] = true
		}
	})
}

// stats are the statistics Check proves; *calibration.Session has them. The kit's own tests give Check broken
// ones to prove that it fails.
type stats interface {
	Alignment(benchmark string) (calibration.AlignmentReport, error)
	CohenKappa(a, b, criterionID string) (calibration.Kappa, error)
	FleissKappa(criterionID string) (calibration.Kappa, error)
	KrippendorffAlphaTotals(metric calibration.Metric) (calibration.Alpha, error)
	Criteria() []string
	Evaluators() []string
}

func librarySession(results []rubric.Result) (stats, error) {
	return calibration.New(results, calibration.Config{})
}

// Check proves in one line of a test that calibration statistics behave on sessions of the rubric r, and fails t
// with the broken invariant in words and the session that shows it (call by call, evaluator by evaluator):
//
//   - InvRange: the report's, every evaluator's and every criterion's alignment lie on 0–1;
//   - InvSymmetric: evaluator a's alignment with benchmark b equals b's with benchmark a (they scored the same
//     calls), and Cohen's kappa of a and b equals that of b and a on every criterion, or both are undefined;
//   - InvPerfect: in a session where every evaluator copies the benchmark, every alignment is 1, and Fleiss'
//     kappa on every criterion and Krippendorff's interval alpha on the totals are 1 or undefined
//     (calibration.ErrUndefined: a single category says nothing about reliability).
//
// Sessions are drawn by Results (independent evaluators for InvRange and InvSymmetric, copies for InvPerfect),
// 100 cases unless -rapid.checks says otherwise, and a failure shrinks to a small session.
func Check(t testing.TB, r *rubric.Rubric, opts ...Option) {
	t.Helper()
	c := &config{draws: 1, skip: map[string]bool{}}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	if r == nil || len(r.Criteria()) == 0 {
		t.Errorf("calibrationtest: Check needs a rubric built by rubric.New, rubric.Parse or a template")
		return
	}
	check(t, r, c, librarySession)
}

func check(t testing.TB, r *rubric.Rubric, c *config, newStats func([]rubric.Result) (stats, error)) {
	t.Helper()
	mixed, copies := Results(r, SessionOptions{CopyPercent: 30}), Results(r, SessionOptions{CopyPercent: 100})
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			for _, perfect := range []bool{false, true} {
				gen, label := mixed, fmt.Sprintf("session%d", k)
				if perfect {
					if c.skip[InvPerfect] {
						continue
					}
					gen, label = copies, fmt.Sprintf("copies%d", k)
				}
				results := gen.Draw(rt, label)
				s, err := newStats(results)
				if err != nil {
					rt.Fatalf("calibrationtest: rubric %q: calibration.New refuses a valid session: %v\nsession: %s", r.ID(), err, describe(results))
				}
				if inv, msg := checkSession(s, c, perfect); msg != "" {
					rt.Fatalf("calibrationtest: rubric %q: %s: %s\nsession: %s", r.ID(), inv, msg, describe(results))
				}
			}
		}
	})
}

// one and none are the fractions 1 and −1.
var one, none = whole(1), whole(-1)

func whole(n int64) sq.Fraction {
	f, _ := sq.Ratio(n, 1)
	return f
}

// checkSession proves the invariants on one session and returns the first broken one.
func checkSession(s stats, c *config, perfect bool) (inv, msg string) {
	evs := s.Evaluators()
	reports := map[string]calibration.AlignmentReport{}
	for _, b := range evs {
		rep, err := s.Alignment(b)
		if err != nil {
			return InvRange, fmt.Sprintf("alignment with benchmark %q refused: %v", b, err)
		}
		reports[b] = rep
		if !c.skip[InvRange] {
			if m := outside(rep); m != "" {
				return InvRange, fmt.Sprintf("benchmark %q: %s", b, m)
			}
		}
		if perfect {
			if !rep.Overall.Equal(one) {
				return InvPerfect, fmt.Sprintf("identical evaluations align at %s with benchmark %q, not 1", rep.Overall, b)
			}
			for _, e := range rep.Evaluators {
				if !e.Overall.Equal(one) {
					return InvPerfect, fmt.Sprintf("evaluator %q copies benchmark %q and aligns at %s, not 1", e.EvaluatorID, b, e.Overall)
				}
			}
		}
	}
	if !c.skip[InvSymmetric] {
		for _, a := range evs {
			for _, b := range evs {
				if a >= b {
					continue
				}
				ab, ba := overallOf(reports[b], a), overallOf(reports[a], b)
				if !ab.Equal(ba) {
					return InvSymmetric, fmt.Sprintf("%q aligns at %s with benchmark %q, %q at %s with benchmark %q", a, ab, b, b, ba, a)
				}
				for _, crit := range s.Criteria() {
					k1, err1 := s.CohenKappa(a, b, crit)
					k2, err2 := s.CohenKappa(b, a, crit)
					if (err1 == nil) != (err2 == nil) || (err1 == nil && !k1.Value.Equal(k2.Value)) {
						return InvSymmetric, fmt.Sprintf("Cohen's kappa on %q: %s of %q and %q (error %v), %s of %q and %q (error %v)",
							crit, k1.Value, a, b, err1, k2.Value, b, a, err2)
					}
				}
			}
		}
	}
	if perfect {
		for _, crit := range s.Criteria() {
			k, err := s.FleissKappa(crit)
			if err != nil && !errors.Is(err, calibration.ErrUndefined) {
				return InvPerfect, fmt.Sprintf("Fleiss' kappa on %q of identical evaluations refused: %v", crit, err)
			}
			if err == nil && !k.Value.Equal(one) {
				return InvPerfect, fmt.Sprintf("Fleiss' kappa on %q of identical evaluations is %s, not 1", crit, k.Value)
			}
		}
		a, err := s.KrippendorffAlphaTotals(calibration.Interval)
		if err != nil && !errors.Is(err, calibration.ErrUndefined) {
			return InvPerfect, fmt.Sprintf("alpha of identical totals refused: %v", err)
		}
		if err == nil && !a.Value.Equal(one) {
			return InvPerfect, fmt.Sprintf("alpha of identical totals is %s, not 1", a.Value)
		}
	}
	return "", ""
}

// overallOf returns the overall alignment of evaluator id in rep; -1 when absent.
func overallOf(rep calibration.AlignmentReport, id string) sq.Fraction {
	for _, e := range rep.Evaluators {
		if e.EvaluatorID == id {
			return e.Overall
		}
	}
	return none
}

// outside reports an alignment of rep off 0–1.
func outside(rep calibration.AlignmentReport) string {
	off := func(x sq.Fraction) bool { return x.Sign() < 0 || x.Cmp(one) > 0 }
	if off(rep.Overall) {
		return fmt.Sprintf("overall alignment %s is outside 0–1", rep.Overall)
	}
	for _, e := range rep.Evaluators {
		if off(e.Overall) {
			return fmt.Sprintf("evaluator %q aligns at %s, outside 0–1", e.EvaluatorID, e.Overall)
		}
	}
	for _, cr := range rep.Criteria {
		if off(cr.Alignment) {
			return fmt.Sprintf("criterion %q aligns at %s, outside 0–1", cr.CriterionID, cr.Alignment)
		}
	}
	return ""
}

// describe writes a session in words: per result the call, the evaluator, the total and the raw answers.
func describe(results []rubric.Result) string {
	var b strings.Builder
	for _, res := range results {
		fmt.Fprintf(&b, "\n  %s by %s: total %s", res.Meta().CallID, res.Meta().EvaluatorID, res.Total())
	}
	return b.String()
}
