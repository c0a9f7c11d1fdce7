package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// apiError is a refused request: the HTTP status, the request field concerned, the rule it breaks (a stable
// kebab-case code for programs) and a message for people. More holds every problem when there are several.
type apiError struct {
	Status  int        `json:"-"`
	Field   string     `json:"field"`
	Rule    string     `json:"rule"`
	Message string     `json:"message"`
	More    []apiError `json:"-"`
}

// errorBody is the JSON of an error response.
type errorBody struct {
	Error  apiError   `json:"error"`
	Errors []apiError `json:"errors,omitempty"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := errorBody{Error: *e}
	if len(e.More) > 1 {
		body.Errors = e.More
	}
	writeJSON(w, e.Status, body)
}

func badRequest(field, rule, message string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Field: field, Rule: rule, Message: message}
}

// kinds maps the module's three kinds of bad input to HTTP statuses.
var kinds = []struct {
	err    error
	status int
}{
	{sq.ErrMalformed, http.StatusBadRequest},
	{sq.ErrLimit, http.StatusRequestEntityTooLarge},
	{sq.ErrInvalid, http.StatusUnprocessableEntity},
}

// statusOf returns the HTTP status of a library error by its kind: 400 malformed, 413 over a limit, 422 invalid,
// and 500 for anything else (a fault here or in the library, not in the request).
func statusOf(err error) int {
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return k.status
		}
	}
	if legacyRule(err) != "" {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// ruleOf returns the rule code of a library error: the package's sentinel in kebab case ("unknown criterion" →
// "unknown-criterion"), else its kind's ("invalid-input").
func ruleOf(err error) string {
	if r := legacyRule(err); r != "" {
		return r
	}
	var se *sq.Error
	if errors.As(err, &se) && se.Err != nil {
		return strings.ReplaceAll(se.Err.Error(), " ", "-")
	}
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return strings.ReplaceAll(k.err.Error(), " ", "-")
		}
	}
	return "internal"
}

// legacyRules names the sentinels of the library packages that do not yet wrap sq's kinds, as rule codes (400).
// Each row goes once its package's errors are *sq.Error wrapping a sentinel made by sq.Sentinel: the rule code is
// then the sentinel's text in kebab case and the status that of its kind.
var legacyRules = []struct {
	err  error
	rule string
}{
	{rubric.ErrRubricMismatch, "rubric-mismatch"},
	{rubric.ErrUnknownCriterion, "unknown-criterion"},
	{rubric.ErrDuplicateAnswer, "duplicate-answer"},
	{rubric.ErrMissingAnswer, "missing-answer"},
	{rubric.ErrInvalidScore, "invalid-score"},
	{rubric.ErrUnknownLevel, "unknown-level"},
	{rubric.ErrNotApplicable, "na-not-allowed"},
	{rubric.ErrUnknownViolation, "unknown-violation"},
	{rubric.ErrNothingToScore, "nothing-to-score"},
	{rubric.ErrInvalidDefinition, "invalid-definition"},
	{rubric.ErrUnknownTemplate, "unknown-rubric"},
	{survey.ErrInvalidCount, "invalid-count"},
	{survey.ErrInvalidAnswer, "invalid-answer"},
}

func legacyRule(err error) string {
	for _, r := range legacyRules {
		if errors.Is(err, r.err) {
			return r.rule
		}
	}
	return ""
}

// libraryError turns an error of a library package about the named request field into the response error,
// with the status of its kind (statusOf) and one problem per joined error (rubric reports every problem of an
// evaluation at once).
func libraryError(field string, err error) *apiError {
	var parts []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	} else {
		parts = []error{err}
	}
	out := &apiError{Status: statusOf(parts[0])}
	for _, p := range parts {
		e := apiError{Field: field, Rule: ruleOf(p), Message: p.Error()}
		var se *sq.Error
		if errors.As(p, &se) && se.Path != "" {
			e.Field = field + "." + se.Path
		}
		out.More = append(out.More, e)
	}
	first := out.More[0]
	out.Field, out.Rule, out.Message = first.Field, first.Rule, first.Message
	return out
}

// quoteJSON quotes s as a JSON string, shortened.
func quoteJSON(s string) string {
	b, _ := json.Marshal(truncate(s, 64))
	return string(b)
}
