package surveytest_test

import (
	"fmt"
	"testing"

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

func ExampleRetention() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if r := surveytest.Retention(10).Draw(t, "retention"); r.Retained() > r.Total() {
			t.Fatalf("more retained than complainants: %+v", r)
		}
	})
	fmt.Println("retained within the complainants")
	// Output:
	// retained within the complainants
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
