package ratingtest_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rating/ratingtest"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
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

// A team checks its weights and sufficiency rules in one line; settings the library refuses are reported with
// the library's reason.
func ExampleCheckSettings() {
	s := rating.DefaultPersonalSettings()
	s.CallWeight, s.SurveyWeight = decimal.NewFromInt(3), decimal.NewFromInt(1)
	t := &printer{} // in a test: t
	ratingtest.CheckSettings(t, s)
	fmt.Println("3:1 failed:", t.Failed())

	s.MinCalls = 0
	ratingtest.CheckSettings(t, s)
	// Output:
	// 3:1 failed: false
	// ratingtest: settings: valid: rating: min_calls 0: at least 1: invalid input
}

// Invariant adds the team's own rule, proved on every input drawn.
func ExampleInvariant() {
	atMostFive := ratingtest.Invariant("on the scale", func(_ rating.PersonalInput, p rating.Personal) error {
		if p.Exact().Cmp(sq.FractionOf(decimal.NewFromInt(5))) > 0 {
			return fmt.Errorf("rating %s above 5", p.Exact())
		}
		return nil
	})
	t := &printer{}
	ratingtest.CheckSettings(t, rating.DefaultPersonalSettings(), atMostFive, ratingtest.Draws(2))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// Skip leaves out an invariant that settings break on purpose.
func ExampleSkip() {
	t := &printer{}
	ratingtest.CheckSettings(t, rating.DefaultPersonalSettings(), ratingtest.Skip(ratingtest.InvScale))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// The generators draw valid inputs and settings for the team's own properties: every input is rated, or refused
// only for a missing component.
func ExamplePersonalSettings() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		s := ratingtest.PersonalSettings().Draw(t, "settings")
		in := ratingtest.Input("anna").Draw(t, "input")
		r, err := rating.NewPersonalRater(s)
		if err != nil {
			t.Fatalf("invalid settings: %v", err)
		}
		if _, err := r.Rate(in); err != nil && !errors.Is(err, rating.ErrEmpty) && !errors.Is(err, rating.ErrMissingComponent) {
			t.Fatalf("a valid input refused: %v", err)
		}
	})
	fmt.Println("drawn")
	// Output:
	// drawn
}

func ExampleCallScores() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		for _, c := range ratingtest.CallScores("anna", 6).Draw(t, "calls") {
			if c.EmployeeID != "anna" || c.Total.IsNegative() || c.Total.GreaterThan(decimal.NewFromInt(5)) {
				t.Fatalf("bad call %+v", c)
			}
		}
	})
	fmt.Println("calls of anna, totals on 0–5")
	// Output:
	// calls of anna, totals on 0–5
}

func ExampleSurvey() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		s := ratingtest.Survey(100).Draw(t, "survey")
		if s.Clients > 0 && s.Surveyed > s.Clients {
			t.Fatalf("more surveyed than clients: %+v", s)
		}
	})
	fmt.Println("surveys within their clients")
	// Output:
	// surveys within their clients
}

func ExampleAccumulator() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if a := ratingtest.Accumulator(10).Draw(t, "acc"); a.Count() > 10 {
			t.Fatalf("too many values: %s", a)
		}
	})
	fmt.Println("at most 10 values")
	// Output:
	// at most 10 values
}

func ExampleWeight() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if w := ratingtest.Weight().Draw(t, "weight"); w.IsNegative() || w.GreaterThan(decimal.NewFromInt(10)) {
			t.Fatalf("weight %s outside 0–10", w)
		}
	})
	fmt.Println("weights on 0–10")
	// Output:
	// weights on 0–10
}

func ExampleDepartmentSettings() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if err := ratingtest.DepartmentSettings().Draw(t, "settings").Validate(); err != nil {
			t.Fatalf("invalid settings: %v", err)
		}
	})
	fmt.Println("valid department settings")
	// Output:
	// valid department settings
}

func ExampleScore() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		if x := ratingtest.Score().Draw(t, "score"); x.IsNegative() || x.GreaterThan(decimal.NewFromInt(5)) {
			t.Fatalf("score %s off the scale", x)
		}
	})
	fmt.Println("scores on 0–5")
	// Output:
	// scores on 0–5
}

func ExampleInput() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		in := ratingtest.Input("anna").Draw(t, "input")
		for _, c := range in.Calls {
			if c.EmployeeID != in.EmployeeID {
				t.Fatalf("call of another employee")
			}
		}
	})
	fmt.Println("inputs of one employee")
	// Output:
	// inputs of one employee
}

// Draws draws several inputs in every rapid case: more inputs per run without changing -rapid.checks.
func ExampleDraws() {
	t := &printer{}
	ratingtest.CheckSettings(t, rating.DefaultPersonalSettings(), ratingtest.Draws(3))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// A team checks its department weights (SPEC R7) in one line.
func ExampleCheckDepartmentSettings() {
	s := rating.DefaultDepartmentSettings()
	s.ReviewWeighted = true
	t := &printer{}
	ratingtest.CheckDepartmentSettings(t, s)
	fmt.Println("review-weighted failed:", t.Failed())

	s.PlatformWeight, s.EmployeeWeight, s.SurveyWeight = decimal.Zero, decimal.Zero, decimal.Zero
	ratingtest.CheckDepartmentSettings(t, s)
	// Output:
	// review-weighted failed: false
	// ratingtest: department settings: valid: rating: platform_weight, employee_weight, survey_weight 0: at least one weight must be positive: invalid weight
}

func ExampleDepartmentInput() {
	rapid.Check(&printer{}, func(t *rapid.T) {
		in := ratingtest.DepartmentInput("sales").Draw(t, "input")
		if len(in.Platforms) > 3 || len(in.Employees) > 4 {
			t.Fatalf("input beyond its bounds")
		}
	})
	fmt.Println("department inputs")
	// Output:
	// department inputs
}
