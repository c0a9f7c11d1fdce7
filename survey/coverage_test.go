package survey_test

import (
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R14: a survey result counts only when at least 4% of the employee's clients were surveyed.
func TestCoverageMeetsR14(t *testing.T) {
	tests := []struct {
		surveyed, clients int64
		policy            decimal.Decimal
		meets             bool
		required          int64
		reason            string
	}{
		{4, 100, decimal.Zero, true, 4, "exactly 4% meets the default"},
		{3, 76, decimal.Zero, false, 4, "3.95% does not, even though it rounds to 4%"},
		{5, 101, decimal.Zero, true, 5, "4.04 clients needed: round up to 5"},
		{1, 10, decimal.Zero, true, 1, "0.4 clients needed: 1"},
		{0, 10, decimal.Zero, false, 1, "nobody surveyed"},
		{9, 100, d("10"), false, 10, "a stricter policy"},
		{1, 300, d("0.25"), true, 1, "a looser policy in fractions of a percent"},
		{100, 100, d("100"), true, 100, "a census"},
	}
	for _, tt := range tests {
		c := must(survey.NewShare(tt.surveyed, tt.clients))
		meets, err := c.Meets(tt.policy)
		if err != nil || meets != tt.meets {
			t.Errorf("%d of %d Meets(%v) = %v, %v; want %v (%s)", tt.surveyed, tt.clients, tt.policy, meets,
				err, tt.meets, tt.reason)
		}
		req, err := c.Required(tt.policy)
		if err != nil || req != tt.required {
			t.Errorf("%d clients Required(%v) = %d, %v; want %d (%s)", tt.clients, tt.policy, req, err,
				tt.required, tt.reason)
		}
	}
}

func TestCoveragePercent(t *testing.T) {
	c := must(survey.NewShare(3, 76))
	got, exact, err := rounded(2, sq.HalfUp)(c.Percent())
	if err != nil || !got.Equal(d("3.95")) || exact {
		t.Errorf("Percent(3 of 76) = %s, %v, %v; want 3.95, inexact", got, exact, err)
	}
	if c.Hits() != 3 || c.Total() != 76 {
		t.Errorf("counts = %d of %d", c.Hits(), c.Total())
	}
	m := must(c.Merge(must(survey.NewShare(1, 24))))
	if !m.Equal(must(survey.NewShare(4, 100))) {
		t.Errorf("merge = %+v, want 4 of 100", m)
	}
	for _, c := range []survey.Share{must(survey.NewShare(3, 76)), must(survey.NewShare(4, 100))} {
		zero, err1 := c.Meets(decimal.Zero)
		four, err2 := c.Meets(decimal.NewFromInt(survey.DefaultMinCoveragePercent))
		if zero != four || err1 != nil || err2 != nil {
			t.Errorf("%+v: Meets(0) = %v, %v and Meets(4) = %v, %v; a zero minimum is the default 4%%", c, zero, err1, four, err2)
		}
	}
}

func TestCoverageErrors(t *testing.T) {
	_, err := survey.NewShare(5, 4)
	wantErr(t, "more surveyed than clients", err, survey.ErrInvalidCount)
	_, err = survey.NewShare(-1, 4)
	wantErr(t, "negative surveyed", err, survey.ErrInvalidCount)
	_, err = survey.Share{}.Meets(decimal.Zero)
	wantErr(t, "no clients", err, survey.ErrEmpty)
	_, _, err = rounded(2, sq.HalfUp)(survey.Share{}.Percent())
	wantErr(t, "percent of no clients", err, survey.ErrEmpty)
	if n, err := (survey.Share{}).Required(decimal.Zero); n != 0 || err != nil {
		t.Errorf("Required of no clients = %d, %v; want 0", n, err)
	}
	c := must(survey.NewShare(1, 10))
	for _, bad := range []string{"-4", "100.5"} {
		_, err := c.Meets(d(bad))
		wantErr(t, "policy "+bad, err, survey.ErrInvalidSetting)
		_, err = c.Required(d(bad))
		wantErr(t, "policy "+bad, err, survey.ErrInvalidSetting)
	}
	_, err = c.Meets(d("1e-19"))
	wantErr(t, "a minimum beyond the decimal limits", err, sq.ErrLimit)
}

// SPEC R14: meeting the policy is the same as surveying at least Required clients.
func TestCoverageRequiredProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		clients := rapid.Int64Range(1, 1_000_000).Draw(t, "clients")
		surveyed := rapid.Int64Range(0, clients).Draw(t, "surveyed")
		min := decimal.New(rapid.Int64Range(1, 10_000).Draw(t, "min"), -2) // 0.01% … 100%
		c := must(survey.NewShare(surveyed, clients))
		p := min
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
