package calibration_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/shopspring/decimal"
)

// spreadSession: totals on the call rubric (SPEC R1–R3)
//
//	c1: lead 5, qa-1 4.8, qa-2 5
//	c2: lead 4.5 (yellow), qa-1 0 (red fails the call), qa-2 4.5
//	c3: lead 4 (yellow), qa-1 4.5 (yellow), qa-2 3, qa-3 5
func spreadSession(t *testing.T) *calibration.Session {
	return session(t,
		call("c1", "lead", "0.5", "green"),
		call("c1", "qa-1", "0.3 0.5 0.5 0.5 0.5 0.5 0.5 0.5 0.5", "green"),
		call("c1", "qa-2", "0.5", "green"),
		call("c2", "lead", "0.5", "yellow"),
		call("c2", "qa-1", "0.5", "red"),
		call("c2", "qa-2", "0.5", "yellow"),
		call("c3", "lead", "0.5 0.5 0.5 0.5 0.5 0.5 0.5 0.5 0", "yellow"),
		call("c3", "qa-1", "0.5", "yellow"),
		call("c3", "qa-2", "0.5 0.5 0.5 0.5 0.5 0 0 0 0", "green"),
		call("c3", "qa-3", "0.5", "green"),
	)
}

// TestSpreadFromMedian, by hand:
//
// Means are exact; standard deviations are rounded to the default 4 places.
//
//	c1: range 0.2, mean 14.8/3 = 74/15, variance (3·73.04 − 14.8²)/9 = 0.08/9, sd 0.09428…; median 5
//	c2: range 4.5, mean 3, variance (3·40.5 − 81)/9 = 4.5, sd 2.12132…; median 4.5, qa-1 is 4.5 below
//	c3: sorted 3, 4, 4.5, 5: median 4.25, mean 4.125, variance 0.546875, sd 0.73950…; qa-2 is 1.25 below,
//	    qa-3 0.75 above
func TestSpreadFromMedian(t *testing.T) {
	got, err := spreadSession(t).Spread(d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	want := calibration.SpreadReport{
		Tolerance: d("0.5"),
		Calls: []calibration.CallSpread{
			{CallID: "c1", Evaluations: 3, Min: d("4.8"), Max: d("5"), Range: d("0.2"), Mean: fr("74/15"), StdDev: d("0.0943"), Median: d("5"), Reference: d("5")},
			{CallID: "c2", Evaluations: 3, Min: d("0"), Max: d("4.5"), Range: d("4.5"), Mean: fr("3"), StdDev: d("2.1213"), Median: d("4.5"), Reference: d("4.5"),
				Outside: []calibration.Deviation{{EvaluatorID: "qa-1", Total: d("0"), Deviation: d("-4.5")}}},
			{CallID: "c3", Evaluations: 4, Min: d("3"), Max: d("5"), Range: d("2"), Mean: fr("4.125"), StdDev: d("0.7395"), Median: d("4.25"), Reference: d("4.25"),
				Outside: []calibration.Deviation{
					{EvaluatorID: "qa-2", Total: d("3"), Deviation: d("-1.25")},
					{EvaluatorID: "qa-3", Total: d("5"), Deviation: d("0.75")},
				}},
		},
		Evaluators: []calibration.EvaluatorSpread{
			{EvaluatorID: "lead", Calls: 3, Outside: 0, MeanDeviation: fr("-1/12")},  // (0 + 0 − 0.25)/3
			{EvaluatorID: "qa-1", Calls: 3, Outside: 1, MeanDeviation: fr("-89/60")}, // (−0.2 − 4.5 + 0.25)/3
			{EvaluatorID: "qa-2", Calls: 3, Outside: 1, MeanDeviation: fr("-5/12")},  // (0 + 0 − 1.25)/3
			{EvaluatorID: "qa-3", Calls: 1, Outside: 1, MeanDeviation: fr("0.75")},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Spread() mismatch (-want +got):\n%s", diff)
	}
}

// TestSpreadFromBenchmark: the lead's total is the reference and the lead is not measured. On c3 qa-1 is 0.5
// above the lead's 4: exactly the tolerance, so inside.
func TestSpreadFromBenchmark(t *testing.T) {
	got, err := spreadSession(t).SpreadFrom("lead", d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Call, Reference string
		Outside         []string
	}
	var calls []row
	for _, c := range got.Calls {
		r := row{Call: c.CallID, Reference: c.Reference.String()}
		for _, o := range c.Outside {
			r.Outside = append(r.Outside, o.EvaluatorID+" "+o.Deviation.String())
		}
		calls = append(calls, r)
	}
	wantCalls := []row{
		{"c1", "5", nil},
		{"c2", "4.5", []string{"qa-1 -4.5"}},
		{"c3", "4", []string{"qa-2 -1", "qa-3 1"}},
	}
	if diff := cmp.Diff(wantCalls, calls); diff != "" {
		t.Errorf("SpreadFrom() calls mismatch (-want +got):\n%s", diff)
	}
	wantEvs := []calibration.EvaluatorSpread{
		{EvaluatorID: "qa-1", Calls: 3, Outside: 1, MeanDeviation: fr("-1.4")}, // (−0.2 − 4.5 + 0.5)/3
		{EvaluatorID: "qa-2", Calls: 3, Outside: 1, MeanDeviation: fr("-1/3")}, // (0 + 0 − 1)/3,
		{EvaluatorID: "qa-3", Calls: 1, Outside: 1, MeanDeviation: fr("1")},
	}
	if diff := cmp.Diff(wantEvs, got.Evaluators); diff != "" || got.Benchmark != "lead" {
		t.Errorf("SpreadFrom() evaluators mismatch (-want +got):\n%s", diff)
	}
}

// TestSpreadBenchmarkSkipsCalls: calls the benchmark did not score are left out.
func TestSpreadBenchmarkSkipsCalls(t *testing.T) {
	s := session(t,
		call("c1", "lead", "0.5", "green"), call("c1", "qa-1", "0.4", "green"),
		call("c2", "qa-1", "0.5", "green"), call("c2", "qa-2", "0.4", "green"))
	got, err := s.SpreadFrom("lead", decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Calls) != 1 || got.Calls[0].CallID != "c1" || len(got.Evaluators) != 1 || got.Evaluators[0].Outside != 1 {
		t.Errorf("SpreadFrom(lead, 0) = %+v; want c1 only, qa-1 outside", got)
	}
}
