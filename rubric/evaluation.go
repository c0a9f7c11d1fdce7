package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Evaluation is one scored call (or visit, or chat): the answers a quality specialist gave on a rubric, the
// violations observed, and the identifiers a CRM needs to file the result. Scoring never changes an Evaluation.
//
// The zero Evaluation has no answers; scoring it reports every criterion as not answered. At must be a time JSON
// holds exactly (a year 0–9999, an offset from UTC of whole minutes within a day); the zero At means "not given".
type Evaluation struct {
	ID          string    // the evaluation's own ID
	Rubric      string    // the rubric's ID; when set, Score checks it
	Version     string    // the rubric's version; when set, Score checks it
	CallID      string    // the call, chat or visit evaluated
	EmployeeID  string    // whose work was evaluated
	EvaluatorID string    // who evaluated it
	At          time.Time // when the call took place (or was evaluated; the caller decides and keeps to it)
	Answers     []Answer  // one per criterion, in any order (the rubric's order is fastest); see Condition for those that do not apply
	Violations  []string  // IDs of the violations observed, each at most once
	// Department is the department of the employee, when the CRM knows it (rating.CallScoreOf takes it from here).
	Department string
	// Comment is the evaluator's note on the whole evaluation: valid UTF-8, at most 2000 bytes.
	Comment string
	// Attributes are what a CRM attaches to the evaluation, such as a ticket ID, a queue or a language: at most
	// 32, each key 1–64 characters of A–Z a–z 0–9 _ . -, each value valid UTF-8 of at
	// most 512 bytes (empty allowed). They are carried, never interpreted; a nil and an empty map
	// are the same. The JSON forms refuse unknown fields: extras go here.
	Attributes map[string]string
	// Unscheduled marks an evaluation started outside the evaluation plan (SPEC R6: the direct manager, the division
	// head, the commercial or marketing director and the head of quality control may start one at any time);
	// compliance checks can count or leave them out (rating.QuarterCheck). StartedBy says who started the
	// evaluation, such as "direct-manager", "division-head", "commercial-director", "marketing-director",
	// "head-of-quality-control" or another role of the organisation (valid UTF-8, at most 200 bytes); empty when
	// not recorded.
	Unscheduled bool
	StartedBy   string
}

// maxStartedByLen bounds Evaluation.StartedBy, in bytes.
const maxStartedByLen = 200

// Answer is the evaluator's answer on one criterion: Points for a Points scale, Level for the other kinds, or NA.
// Exactly one of them is given; zero Points with no Level and NA false is a score of 0 points. Comment is the
// evaluator's optional note on the answer (valid UTF-8, at most 2000 bytes), carried to the result.
type Answer struct {
	Criterion string
	Points    decimal.Decimal
	Level     string
	NA        bool
	Comment   string
}

// PointsAnswer returns the answer "points p" on the criterion.
func PointsAnswer(criterion string, p decimal.Decimal) Answer {
	return Answer{Criterion: criterion, Points: p}
}

// LevelAnswer returns the answer "level" on the criterion; for a Binary scale the levels are "pass" and "fail" (or
// the scale's labels, see Scale.Labels), for a Rating scale "1" … "N".
func LevelAnswer(criterion, level string) Answer { return Answer{Criterion: criterion, Level: level} }

// NAAnswer returns the answer "not applicable" on the criterion.
func NAAnswer(criterion string) Answer { return Answer{Criterion: criterion, NA: true} }

// checkTime refuses an evaluation time that RFC 3339, the JSON form of times, cannot hold exactly: a year outside
// 0–9999 (time.Time.MarshalJSON fails) or an offset from UTC that is not a whole number of minutes or is a day or
// more (it would be written as another instant or not at all). The zero time means "not given" and passes.
func checkTime(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return fail("at", fmt.Sprintf("year %d", y), "a year from 0 to 9999, which JSON holds", sq.ErrInvalid)
	}
	if _, off := t.Zone(); off%60 != 0 || off <= -24*3600 || off >= 24*3600 {
		return fail("at", fmt.Sprintf("offset %ds from UTC", off), "a whole number of minutes within a day of UTC, which JSON holds", sq.ErrInvalid)
	}
	return nil
}

// Equal reports whether e and other hold the same identifiers, the same instant, the same answers in the same
// order (points compared by value: 0.5 equals 0.50), the same violations, comments and attributes. A nil and an
// empty list or map are equal.
func (e Evaluation) Equal(other Evaluation) bool {
	if e.ID != other.ID || e.Rubric != other.Rubric || e.Version != other.Version || e.CallID != other.CallID ||
		e.EmployeeID != other.EmployeeID || e.EvaluatorID != other.EvaluatorID || !e.At.Equal(other.At) ||
		len(e.Answers) != len(other.Answers) || !slices.Equal(e.Violations, other.Violations) ||
		e.Department != other.Department || e.Comment != other.Comment || !maps.Equal(e.Attributes, other.Attributes) ||
		e.Unscheduled != other.Unscheduled || e.StartedBy != other.StartedBy {
		return false
	}
	for i, a := range e.Answers {
		b := other.Answers[i]
		if a.Criterion != b.Criterion || a.Level != b.Level || a.NA != b.NA || !a.Points.Equal(b.Points) || a.Comment != b.Comment {
			return false
		}
	}
	return true
}
