package rubric_test

import (
	"encoding/json"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// SPEC R6: an evaluation records whether it was scheduled and who started it, through scoring and JSON.
func TestUnscheduledEvaluation(t *testing.T) {
	r := rubric.CallQuality()
	e := rubric.Evaluation{ID: "ev-r6", Unscheduled: true, StartedBy: "commercial-director"}
	for _, c := range r.Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.5")))
		}
	}
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	if m := res.Meta(); !m.Unscheduled || m.StartedBy != "commercial-director" {
		t.Errorf("Meta = %+v, want an unscheduled evaluation started by the commercial director", m)
	}
	b, err := json.Marshal(e)
	if err != nil || !strings.Contains(string(b), `"unscheduled":true,"started_by":"commercial-director"`) {
		t.Fatalf("evaluation JSON %s (%v)", b, err)
	}
	back, err := rubric.ParseEvaluation(b)
	if err != nil || !back.Equal(e) {
		t.Errorf("ParseEvaluation = %+v, %v; want the evaluation back", back, err)
	}
	rb, err := json.Marshal(res)
	if err != nil || !strings.Contains(string(rb), `"unscheduled":true`) {
		t.Errorf("result JSON %s (%v)", rb, err)
	}
	if stored, err := rubric.ParseResult(r, rb); err != nil || !stored.Meta().Unscheduled {
		t.Errorf("ParseResult: %v, unscheduled %v", err, stored.Meta().Unscheduled)
	}
	bad := e
	bad.StartedBy = strings.Repeat("x", rubric.MaxStartedByLen+1)
	if _, err := r.Score(bad); !errors.Is(err, sq.ErrLimit) {
		t.Errorf("a started_by over the limit: %v, want sq.ErrLimit", err)
	}
	if _, err := rubric.ParseEvaluation([]byte(`{"answers":[],"unscheduled":null}`)); err == nil {
		t.Error("unscheduled null was accepted")
	}
}
