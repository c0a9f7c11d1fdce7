package rating_test

import (
	"testing"

	"github.com/servicequality/servicequality/internal/zerotest"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// TestZeroValuesDoNotPanic: every exported type's zero value, and a nil pointer for the methods declared on the
// pointer, answers every method with its documented result or an error, never a panic (a zero PersonalRater's
// Rate and Settings, a zero DepartmentRater's Rate and a nil *Grouped's Len used to panic).
func TestZeroValuesDoNotPanic(t *testing.T) {
	for _, zero := range []any{
		rating.Accumulator{}, rating.Grouped{}, sq.Fraction{}, rating.Rating{},
		rating.Personal{}, rating.Department{}, rating.Standing{},
		rating.PersonalRater{}, rating.DepartmentRater{},
		rating.Contribution{}, rating.PersonalSettings{}, rating.DepartmentSettings{},
		rating.PersonalInput{}, rating.DepartmentInput{}, rating.PlatformRating{}, rating.RateOptions{}, rating.GroupBy(0),
		rating.CallScore{}, rating.Survey{}, sq.Quarter{}, sq.Period{}, rating.QuarterCheck{},
		rating.Shortfall{}, rating.ReasonCode(0), rating.Reason{},
	} {
		zerotest.CallAll(t, zero)
	}
}

// TestZeroRaters: raters not made by their constructors refuse valid input with ErrInvalidSetting instead of
// panicking.
func TestZeroRaters(t *testing.T) {
	in := rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), "4"), Survey: goodSurvey}
	for _, r := range []*rating.PersonalRater{{}, nil} {
		_, err := r.Rate(in)
		wantErr(t, err, sq.ErrInvalid, "Rate on a zero or nil PersonalRater")
		_, err = r.RateEmployees(in.Calls, nil, rating.RateOptions{})
		wantErr(t, err, sq.ErrInvalid, "RateEmployees on a zero or nil PersonalRater")
	}
	for _, r := range []*rating.DepartmentRater{{}, nil} {
		_, err := r.Rate(rating.DepartmentInput{DepartmentID: "d1", Employees: staff(t), Platforms: platforms})
		wantErr(t, err, sq.ErrInvalid, "Rate on a zero or nil DepartmentRater")
	}
	var g *rating.Grouped
	if lenOf(g) != 0 || !g.Equal(new(rating.Grouped)) || lenOf(cloneOf(g)) != 0 {
		t.Errorf("a nil *Grouped does not read as empty")
	}
	wantErr(t, g.Add("e1", d("4")), sq.ErrInvalid, "Add on a nil *Grouped")
}
