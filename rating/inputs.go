package rating

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// CallScore is one evaluated call (SPEC R1–R5): the total the evaluator gave, on the scale 0–5, with the IDs
// that place it and the time of the evaluation.
type CallScore struct {
	EvaluationID string // unique per evaluation
	EmployeeID   string
	DepartmentID string    // may be empty when departments are not rated
	At           time.Time // when the call was evaluated; must be set
	Total        decimal.Decimal
	// Unscheduled marks an evaluation started outside the evaluation plan (SPEC R6); QuarterCheck can leave such
	// evaluations out.
	Unscheduled bool
	// Scale is the maximum of the rubric the total was rescaled from (RescaledCallScoreOf), zero for a rubric on
	// 0–5: the rating records the original scale.
	Scale decimal.Decimal
}

// validate checks one call score; i is its index for the message.
func (c CallScore) validate(i int) error {
	path := sq.Index("calls", i)
	missing := func(field string) error {
		return &sq.Error{Pkg: "rating", Path: path + "." + field, Rule: "required", Err: errInvalidInput}
	}
	switch {
	case c.EvaluationID == "":
		return missing("evaluation_id")
	case c.EmployeeID == "":
		return missing("employee_id")
	case c.At.IsZero():
		return missing("at")
	}
	if err := sq.CheckDecimal(c.Total); err != nil {
		return sq.At(err, "rating", path+".total")
	}
	if c.Total.Sign() < 0 || c.Total.Cmp(scaleMax) > 0 {
		return &sq.Error{Pkg: "rating", Path: path + ".total", Value: decText(c.Total), Rule: "within the scale 0–5",
			Err: ErrOutOfRange}
	}
	return nil
}

// evaluationIDs detects evaluation IDs given twice.
type evaluationIDs map[string]int

func (s evaluationIDs) add(c CallScore, i int) error {
	if j, dup := s[c.EvaluationID]; dup {
		return &sq.Error{Pkg: "rating", Path: sq.Index("calls", i) + ".evaluation_id", Value: sq.Quote(c.EvaluationID),
			Rule: fmt.Sprintf("unique; also calls[%d]", j+1), Err: ErrDuplicate}
	}
	s[c.EvaluationID] = i
	return nil
}

// Survey is the survey index of an employee's or a department's clients (SPEC R11–R14), taken as exact values:
// the CSI on the 5-point scale (R11), the yes/no NPS converted to 5 points (R13: percent / 20), and the coverage
// counts for the 4% rule (R14).
//
// The zero Survey has no index and no clients: a personal rating then has no survey component and reports low
// coverage. A Survey holds pointers to sq.Fraction values, which are immutable: it is safe to share.
type Survey struct {
	// CSI is the mean satisfaction on 0–5; nil when not measured.
	CSI *sq.Fraction
	// NPS is the share of "yes" answers on 0–5 (100% = 5); nil when not measured.
	NPS *sq.Fraction
	// Surveyed is the number of distinct clients surveyed; Clients the number of all clients. Clients = 0 means
	// the number is unknown, so coverage cannot be checked.
	Surveyed, Clients int64
}

func (s Survey) validate(who string) error {
	for _, x := range []struct {
		name string
		v    *sq.Fraction
	}{{"CSI", s.CSI}, {"NPS", s.NPS}} {
		if x.v != nil && (x.v.Cmp(sq.Fraction{}) < 0 || x.v.Cmp(fracInt(5)) > 0) {
			return errorf("%s survey: %s %s is outside the scale 0–5: %w", who, x.name, x.v.String(), ErrOutOfRange)
		}
	}
	if s.Surveyed < 0 || s.Clients < 0 {
		return errorf("%s survey: counts must be at least 0, got %d surveyed of %d clients: %w",
			who, s.Surveyed, s.Clients, ErrOutOfRange)
	}
	if s.Clients > 0 && s.Surveyed > s.Clients {
		return errorf("%s survey: %d clients surveyed out of only %d: %w", who, s.Surveyed, s.Clients, errInvalidInput)
	}
	return nil
}

// slots returns the CSI and NPS values as slots of a survey scheme (csi, nps in the order of the scheme), and
// whether any is present.
func (s Survey) slots(a *aggregator) ([]slot, bool) {
	slots := make([]slot, len(a.weights))
	any := false
	for i, w := range a.scheme.Weights {
		v := s.CSI
		if w.Name == componentNPS {
			v = s.NPS
		}
		if v != nil {
			slots[i] = slot{value: *v, ok: true}
			any = true
		}
	}
	return slots, any
}

// GroupBy selects the key of GroupCalls. Its text form is "employee" or "department".
type GroupBy uint8

const (
	// ByEmployee (the zero value) groups call scores by EmployeeID.
	ByEmployee GroupBy = iota
	// ByDepartment groups call scores by DepartmentID.
	ByDepartment
)

// String returns "employee" or "department", and "GroupBy(n)" for another value.
func (g GroupBy) String() string {
	if b, err := g.MarshalText(); err == nil {
		return string(b)
	}
	return fmt.Sprintf("GroupBy(%d)", uint8(g))
}

// MarshalText writes "employee" or "department"; another value is an error wrapping sq.ErrInvalid.
func (g GroupBy) MarshalText() ([]byte, error) {
	switch g {
	case ByEmployee:
		return []byte("employee"), nil
	case ByDepartment:
		return []byte("department"), nil
	}
	return nil, errorf("group-by %d is not one of employee, department: %w", uint8(g), errInvalidSetting)
}

// UnmarshalText reads "employee" or "department"; other text is an error wrapping sq.ErrMalformed.
func (g *GroupBy) UnmarshalText(b []byte) error {
	switch string(b) {
	case "employee":
		*g = ByEmployee
	case "department":
		*g = ByDepartment
	default:
		return errorf("group-by %q is not one of employee, department: %w", clip(string(b)), errDecode)
	}
	return nil
}

// GroupCalls accumulates the totals of the calls evaluated within p, one group per employee or department: the
// cumulative call-quality means of SPEC R10 when p is sq.Period{From: start}. Calls outside p are skipped. Every call
// is validated (IDs, time, total on 0–5, evaluation IDs unique), whether in p or not; errors wrap
// sq.ErrInvalid, ErrDuplicate, ErrOutOfRange or sq.ErrLimit.
func GroupCalls(calls []CallScore, by GroupBy, p sq.Period) (*Grouped, error) {
	if by > ByDepartment {
		return nil, errorf("group-by %d is not one of employee, department: %w", uint8(by), errInvalidSetting)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	g := new(Grouped)
	ids := make(evaluationIDs, len(calls))
	for i, c := range calls {
		if err := c.validate(i); err != nil {
			return nil, err
		}
		if err := ids.add(c, i); err != nil {
			return nil, err
		}
		if !p.Contains(c.At) {
			continue
		}
		key := c.EmployeeID
		if by == ByDepartment {
			key = c.DepartmentID
			if key == "" {
				return nil, errorf("call score %q has an empty department ID: %w", c.EvaluationID, errInvalidInput)
			}
		}
		if err := g.Add(key, c.Total); err != nil {
			return nil, fmt.Errorf("%w (call score %q)", err, c.EvaluationID)
		}
	}
	return g, nil
}
