package main

import (
	"cmp"
	"errors"
	"net/http"
	"strings"
	"unicode"

	"github.com/servicequality/servicequality/sq"
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

// classify returns the HTTP status and rule code of a library error. The status is that of its kind: 413 over a
// limit, 400 malformed, 422 invalid, 500 anything else (a fault here or in the library, not in the request). A
// document refused for its size is malformed too, so the limit is tested first. The rule code is the sentinel of
// the *sq.Error in kebab case ("unknown criterion" → "unknown-criterion"), else that of the kind.
func classify(err error) (status int, rule string) {
	var kind error
	switch {
	case errors.Is(err, sq.ErrLimit):
		status, kind = http.StatusRequestEntityTooLarge, sq.ErrLimit
	case errors.Is(err, sq.ErrMalformed):
		status, kind = http.StatusBadRequest, sq.ErrMalformed
	case errors.Is(err, sq.ErrInvalid):
		status, kind = http.StatusUnprocessableEntity, sq.ErrInvalid
	default:
		return http.StatusInternalServerError, "internal"
	}
	var se *sq.Error
	if errors.As(err, &se) && se.Err != nil {
		if rule = kebab(se.Err.Error()); rule != "" {
			return status, rule
		}
	}
	return status, kebab(kind.Error())
}

// kebab writes s in lower case with each run of other characters than letters and digits as one hyphen.
func kebab(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, "-")
}

// libraryError turns an error of a library package into the response error, with the status of its kind
// (classify) and one problem per joined error (rubric reports every problem of an evaluation at once). prefix is
// the request path of what the library read ("" for the request itself): a problem's field is prefix joined with
// the error's Path, which names a place inside what was read ("answers[8].criterion" in "evaluation").
func libraryError(prefix string, err error) *apiError {
	return toAPIError(err, func(path string) string {
		switch {
		case path == "":
			return cmp.Or(prefix, "body")
		case prefix == "":
			return path
		}
		// A rule about several fields names each: "call_weight, survey_weight".
		return prefix + "." + strings.ReplaceAll(path, ", ", ", "+prefix+".")
	})
}

// valueError turns an error of a library package about one request field that is a single value (a quarter, a
// time) into the response error; the error's Path, if any, names that value and is not repeated.
func valueError(field string, err error) *apiError {
	return toAPIError(err, func(string) string { return field })
}

func toAPIError(err error, field func(path string) string) *apiError {
	parts := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok && allLibraryErrors(j.Unwrap()) {
		parts = j.Unwrap()
	}
	out := &apiError{}
	for _, p := range parts {
		status, rule := classify(p)
		if out.Status == 0 {
			out.Status = status
		}
		var path string
		if se := (*sq.Error)(nil); errors.As(p, &se) {
			path = se.Path
		}
		out.More = append(out.More, apiError{Field: field(path), Rule: rule, Message: p.Error()})
	}
	first := out.More[0]
	out.Field, out.Rule, out.Message = first.Field, first.Rule, first.Message
	return out
}

// rePath returns err, when it is an *sq.Error, with its Path rewritten by f, for a value the library read in
// another shape than the request's.
func rePath(err error, f func(string) string) error {
	se, ok := err.(*sq.Error)
	if !ok {
		return err
	}
	c := *se
	c.Path = f(c.Path)
	return &c
}

// allLibraryErrors reports whether every error of a join is a library's *sq.Error (rather than, say, a strictjson
// error that unwraps to its kinds).
func allLibraryErrors(errs []error) bool {
	for _, e := range errs {
		var se *sq.Error
		if !errors.As(e, &se) {
			return false
		}
	}
	return len(errs) > 0
}
