package review_test

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Nine criteria at 0.4 points and a green tonality (0.5) score 4.1. An agent disputes two answers; the arbitrator
// accepts one, and the result in force changes at the decision, not before.
func ExampleReview_ResultAt() {
	r := rubric.CallQuality()
	e := rubric.Evaluation{ID: "ev-7", EmployeeID: "anna", EvaluatorID: "qa-3"}
	for _, c := range r.Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.4")))
		}
	}
	scored := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	v, _ := review.New(r, e, review.Actor{ID: "qa-3", Role: review.RoleSpecialist}, scored)
	v, _ = v.Dispute(scored.Add(time.Hour), review.Actor{ID: "anna", Role: review.RoleAgent},
		[]rubric.Answer{rubric.PointsAnswer("greeting", decimal.RequireFromString("0.5")),
			rubric.PointsAnswer("needs", decimal.RequireFromString("0.5"))}, "the greeting was by the standard")
	decided := scored.Add(26 * time.Hour)
	v, err := v.Decide(decided, review.Actor{ID: "head-qc", Role: review.RoleArbitrator}, review.PartlyAccepted,
		[]string{"greeting"}, "greeting accepted; needs were not discovered")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []time.Time{scored, decided.Add(-time.Minute), decided} {
		res, _ := v.ResultAt(at)
		fmt.Println(at.Format("01-02 15:04"), res.Total())
	}
	// Output:
	// 03-02 12:00 4.1
	// 03-03 13:59 4.1
	// 03-03 14:00 4.2
}
