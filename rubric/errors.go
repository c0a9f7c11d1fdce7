package rubric

import (
	"github.com/servicequality/servicequality/internal/problems"
	"github.com/servicequality/servicequality/sq"
)

// Sentinels of this package, made with sq.Sentinel: errors.Is matches each of them and its kind, sq.ErrInvalid.
// Every error for bad input is an *sq.Error (or several joined) naming the field path, the value and what is
// allowed; unreadable JSON wraps sq.ErrMalformed and everything over a documented limit (sizes, decimals, comments,
// attributes) sq.ErrLimit.
var (
	// ErrInvalidDefinition: a rubric definition breaks a rule (bad step, duplicate ID, unknown reference, ...).
	ErrInvalidDefinition = sq.Sentinel("invalid rubric definition", sq.ErrInvalid)

	// ErrRubricMismatch: the evaluation or result names another rubric or version.
	ErrRubricMismatch = sq.Sentinel("evaluation is for another rubric", sq.ErrInvalid)
	// ErrUnknownCriterion: an answer names a criterion the rubric does not have.
	ErrUnknownCriterion = sq.Sentinel("unknown criterion", sq.ErrInvalid)
	// ErrDuplicateAnswer: two answers for one criterion.
	ErrDuplicateAnswer = sq.Sentinel("criterion answered twice", sq.ErrInvalid)
	// ErrMissingAnswer: a criterion has no answer.
	ErrMissingAnswer = sq.Sentinel("criterion not answered", sq.ErrInvalid)
	// ErrInvalidScore: points outside the criterion's range, off its step, or given where a level is required; an
	// answer that gives none or several of points, a level and N/A.
	ErrInvalidScore = sq.Sentinel("invalid score", sq.ErrInvalid)
	// ErrUnknownLevel: a level the criterion does not have, or a level given where points are required.
	ErrUnknownLevel = sq.Sentinel("unknown level", sq.ErrInvalid)
	// ErrNotApplicable: N/A given for a criterion whose policy does not allow it.
	ErrNotApplicable = sq.Sentinel("N/A not allowed", sq.ErrInvalid)
	// ErrInapplicable: points or a level given for a conditional criterion whose condition does not hold.
	ErrInapplicable = sq.Sentinel("criterion does not apply", sq.ErrInvalid)
	// ErrUnknownViolation: a violation the rubric does not list, or listed twice.
	ErrUnknownViolation = sq.Sentinel("unknown violation", sq.ErrInvalid)
	// ErrUnknownTemplate: no built-in template has the ID.
	ErrUnknownTemplate = sq.Sentinel("unknown template", sq.ErrInvalid)
	// ErrNothingToScore: every criterion was excluded as N/A and no override decides the total.
	ErrNothingToScore = sq.Sentinel("nothing to score", sq.ErrInvalid)

	// ErrNoRubric: a Result or rubric that belongs to no built rubric where one is needed (the zero Result, a nil
	// or zero *Rubric, a stored result read without its rubric).
	ErrNoRubric = sq.Sentinel("no rubric", sq.ErrInvalid)
	// ErrResultMismatch: a stored result whose numbers are not what its rubric gives for its answers.
	ErrResultMismatch = sq.Sentinel("stored result does not match its rubric", sq.ErrInvalid)
)

// fail returns the *sq.Error of this package for the field path, the offending value (quoted when a string) and
// the rule.
func fail(path, value, rule string, err error) *sq.Error {
	return &sq.Error{Pkg: "rubric", Path: path, Value: value, Rule: rule, Err: err}
}

// quote shortens and quotes a caller's string for an error message.
func quote(s string) string { return sq.Quote(s) }

// errorList gathers the problems of one input; err joins them.
type errorList struct{ problems.List }

func (l *errorList) add(err error) { l.Add(err) }
func (l *errorList) err() error    { return l.Err("rubric") }
