package rating

import (
	"errors"
	"fmt"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
)

// Sentinel errors. Every error returned by this package wraps one of them, so callers can test the kind of problem
// with errors.Is; the message says which field, which value and what is allowed.
var (
	// ErrInvalidWeight: a weight is negative, too large, or all weights are zero.
	ErrInvalidWeight = errors.New("invalid weight")
	// ErrUnknownComponent: a component name is not one of the weighted components.
	ErrUnknownComponent = errors.New("unknown component")
	// ErrDuplicate: a name or ID that must be unique appears twice.
	ErrDuplicate = errors.New("duplicate")
	// ErrOutOfRange: a value lies outside its scale (0–5 for scores and indexes, 1–5 for platform ratings), or a
	// count is negative.
	ErrOutOfRange = errors.New("value out of range")
	// ErrEmpty: there is nothing to aggregate.
	ErrEmpty = errors.New("empty input")
	// ErrMissingComponent: a weighted component is missing and the missing-component policy does not allow it.
	ErrMissingComponent = errors.New("missing component")
	// ErrInvalidSetting: a setting is outside what is allowed.
	ErrInvalidSetting = errors.New("invalid setting")
	// ErrInvalidInput: an input record is inconsistent (an empty ID, a call of another employee, more clients
	// surveyed than there are clients, ...).
	ErrInvalidInput = errors.New("invalid input")
	// ErrInvalidQuarter: a quarter is not Q1–Q4 of a year 1–9999, or its text form is malformed.
	ErrInvalidQuarter = errors.New("invalid quarter")
	// ErrDecode: encoded accumulator data is malformed, truncated, of an unknown version or inconsistent.
	ErrDecode = errors.New("malformed encoding")
	// ErrOverflow: an accumulator would exceed its capacity (see Accumulator).
	ErrOverflow = errors.New("accumulator overflow")
	// ErrLimit: a decimal has more digits or a larger exponent than the module supports. It is the same error
	// value as the one of the module's internal decimal helpers, so errors.Is works across packages.
	ErrLimit = dec.ErrLimit
	// ErrInvalidPrecision: places outside 0–MaxPlaces or an unknown rounding rule.
	ErrInvalidPrecision = errors.New("invalid precision")
	// ErrScan: a database value of a type or form that does not hold the value exactly (a float64 for a decimal,
	// NULL, a number for a Rating); the message says what to store or scan instead.
	ErrScan = errors.New("cannot scan database value")
	// ErrNotEncodable: the value has no stored form of its own (an input or a rater); the message says what to
	// store instead.
	ErrNotEncodable = errors.New("value has no stored form")
)

// componentError is the error of a weighted aggregation about one named component. It unwraps to the sentinel
// that says what is wrong (ErrOutOfRange, ErrUnknownComponent, ErrDuplicate, ErrMissingComponent, ErrLimit).
type componentError struct {
	// Component is the name of the component.
	Component string
	// Err says what is wrong; its message does not repeat the component name.
	Err error
}

// Error reads `rating: component "calls": value 6 is outside the scale 0–5`; a nil *componentError reads
// "rating: nil component error".
func (e *componentError) Error() string {
	if e == nil {
		return "rating: nil component error"
	}
	return fmt.Sprintf("rating: component %q: %v", e.Component, e.Err)
}

// Unwrap returns Err; nil for a nil *componentError.
func (e *componentError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// errNil is the error of a method that changes its receiver, called on a nil pointer.
func errNil(typ string) error {
	return errorf("method called on a nil *%s: %w", typ, ErrInvalidInput)
}

// errorf returns an error whose message starts with "rating: " and that wraps the errors given with %w.
func errorf(format string, args ...any) error {
	return fmt.Errorf("rating: "+format, args...)
}

// contextError puts a context ("employee "e1"") in front of an error of this package without repeating the
// "rating: " prefix, and unwraps to it, so errors.Is and errors.As still see the cause.
type contextError struct {
	ctx string
	err error
}

func (e *contextError) Error() string {
	return "rating: " + e.ctx + ": " + strings.TrimPrefix(e.err.Error(), "rating: ")
}

func (e *contextError) Unwrap() error { return e.err }

// within returns err with the context ctx.
func within(ctx string, err error) error { return &contextError{ctx: ctx, err: err} }
