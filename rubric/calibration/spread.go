package calibration

import (
	"math/big"
	"slices"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// SpreadReport describes how far apart the totals of each call are (rubric.Result.Total, after overrides) and
// which evaluators are further than a tolerance from the call's reference total.
//
// Min, Max, Range, Median, Reference and deviations are exact decimals (sums and differences of totals, and half
// a sum); Mean and MeanDeviation are exact fractions, which a caller rounds once with sq.Fraction.Round. StdDev,
// a square root that is in general irrational, is the one statistic rounded here, once, by the session's Config.
// The zero SpreadReport describes no call.
type SpreadReport struct {
	Tolerance decimal.Decimal
	// Benchmark is the evaluator given to SpreadFrom; empty for Spread, whose reference is each call's median.
	Benchmark string
	// Calls holds one entry per call, sorted by call ID (with a benchmark: the calls the benchmark scored).
	Calls []CallSpread
	// Evaluators sums up each evaluator's deviations over the calls, sorted by evaluator ID (without the
	// benchmark).
	Evaluators []EvaluatorSpread
}

// CallSpread is the spread of the totals of one call. The zero value names no call and counts no evaluation.
type CallSpread struct {
	CallID      string
	Evaluations int
	// Min, Max and Range = Max − Min of the totals, exact.
	Min, Max, Range decimal.Decimal
	// Mean of the totals, exact.
	Mean sq.Fraction
	// StdDev is the population standard deviation √(Σ (x − mean)² / k) of the totals over the k evaluations
	// (the spread of the panel's own totals, not an estimate for a wider population; the sample deviation is
	// √(k / (k − 1)) times it), rounded once by the session's Config (4 places half-up by default).
	StdDev decimal.Decimal
	// Median of the totals, exact (the mean of the two middle totals when k is even).
	Median decimal.Decimal
	// Reference is the total others are measured from: the median, or the benchmark's total.
	Reference decimal.Decimal
	// Outside lists the evaluators whose total is further than the tolerance from Reference, sorted by
	// evaluator ID.
	Outside []Deviation
}

// Deviation is an evaluator's total on a call and its signed difference from the call's reference. The zero
// value names no evaluator.
type Deviation struct {
	EvaluatorID string
	Total       decimal.Decimal
	// Deviation = Total − Reference, exact: positive when the evaluator scored higher (more lenient).
	Deviation decimal.Decimal
}

// EvaluatorSpread sums up one evaluator's deviations from the reference. The zero value names no evaluator and
// counts no call.
type EvaluatorSpread struct {
	EvaluatorID string
	// Calls counts the evaluator's calls measured against a reference, Outside those further than the
	// tolerance from it.
	Calls, Outside int
	// MeanDeviation is the mean of the signed deviations, exact: above 0 the evaluator scores higher than the
	// reference on average (lenient), below 0 lower (harsh).
	MeanDeviation sq.Fraction
}

// Spread reports the spread of totals per call and the evaluators whose total differs from the call's median
// total by more than tolerance (a strict inequality: a deviation equal to the tolerance is inside). The median
// is the reference because it does not move toward the outlier being looked for, as the mean would. tolerance
// must be 0 or more (0: every total off the median is outside); otherwise an error wraps ErrInvalidConfig.
func (s *Session) Spread(tolerance decimal.Decimal) (SpreadReport, error) {
	return s.spread(tolerance, -1)
}

// SpreadFrom is Spread with the benchmark evaluator's total as each call's reference, over the calls the
// benchmark scored. An unknown benchmark is an error wrapping ErrUnknownEvaluator.
func (s *Session) SpreadFrom(benchmark string, tolerance decimal.Decimal) (SpreadReport, error) {
	bi, err := s.evaluator(benchmark)
	if err != nil {
		return SpreadReport{}, err
	}
	rep, err := s.spread(tolerance, bi)
	rep.Benchmark = benchmark
	return rep, err
}

func (s *Session) spread(tolerance decimal.Decimal, bi int) (SpreadReport, error) {
	if s.empty() {
		return SpreadReport{}, errEmptySession()
	}
	if err := dec.Check(tolerance); err != nil {
		return SpreadReport{}, within("tolerance", err)
	}
	if tolerance.Sign() < 0 {
		return SpreadReport{}, fail("tolerance", tolerance.String(), "0 or more: a distance from the reference total", ErrInvalidConfig)
	}
	rep := SpreadReport{Tolerance: tolerance}
	type acc struct {
		calls, outside int
		sum            *big.Rat
	}
	evs := make([]*acc, len(s.evaluators))
	totals := make([]decimal.Decimal, 0, len(s.evaluators))
	who := make([]int, 0, len(s.evaluators))
	for ci, call := range s.calls {
		if bi >= 0 && s.at(ci, bi) == nil {
			continue
		}
		totals, who = totals[:0], who[:0]
		for _, x := range s.callCells(ci) {
			totals = append(totals, x.total)
			who = append(who, x.ev)
		}
		cs := s.callSpread(call, totals)
		if bi >= 0 {
			cs.Reference = s.at(ci, bi).total
		}
		for i, ei := range who {
			if ei == bi {
				continue
			}
			d := totals[i].Sub(cs.Reference)
			a := evs[ei]
			if a == nil {
				a = &acc{sum: new(big.Rat)}
				evs[ei] = a
			}
			a.calls++
			a.sum.Add(a.sum, d.Rat())
			if d.Abs().GreaterThan(tolerance) {
				a.outside++
				cs.Outside = append(cs.Outside, Deviation{EvaluatorID: s.evaluators[ei], Total: totals[i], Deviation: d})
			}
		}
		rep.Calls = append(rep.Calls, cs)
	}
	for ei, a := range evs {
		if a == nil {
			continue
		}
		rep.Evaluators = append(rep.Evaluators, EvaluatorSpread{
			EvaluatorID: s.evaluators[ei], Calls: a.calls, Outside: a.outside,
			MeanDeviation: mean(a.sum, int64(a.calls)),
		})
	}
	return rep, nil
}

// callSpread computes the statistics of one call's totals (at least two); Reference is the median.
func (s *Session) callSpread(call string, totals []decimal.Decimal) CallSpread {
	k := len(totals)
	sorted := slices.Clone(totals)
	slices.SortFunc(sorted, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	cs := CallSpread{CallID: call, Evaluations: k, Min: sorted[0], Max: sorted[k-1]}
	cs.Range = cs.Max.Sub(cs.Min)
	if k%2 == 1 {
		cs.Median = sorted[k/2]
	} else {
		// Half of a sum of decimals terminates, one place further at most: exact.
		cs.Median = sorted[k/2-1].Add(sorted[k/2]).Mul(decimal.New(5, -1))
	}
	cs.Reference = cs.Median
	// mean = Σx / k; variance = (k Σx² − (Σx)²) / k², exact.
	sum, sq := new(big.Rat), new(big.Rat)
	for _, t := range totals {
		r := t.Rat()
		sum.Add(sum, r)
		sq.Add(sq, r.Mul(r, r))
	}
	bk := new(big.Rat).SetInt64(int64(k))
	cs.Mean = mean(sum, int64(k))
	v := new(big.Rat).Mul(bk, sq)
	v.Sub(v, new(big.Rat).Mul(sum, sum))
	v.Quo(v, new(big.Rat).Mul(bk, bk))
	cs.StdDev = s.cfg.sqrt(v)
	return cs
}
