package rubric

import (
	"time"

	"github.com/shopspring/decimal"
)

// Evaluation is one scored call (or visit, or chat): the answers a quality specialist gave on a rubric, the
// violations observed, and the identifiers a CRM needs to file the result. Scoring never changes an Evaluation.
//
// The zero Evaluation has no answers; scoring it reports every criterion as not answered.
type Evaluation struct {
	ID          string    // the evaluation's own ID
	Rubric      string    // the rubric's ID; when set, Score checks it
	Version     string    // the rubric's version; when set, Score checks it
	CallID      string    // the call, chat or visit evaluated
	EmployeeID  string    // whose work was evaluated
	EvaluatorID string    // who evaluated it
	At          time.Time // when the call took place (or was evaluated; the caller decides and keeps to it)
	Answers     []Answer  // one per criterion, in any order (the rubric's order is fastest)
	Violations  []string  // IDs of the violations observed, each at most once
}

// Answer is the evaluator's answer on one criterion: Points for a Points scale, Level for the other kinds, or NA.
// Exactly one of them is given; zero Points with no Level and NA false is a score of 0 points.
type Answer struct {
	Criterion string
	Points    decimal.Decimal
	Level     string
	NA        bool
}

// PointsAnswer returns the answer "points p" on the criterion.
func PointsAnswer(criterion string, p decimal.Decimal) Answer {
	return Answer{Criterion: criterion, Points: p}
}

// LevelAnswer returns the answer "level" on the criterion; for a Binary scale the levels are "pass" and "fail",
// for a Rating scale "1" … "N".
func LevelAnswer(criterion, level string) Answer { return Answer{Criterion: criterion, Level: level} }

// NAAnswer returns the answer "not applicable" on the criterion.
func NAAnswer(criterion string) Answer { return Answer{Criterion: criterion, NA: true} }
