package rating_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// SPEC R6: the quarterly check counts unscheduled evaluations, or leaves them out when asked.
func TestQuarterCheckUnscheduled(t *testing.T) {
	q, err := sq.NewQuarter(2026, 1)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 2, 10, 10, 0, 0, 0, time.UTC)
	calls := []rating.CallScore{
		{EvaluationID: "a", EmployeeID: "anna", At: at, Total: decimal.NewFromInt(4)},
		{EvaluationID: "b", EmployeeID: "anna", At: at, Total: decimal.NewFromInt(5), Unscheduled: true},
	}
	tests := []struct {
		check  rating.QuarterCheck
		want   []rating.Shortfall
		reason string
	}{
		{rating.QuarterCheck{Quarter: q.Period(time.UTC), Required: 2}, nil, "by default an unscheduled evaluation counts"},
		{rating.QuarterCheck{Quarter: q.Period(time.UTC), Required: 2, ScheduledOnly: true},
			[]rating.Shortfall{{EmployeeID: "anna", Evaluated: 1, Required: 2}}, "scheduled only: one of two"},
	}
	for _, tt := range tests {
		got, err := tt.check.Shortfalls(calls, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Shortfalls mismatch (-want +got):\n%s", tt.reason, diff)
		}
	}
}

// A call score written before "unscheduled" and "scale" existed reads and writes as before; with them it
// round-trips.
func TestCallScoreJSONOptionalFields(t *testing.T) {
	old := `{"evaluation_id":"ev1","employee_id":"anna","department_id":"sales","at":"2024-02-01T10:00:00Z","total":"4.3"}`
	var c rating.CallScore
	if err := json.Unmarshal([]byte(old), &c); err != nil {
		t.Fatal(err)
	}
	if b, err := json.Marshal(c); err != nil || string(b) != old {
		t.Errorf("re-encoding an old call score gave %s (%v)", b, err)
	}
	c.Unscheduled, c.Scale = true, decimal.NewFromInt(100)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back rating.CallScore
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(back, c) {
		t.Errorf("round trip of %s: %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"evaluation_id":"ev1","employee_id":"anna","department_id":"","at":"2024-02-01T10:00:00Z","total":"4.3","unscheduled":null}`), &back); err == nil {
		t.Error("unscheduled null was accepted")
	}
}
