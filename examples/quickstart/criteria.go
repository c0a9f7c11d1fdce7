package main

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// rubricStats summarises the scored calls of one rubric: the average of each criterion and the overrides that
// fired.
type rubricStats struct {
	Rubric   *rubric.Rubric
	Calls    int
	AutoFail int
	Criteria []criterionStat // weakest first
	Fired    []firedCount    // in the rubric's order
}

// criterionStat is one criterion across the team. Averages use the points the answers were worth before
// overrides (Raw): a call zeroed by a fatal violation says nothing about its greeting.
type criterionStat struct {
	Criterion rubric.Criterion
	order     int
	Counted   int64           // answers counted (N/A excluded answers are not)
	NA        int64           // N/A answers
	Sum       decimal.Decimal // sum of the raw points of the counted answers
	Mean      rating.Fraction // Sum / Counted
	Share     rating.Fraction // Sum / (Counted × the criterion's maximum)
	Levels    map[string]int64
}

// firedCount is how many calls one override fired on.
type firedCount struct {
	Reason rubric.Reason // Target and Effect as the first occurrence had them
	Calls  int
	order  int
}

// criterionStats groups the results by rubric, in order of first appearance.
func criterionStats(results []rubric.Result) ([]rubricStats, error) {
	var out []rubricStats
	index := map[*rubric.Rubric]int{}
	for _, res := range results {
		r := res.Rubric()
		i, ok := index[r]
		if !ok {
			i = len(out)
			index[r] = i
			out = append(out, newRubricStats(r))
		}
		out[i].add(res)
	}
	for i := range out {
		if err := out[i].finish(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func newRubricStats(r *rubric.Rubric) rubricStats {
	s := rubricStats{Rubric: r}
	for i, c := range r.Criteria() {
		s.Criteria = append(s.Criteria, criterionStat{Criterion: c, order: i, Levels: map[string]int64{}})
	}
	return s
}

// add counts one result.
func (s *rubricStats) add(res rubric.Result) {
	s.Calls++
	if res.AutoFail() {
		s.AutoFail++
	}
	for i, cr := range res.Criteria() {
		st := &s.Criteria[i]
		if cr.NA {
			st.NA++
		}
		if cr.Excluded {
			continue
		}
		st.Counted++
		st.Sum = st.Sum.Add(cr.Raw)
		if cr.Level != "" {
			st.Levels[cr.Level]++
		}
	}
	for _, why := range res.Reasons() {
		s.countFired(why)
	}
}

// countFired counts an override, keyed by what fired (a level of a criterion, or a violation).
func (s *rubricStats) countFired(why rubric.Reason) {
	for i := range s.Fired {
		f := &s.Fired[i]
		if f.Reason.Criterion == why.Criterion && f.Reason.Level == why.Level && f.Reason.Violation == why.Violation {
			f.Calls++
			return
		}
	}
	order := len(s.Criteria) * 100 // violations after the levels, in the rubric's order
	for i, v := range s.Rubric.Violations() {
		if v.ID == why.Violation {
			order += i
		}
	}
	for i, c := range s.Rubric.Criteria() {
		if c.ID == why.Criterion {
			order = i * 100
			for j, l := range c.Scale.Levels {
				if l.ID == why.Level {
					order += j
				}
			}
		}
	}
	s.Fired = append(s.Fired, firedCount{Reason: why, Calls: 1, order: order})
}

// finish computes the averages and sorts the criteria weakest first (ties in the rubric's order).
func (s *rubricStats) finish() error {
	for i := range s.Criteria {
		st := &s.Criteria[i]
		if st.Counted == 0 {
			continue
		}
		n := decimal.NewFromInt(st.Counted)
		var err error
		if st.Mean, err = rating.NewFraction(st.Sum, n); err != nil {
			return fmt.Errorf("quickstart: criterion %q: %w", st.Criterion.ID, err)
		}
		if max := st.Criterion.MaxPoints(); max.IsPositive() {
			if st.Share, err = rating.NewFraction(st.Sum, n.Mul(max)); err != nil {
				return fmt.Errorf("quickstart: criterion %q: %w", st.Criterion.ID, err)
			}
		}
	}
	slices.SortStableFunc(s.Criteria, func(a, b criterionStat) int {
		if a.Counted == 0 || b.Counted == 0 {
			return cmp.Compare(b.Counted, a.Counted) // criteria never answered go last
		}
		if c := a.Share.Cmp(b.Share); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	slices.SortStableFunc(s.Fired, func(a, b firedCount) int { return cmp.Compare(a.order, b.order) })
	return nil
}
