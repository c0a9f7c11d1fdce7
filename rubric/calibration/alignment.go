package calibration

import (
	"math/big"
	"slices"

	"github.com/servicequality/servicequality/sq"
)

// AlignmentReport says how close each evaluator's answers are to a benchmark's on the same calls: 1 is the same
// answers, 0 the furthest apart the rubric allows. See Session.Alignment for the rules.
//
// Every alignment is an exact ratio of points, an sq.Fraction from 0 to 1 that a caller rounds once with
// sq.Fraction.Round. The zero AlignmentReport compares nothing.
type AlignmentReport struct {
	// Benchmark is the evaluator given to Session.Alignment; empty for Session.AlignmentByCall.
	Benchmark string
	// Overall is the mean call alignment over every comparison (evaluator and call), Comparisons their number.
	Overall     sq.Fraction
	Comparisons int
	// Evaluators holds one entry per evaluator compared with a benchmark, sorted by evaluator ID.
	Evaluators []EvaluatorAlignment
	// Criteria holds the alignment on each criterion across all comparisons, in the rubric's order: what drifts.
	Criteria []CriterionAlignment
}

// EvaluatorAlignment is one evaluator's alignment with the benchmark: who drifts. The zero value names no
// evaluator and compares nothing.
type EvaluatorAlignment struct {
	EvaluatorID string
	// Overall is the mean of the evaluator's call alignments.
	Overall sq.Fraction
	// AutoFailDisagreements counts the calls where exactly one of the evaluator and the benchmark failed the
	// whole call (a fatal violation or a level such as red tonality); each of them has call alignment 0.
	AutoFailDisagreements int
	// Criteria holds the evaluator's alignment on each criterion, in the rubric's order.
	Criteria []CriterionAlignment
	// Calls holds the alignment on each call compared, sorted by call ID.
	Calls []CallAlignment
}

// CriterionAlignment is the mean alignment on one criterion over Comparisons evaluations compared. The zero
// value names no criterion and compares nothing.
type CriterionAlignment struct {
	CriterionID string
	Alignment   sq.Fraction
	Comparisons int
}

// CallAlignment is one evaluator's alignment with the benchmark on one call. The zero value names no call.
type CallAlignment struct {
	CallID      string
	BenchmarkID string
	Alignment   sq.Fraction
	// AutoFailDisagreement reports that exactly one of the two failed the whole call, so Alignment is 0.
	AutoFailDisagreement bool
}

// Alignment compares every evaluator with the benchmark evaluator on the calls the benchmark scored. It reports an
// error wrapping ErrUnknownEvaluator when the benchmark has no result in the session. Evaluators who share no call
// with the benchmark do not appear in the report.
//
// The rules, per call, between an evaluator's answers x and the benchmark's b:
//
//   - Answers are compared as given, before overrides (rubric.CriterionResult.Raw): a level that zeroes its
//     criterion, or a violation that zeroes a criterion or a section, would otherwise count one disagreement
//     again in every criterion it zeroes, and two evaluators who answered the same would look apart because one
//     flagged a violation. Whole-call failures are compared by the rule below instead.
//   - Alignment on a criterion is 1 − |x − b| / span, where span is the criterion's range of answers: its maximum
//     minus its lowest possible answer (the Min of a Points scale, the lowest level of a Levels scale, 0
//     otherwise). For the criteria of the built-in rubrics, which all start at 0, span is the criterion's maximum
//     points. Using the range keeps complete disagreement at 0 on scales that do not start at 0.
//   - N/A against N/A is alignment 1; N/A against a score (or a score against N/A) is 0, whatever the N/A policy
//     counts N/A as: one evaluator found the criterion applicable and the other did not.
//   - The call's alignment is the mean of the criteria's alignments weighted by each criterion's maximum points,
//     as the total weighs them (section weights do not enter: alignment compares answers, not totals).
//   - When exactly one of the two failed the whole call (rubric.Result.AutoFail: red tonality, a fatal violation),
//     the call's alignment is 0. When both did, the answers are compared as above.
//
// An evaluator's Overall is the mean of their call alignments; a criterion's alignment is the mean of that
// criterion's alignments over the comparisons concerned; the report's Overall is the mean over all comparisons.
// Each is exact; the caller rounds it once.
func (s *Session) Alignment(benchmark string) (AlignmentReport, error) {
	bi, err := s.evaluator(benchmark)
	if err != nil {
		return AlignmentReport{}, err
	}
	bench := make([]int, len(s.calls))
	for ci := range s.calls {
		bench[ci] = -1
		if s.at(ci, bi) != nil {
			bench[ci] = bi
		}
	}
	rep := s.alignment(bench)
	rep.Benchmark = benchmark
	return rep, nil
}

// AlignmentByCall is Alignment with a benchmark evaluator per call: benchmarks maps call IDs to the evaluator
// whose evaluation of that call is the reference. Calls not in the map are not compared. An evaluator who is the
// benchmark of some calls is compared on the others. It reports an error wrapping ErrUnknownCall for a call
// without results or a benchmark who did not score the call, ErrUnknownEvaluator for an unknown evaluator, and
// ErrNoOverlap for an empty map.
func (s *Session) AlignmentByCall(benchmarks map[string]string) (AlignmentReport, error) {
	if s.empty() {
		return AlignmentReport{}, errEmptySession()
	}
	if len(benchmarks) == 0 {
		return AlignmentReport{}, fail("benchmark", "", "the benchmark evaluator of at least one call; none given", ErrNoOverlap)
	}
	bench := make([]int, len(s.calls))
	for ci := range bench {
		bench[ci] = -1
	}
	var errs errorList
	calls := make([]string, 0, len(benchmarks))
	for call := range benchmarks {
		calls = append(calls, call)
	}
	slices.Sort(calls) // errors in a stable order
	for _, call := range calls {
		ev := benchmarks[call]
		ci, ok := s.callIdx[call]
		if !ok {
			errs.add(fail("benchmark", quote(call), "a call of the session", ErrUnknownCall))
			continue
		}
		ei, err := s.evaluator(ev)
		if err != nil {
			errs.add(within("benchmark["+quote(call)+"]", err))
			continue
		}
		if s.at(ci, ei) == nil {
			errs.add(fail("benchmark["+quote(call)+"]", quote(ev), "an evaluator who scored the call", ErrUnknownCall))
			continue
		}
		bench[ci] = ei
	}
	if err := errs.err(); err != nil {
		return AlignmentReport{}, err
	}
	return s.alignment(bench), nil
}

// alignment compares every evaluator with bench[ci], the benchmark of each call (-1: not compared).
//
// On criterion j an alignment is g/D_j with D_j the span (1 when the span is 0) and 0 ≤ g ≤ D_j. With L the least
// common multiple of the D_j and W the sum of the criteria's maxima, a call's alignment is Σ_j f_j·g_j / (L·W)
// with f_j = max_j·L/D_j, so every sum of call alignments is an integer over L·W and nothing is rounded before
// the end.
func (s *Session) alignment(bench []int) AlignmentReport {
	nc := len(s.crits)
	den := make([]int64, nc)
	lcm, w := big.NewInt(1), new(big.Int)
	for j, c := range s.crits {
		den[j] = max(c.spanU, 1)
		dj := big.NewInt(den[j])
		lcm.Mul(lcm, new(big.Int).Quo(dj, new(big.Int).GCD(nil, nil, lcm, dj)))
		w.Add(w, big.NewInt(c.maxU))
	}
	f := make([]*big.Int, nc)
	for j, c := range s.crits {
		f[j] = new(big.Int).Quo(lcm, big.NewInt(den[j]))
		f[j].Mul(f[j], big.NewInt(c.maxU))
	}
	lw := new(big.Int).Mul(lcm, w) // the denominator of a call's alignment
	type acc struct {
		calls     []CallAlignment
		sum       *big.Int   // Σ call alignments · L·W
		crit      []*big.Int // Σ g per criterion
		autoFails int
	}
	newSums := func() []*big.Int {
		out := make([]*big.Int, nc)
		for j := range out {
			out[j] = new(big.Int)
		}
		return out
	}
	evs := make([]*acc, len(s.evaluators))
	total, critAll := new(big.Int), newSums()
	num, tmp, gj := new(big.Int), new(big.Int), new(big.Int)
	n := 0
	for ci, bi := range bench {
		if bi < 0 {
			continue
		}
		b := s.at(ci, bi)
		cells := s.callCells(ci)
		for k := range cells {
			x := &cells[k]
			ei := x.ev
			if ei == bi {
				continue
			}
			a := evs[ei]
			if a == nil {
				a = &acc{sum: new(big.Int), crit: newSums()}
				evs[ei] = a
			}
			num.SetInt64(0)
			for j := range s.crits {
				gj.SetInt64(agreement(x.answers[j], b.answers[j], den[j]))
				a.crit[j].Add(a.crit[j], gj)
				critAll[j].Add(critAll[j], gj)
				num.Add(num, tmp.Mul(f[j], gj))
			}
			fail := x.autoFail != b.autoFail
			if fail {
				num.SetInt64(0)
				a.autoFails++
			}
			a.sum.Add(a.sum, num)
			total.Add(total, num)
			n++
			a.calls = append(a.calls, CallAlignment{
				CallID: s.calls[ci], BenchmarkID: s.evaluators[bi], Alignment: ratio(num, lw, 1), AutoFailDisagreement: fail,
			})
		}
	}
	rep := AlignmentReport{Comparisons: n}
	if n == 0 {
		return rep
	}
	rep.Overall = ratio(total, lw, n)
	for j, c := range s.crits {
		rep.Criteria = append(rep.Criteria, CriterionAlignment{CriterionID: c.id, Alignment: ratio(critAll[j], big.NewInt(den[j]), n), Comparisons: n})
	}
	for ei, a := range evs {
		if a == nil {
			continue
		}
		k := len(a.calls)
		ea := EvaluatorAlignment{
			EvaluatorID:           s.evaluators[ei],
			Overall:               ratio(a.sum, lw, k),
			AutoFailDisagreements: a.autoFails,
			Calls:                 a.calls,
		}
		for j, c := range s.crits {
			ea.Criteria = append(ea.Criteria, CriterionAlignment{CriterionID: c.id, Alignment: ratio(a.crit[j], big.NewInt(den[j]), k), Comparisons: k})
		}
		rep.Evaluators = append(rep.Evaluators, ea)
	}
	return rep
}

// ratio returns num / (den·count), exact.
func ratio(num, den *big.Int, count int) sq.Fraction {
	d := den
	if count != 1 {
		d = new(big.Int).Mul(den, big.NewInt(int64(count)))
	}
	return quo(num, d)
}

// agreement returns the alignment of x with the benchmark b on one criterion as g out of d: d when both are N/A,
// 0 when exactly one is, else d − |x − b| (d is the criterion's span, or 1 when every answer is worth the same).
func agreement(x, b answer, d int64) int64 {
	switch {
	case x.na && b.na:
		return d
	case x.na || b.na:
		return 0
	}
	diff := x.raw - b.raw
	if diff < 0 {
		diff = -diff
	}
	return d - diff
}
