package calibrationtest_test

import (
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/rubric/calibration/calibrationtest"
	"pgregory.net/rapid"
)

// printer stands in for the *testing.T of a test in these examples: it prints what a checker reports.
type printer struct {
	testing.TB
	failed bool
}

func (p *printer) Helper()             {}
func (p *printer) Name() string        { return "Example" }
func (p *printer) Logf(string, ...any) {}
func (p *printer) Log(...any)          {}
func (p *printer) Failed() bool        { return p.failed }
func (p *printer) Errorf(format string, args ...any) {
	p.failed = true
	fmt.Printf(format+"\n", args...)
}

// A team proves the calibration statistics on its rubric in one line.
func ExampleCheck() {
	t := &printer{} // in a test: t
	calibrationtest.Check(t, rubric.CallQuality())
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// Skip leaves out an invariant.
func ExampleSkip() {
	t := &printer{}
	calibrationtest.Check(t, rubric.CallQuality(), calibrationtest.Skip(calibrationtest.InvPerfect), calibrationtest.Draws(2))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// Results draws sessions with controlled agreement: with CopyPercent 100 every evaluator copies the benchmark.
func ExampleResults() {
	var overall []string
	rapid.Check(&printer{}, func(t *rapid.T) {
		results := calibrationtest.Results(rubric.CallQuality(), calibrationtest.SessionOptions{CopyPercent: 100}).Draw(t, "session")
		s, err := calibration.New(results, calibration.Config{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Alignment(calibrationtest.Benchmark)
		if err != nil {
			t.Fatal(err)
		}
		if len(overall) == 0 {
			overall = append(overall, rep.Overall.String())
		}
	})
	fmt.Println("alignment of copies:", overall[0])
	// Output:
	// alignment of copies: 1
}

// Draws draws several sessions in every rapid case.
func ExampleDraws() {
	t := &printer{}
	calibrationtest.Check(t, rubric.CallQuality(), calibrationtest.Draws(2))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}
