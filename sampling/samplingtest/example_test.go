package samplingtest_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sampling/samplingtest"
	"pgregory.net/rapid"
)

// quiet stands in for the *testing.T of a test in these examples.
type quiet struct{ testing.TB }

func (quiet) Helper()                   {}
func (quiet) Name() string              { return "Example" }
func (quiet) Logf(string, ...any)       {}
func (quiet) Log(...any)                {}
func (quiet) Failed() bool              { return false }
func (quiet) Errorf(f string, a ...any) { fmt.Printf(f+"\n", a...) }
func (quiet) Fatalf(f string, a ...any) { fmt.Printf(f+"\n", a...) }

// A team proves its own property of the selection on drawn populations: nobody gets more calls than the quota.
func ExampleCalls() {
	rapid.Check(quiet{}, func(t *rapid.T) {
		calls, rule := samplingtest.Calls(40).Draw(t, "calls"), samplingtest.Rule().Draw(t, "rule")
		sel, err := sampling.Select(calls, samplingtest.Seed().Draw(t, "seed"), rule)
		if err != nil {
			t.Fatal(err)
		}
		quota := rule.PerEmployee
		if quota == 0 {
			quota = sampling.DefaultPerEmployee
		}
		for _, g := range sel.Groups {
			if len(g.Selected) > quota {
				t.Fatalf("%s: %d selected, quota %d", g.Employee, len(g.Selected), quota)
			}
		}
	})
	fmt.Println("within the quota")
	// Output:
	// within the quota
}

func ExampleSeed() {
	rapid.Check(quiet{}, func(t *rapid.T) {
		if s := samplingtest.Seed().Draw(t, "seed"); len(s) < sampling.MinSeed {
			t.Fatalf("seed of %d bytes", len(s))
		}
	})
	fmt.Println("seeds long enough")
	// Output:
	// seeds long enough
}

func ExampleRule() {
	rapid.Check(quiet{}, func(t *rapid.T) {
		if err := samplingtest.Rule().Draw(t, "rule").Validate(); err != nil {
			t.Fatal(err)
		}
	})
	fmt.Println("valid rules")
	// Output:
	// valid rules
}

// Every invalid population is refused with the sentinel it is labelled with.
func ExampleInvalidCalls() {
	rapid.Check(quiet{}, func(t *rapid.T) {
		bad := samplingtest.InvalidCalls(5).Draw(t, "invalid")
		_, err := sampling.Select(bad.Calls, samplingtest.Seed().Draw(t, "seed"), samplingtest.Rule().Draw(t, "rule"))
		if !errors.Is(err, bad.Err) {
			t.Fatalf("%s: error %v", bad.Why, err)
		}
	})
	fmt.Println("refused as labelled")
	// Output:
	// refused as labelled
}
