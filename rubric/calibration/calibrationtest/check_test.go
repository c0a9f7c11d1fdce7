package calibrationtest_test

import (
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/rubric/calibration/calibrationtest"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// TestCheckTemplates proves the invariants on the built-in rubrics and on drawn ones.
func TestCheckTemplates(t *testing.T) {
	for _, id := range rubric.Templates() {
		r, err := rubric.Template(id)
		if err != nil {
			t.Fatal(err)
		}
		calibrationtest.Check(t, r)
	}
	var drawn []*rubric.Rubric
	rapid.Check(t, func(t *rapid.T) {
		if len(drawn) < 3 {
			drawn = append(drawn, rubrictest.Rubric().Draw(t, "rubric"))
		}
	})
	for _, r := range drawn {
		calibrationtest.Check(t, r)
	}
}

// TestResults: every drawn session is accepted by calibration.New, with the benchmark scoring every call.
func TestResults(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		results := calibrationtest.Results(rubric.CallQuality(), calibrationtest.SessionOptions{MaxCalls: 4, MaxEvaluators: 2}).Draw(t, "session")
		s, err := calibration.New(results, calibration.Config{})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		if n := len(s.Calls()); n < 2 || n > 4 || len(s.Evaluators()) > 3 {
			t.Fatalf("%d calls and evaluators %v beyond the options", n, s.Evaluators())
		}
		for _, c := range s.Calls() {
			if _, ok := s.Result(c, calibrationtest.Benchmark); !ok {
				t.Fatalf("call %s has no benchmark result", c)
			}
		}
	})
}

// TestCheckNoRubric: a zero rubric is reported, not checked.
func TestCheckNoRubric(t *testing.T) {
	failed, out := recordtb.Run(t, func(tb testing.TB) { calibrationtest.Check(tb, &rubric.Rubric{}) })
	if want := "calibrationtest: Check needs a rubric built by rubric.New, rubric.Parse or a template"; !failed || out != want {
		t.Errorf("Check(zero rubric): failed %t, output %q, want %q", failed, out, want)
	}
}
