package rating

import (
	"slices"
	"strconv"

	"github.com/servicequality/servicequality/sq"
)

// QuarterCheck is the quarterly evaluation rule (SPEC R6: every employee is evaluated at least once a quarter;
// each evaluation covers at least 5 calls, R5). The zero QuarterCheck is not valid.
type QuarterCheck struct {
	// Quarter is the quarter checked, as a bounded period in the time zone of the employees: q.Period(loc).
	Quarter sq.Period
	// Required is the least number of evaluated calls in the quarter; at least 1. The source methodology asks
	// for 5 (SPEC R5).
	Required int
	// ScheduledOnly leaves unscheduled evaluations (CallScore.Unscheduled, SPEC R6) out of the count; by default
	// they count.
	ScheduledOnly bool
}

// validate reports a quarter that is not a bounded period, or a Required below 1.
func (c QuarterCheck) validate() error {
	if err := c.Quarter.Validate(); err != nil {
		return within("quarter", err)
	}
	if !c.Quarter.Bounded() {
		return &sq.Error{Pkg: "rating", Path: "quarter", Value: c.Quarter.String(), Rule: "a bounded period",
			Err: sq.ErrInvalid}
	}
	if c.Required < 1 {
		return &sq.Error{Pkg: "rating", Path: "required", Value: strconv.Itoa(c.Required), Rule: "at least 1",
			Err: sq.ErrInvalid}
	}
	return nil
}

// Shortfall is an employee with fewer evaluated calls in the quarter than required.
type Shortfall struct {
	EmployeeID string
	Evaluated  int // evaluated calls in the quarter
	Required   int
}

// Shortfalls lists, in ascending order of employee ID, the employees with fewer than Required evaluated calls in
// the quarter: every employee of roster (those without any call included) and every employee that has a call in
// calls. All calls are validated, whether in the quarter or not; errors wrap sq.ErrInvalid, ErrDuplicate,
// ErrOutOfRange or sq.ErrLimit, or sq.ErrInvalid for a quarter that is not a bounded period or a Required below 1.
func (c QuarterCheck) Shortfalls(calls []CallScore, roster []string) ([]Shortfall, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(roster))
	for i, id := range roster {
		if id == "" {
			return nil, errorf("roster[%d] is an empty employee ID: %w", i+1, errInvalidInput)
		}
		if _, dup := counts[id]; dup {
			return nil, errorf("employee %q appears twice in the roster: %w", id, ErrDuplicate)
		}
		counts[id] = 0
	}
	period := c.Quarter
	ids := make(evaluationIDs, len(calls))
	for i, call := range calls {
		if err := call.validate(i); err != nil {
			return nil, err
		}
		if err := ids.add(call, i); err != nil {
			return nil, err
		}
		n := counts[call.EmployeeID]
		if period.Contains(call.At) && !(c.ScheduledOnly && call.Unscheduled) {
			n++
		}
		counts[call.EmployeeID] = n
	}
	var out []Shortfall
	for id, n := range counts {
		if n < c.Required {
			out = append(out, Shortfall{EmployeeID: id, Evaluated: n, Required: c.Required})
		}
	}
	slices.SortFunc(out, func(a, b Shortfall) int {
		switch {
		case a.EmployeeID < b.EmployeeID:
			return -1
		case a.EmployeeID > b.EmployeeID:
			return 1
		}
		return 0
	})
	return out, nil
}
