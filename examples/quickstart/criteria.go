package main

import (
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// rubricStats summarises the scored calls of one rubric: each criterion across the team and the overrides that
// fired.
type rubricStats struct {
	Rubric          *rubric.Rubric
	Calls, AutoFail int
	Criteria        []criterionStat // weakest first, ties in the rubric's order; never answered last
	Fired           []firedCount    // levels in the rubric's order, then violations
}

// criterionStat is one criterion across the team, field for field rubric.CriterionStat. Averages use the
// points the answers were worth before overrides (Raw): a call zeroed by a fatal violation says nothing about
// its greeting.
type criterionStat struct {
	Criterion   rubric.Criterion
	Counted, NA int             // answers counted (not excluded as N/A); N/A answers
	Sum         decimal.Decimal // raw points of the counted answers
	Mean, Share sq.Fraction     // Sum / Counted; Sum / (Counted × the criterion's maximum)
	Levels      map[string]int  // counted answers per level chosen
}

// firedCount is how many calls one override fired on, with the reason as it first fired.
type firedCount struct {
	Reason rubric.Reason
	Calls  int
}

// criterionStats groups the results by rubric, in order of first appearance.
func criterionStats(results []rubric.Result) ([]rubricStats, error) {
	var out []rubricStats
	byRubric := map[*rubric.Rubric][]rubric.Result{}
	for _, res := range results {
		if byRubric[res.Rubric()] == nil {
			out = append(out, rubricStats{Rubric: res.Rubric()})
		}
		byRubric[res.Rubric()] = append(byRubric[res.Rubric()], res)
	}
	for i := range out {
		s, rs := &out[i], byRubric[out[i].Rubric]
		var err error
		if s.Criteria, err = statsOf(rs); err != nil {
			return nil, err
		}
		slices.SortStableFunc(s.Criteria, func(a, b criterionStat) int {
			if a.Counted == 0 || b.Counted == 0 {
				return b.Counted - a.Counted
			}
			return a.Share.Cmp(b.Share)
		})
		s.Calls = len(rs)
		fired := map[rubric.Reason]firedCount{} // keyed by what fired: a level of a criterion, or a violation
		for _, res := range rs {
			if res.AutoFail() {
				s.AutoFail++
			}
			for _, why := range res.Reasons() {
				key := rubric.Reason{Criterion: why.Criterion, Level: why.Level, Violation: why.Violation}
				f := fired[key]
				if f.Calls == 0 {
					f.Reason = why
				}
				f.Calls++
				fired[key] = f
			}
		}
		var keys []rubric.Reason
		for _, c := range s.Rubric.Criteria() {
			for _, l := range c.Scale.Levels {
				keys = append(keys, rubric.Reason{Criterion: c.ID, Level: l.ID})
			}
		}
		for _, v := range s.Rubric.Violations() {
			keys = append(keys, rubric.Reason{Violation: v.ID})
		}
		for _, k := range keys {
			if f, ok := fired[k]; ok {
				s.Fired = append(s.Fired, f)
			}
		}
	}
	return out, nil
}

// statsOf returns each criterion's statistics across results of one rubric, in the rubric's order.
// It can be replaced by rubric.CriterionStats once that lands.
func statsOf(results []rubric.Result) ([]criterionStat, error) {
	var out []criterionStat
	for _, c := range results[0].Rubric().Criteria() {
		out = append(out, criterionStat{Criterion: c, Levels: map[string]int{}})
	}
	for _, res := range results {
		for i, cr := range res.Criteria() {
			st := &out[i]
			if cr.NA {
				st.NA++
			}
			if !cr.Excluded {
				st.Counted++
				st.Sum = st.Sum.Add(cr.Raw)
				if cr.Level != "" {
					st.Levels[cr.Level]++
				}
			}
		}
	}
	for i := range out {
		st := &out[i]
		if st.Counted == 0 {
			continue
		}
		n := decimal.NewFromInt(int64(st.Counted))
		var err error
		if st.Mean, err = sq.NewFraction(st.Sum, n); err == nil && st.Criterion.MaxPoints().IsPositive() {
			st.Share, err = sq.NewFraction(st.Sum, n.Mul(st.Criterion.MaxPoints()))
		}
		if err != nil {
			return nil, fmt.Errorf("quickstart: criterion %q: %w", st.Criterion.ID, err)
		}
	}
	return out, nil
}
