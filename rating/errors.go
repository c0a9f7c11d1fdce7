package rating

import (
	"errors"
	"fmt"
	"strings"

	"github.com/servicequality/servicequality/sq"
)

// Sentinel errors. Every error this package returns for bad input is a *sq.Error whose Err matches one of them
// or one of sq's kinds with errors.Is: sq.ErrMalformed (JSON, binary or database values that cannot be read),
// sq.ErrLimit (over a documented limit) or sq.ErrInvalid (a rule broken); each sentinel below matches its kind
// too.
var (
	// ErrInvalidWeight: a weight is negative, too large, or all weights are zero (SPEC R9). Kind sq.ErrInvalid.
	ErrInvalidWeight = sq.Sentinel("invalid weight", sq.ErrInvalid)
	// ErrDuplicate: a name or ID that must be unique appears twice. Kind sq.ErrInvalid.
	ErrDuplicate = sq.Sentinel("duplicate", sq.ErrInvalid)
	// ErrOutOfRange: a value lies outside its scale (0–5 for scores and indexes, 1–5 for platform ratings), or a
	// count is negative. Kind sq.ErrInvalid.
	ErrOutOfRange = sq.Sentinel("value out of range", sq.ErrInvalid)
	// ErrEmpty: there is nothing to rate. Kind sq.ErrInvalid.
	ErrEmpty = sq.Sentinel("empty input", sq.ErrInvalid)
	// ErrMissingComponent: a weighted component is missing and the settings do not allow it. Kind sq.ErrInvalid.
	ErrMissingComponent = sq.Sentinel("missing component", sq.ErrInvalid)
	// ErrOverflow: an accumulator would exceed its capacity (see Accumulator). Kind sq.ErrLimit.
	ErrOverflow = sq.Sentinel("accumulator overflow", sq.ErrLimit)
)

// The kinds this package reports without a sentinel of its own.
var (
	errDecode           = sq.ErrMalformed // encoded data that cannot be read
	errScan             = sq.ErrMalformed // a database value of a type or form that does not hold the value
	errInvalidInput     = sq.ErrInvalid   // an inconsistent input record: an empty ID, a call of another employee
	errInvalidSetting   = sq.ErrInvalid   // a setting outside what is allowed
	errUnknownComponent = sq.Sentinel("unknown component", sq.ErrInvalid)
	errNotEncodable     = sq.Sentinel("value has no stored form", sq.ErrInvalid) // a rater: store its settings
)

// errNil is the error of a method that changes its receiver, called on a nil pointer.
func errNil(typ string) error {
	return errorf("method called on a nil *%s: %w", typ, errInvalidInput)
}

// errorf returns a *sq.Error of this package: the message of format and args, whose text before the errors
// wrapped with %w is the Rule and whose wrapped errors are the Err ("rating: " + the message, as before).
func errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	msg := err.Error()
	var wrapped []error
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		wrapped = u.Unwrap()
	case interface{ Unwrap() error }:
		wrapped = []error{u.Unwrap()}
	}
	if len(wrapped) == 0 {
		return &sq.Error{Pkg: "rating", Rule: msg, Err: sq.ErrInvalid}
	}
	at := strings.LastIndex(msg, ": "+wrapped[0].Error())
	if at < 0 {
		return &sq.Error{Pkg: "rating", Rule: msg, Err: &causes{text: "", errs: wrapped}}
	}
	rule, rest := msg[:at], msg[at+2:]
	if len(wrapped) == 1 && rest == wrapped[0].Error() {
		return &sq.Error{Pkg: "rating", Rule: rule, Err: wrapped[0]}
	}
	// A sentinel and the error below it ("%w: %w"): the detail joins the rule, the sentinel stays last.
	if detail, ok := strings.CutPrefix(rest, wrapped[0].Error()+": "); ok {
		rule += ": " + detail
	}
	return &sq.Error{Pkg: "rating", Rule: rule, Err: &causes{text: wrapped[0].Error(), errs: wrapped}}
}

// causes is the Err of an error that wraps more than one error (a sentinel and the error below it); it reads as
// the first.
type causes struct {
	text string
	errs []error
}

func (c *causes) Error() string   { return c.text }
func (c *causes) Unwrap() []error { return c.errs }

// within puts a context (`employee "e1"`) in front of an error of this package, as the start of its Path, so
// that errors.Is and errors.As still see the cause.
func within(ctx string, err error) error {
	var e *sq.Error
	if errors.As(err, &e) && e.Pkg == "rating" && err == error(e) {
		c := *e
		if c.Path == "" {
			c.Path = ctx
		} else {
			c.Path = ctx + "." + c.Path
		}
		return &c
	}
	return &sq.Error{Pkg: "rating", Path: ctx, Err: err}
}

// componentError is the error of a weighted aggregation about one named component.
func componentError(name string, err error) error {
	return within(fmt.Sprintf("component %q", name), err)
}
