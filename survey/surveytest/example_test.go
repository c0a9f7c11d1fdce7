package surveytest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
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

// A team that builds on package survey, or keeps a fork of it, proves its tallies in one line.
func ExampleCheck() {
	t := &printer{} // in a test: t
	surveytest.Check(t, surveytest.Draws(2))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// MaxTotal draws larger tallies, near the most a tally holds.
func ExampleMaxTotal() {
	t := &printer{}
	surveytest.Check(t, surveytest.MaxTotal(1_000_000_000))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// Skip leaves out an invariant, here the binary forms.
func ExampleSkip() {
	t := &printer{}
	surveytest.Check(t, surveytest.Skip(surveytest.InvBinary))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

func ExampleTarget() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if err := surveytest.Target().Draw(t, "target").Validate(); err != nil {
			t.Fatalf("invalid target: %v", err)
		}
	})
	fmt.Println("valid targets")
	// Output:
	// valid targets
}

// Draws draws several sets of tallies in every rapid case.
func ExampleDraws() {
	t := &printer{}
	surveytest.Check(t, surveytest.Draws(3))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// The generators of every tally draw values within their bounds, for a team's own properties.
func ExampleTallies() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		tl := surveytest.Tallies(100).Draw(t, "tallies")
		if tl.Recommend.Hits() > tl.Recommend.Total() {
			t.Fatalf("impossible tallies %+v", tl)
		}
		for _, g := range []*rapid.Generator[bool]{
			rapid.Map(surveytest.CSI(5), func(x survey.CSI) bool { return x.Total() <= 25 }),
			rapid.Map(surveytest.CES(5), func(x survey.CES) bool { return x.Total() <= 35 }),
			rapid.Map(surveytest.ClassicNPS(10), func(x survey.ClassicNPS) bool { return x.Total() <= 10 }),
			rapid.Map(surveytest.Share(10), func(x survey.Share) bool { return x.Total() <= 10 }),
		} {
			if !g.Draw(t, "within") {
				t.Fatalf("a tally beyond its bound")
			}
		}
	})
	fmt.Println("tallies within their bounds")
	// Output:
	// tallies within their bounds
}

// Answer and Response draw valid answers and responses for tests of survey.Tally and segments.
func ExampleResponse() {
	from := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(&printer{}, func(t *rapid.T) {
		r := surveytest.Response(from, 24*time.Hour).Draw(t, "response")
		if err := r.Answer.Validate(); err != nil || r.At.Before(from) {
			t.Fatalf("invalid response %+v: %v", r, err)
		}
		if err := surveytest.Answer().Draw(t, "answer").Validate(); err != nil {
			t.Fatalf("invalid answer: %v", err)
		}
	})
	fmt.Println("valid responses")
	// Output:
	// valid responses
}
