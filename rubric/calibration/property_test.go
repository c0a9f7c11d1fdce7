package calibration_test

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/dec"
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

var one = decimal.NewFromInt(1)

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
		check := func(what string, v decimal.Decimal) {
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
func expectOne(t *rapid.T, what string, v decimal.Decimal, err error, mayBeUndefined bool) {
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
		s := newSession(t, p.results, calibration.Config{Places: 12})
		byPair := map[string]decimal.Decimal{}
		for _, bench := range s.Evaluators() {
			rep, err := s.Alignment(bench)
			if err != nil {
				t.Fatal(err)
			}
			in := func(what string, v decimal.Decimal) {
				if v.Sign() < 0 || v.GreaterThan(one) {
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

// drawMatrix draws a reliability matrix of 2–4 observers and 1–6 units with values 0–4 in tenths or units,
// about a quarter of them missing.
func drawMatrix(t *rapid.T) [][]decimal.NullDecimal {
	obs := rapid.IntRange(2, 4).Draw(t, "observers")
	units := rapid.IntRange(1, 6).Draw(t, "units")
	exp := rapid.SampledFrom([]int32{0, -1}).Draw(t, "exp")
	m := make([][]decimal.NullDecimal, obs)
	for i := range m {
		for u := 0; u < units; u++ {
			if rapid.IntRange(0, 3).Draw(t, "missing") == 0 {
				m[i] = append(m[i], decimal.NullDecimal{})
			} else {
				m[i] = append(m[i], decimal.NewNullDecimal(decimal.New(int64(rapid.IntRange(0, 4).Draw(t, "v")), exp)))
			}
		}
	}
	return m
}

// textbookAlpha computes alpha the long way of Krippendorff (2011): the coincidence matrix o_ck, its marginals
// n_c and the metric's δ² for every pair of values, with ordinal δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
// It returns nil when alpha is not defined.
func textbookAlpha(m [][]decimal.NullDecimal, metric calibration.Metric) *big.Rat {
	var vals []*big.Rat
	idx := func(v *big.Rat) int {
		for i, w := range vals {
			if w.Cmp(v) == 0 {
				return i
			}
		}
		vals = append(vals, v)
		return len(vals) - 1
	}
	var units [][]int
	for u := range m[0] {
		var vs []int
		for i := range m {
			if m[i][u].Valid {
				vs = append(vs, idx(m[i][u].Decimal.Rat()))
			}
		}
		units = append(units, vs)
	}
	// Sort the values so that ordinal ranges run in order.
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return vals[a].Cmp(vals[b]) })
	rank := make([]int, len(vals))
	for r, i := range order {
		rank[i] = r
	}
	k := len(vals)
	o := make([][]*big.Rat, k)
	for i := range o {
		o[i] = make([]*big.Rat, k)
		for j := range o[i] {
			o[i][j] = new(big.Rat)
		}
	}
	for _, u := range units {
		mu := len(u)
		if mu < 2 {
			continue
		}
		for a := range u {
			for b := range u {
				if a != b {
					o[rank[u[a]]][rank[u[b]]].Add(o[rank[u[a]]][rank[u[b]]], big.NewRat(1, int64(mu-1)))
				}
			}
		}
	}
	sorted := make([]*big.Rat, k)
	for r, i := range order {
		sorted[r] = vals[i]
	}
	nc := make([]*big.Rat, k)
	n := new(big.Rat)
	for c := range o {
		nc[c] = new(big.Rat)
		for j := range o[c] {
			nc[c].Add(nc[c], o[c][j])
		}
		n.Add(n, nc[c])
	}
	delta := func(c, j int) *big.Rat {
		switch metric {
		case calibration.Nominal:
			if c == j {
				return new(big.Rat)
			}
			return big.NewRat(1, 1)
		case calibration.Ordinal:
			lo, hi := min(c, j), max(c, j)
			s := new(big.Rat)
			for g := lo; g <= hi; g++ {
				s.Add(s, nc[g])
			}
			s.Sub(s, new(big.Rat).Quo(new(big.Rat).Add(nc[c], nc[j]), big.NewRat(2, 1)))
			return s.Mul(s, s)
		default:
			s := new(big.Rat).Sub(sorted[c], sorted[j])
			return s.Mul(s, s)
		}
	}
	do, de := new(big.Rat), new(big.Rat)
	for c := 0; c < k; c++ {
		for j := 0; j < k; j++ {
			dl := delta(c, j)
			do.Add(do, new(big.Rat).Mul(o[c][j], dl))
			de.Add(de, new(big.Rat).Mul(new(big.Rat).Mul(nc[c], nc[j]), dl))
		}
	}
	if de.Sign() == 0 || n.Sign() == 0 {
		return nil
	}
	r := new(big.Rat).Mul(new(big.Rat).Sub(n, big.NewRat(1, 1)), do)
	r.Quo(r, de)
	return r.Sub(big.NewRat(1, 1), r)
}

// TestPropertyAlphaMatchesTextbook: the closed forms used by KrippendorffAlphaMatrix (sums of squares, ordinal
// mid-ranks) give exactly what the coincidence-matrix definition gives, for every metric.
func TestPropertyAlphaMatchesTextbook(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawMatrix(t)
		metric := rapid.SampledFrom([]calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval}).Draw(t, "metric")
		got, err := calibration.KrippendorffAlphaMatrix(m, metric, calibration.Config{Places: 12})
		want := textbookAlpha(m, metric)
		if want == nil {
			if !errors.Is(err, calibration.ErrUndefined) && !errors.Is(err, calibration.ErrNoOverlap) {
				t.Fatalf("textbook alpha undefined, got %v, %v", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("textbook alpha %s, got error %v", want.FloatString(12), err)
		}
		if w, _ := dec.RoundRat(want, 12, dec.HalfUp); !got.Value.Equal(w) {
			t.Fatalf("%v alpha %s, textbook %s", metric, got.Value, w)
		}
		if got.Value.GreaterThan(one) {
			t.Fatalf("alpha %s above 1", got.Value)
		}
	})
}

// drawCounts draws a Fleiss count table: 1–6 subjects, 2–6 raters each, 1–4 categories.
func drawCounts(t *rapid.T) ([][]int, int) {
	subjects := rapid.IntRange(1, 6).Draw(t, "subjects")
	raters := rapid.IntRange(2, 6).Draw(t, "raters")
	k := rapid.IntRange(1, 4).Draw(t, "categories")
	table := make([][]int, subjects)
	for i := range table {
		table[i] = make([]int, k)
		for r := 0; r < raters; r++ {
			table[i][rapid.IntRange(0, k-1).Draw(t, "category")]++
		}
	}
	return table, raters
}

// TestPropertyFleissMatchesKrippendorff: on complete data with T ratings, 1 − α(nominal) = (1 − κ)·(T − 1)/T
// (both come from the same pairwise agreement; alpha corrects chance for a finite sample). The two are computed
// by different code, so this checks each against the other; at 12 places each is within ½·10⁻¹² of its exact
// value.
func TestPropertyFleissMatchesKrippendorff(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		table, raters := drawCounts(t)
		cfg := calibration.Config{Places: 12}
		kappa, kerr := calibration.FleissKappaCounts(table, cfg)
		// The same data as a reliability matrix: observer r of subject i gives the r-th rating of the row.
		m := make([][]decimal.NullDecimal, raters)
		for _, row := range table {
			r := 0
			for c, n := range row {
				for ; n > 0; n-- {
					m[r] = append(m[r], decimal.NewNullDecimal(decimal.NewFromInt(int64(c))))
					r++
				}
			}
		}
		alpha, aerr := calibration.KrippendorffAlphaMatrix(m, calibration.Nominal, cfg)
		if errors.Is(kerr, calibration.ErrUndefined) != errors.Is(aerr, calibration.ErrUndefined) {
			t.Fatalf("Fleiss %v, alpha %v: undefined in one only", kerr, aerr)
		}
		if kerr != nil {
			return
		}
		if aerr != nil {
			t.Fatal(aerr)
		}
		T := decimal.NewFromInt(int64(len(table) * raters))
		lhs := one.Sub(alpha.Value)
		rhs := one.Sub(kappa.Value).Mul(T.Sub(one)).DivRound(T, 20)
		if lhs.Sub(rhs).Abs().GreaterThan(decimal.New(1, -12)) {
			t.Fatalf("1 − α = %s, (1 − κ)(T − 1)/T = %s (κ %s, α %s)", lhs, rhs, kappa.Value, alpha.Value)
		}
	})
}

// TestPropertyCohenBounds: Cohen's kappa lies in [−1, 1] and does not depend on which rater is first.
func TestPropertyCohenBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 4).Draw(t, "categories")
		table := make([][]int, k)
		tr := make([][]int, k)
		for i := range table {
			table[i] = make([]int, k)
			tr[i] = make([]int, k)
		}
		for i := range table {
			for j := range table[i] {
				table[i][j] = rapid.IntRange(0, 5).Draw(t, "count")
				tr[j][i] = table[i][j]
			}
		}
		a, err := calibration.CohenKappaCounts(table, calibration.Config{})
		b, err2 := calibration.CohenKappaCounts(tr, calibration.Config{})
		if (err == nil) != (err2 == nil) || !a.Equal(b) {
			t.Fatalf("transposed table: %v, %v; %v, %v", a, err, b, err2)
		}
		if err != nil {
			if !errors.Is(err, calibration.ErrUndefined) && !errors.Is(err, calibration.ErrInvalidTable) {
				t.Fatal(err)
			}
			return
		}
		if a.Value.GreaterThan(one) || a.Value.LessThan(one.Neg()) {
			t.Fatalf("κ %s outside [−1, 1]", a.Value)
		}
	})
}

// TestPropertySpread: per call, min ≤ median ≤ max, range = max − min, 0 ≤ sd ≤ range/2 (within the rounding),
// and the evaluators listed outside the tolerance are exactly those further than it from the reference.
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
		ulp := decimal.New(1, -calibration.DefaultPlaces)
		for _, c := range rep.Calls {
			if c.Min.GreaterThan(c.Median) || c.Median.GreaterThan(c.Max) || !c.Range.Equal(c.Max.Sub(c.Min)) {
				t.Fatalf("call %s: min %s, median %s, max %s, range %s", c.CallID, c.Min, c.Median, c.Max, c.Range)
			}
			if c.StdDev.Sign() < 0 || c.StdDev.GreaterThan(c.Range.Mul(decimal.New(5, -1)).Add(ulp)) {
				t.Fatalf("call %s: sd %s with range %s", c.CallID, c.StdDev, c.Range)
			}
			if c.Mean.LessThan(c.Min.Sub(ulp)) || c.Mean.GreaterThan(c.Max.Add(ulp)) {
				t.Fatalf("call %s: mean %s outside [%s, %s]", c.CallID, c.Mean, c.Min, c.Max)
			}
			var want []string
			for _, e := range s.Evaluators() {
				res, ok := s.Result(c.CallID, e)
				if ok && e != bench && res.Total().Sub(c.Reference).Abs().GreaterThan(tol) {
					want = append(want, e)
				}
			}
			var got []string
			for _, o := range c.Outside {
				got = append(got, o.EvaluatorID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("call %s outside mismatch (-want +got):\n%s", c.CallID, diff)
			}
		}
	})
}
