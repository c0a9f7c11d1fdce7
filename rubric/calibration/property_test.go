package calibration_test

import (
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// panel is a calibration session drawn at random: a rubric and its scored results.
type panel struct {
	r       *rubric.Rubric
	results []rubric.Result
}

// panelOptions narrow the panels drawn.
type panelOptions struct {
	identical bool // every evaluator gives the same answers on a call
	complete  bool // every evaluator scores every call
}

// drawPanel draws 1–4 calls scored by 2–4 evaluators ("ev-0", …) on a rubric from rubrictest: each evaluation
// copies the call's first one or is drawn afresh, so that agreement and disagreement both occur.
func drawPanel(t *rapid.T, o panelOptions) panel {
	r := rubrictest.Rubric().Draw(t, "rubric")
	nCalls := rapid.IntRange(1, 4).Draw(t, "calls")
	nEv := rapid.IntRange(2, 4).Draw(t, "evaluators")
	gen := rubrictest.Evaluation(r)
	var out []rubric.Result
	for c := 0; c < nCalls; c++ {
		base := gen.Draw(t, "base")
		who := make([]int, nEv)
		for i := range who {
			who[i] = i
		}
		if !o.complete {
			who = rapid.Permutation(who).Draw(t, "who")[:rapid.IntRange(2, nEv).Draw(t, "scored")]
		}
		for _, ev := range who {
			e := base
			if !o.identical && rapid.IntRange(0, 2).Draw(t, "fresh") > 0 {
				e = gen.Draw(t, "evaluation")
			}
			e.CallID, e.EvaluatorID = fmt.Sprintf("call-%d", c), fmt.Sprintf("ev-%d", ev)
			res, err := r.Score(e)
			if err != nil {
				t.Fatalf("rubrictest drew an evaluation Score refuses: %v", err)
			}
			out = append(out, res)
		}
	}
	return panel{r: r, results: out}
}

func newSession(t *rapid.T, results []rubric.Result, cfg calibration.Config) *calibration.Session {
	s, err := calibration.New(results, cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

var one = fr("1")

// sameAnswers reports whether every result of s gives the same answer on the criterion (N/A, level and points).
func sameAnswers(s *calibration.Session, criterion string) bool {
	var first *rubric.CriterionResult
	for _, c := range s.Calls() {
		for _, e := range s.Evaluators() {
			res, ok := s.Result(c, e)
			if !ok {
				continue
			}
			cr, _ := res.Criterion(criterion)
			if first == nil {
				first = &cr
			} else if cr.NA != first.NA || cr.Level != first.Level || !cr.Raw.Equal(first.Raw) {
				return false
			}
		}
	}
	return true
}

// TestPropertyIdenticalEvaluations: when every evaluator answers each call alike, alignment is 1 everywhere and
// every agreement coefficient is 1 — or undefined (0/0) exactly when every answer of the session is the same.
func TestPropertyIdenticalEvaluations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{identical: true, complete: true})
		s := newSession(t, p.results, calibration.Config{})
		rep, err := s.Alignment("ev-0")
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, v sq.Fraction) {
			if !v.Equal(one) {
				t.Fatalf("%s alignment %s, want 1", what, v)
			}
		}
		check("overall", rep.Overall)
		for _, c := range rep.Criteria {
			check("criterion "+c.CriterionID, c.Alignment)
		}
		for _, e := range rep.Evaluators {
			check(e.EvaluatorID, e.Overall)
			for _, c := range e.Calls {
				check(e.EvaluatorID+" on "+c.CallID, c.Alignment)
			}
		}
		for _, c := range s.Criteria() {
			same := sameAnswers(s, c)
			k, err := s.FleissKappa(c)
			expectOne(t, "Fleiss "+c, k.Value, err, same)
			k, err = s.CohenKappa("ev-0", "ev-1", c)
			expectOne(t, "Cohen "+c, k.Value, err, same)
			for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
				a, err := s.KrippendorffAlpha(c, m)
				if m != calibration.Nominal && errors.Is(err, calibration.ErrNoOverlap) {
					continue // N/A on every call: no value left for a metric that has no place for N/A
				}
				// Interval compares points only, so distinct levels of equal points are equal values there.
				expectOne(t, fmt.Sprintf("alpha %v %s", m, c), a.Value, err, same || m != calibration.Nominal)
			}
		}
		if _, err := s.KrippendorffAlphaTotals(calibration.Interval); err != nil && !errors.Is(err, calibration.ErrUndefined) {
			t.Fatalf("alpha on totals: %v", err)
		}
		sp, err := s.Spread(decimal.Zero)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range sp.Calls {
			if !c.Range.IsZero() || !c.StdDev.IsZero() || len(c.Outside) > 0 {
				t.Fatalf("call %s: range %s, sd %s, %d outside; want 0, 0, none", c.CallID, c.Range, c.StdDev, len(c.Outside))
			}
		}
	})
}

// expectOne fails unless the coefficient is 1, or undefined where that is allowed.
func expectOne(t *rapid.T, what string, v sq.Fraction, err error, mayBeUndefined bool) {
	switch {
	case errors.Is(err, calibration.ErrUndefined) && mayBeUndefined:
	case err != nil:
		t.Fatalf("%s: %v", what, err)
	case !v.Equal(one):
		t.Fatalf("%s = %s, want 1", what, v)
	}
}

// TestPropertyAlignmentBounds: every alignment lies in [0, 1], and alignment is symmetric: a compared with b as
// benchmark equals b compared with a on the same call.
func TestPropertyAlignmentBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{})
		s := newSession(t, p.results, calibration.Config{})
		byPair := map[string]sq.Fraction{}
		for _, bench := range s.Evaluators() {
			rep, err := s.Alignment(bench)
			if err != nil {
				t.Fatal(err)
			}
			in := func(what string, v sq.Fraction) {
				if v.Sign() < 0 || v.Cmp(one) > 0 {
					t.Fatalf("benchmark %s: %s alignment %s outside [0, 1]", bench, what, v)
				}
			}
			in("overall", rep.Overall)
			for _, c := range rep.Criteria {
				in(c.CriterionID, c.Alignment)
			}
			for _, e := range rep.Evaluators {
				in(e.EvaluatorID, e.Overall)
				for _, c := range e.Criteria {
					in(e.EvaluatorID+" "+c.CriterionID, c.Alignment)
				}
				for _, c := range e.Calls {
					in(e.EvaluatorID+" on "+c.CallID, c.Alignment)
					byPair[e.EvaluatorID+"|"+bench+"|"+c.CallID] = c.Alignment
				}
			}
		}
		for k, v := range byPair {
			parts := strings.Split(k, "|")
			a, b, c := parts[0], parts[1], parts[2]
			if w, ok := byPair[b+"|"+a+"|"+c]; !ok || !w.Equal(v) {
				t.Fatalf("%s against %s on %s: %s; the other way round: %s", a, b, c, v, w)
			}
		}
	})
}

// TestPropertyOrderIndependence: every report is the same whatever the order of the results given to New.
func TestPropertyOrderIndependence(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{})
		shuffled := rapid.Permutation(p.results).Draw(t, "order")
		a := reportOf(newSession(t, p.results, calibration.Config{}))
		b := reportOf(newSession(t, shuffled, calibration.Config{}))
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("reports mismatch (-in order +shuffled):\n%s", diff)
		}
	})
}

// TestPropertyRelabelling: renaming the evaluators and calls (which changes their sorted order) changes no
// coefficient and no evaluator's alignment.
func TestPropertyRelabelling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{})
		names := rapid.Permutation([]string{"zed", "amy", "kim", "bob"}).Draw(t, "names")
		callPrefix := rapid.SampledFrom([]string{"x-", "a-", "m-"}).Draw(t, "callPrefix")
		callOrder := rapid.Permutation([]string{"9", "1", "5", "3"}).Draw(t, "callNames")
		rename := map[string]string{}
		for i := 0; i < 4; i++ {
			rename[fmt.Sprintf("ev-%d", i)] = names[i]
			rename[fmt.Sprintf("call-%d", i)] = callPrefix + callOrder[i]
		}
		relabelled := make([]rubric.Result, len(p.results))
		for i, res := range p.results {
			m := res.Meta()
			relabelled[i] = rescore(t, p.r, res, rename[m.CallID], rename[m.EvaluatorID])
		}
		s1 := newSession(t, p.results, calibration.Config{})
		s2 := newSession(t, relabelled, calibration.Config{})
		for _, c := range s1.Criteria() {
			for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
				a1, err1 := s1.KrippendorffAlpha(c, m)
				a2, err2 := s2.KrippendorffAlpha(c, m)
				if !a1.Equal(a2) || (err1 == nil) != (err2 == nil) {
					t.Fatalf("alpha %v %s: %v, %v after renaming; %v, %v before", m, c, a2, err2, a1, err1)
				}
			}
			k1, err1 := s1.FleissKappa(c)
			k2, err2 := s2.FleissKappa(c)
			if !k1.Equal(k2) || (err1 == nil) != (err2 == nil) {
				t.Fatalf("Fleiss %s: %v, %v after renaming; %v, %v before", c, k2, err2, k1, err1)
			}
		}
		r1, _ := s1.Alignment("ev-0")
		r2, _ := s2.Alignment(rename["ev-0"])
		if !r1.Overall.Equal(r2.Overall) || len(r1.Evaluators) != len(r2.Evaluators) {
			t.Fatalf("alignment overall %s after renaming, %s before", r2.Overall, r1.Overall)
		}
		for _, e := range r1.Evaluators {
			i := slices.IndexFunc(r2.Evaluators, func(x calibration.EvaluatorAlignment) bool { return x.EvaluatorID == rename[e.EvaluatorID] })
			if i < 0 || !r2.Evaluators[i].Overall.Equal(e.Overall) {
				t.Fatalf("evaluator %s: alignment changed by renaming", e.EvaluatorID)
			}
		}
	})
}

// rescore scores the evaluation behind res again under new identifiers: the answers are rebuilt from the result.
func rescore(t *rapid.T, r *rubric.Rubric, res rubric.Result, callID, evaluatorID string) rubric.Result {
	e := rubric.Evaluation{CallID: callID, EvaluatorID: evaluatorID, Violations: res.Violations()}
	for _, c := range res.Criteria() {
		switch crit, _ := r.Criterion(c.ID); {
		case c.NA:
			e.Answers = append(e.Answers, rubric.NAAnswer(c.ID))
		case crit.Scale.Kind == rubric.Points:
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, c.Raw))
		default:
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, c.Level))
		}
	}
	out, err := r.Score(e)
	if err != nil {
		t.Fatalf("rescoring: %v", err)
	}
	if !out.Total().Equal(res.Total()) || out.AutoFail() != res.AutoFail() {
		t.Fatalf("rescoring changed the total: %s, was %s", out.Total(), res.Total())
	}
	return out
}

// TestPropertySpread: per call, min ≤ mean ≤ max and min ≤ median ≤ max, range = max − min, the mean is the exact
// mean of the totals, 0 ≤ sd ≤ range/2 (within the rounding), and the evaluators listed outside the tolerance are
// exactly those further than it from the reference; per evaluator, the mean deviation is the exact mean of the
// evaluator's deviations from the reference.
func TestPropertySpread(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{})
		s := newSession(t, p.results, calibration.Config{})
		tol := decimal.New(int64(rapid.IntRange(0, 20).Draw(t, "tolerance")), -1)
		var rep calibration.SpreadReport
		var err error
		bench := ""
		if rapid.Bool().Draw(t, "benchmark") {
			bench = rapid.SampledFrom(s.Evaluators()).Draw(t, "bench")
			rep, err = s.SpreadFrom(bench, tol)
		} else {
			rep, err = s.Spread(tol)
		}
		if err != nil {
			t.Fatal(err)
		}
		ulp := decimal.New(1, -4)
		devs := map[string][]sq.Fraction{}
		for _, c := range rep.Calls {
			if c.Min.GreaterThan(c.Median) || c.Median.GreaterThan(c.Max) || !c.Range.Equal(c.Max.Sub(c.Min)) {
				t.Fatalf("call %s: min %s, median %s, max %s, range %s", c.CallID, c.Min, c.Median, c.Max, c.Range)
			}
			if c.StdDev.Sign() < 0 || c.StdDev.GreaterThan(c.Range.Mul(decimal.New(5, -1)).Add(ulp)) {
				t.Fatalf("call %s: sd %s with range %s", c.CallID, c.StdDev, c.Range)
			}
			if c.Mean.Cmp(sq.FractionOf(c.Min)) < 0 || c.Mean.Cmp(sq.FractionOf(c.Max)) > 0 {
				t.Fatalf("call %s: mean %s outside [%s, %s]", c.CallID, c.Mean, c.Min, c.Max)
			}
			var want []string
			var sum sq.Fraction
			for _, e := range s.Evaluators() {
				res, ok := s.Result(c.CallID, e)
				if ok {
					sum = sum.Add(sq.FractionOf(res.Total()))
				}
				if ok && e != bench {
					d := res.Total().Sub(c.Reference)
					devs[e] = append(devs[e], sq.FractionOf(d))
					if d.Abs().GreaterThan(tol) {
						want = append(want, e)
					}
				}
			}
			if mean, _ := sum.Quo(fr(fmt.Sprint(c.Evaluations))); !c.Mean.Equal(mean) {
				t.Fatalf("call %s: mean %s, want %s", c.CallID, c.Mean, mean)
			}
			var got []string
			for _, o := range c.Outside {
				got = append(got, o.EvaluatorID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("call %s outside mismatch (-want +got):\n%s", c.CallID, diff)
			}
		}
		for _, e := range rep.Evaluators {
			var sum sq.Fraction
			for _, d := range devs[e.EvaluatorID] {
				sum = sum.Add(d)
			}
			mean, _ := sum.Quo(fr(fmt.Sprint(len(devs[e.EvaluatorID]))))
			if e.Calls != len(devs[e.EvaluatorID]) || !e.MeanDeviation.Equal(mean) {
				t.Fatalf("evaluator %s: %d calls, mean deviation %s; want %d, %s", e.EvaluatorID, e.Calls, e.MeanDeviation, len(devs[e.EvaluatorID]), mean)
			}
		}
	})
}
