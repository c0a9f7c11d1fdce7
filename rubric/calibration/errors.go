package calibration

import (
	"errors"
	"fmt"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/internal/problems"
)

// Sentinels wrapped by the errors of this package; test them with errors.Is. Every message starts with
// "calibration:" and says which result, call, evaluator or criterion, which value, and what is allowed.
var (
	// ErrEmpty: no results were given, or a method was called on the zero Session.
	ErrEmpty = errors.New("no evaluations")
	// ErrInvalidResult: a zero rubric.Result, which belongs to no rubric.
	ErrInvalidResult = errors.New("invalid result")
	// ErrMissingID: a result without a call ID or an evaluator ID.
	ErrMissingID = errors.New("missing call or evaluator ID")
	// ErrMixedRubrics: results scored on different rubrics (another ID or version, or the same ID and version with
	// a different definition).
	ErrMixedRubrics = errors.New("evaluations of different rubrics")
	// ErrDuplicate: one evaluator scored one call more than once.
	ErrDuplicate = errors.New("call scored twice by one evaluator")
	// ErrSingleEvaluation: a call scored by only one evaluator, so there is nothing to compare it with.
	ErrSingleEvaluation = errors.New("call scored by only one evaluator")

	// ErrUnknownEvaluator: an evaluator ID that has no result in the session.
	ErrUnknownEvaluator = errors.New("unknown evaluator")
	// ErrUnknownCall: a call ID that has no result in the session, or a benchmark who did not score the call.
	ErrUnknownCall = errors.New("unknown call")
	// ErrUnknownCriterion: a criterion ID the session's rubric does not have.
	ErrUnknownCriterion = errors.New("unknown criterion")
	// ErrNoOverlap: nothing to compare — two evaluators without a common call, no benchmark given to
	// AlignmentByCall, or no call (unit) left with two values.
	ErrNoOverlap = errors.New("nothing scored by two evaluators")
	// ErrUnequalRaters: Fleiss' kappa needs the same number of evaluations for every call (or subject).
	ErrUnequalRaters = errors.New("calls have different numbers of evaluations")
	// ErrUndefined: the statistic is 0/0, for example when every rating falls in one category so that chance
	// agreement is 1 (kappa) or expected disagreement is 0 (alpha).
	ErrUndefined = errors.New("statistic is undefined")

	// ErrInvalidTable: a count table or reliability matrix that is ragged, empty, or has negative counts.
	ErrInvalidTable = errors.New("invalid table")
	// ErrInvalidConfig: places, rounding, metric or tolerance outside what is allowed.
	ErrInvalidConfig = errors.New("invalid setting")
	// ErrDecimalLimit: a decimal of absurd size (more than 30 digits, 18 places, or an exponent above 18). It is
	// the sentinel the module's shared decimal checks use, so errors.Is matches it however deep it is wrapped.
	ErrDecimalLimit = dec.ErrLimit
)

// ResultError describes one problem with one of the results given to New; errors.As finds it in New's error.
// The zero ResultError wraps no sentinel; a nil *ResultError says so in Error and wraps nothing.
type ResultError struct {
	Index       int    // position of the result in the slice given to New
	CallID      string // the result's call ID, possibly empty
	EvaluatorID string // the result's evaluator ID, possibly empty
	Rule        string // what is wrong and what is allowed
	Err         error  // the sentinel: ErrInvalidResult, ErrMissingID, ErrMixedRubrics or ErrDuplicate
}

func (e *ResultError) Error() string {
	if e == nil {
		return "calibration: <nil ResultError>"
	}
	return fmt.Sprintf("calibration: result %d (call %s, evaluator %s): %s", e.Index, quote(e.CallID), quote(e.EvaluatorID), e.Rule)
}

// Unwrap returns the sentinel; nil for a nil *ResultError.
func (e *ResultError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// quote shortens and quotes a caller's string for an error message.
func quote(s string) string { return problems.Quote(s) }

// errorList gathers the problems of one input; err joins them.
type errorList struct{ problems.List }

func (l *errorList) add(err error) { l.Add(err) }
func (l *errorList) err() error    { return l.Err("calibration") }
