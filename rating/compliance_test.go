package rating_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// TestShortfalls pins SPEC R6 (every employee evaluated each quarter) with the R5 minimum of 5 calls.
func TestShortfalls(t *testing.T) {
	q := sq.Quarter{Year: 2024, Q: 2}
	var calls []rating.CallScore
	// anna: 5 calls in Q2 in UTC+5. The first is evaluated at 2024-03-31 20:00 UTC, already April 1 in UTC+5.
	calls = append(calls, callsOn("anna", time.Date(2024, 3, 31, 20, 0, 0, 0, time.UTC), "4", "4", "4", "4", "4")...)
	// boris: 4 calls in Q2 and 3 in Q1.
	calls = append(calls, callsOn("boris", day(2024, 5, 1), "4", "4", "4", "4")...)
	calls = append(calls, callsOn("boris", day(2024, 2, 1), "4", "4", "4")...)
	// dmitry is not on the roster but has a call in Q2.
	calls = append(calls, callsOn("dmitry", day(2024, 6, 30), "5")...)
	roster := []string{"anna", "boris", "carol"}

	almaty := time.FixedZone("UTC+5", 5*3600)
	check := rating.QuarterCheck{Quarter: q.Period(almaty), Required: 5}
	got, err := check.Shortfalls(calls, roster)
	if err != nil {
		t.Fatal(err)
	}
	want := []rating.Shortfall{{"boris", 4, 5}, {"carol", 0, 5}, {"dmitry", 1, 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Shortfalls in UTC+5 mismatch (-want +got):\n%s", diff)
	}
	// In UTC anna's first call falls in Q1, leaving her 4 in Q2.
	check.Quarter = q.Period(time.UTC)
	got, err = check.Shortfalls(calls, roster)
	if err != nil {
		t.Fatal(err)
	}
	want = []rating.Shortfall{{"anna", 4, 5}, {"boris", 4, 5}, {"carol", 0, 5}, {"dmitry", 1, 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Shortfalls in UTC mismatch (-want +got):\n%s", diff)
	}
	// Once a quarter (Required 1): only carol was never evaluated.
	check.Required = 1
	got, err = check.Shortfalls(calls, roster)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]rating.Shortfall{{"carol", 0, 1}}, got); diff != "" {
		t.Errorf("Shortfalls with Required 1 mismatch (-want +got):\n%s", diff)
	}
}

func TestShortfallsErrors(t *testing.T) {
	calls := callsOn("anna", day(2024, 5, 1), "4", "4")
	good := rating.QuarterCheck{Quarter: sq.Quarter{Year: 2024, Q: 2}.Period(time.UTC), Required: 5}
	tests := []struct {
		check  rating.QuarterCheck
		calls  []rating.CallScore
		roster []string
		want   error
		reason string
	}{
		{rating.QuarterCheck{Quarter: sq.Period{From: day(2024, 4, 1)}, Required: 5}, calls, nil, sq.ErrInvalid, "an unbounded period is no quarter"},
		{rating.QuarterCheck{Quarter: sq.Period{From: day(2024, 7, 1), To: day(2024, 4, 1)}, Required: 5}, calls, nil, sq.ErrInvalid, "ends before it starts"},
		{rating.QuarterCheck{Quarter: good.Quarter}, calls, nil, sq.ErrInvalid, "Required 0"},
		{good, calls, []string{"anna", "anna"}, rating.ErrDuplicate, "roster entry twice"},
		{good, calls, []string{""}, sq.ErrInvalid, "empty roster entry"},
		{good, append(calls, calls[0]), nil, rating.ErrDuplicate, "evaluation twice"},
		{good, append(calls, rating.CallScore{EvaluationID: "x", EmployeeID: "anna", At: day(2024, 5, 1), Total: d("9")}),
			nil, rating.ErrOutOfRange, "total above 5"},
		{good, nil, nil, nil, "no calls, no roster: nothing to report"},
	}
	for _, tt := range tests {
		_, err := tt.check.Shortfalls(tt.calls, tt.roster)
		wantErr(t, err, tt.want, tt.reason)
	}
}

func TestGroupCalls(t *testing.T) {
	calls := append(callsOn("anna", day(2023, 12, 30), "3", "4", "5"), callsOn("boris", day(2024, 1, 1), "4.5")...)
	calls[3].DepartmentID = "support"
	g, err := rating.GroupCalls(calls, rating.ByEmployee, sq.Period{From: day(2024, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for k, a := range g.All() {
		got = append(got, k+" "+a.String())
	}
	if diff := cmp.Diff([]string{"anna n=1 sum=5", "boris n=1 sum=4.5"}, got); diff != "" {
		t.Errorf("GroupCalls by employee since 2024 mismatch (-want +got):\n%s", diff)
	}
	g, err = rating.GroupCalls(calls, rating.ByDepartment, sq.Period{})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for k, a := range g.All() {
		got = append(got, k+" "+a.String())
	}
	if diff := cmp.Diff([]string{"sales n=3 sum=12", "support n=1 sum=4.5"}, got); diff != "" {
		t.Errorf("GroupCalls by department mismatch (-want +got):\n%s", diff)
	}
	calls[0].DepartmentID = ""
	_, err = rating.GroupCalls(calls, rating.ByDepartment, sq.Period{})
	wantErr(t, err, sq.ErrInvalid, "empty department ID")
	_, err = rating.GroupCalls(calls, 5, sq.Period{})
	wantErr(t, err, sq.ErrInvalid, "unknown grouping")
}
