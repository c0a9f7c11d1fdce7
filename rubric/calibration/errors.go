package calibration

import (
	"errors"
	"github.com/servicequality/servicequality/sq"

	"github.com/servicequality/servicequality/internal/problems"
)

// Sentinels of this package, made with sq.Sentinel: errors.Is matches each of them and its kind, sq.ErrInvalid.
// Every error for bad input is an *sq.Error (or several joined) naming the result, call, evaluator, criterion or
// table cell in Path (lists counted from 1), the value and what is allowed; decimals beyond the module's limits
// wrap sq.ErrLimit.
var (
	// ErrEmpty: no results were given, or a method was called on the zero Session.
	ErrEmpty = sq.Sentinel("no evaluations", sq.ErrInvalid)
	// ErrInvalidResult: a zero rubric.Result, which belongs to no rubric.
	ErrInvalidResult = sq.Sentinel("invalid result", sq.ErrInvalid)
	// ErrMissingID: a result without a call ID or an evaluator ID.
	ErrMissingID = sq.Sentinel("missing call or evaluator ID", sq.ErrInvalid)
	// ErrMixedRubrics: results scored on different rubrics (another ID or version, or the same ID and version with
	// a different definition).
	ErrMixedRubrics = sq.Sentinel("evaluations of different rubrics", sq.ErrInvalid)
	// ErrDuplicate: one evaluator scored one call more than once.
	ErrDuplicate = sq.Sentinel("call scored twice by one evaluator", sq.ErrInvalid)
	// ErrSingleEvaluation: a call scored by only one evaluator, so there is nothing to compare it with.
	ErrSingleEvaluation = sq.Sentinel("call scored by only one evaluator", sq.ErrInvalid)

	// ErrUnknownEvaluator: an evaluator ID that has no result in the session.
	ErrUnknownEvaluator = sq.Sentinel("unknown evaluator", sq.ErrInvalid)
	// ErrUnknownCall: a call ID that has no result in the session, or a benchmark who did not score the call.
	ErrUnknownCall = sq.Sentinel("unknown call", sq.ErrInvalid)
	// ErrUnknownCriterion: a criterion ID the session's rubric does not have.
	ErrUnknownCriterion = sq.Sentinel("unknown criterion", sq.ErrInvalid)
	// ErrNoOverlap: nothing to compare — two evaluators without a common call, no benchmark given to
	// AlignmentByCall, or no call (unit) left with two values.
	ErrNoOverlap = sq.Sentinel("nothing scored by two evaluators", sq.ErrInvalid)
	// ErrUnequalRaters: Fleiss' kappa needs the same number of evaluations for every call (or subject).
	ErrUnequalRaters = sq.Sentinel("calls have different numbers of evaluations", sq.ErrInvalid)
	// ErrUndefined: the statistic is 0/0, for example when every rating falls in one category so that chance
	// agreement is 1 (kappa) or expected disagreement is 0 (alpha).
	ErrUndefined = sq.Sentinel("statistic is undefined", sq.ErrInvalid)

	// ErrInvalidTable: a count table or reliability matrix that is ragged, empty, or has negative counts.
	ErrInvalidTable = sq.Sentinel("invalid table", sq.ErrInvalid)
	// ErrInvalidConfig: precision, metric or tolerance outside what is allowed.
	ErrInvalidConfig = sq.Sentinel("invalid setting", sq.ErrInvalid)
)

// fail returns the *sq.Error of this package.
func fail(path, value, rule string, err error) error {
	return &sq.Error{Pkg: "calibration", Path: path, Value: value, Rule: rule, Err: err}
}

// within places err under path: an *sq.Error is copied with this package and path put before its own; any other
// error is wrapped.
func within(path string, err error) error {
	var se *sq.Error
	if !errors.As(err, &se) {
		return fail(path, "", "", err)
	}
	c := *se
	c.Pkg = "calibration"
	switch {
	case c.Path == "":
		c.Path = path
	case path != "":
		c.Path = path + "." + c.Path
	}
	return &c
}

// quote shortens and quotes a caller's string for an error message.
func quote(s string) string { return sq.Quote(s) }

// errorList gathers the problems of one input; err joins them.
type errorList struct{ problems.List }

func (l *errorList) add(err error) { l.Add(err) }
func (l *errorList) err() error    { return l.Err("calibration") }
