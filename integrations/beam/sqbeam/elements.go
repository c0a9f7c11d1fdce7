package sqbeam

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
)

// ScoredCall is one scored evaluation as it travels through a pipeline: the identifiers that place it, the time
// the evaluation carried (RFC 3339 with nanoseconds and the original offset) and its total on 0–5 as a decimal
// string, exactly as rubric.Result.Total gives it. Every field is exported, so Beam's schema coder encodes it
// whole.
//
// The zero ScoredCall is not a valid call: CallScore refuses it.
type ScoredCall struct {
	EvaluationID string
	EmployeeID   string
	DepartmentID string
	At           string
	Total        string
}

// CallScore returns the call as a rating.CallScore. A time or total that does not parse is an error.
func (c ScoredCall) CallScore() (rating.CallScore, error) {
	at, err := time.Parse(time.RFC3339Nano, c.At)
	if err != nil {
		return rating.CallScore{}, fmt.Errorf("sqbeam: evaluation %q: time %q: %w", c.EvaluationID, c.At, err)
	}
	total, err := decimal.NewFromString(c.Total)
	if err != nil {
		return rating.CallScore{}, fmt.Errorf("sqbeam: evaluation %q: total %q: %w", c.EvaluationID, c.Total, err)
	}
	return rating.CallScore{EvaluationID: c.EvaluationID, EmployeeID: c.EmployeeID, DepartmentID: c.DepartmentID,
		At: at, Total: total}, nil
}

// ScoredCallOf returns the ScoredCall of a rating.CallScore.
func ScoredCallOf(c rating.CallScore) ScoredCall {
	return ScoredCall{EvaluationID: c.EvaluationID, EmployeeID: c.EmployeeID, DepartmentID: c.DepartmentID,
		At: c.At.Format(time.RFC3339Nano), Total: c.Total.String()}
}

// DeadLetter is an input a pipeline could not use, with the reason: it goes to a PCollection of its own instead
// of being dropped. Stage names the step that refused it ("parse", "score", "roster", "duplicate", "rate"), Key
// the evaluation, employee or department it concerns when known, Input the offending input (clipped to
// MaxDeadInput bytes) and Error the error text.
type DeadLetter struct {
	Stage string
	Key   string
	Input string
	Error string
}

// String returns "stage key: error".
func (d DeadLetter) String() string { return d.Stage + " " + d.Key + ": " + d.Error }

// MaxDeadInput is the most bytes of an input a DeadLetter keeps.
const MaxDeadInput = 1024

// clip shortens s to MaxDeadInput bytes.
func clip(s string) string {
	if len(s) > MaxDeadInput {
		return s[:MaxDeadInput] + "…"
	}
	return s
}

// Employee is what the roster says about one employee: the department, and how many distinct clients they
// served (for the 4% coverage rule, SPEC R14; 0 means unknown).
type Employee struct {
	Department string
	Clients    int64
}

// SurveyAnswer is one survey answer of one client about one employee. Kind is one of "csi", "recommend",
// "classic", "csat", "ces", "fcr" (survey.Kind names); Value the points, score, or 1 for yes and 0 for no. Client
// identifies the respondent (empty for anonymous answers, which are not counted as surveyed clients).
type SurveyAnswer struct {
	Employee string
	Client   string
	Kind     string
	Value    int
}

// ComplaintStatus is the compact form of one complaint's status at a report time, for counting a register at
// scale (see StatusOf and CountsFn). Key is the group (channel, category, employee, or "" for the whole
// register).
type ComplaintStatus struct {
	Key         string
	State       string // "open", "paused", "resolved" or "closed" (complaints.State.String)
	Breached    bool
	DueSoon     bool
	Resolved    bool
	OnTime      bool
	Provisional bool
}

// RatingRow is one line of the ratings a pipeline writes: a personal rating (Kind "employee") or a department
// rating (Kind "department"), with its place on the leaderboard of its kind. Value is the stored value
// (rounded with sq.StoredPrecision) and Display the one-digit display value, empty when the rating is
// insufficient; Rank and DenseRank are 0 for insufficient ratings, which are not ranked. Reasons hold the
// sufficiency reasons as "code: message". Calls and CallSum are the employee's evaluated calls counted and the
// exact sum of their totals (empty for departments).
type RatingRow struct {
	Kind       string
	ID         string
	Department string
	Status     string
	Value      string
	Display    string
	Rank       int
	DenseRank  int
	Reasons    []string
	Calls      int64
	CallSum    string
}

// String returns a one-line summary of the row.
func (r RatingRow) String() string {
	return fmt.Sprintf("%s %s rank %d value %s (%s) %v", r.Kind, r.ID, r.Rank, r.Value, r.Status, r.Reasons)
}
