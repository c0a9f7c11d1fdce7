package rating_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/servicequality/servicequality/rating"
)

// callAll calls every method of *T on a pointer to the zero T, and every method declared on *T (not on T) on a
// nil *T, each with zero arguments, and reports the calls that panic.
func callAll(t *testing.T, zero any) {
	t.Helper()
	typ := reflect.TypeOf(zero)
	ptr := reflect.PointerTo(typ)
	call := func(recv reflect.Value, m reflect.Method, what string) {
		t.Helper()
		args := []reflect.Value{recv}
		for i := 1; i < m.Type.NumIn(); i++ {
			args = append(args, reflect.Zero(m.Type.In(i)))
		}
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("%s.%s panics: %v", what, m.Name, p)
			}
		}()
		if m.Type.IsVariadic() {
			m.Func.CallSlice(args)
		} else {
			m.Func.Call(args)
		}
	}
	for i := range ptr.NumMethod() {
		m := ptr.Method(i)
		call(reflect.New(typ), m, fmt.Sprintf("(&%s{})", typ))
		if _, onValue := typ.MethodByName(m.Name); !onValue {
			call(reflect.Zero(ptr), m, fmt.Sprintf("(*%s)(nil)", typ))
		}
	}
}

// TestZeroValuesDoNotPanic: every exported type's zero value, and a nil pointer for the methods declared on the
// pointer, answers every method with its documented result or an error, never a panic (a zero PersonalRater's
// Rate and Settings, a zero DepartmentRater's Rate and a nil *Grouped's Len used to panic).
func TestZeroValuesDoNotPanic(t *testing.T) {
	for _, zero := range []any{
		rating.Accumulator{}, rating.Grouped{}, rating.Fraction{}, rating.Weighted{}, rating.Rating{},
		rating.Personal{}, rating.Department{}, rating.Entry{}, rating.Standing{}, rating.Leaderboard{},
		rating.Aggregator{}, rating.PersonalRater{}, rating.DepartmentRater{}, rating.Scheme{}, rating.Weight{},
		rating.Component{}, rating.Contribution{}, rating.PersonalSettings{}, rating.DepartmentSettings{},
		rating.PersonalInput{}, rating.DepartmentInput{}, rating.PlatformRating{}, rating.Shrinkage{},
		rating.CallScore{}, rating.Survey{}, rating.Quarter{}, rating.Period{}, rating.QuarterCheck{},
		rating.Shortfall{}, rating.Status(0), rating.ReasonCode(0), rating.Reason{}, rating.MissingPolicy(0),
		rating.PlatformMean(0), rating.GroupBy(0), rating.ComponentError{}, rating.Rounding(0),
	} {
		callAll(t, zero)
	}
}

// TestZeroRaters: raters not made by their constructors refuse valid input with ErrInvalidSetting instead of
// panicking, and report zero settings.
func TestZeroRaters(t *testing.T) {
	in := rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), "4"), Survey: goodSurvey}
	for _, r := range []*rating.PersonalRater{{}, nil} {
		_, err := r.Rate(in)
		wantErr(t, err, rating.ErrInvalidSetting, "Rate on a zero or nil PersonalRater")
		_, err = r.RateEmployees(in.Calls, nil, rating.Period{}, rating.Period{})
		wantErr(t, err, rating.ErrInvalidSetting, "RateEmployees on a zero or nil PersonalRater")
		if s := r.Settings(); s.MinCalls != 0 || len(s.Weights.Weights) != 0 {
			t.Errorf("Settings of a zero PersonalRater = %+v, want the zero settings", s)
		}
	}
	for _, r := range []*rating.DepartmentRater{{}, nil} {
		_, err := r.Rate(rating.DepartmentInput{DepartmentID: "d1", Employees: staff(t), Platforms: platforms})
		wantErr(t, err, rating.ErrInvalidSetting, "Rate on a zero or nil DepartmentRater")
		if s := r.Settings(); len(s.Weights.Weights) != 0 {
			t.Errorf("Settings of a zero DepartmentRater = %+v, want the zero settings", s)
		}
	}
	var g *rating.Grouped
	if g.Len() != 0 || !g.Equal(new(rating.Grouped)) || g.Clone().Len() != 0 {
		t.Errorf("a nil *Grouped does not read as empty")
	}
	wantErr(t, g.Add("e1", d("4")), rating.ErrInvalidInput, "Add on a nil *Grouped")
}
