package rubric

import (
	"errors"
	"fmt"

	"github.com/servicequality/servicequality/internal/problems"
)

// Sentinels wrapped by the errors of this package; test them with errors.Is. Every error also says which field or
// criterion, which value, and what is allowed.
var (
	// ErrInvalidDefinition: a rubric definition breaks a rule (bad step, duplicate ID, unknown reference, ...).
	ErrInvalidDefinition = errors.New("invalid rubric definition")
	// ErrSyntax: JSON that is malformed, has unknown or repeated fields, or is too large.
	ErrSyntax = errors.New("malformed JSON")
	// ErrDecimalLimit: a decimal with absurd size (too many digits, places or too large an exponent).
	ErrDecimalLimit = errors.New("decimal outside the supported size")

	// ErrRubricMismatch: the evaluation names another rubric or version.
	ErrRubricMismatch = errors.New("evaluation is for another rubric")
	// ErrUnknownCriterion: an answer names a criterion the rubric does not have.
	ErrUnknownCriterion = errors.New("unknown criterion")
	// ErrDuplicateAnswer: two answers for one criterion.
	ErrDuplicateAnswer = errors.New("criterion answered twice")
	// ErrMissingAnswer: a criterion has no answer.
	ErrMissingAnswer = errors.New("criterion not answered")
	// ErrInvalidScore: points outside the criterion's range, off its step, or given where a level is required.
	ErrInvalidScore = errors.New("invalid score")
	// ErrUnknownLevel: a level the criterion does not have, or a level given where points are required.
	ErrUnknownLevel = errors.New("unknown level")
	// ErrNotApplicable: N/A given for a criterion whose policy does not allow it.
	ErrNotApplicable = errors.New("N/A not allowed")
	// ErrInapplicable: points or a level given for a conditional criterion whose condition does not hold.
	ErrInapplicable = errors.New("criterion does not apply")
	// ErrUnknownViolation: a violation the rubric does not list, or listed twice.
	ErrUnknownViolation = errors.New("unknown violation")
	// ErrUnknownTemplate: no built-in template has the ID.
	ErrUnknownTemplate = errors.New("unknown template")
	// ErrNothingToScore: every criterion was excluded as N/A and no override decides the total.
	ErrNothingToScore = errors.New("nothing to score")
	// ErrInvalidTime: an evaluation time JSON cannot hold exactly (a year outside 0–9999, an offset from UTC that
	// is not a whole number of minutes or is a day or more).
	ErrInvalidTime = errors.New("invalid evaluation time")
	// ErrInvalidText: an identifier or comment of an evaluation that is not valid UTF-8, which JSON cannot hold,
	// or a comment longer than 2000 bytes.
	ErrInvalidText = errors.New("invalid text")
	// ErrInvalidAttribute: an evaluation's attributes beyond their limits (see Evaluation.Attributes).
	ErrInvalidAttribute = errors.New("invalid attribute")

	// ErrInvalidRescale: Result.Rescaled asked for a scale or places it cannot give.
	ErrInvalidRescale = errors.New("invalid rescaling")

	// ErrNoRubric: a Result or rubric that belongs to no built rubric where one is needed (the zero Result, a nil
	// or zero *Rubric, a stored result read without its rubric).
	ErrNoRubric = errors.New("no rubric")
	// ErrResultMismatch: a stored result whose numbers are not what its rubric gives for its answers.
	ErrResultMismatch = errors.New("stored result does not match its rubric")
	// ErrDatabaseValue: a database value Scan cannot read (NULL, or neither text nor bytes).
	ErrDatabaseValue = errors.New("unsupported database value")
)

// DefinitionError describes one broken rule of a rubric definition. Field is a path into the definition such as
// `criteria[3].scale.step` or `criteria["greeting"].scale.step`.
type DefinitionError struct {
	Field string // where: a path into the definition
	Value string // the offending value as written, possibly shortened; may be empty
	Rule  string // what is allowed
	Err   error  // the sentinel: ErrInvalidDefinition or ErrDecimalLimit
}

func (e *DefinitionError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("rubric: %s: %s", e.Field, e.Rule)
	}
	return fmt.Sprintf("rubric: %s: %s %s", e.Field, e.Value, e.Rule)
}

func (e *DefinitionError) Unwrap() error { return e.Err }

// EvaluationError describes one problem of an evaluation. Criterion (or Violation) says where, Value what was given,
// Rule what is allowed.
type EvaluationError struct {
	Criterion string // the criterion concerned, if any
	Violation string // the violation concerned, if any
	Index     int    // position of the answer in Evaluation.Answers, or -1
	Value     string // what was given, possibly shortened
	Rule      string // what is allowed
	Err       error  // the sentinel
}

func (e *EvaluationError) Error() string {
	where := "evaluation"
	switch {
	case e.Criterion != "":
		where = fmt.Sprintf("criterion %q", e.Criterion)
	case e.Violation != "":
		where = fmt.Sprintf("violation %q", e.Violation)
	case e.Index >= 0:
		where = fmt.Sprintf("answer %d", e.Index)
	}
	if e.Value == "" {
		return fmt.Sprintf("rubric: %s: %s", where, e.Rule)
	}
	return fmt.Sprintf("rubric: %s: %s %s", where, e.Value, e.Rule)
}

func (e *EvaluationError) Unwrap() error { return e.Err }

// quote shortens and quotes a caller's string for an error message.
func quote(s string) string { return problems.Quote(s) }

// errorList gathers the problems of one input; err joins them.
type errorList struct{ problems.List }

func (l *errorList) add(err error) { l.Add(err) }
func (l *errorList) err() error    { return l.Err("rubric") }
