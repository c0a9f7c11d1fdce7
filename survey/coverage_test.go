package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R14: a survey result counts only when at least 4% of the employee's clients were surveyed.
func TestCoverageMeetsR14(t *testing.T) {
	tests := []struct {
		surveyed, clients int64
		policy            survey.CoveragePolicy
		meets             bool
		required          int64
		reason            string
	}{
		{4, 100, survey.CoveragePolicy{}, true, 4, "exactly 4% meets the default"},
		{3, 76, survey.CoveragePolicy{}, false, 4, "3.95% does not, even though it rounds to 4%"},
		{5, 101, survey.CoveragePolicy{}, true, 5, "4.04 clients needed: round up to 5"},
		{1, 10, survey.CoveragePolicy{}, true, 1, "0.4 clients needed: 1"},
		{0, 10, survey.CoveragePolicy{}, false, 1, "nobody surveyed"},
		{9, 100, survey.CoveragePolicy{MinPercent: d("10")}, false, 10, "a stricter policy"},
		{1, 300, survey.CoveragePolicy{MinPercent: d("0.25")}, true, 1, "a looser policy in fractions of a percent"},
		{100, 100, survey.CoveragePolicy{MinPercent: d("100")}, true, 100, "a census"},
	}
	for _, tt := range tests {
		c := must(survey.NewCoverage(tt.surveyed, tt.clients))
		meets, err := c.Meets(tt.policy)
		if err != nil || meets != tt.meets {
			t.Errorf("%d of %d Meets(%v) = %v, %v; want %v (%s)", tt.surveyed, tt.clients, tt.policy.Minimum(), meets,
				err, tt.meets, tt.reason)
		}
		req, err := c.Required(tt.policy)
		if err != nil || req != tt.required {
			t.Errorf("%d clients Required(%v) = %d, %v; want %d (%s)", tt.clients, tt.policy.Minimum(), req, err,
				tt.required, tt.reason)
		}
	}
}

func TestCoveragePercent(t *testing.T) {
	c := must(survey.NewCoverage(3, 76))
	got, exact, err := c.Percent(2, survey.HalfUp)
	if err != nil || !got.Equal(d("3.95")) || exact {
		t.Errorf("Percent(3 of 76) = %s, %v, %v; want 3.95, inexact", got, exact, err)
	}
	if c.Surveyed() != 3 || c.Clients() != 76 {
		t.Errorf("counts = %d of %d", c.Surveyed(), c.Clients())
	}
	m := must(c.Merge(must(survey.NewCoverage(1, 24))))
	if !m.Equal(must(survey.NewCoverage(4, 100))) {
		t.Errorf("merge = %+v, want 4 of 100", m)
	}
	if !(survey.CoveragePolicy{}).Minimum().Equal(decimal.NewFromInt(survey.DefaultMinCoveragePercent)) {
		t.Error("the zero policy does not apply the default 4%")
	}
}

func TestCoverageErrors(t *testing.T) {
	_, err := survey.NewCoverage(5, 4)
	wantErr(t, "more surveyed than clients", err, survey.ErrInvalidCount)
	_, err = survey.NewCoverage(-1, 4)
	wantErr(t, "negative surveyed", err, survey.ErrInvalidCount)
	_, err = survey.Coverage{}.Meets(survey.CoveragePolicy{})
	wantErr(t, "no clients", err, survey.ErrEmpty)
	_, _, err = survey.Coverage{}.Percent(2, survey.HalfUp)
	wantErr(t, "percent of no clients", err, survey.ErrEmpty)
	if n, err := (survey.Coverage{}).Required(survey.CoveragePolicy{}); n != 0 || err != nil {
		t.Errorf("Required of no clients = %d, %v; want 0", n, err)
	}
	c := must(survey.NewCoverage(1, 10))
	for _, bad := range []string{"-4", "100.5", "1e-19"} {
		_, err := c.Meets(survey.CoveragePolicy{MinPercent: d(bad)})
		wantErr(t, "policy "+bad, err, survey.ErrInvalidSetting)
		_, err = c.Required(survey.CoveragePolicy{MinPercent: d(bad)})
		wantErr(t, "policy "+bad, err, survey.ErrInvalidSetting)
	}
}

// SPEC R14: meeting the policy is the same as surveying at least Required clients.
func TestCoverageRequiredProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		clients := rapid.Int64Range(1, 1_000_000).Draw(t, "clients")
		surveyed := rapid.Int64Range(0, clients).Draw(t, "surveyed")
		min := decimal.New(rapid.Int64Range(1, 10_000).Draw(t, "min"), -2) // 0.01% … 100%
		c := must(survey.NewCoverage(surveyed, clients))
		p := survey.CoveragePolicy{MinPercent: min}
		meets, err := c.Meets(p)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := c.Required(p)
		if meets != (surveyed >= req) {
			t.Fatalf("%d of %d at %s%%: Meets = %v but Required = %d", surveyed, clients, min, meets, req)
		}
	})
}
