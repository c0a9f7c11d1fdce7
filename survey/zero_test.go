package survey_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/servicequality/servicequality/survey"
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
// pointer, answers every method with its documented result or an error, never a panic (Error of a zero
// ResponseError used to panic).
func TestZeroValuesDoNotPanic(t *testing.T) {
	for _, zero := range []any{
		survey.CSI{}, survey.RecommendShare{}, survey.ClassicNPS{}, survey.CSAT{}, survey.CES{}, survey.FCR{},
		survey.Coverage{}, survey.CoveragePolicy{}, survey.Tallies{}, survey.Period{}, survey.Grouping{},
		survey.Segment{}, survey.Target{}, survey.Attainment{}, survey.Comparison(0), survey.Mode(0),
		survey.Interval{}, survey.ClassicChange{}, survey.ClassicCuts{}, survey.Answer{}, survey.Response{},
		survey.Kind(0), survey.AnswerError{}, survey.ResponseError{}, survey.Rounding(0),
	} {
		callAll(t, zero)
	}
	if got, want := (&survey.ResponseError{}).Error(), `survey: response 0 (client ""): no cause given`; got != want {
		t.Errorf("zero ResponseError.Error() = %q, want %q", got, want)
	}
}

// TestNilTalliesAdd: Add on a nil *Tallies is an error, not a panic.
func TestNilTalliesAdd(t *testing.T) {
	var tl *survey.Tallies
	wantErr(t, "Add on a nil *Tallies", tl.Add(survey.CSIAnswer(5), survey.ClassicCuts{}), survey.ErrInvalidResponse)
}
