package sqbeam

import (
	"fmt"
	"sync/atomic"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

func init() {
	register.Combiner3[rating.Accumulator, ScoredCall, rating.Accumulator](&CallsFn{})
	register.Combiner3[*rating.Grouped, ScoredCall, *rating.Grouped](&GroupedFn{})
	register.Combiner3[survey.Tallies, SurveyAnswer, survey.Tallies](&TalliesFn{})
	register.Combiner3[RegisterCounts, ComplaintStatus, RegisterCounts](&CountsFn{})
}

// merges counts the MergeAccumulators calls of this package's CombineFns, so tests can show that partial
// accumulators were really combined.
var merges atomic.Int64

// CallsFn is a CombineFn that keeps the exact count and sum of call totals in a rating.Accumulator (SPEC R5,
// R10): use it with beam.CombinePerKey over KV<employee, ScoredCall> for the call-quality accumulator of each
// employee, or beam.Combine for one over all calls. The result equals rating.Accumulator.Add over the same
// totals in any order. A total that does not parse or lies outside 0–5 fails the bundle with an error (scored
// calls from Score never do).
type CallsFn struct{}

// CreateAccumulator returns the empty accumulator.
func (CallsFn) CreateAccumulator() rating.Accumulator { return rating.Accumulator{} }

// AddInput adds the call's total.
func (CallsFn) AddInput(a rating.Accumulator, c ScoredCall) (rating.Accumulator, error) {
	total, err := decimal.NewFromString(c.Total)
	if err != nil {
		return a, fmt.Errorf("sqbeam: evaluation %q: total %q: %w", c.EvaluationID, c.Total, err)
	}
	if err := a.Add(total); err != nil {
		return a, fmt.Errorf("sqbeam: evaluation %q: %w", c.EvaluationID, err)
	}
	return a, nil
}

// MergeAccumulators merges b into a.
func (CallsFn) MergeAccumulators(a, b rating.Accumulator) (rating.Accumulator, error) {
	merges.Add(1)
	if err := a.Merge(b); err != nil {
		return a, fmt.Errorf("sqbeam: merging call accumulators: %w", err)
	}
	return a, nil
}

// ExtractOutput returns the accumulator.
func (CallsFn) ExtractOutput(a rating.Accumulator) rating.Accumulator { return a }

// GroupedFn is a CombineFn that keeps one accumulator per employee (By rating.ByEmployee) or department
// (rating.ByDepartment) of the calls evaluated within Period (the zero Period is every call): use it with
// beam.Combine over ScoredCall. The result equals rating.GroupCalls over the same calls. Calls outside Period are
// skipped; a call without a department under ByDepartment, an unknown By, a time or total that does not parse
// fails the bundle with an error.
type GroupedFn struct {
	By     rating.GroupBy
	Period sq.Period
}

// CreateAccumulator returns an empty Grouped.
func (GroupedFn) CreateAccumulator() *rating.Grouped { return new(rating.Grouped) }

// AddInput adds the call to its group when it lies in Period.
func (f GroupedFn) AddInput(g *rating.Grouped, c ScoredCall) (*rating.Grouped, error) {
	cs, err := c.CallScore()
	if err != nil {
		return g, err
	}
	if !f.Period.Contains(cs.At) {
		return g, nil
	}
	var key string
	switch f.By {
	case rating.ByEmployee:
		key = c.EmployeeID
	case rating.ByDepartment:
		key = c.DepartmentID
		if key == "" {
			return g, fmt.Errorf("sqbeam: evaluation %q has an empty department ID", c.EvaluationID)
		}
	default:
		return g, fmt.Errorf("sqbeam: group-by %d is not one of employee, department", uint8(f.By))
	}
	if err := g.Add(key, cs.Total); err != nil {
		return g, fmt.Errorf("sqbeam: evaluation %q: %w", c.EvaluationID, err)
	}
	return g, nil
}

// MergeAccumulators merges b into a.
func (GroupedFn) MergeAccumulators(a, b *rating.Grouped) (*rating.Grouped, error) {
	merges.Add(1)
	if err := a.Merge(b); err != nil {
		return a, fmt.Errorf("sqbeam: merging grouped accumulators: %w", err)
	}
	return a, nil
}

// ExtractOutput returns the groups.
func (GroupedFn) ExtractOutput(g *rating.Grouped) *rating.Grouped { return g }

// kindNames maps SurveyAnswer.Kind to survey kinds.
var kindNames = map[string]survey.Kind{
	"csi": survey.KindCSI, "recommend": survey.KindRecommend, "classic": survey.KindClassic,
	"csat": survey.KindCSAT, "ces": survey.KindCES, "fcr": survey.KindFCR,
}

// Answer returns the answer as a survey.Answer, validated.
func (a SurveyAnswer) Answer() (survey.Answer, error) {
	k, ok := kindNames[a.Kind]
	if !ok {
		return survey.Answer{}, fmt.Errorf("sqbeam: survey answer kind %q: one of csi, recommend, classic, csat, ces, fcr allowed", clip(a.Kind))
	}
	ans := survey.Answer{Kind: k, Value: a.Value}
	if err := ans.Validate(); err != nil {
		return survey.Answer{}, err
	}
	return ans, nil
}

// TalliesFn is a CombineFn that tallies survey answers into survey.Tallies (classic NPS with the standard cuts):
// use it with beam.CombinePerKey over KV<employee, SurveyAnswer>. The result equals survey.Tally over the same
// answers. An invalid answer fails the bundle with an error.
type TalliesFn struct{}

// CreateAccumulator returns the empty tallies.
func (TalliesFn) CreateAccumulator() survey.Tallies { return survey.Tallies{} }

// AddInput counts the answer.
func (TalliesFn) AddInput(t survey.Tallies, a SurveyAnswer) (survey.Tallies, error) {
	ans, err := a.Answer()
	if err != nil {
		return t, err
	}
	one, err := survey.Tally([]survey.Response{{Client: a.Client, Employee: a.Employee, Answer: ans}}, survey.ClassicCuts{})
	if err != nil {
		return t, err
	}
	return t.Merge(one)
}

// MergeAccumulators merges the tallies.
func (TalliesFn) MergeAccumulators(a, b survey.Tallies) (survey.Tallies, error) {
	merges.Add(1)
	return a.Merge(b)
}

// ExtractOutput returns the tallies.
func (TalliesFn) ExtractOutput(t survey.Tallies) survey.Tallies { return t }

// RegisterCounts are the numbers of complaints by status in a register (SPEC R18), as complaints.Counts counts
// them: a complaint counts in Total and in exactly one of Open, Paused, Resolved and Closed; Overdue and DueSoon
// count unresolved ones, OnTime and Late resolved or closed ones. Unlike complaints.Counts it holds no resolution
// times (their mean and 90th percentile need every time; use complaints.NewReport for them). The zero value is
// an empty register.
type RegisterCounts struct {
	Total, Open, Paused, Overdue, DueSoon, Resolved, Closed, OnTime, Late, Provisional int64
}

// OnTimeRate returns OnTime / (OnTime + Late) exactly, zero when nothing is resolved, as complaints.Counts.OnTimeRate;
// round it with Fraction.Round.
func (c RegisterCounts) OnTimeRate() sq.Fraction {
	if c.OnTime+c.Late == 0 {
		return sq.Fraction{}
	}
	f, _ := sq.Ratio(c.OnTime, c.OnTime+c.Late) // the denominator is not zero: cannot fail
	return f
}

// add counts one status, as complaints.NewReport does.
func (c *RegisterCounts) add(s ComplaintStatus) error {
	c.Total++
	if s.Provisional {
		c.Provisional++
	}
	switch s.State {
	case complaints.StateOpen.String():
		c.Open++
	case complaints.StatePaused.String():
		c.Paused++
	case complaints.StateResolved.String():
		c.Resolved++
	case complaints.StateClosed.String():
		c.Closed++
	default:
		return fmt.Errorf("sqbeam: complaint state %q: one of open, paused, resolved, closed allowed", clip(s.State))
	}
	switch {
	case !s.Resolved && s.Breached:
		c.Overdue++
	case !s.Resolved && s.DueSoon:
		c.DueSoon++
	case s.Resolved && s.OnTime:
		c.OnTime++
	case s.Resolved:
		c.Late++
	}
	return nil
}

// merge adds o to c.
func (c *RegisterCounts) merge(o RegisterCounts) {
	c.Total += o.Total
	c.Open += o.Open
	c.Paused += o.Paused
	c.Overdue += o.Overdue
	c.DueSoon += o.DueSoon
	c.Resolved += o.Resolved
	c.Closed += o.Closed
	c.OnTime += o.OnTime
	c.Late += o.Late
	c.Provisional += o.Provisional
}

// StatusOf returns the compact status of a complaint under the group key.
func StatusOf(key string, s complaints.Status) ComplaintStatus {
	return ComplaintStatus{Key: key, State: s.State.String(), Breached: s.Breached, DueSoon: s.DueSoon,
		Resolved: !s.ResolvedAt.IsZero(), OnTime: s.OnTime, Provisional: s.Due.Basis.IsProvisional()}
}

// CountsFn is a CombineFn that counts complaint statuses into RegisterCounts: use it with beam.Combine for the
// whole register or beam.CombinePerKey over KV<group, ComplaintStatus> for a breakdown. The counts equal those of
// complaints.NewReport over the same complaints at the same time. An unknown state fails the bundle.
type CountsFn struct{}

// CreateAccumulator returns zero counts.
func (CountsFn) CreateAccumulator() RegisterCounts { return RegisterCounts{} }

// AddInput counts one status.
func (CountsFn) AddInput(c RegisterCounts, s ComplaintStatus) (RegisterCounts, error) {
	err := c.add(s)
	return c, err
}

// MergeAccumulators adds the counts.
func (CountsFn) MergeAccumulators(a, b RegisterCounts) RegisterCounts {
	merges.Add(1)
	a.merge(b)
	return a
}

// ExtractOutput returns the counts.
func (CountsFn) ExtractOutput(c RegisterCounts) RegisterCounts { return c }
