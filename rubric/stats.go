package rubric

import (
	"math/big"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// CriterionStat summarises one criterion across many evaluations of one rubric: how often it was scored, how
// often N/A, how often an override zeroed it, and what share of its maximum it earned on average. Points are the
// answers' worth before overrides (CriterionResult.Raw): a call zeroed by a fatal violation still says how good
// its greeting was.
//
// The zero CriterionStat counts nothing.
type CriterionStat struct {
	// Criterion is the criterion, as the rubric defines it.
	Criterion Criterion
	// Counted is the number of answers that count: every answer except N/A excluded by NAExclude (and
	// inapplicable criteria excluded the same way). N/A counted as zero or as full counts, worth 0 or the maximum.
	Counted int
	// NA is the number of N/A answers, counted or not, inapplicable conditional criteria included.
	NA int
	// Zeroed is the number of counted answers an override set to 0 (a level, a violation or an auto-fail).
	Zeroed int
	// Sum is the points of the counted answers before overrides, in the criterion's own points.
	Sum decimal.Decimal
	// Mean is Sum / Counted, exactly; zero when Counted is 0.
	Mean sq.Fraction
	// Share is Sum / (Counted × the criterion's maximum): the mean share of the maximum earned, exactly, from 0
	// to 1; zero when Counted is 0 or the maximum is 0.
	Share sq.Fraction
	// Levels counts the counted answers by the level chosen (Binary, Rating and Levels scales; a Binary scale's
	// "fail" count is Levels[fail label]); nil for a Points scale.
	Levels map[string]int
}

// CriterionStats returns one CriterionStat per criterion of the rubric the results were scored on, in the
// rubric's order, computed exactly: the per-criterion team statistics of a quality report. Sort them as the
// report needs, for example weakest first by Share.
//
// Every result must belong to one rubric (the same *Rubric or Equal ones); a result of another rubric is refused
// with an error wrapping ErrRubricMismatch, a zero Result with ErrNoRubric. No results give no statistics and no
// error. The cost is linear in the number of results times the number of criteria; results are not changed.
func CriterionStats(results []Result) ([]CriterionStat, error) {
	if len(results) == 0 {
		return nil, nil
	}
	r := results[0].rubric
	same := []*Rubric{r} // rubrics already found Equal to r
	for i, res := range results {
		switch {
		case res.rubric == nil:
			return nil, &sq.Error{Pkg: "rubric", Path: sq.Index("results", i), Rule: "a scored result", Err: ErrNoRubric}
		case res.rubric == r || containsPtr(same, res.rubric):
		case r.Equal(res.rubric):
			same = append(same, res.rubric)
		default:
			return nil, &sq.Error{Pkg: "rubric", Path: sq.Index("results", i),
				Value: sq.Quote(res.rubric.def.ID + " " + res.rubric.def.Version),
				Rule:  "the rubric of results[1], " + sq.Quote(r.def.ID+" "+r.def.Version), Err: ErrRubricMismatch}
		}
	}
	n := len(r.crits)
	out := make([]CriterionStat, n)
	sums := make([]big.Int, n)
	var unit big.Int
	for i := range out {
		out[i].Criterion = r.def.Criteria[i].clone()
		if !r.crits[i].points {
			out[i].Levels = map[string]int{}
		}
	}
	for _, res := range results {
		for i, rw := range res.rows() {
			st := &out[i]
			if rw.has(fNA) {
				st.NA++
			}
			if rw.has(fExcluded) {
				continue
			}
			st.Counted++
			if rw.has(fZeroed) {
				st.Zeroed++
			}
			sums[i].Add(&sums[i], unit.SetInt64(rw.raw()))
			if l := rw.level(); l >= 0 {
				st.Levels[r.crits[i].levels[l].id]++
			}
		}
	}
	for i := range out {
		st := &out[i]
		st.Sum = decimal.NewFromBigInt(&sums[i], -r.scale)
		if st.Counted == 0 {
			continue
		}
		st.Mean, _ = sq.FractionOf(st.Sum).Quo(sq.FractionOf(decimal.NewFromInt(int64(st.Counted)))) // Counted > 0
		if m := r.crits[i].maxU; m > 0 {
			st.Share, _ = st.Mean.Quo(sq.FractionOf(decimal.New(m, -r.scale))) // m > 0
		}
	}
	return out, nil
}

func containsPtr(rs []*Rubric, r *Rubric) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
