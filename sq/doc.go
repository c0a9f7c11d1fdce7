// Package sq is the vocabulary the servicequality packages share: rounding and precision, exact values, civil
// dates, periods, quarters and months, the limits on decimal input, and one shape of error.
//
// Every domain package (rubric, rating, survey, complaints, ...) takes and returns these types as they are, the way
// the standard library uses time.Duration everywhere; none of them defines its own. Metrics are exact (Fraction)
// and are rounded once, at the edge, with a Precision.
//
// Errors for bad input are *Error values whose Err is a sentinel that errors.Is matches against one of
// ErrMalformed (cannot be read), ErrLimit (over a documented limit) and ErrInvalid (well formed, but breaks a rule),
// whatever package reported it. A document refused for its size before it was read matches both ErrLimit and
// ErrMalformed; test ErrLimit first.
//
// Every value of this package is immutable once built and safe for concurrent use. Nothing here reads or writes
// the package-level settings of github.com/shopspring/decimal.
package sq
