package rubric_test

import (
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"reflect"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// TestZeroValuesSafe calls every exported method of a nil *Rubric and of the zero value of every exported type
// with zero arguments: none may panic, and every error returned must wrap a sentinel of the package.
func TestZeroValuesSafe(t *testing.T) {
	sentinels := []error{rubric.ErrInvalidDefinition, sq.ErrMalformed, sq.ErrLimit, rubric.ErrRubricMismatch,
		rubric.ErrUnknownCriterion, rubric.ErrDuplicateAnswer, rubric.ErrMissingAnswer, rubric.ErrInvalidScore,
		rubric.ErrUnknownLevel, rubric.ErrNotApplicable, rubric.ErrUnknownViolation, rubric.ErrUnknownTemplate,
		rubric.ErrNothingToScore, sq.ErrInvalid, rubric.ErrNoRubric,
		rubric.ErrResultMismatch}
	receivers := []any{
		(*rubric.Rubric)(nil), &rubric.Rubric{},
		&rubric.Definition{}, &rubric.Criterion{}, &rubric.Evaluation{}, &rubric.Answer{},
		&rubric.Result{}, &rubric.Reason{}, &rubric.CriterionResult{},
		&rubric.SectionResult{}, &rubric.Meta{}, new(rubric.Text),
		&rubric.CriterionStat{},
	}
	errorType := reflect.TypeFor[error]()
	calls := 0
	for _, recv := range receivers {
		v := reflect.ValueOf(recv)
		for i := range v.NumMethod() {
			m := v.Type().Method(i)
			name := fmt.Sprintf("(%s).%s", v.Type(), m.Name)
			args := make([]reflect.Value, m.Type.NumIn()-1)
			for j := range args {
				args[j] = reflect.Zero(m.Type.In(j + 1))
			}
			calls++
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s panics: %v", name, p)
					}
				}()
				out := v.Method(i).Call(args)
				for _, o := range out {
					if o.Type() != errorType || o.IsNil() {
						continue
					}
					err := o.Interface().(error)
					if _, isOwn := recv.(error); isOwn {
						continue // Unwrap of an error type returns its (nil) sentinel
					}
					wraps := false
					for _, s := range sentinels {
						wraps = wraps || errors.Is(err, s)
					}
					if !wraps {
						t.Errorf("%s error %v wraps no sentinel of the package", name, err)
					}
				}
			}()
		}
	}
	t.Logf("%d methods called", calls)
	if calls < 58 {
		t.Errorf("called %d methods; the list of receivers lost some", calls)
	}
}
