package survey

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every error returned by this package wraps one of them, so callers can sort failures with
// errors.Is; errors about a decimal outside the supported size also wrap the module's decimal-limit error.
var (
	// ErrEmpty is wrapped when a metric is asked of a sample with no answers (or coverage of no clients).
	ErrEmpty = errors.New("empty sample")
	// ErrInvalidAnswer is wrapped when an answer lies outside its scale (a CSI of 6, a classic NPS of 11).
	ErrInvalidAnswer = errors.New("answer outside the scale")
	// ErrInvalidCount is wrapped when a count is negative, a part exceeds its whole (yes > total), or a total
	// exceeds MaxCount.
	ErrInvalidCount = errors.New("invalid count")
	// ErrInvalidPrecision is wrapped when places lie outside 0…MaxPlaces or the rounding rule is unknown.
	ErrInvalidPrecision = errors.New("invalid precision")
	// ErrInvalidLevel is wrapped when a confidence level is not strictly between 0 and 1.
	ErrInvalidLevel = errors.New("invalid confidence level")
	// ErrInvalidSetting is wrapped when a setting (ClassicCuts, CoveragePolicy, Grouping) is invalid.
	ErrInvalidSetting = errors.New("invalid setting")
	// ErrInvalidPeriod is wrapped when a period does not end after it starts, or a calendar period is malformed.
	ErrInvalidPeriod = errors.New("invalid period")
	// ErrInvalidResponse is wrapped when a Response has no answer kind, or no time where periods need one.
	ErrInvalidResponse = errors.New("invalid response")
	// ErrInvalidTarget is wrapped when a Target or a value assessed against it is invalid.
	ErrInvalidTarget = errors.New("invalid target")
	// ErrUndefined is wrapped when a statistic is undefined for the data, such as a z statistic when both samples
	// have zero variance.
	ErrUndefined = errors.New("statistic undefined")
	// ErrSyntax is wrapped when JSON input is malformed or has missing, unknown or repeated fields.
	ErrSyntax = errors.New("malformed JSON")
	// ErrDecode is wrapped when binary data is truncated, of an unknown version, has bytes after the data or holds
	// inconsistent counts.
	ErrDecode = errors.New("malformed binary data")
	// ErrScan is wrapped when a database value is NULL or of a type that does not hold the value exactly (a
	// float64, a number where bytes are stored); the message says what to store instead.
	ErrScan = errors.New("cannot scan database value")
)

// failure is the package's plain error: a message starting with "survey: " that wraps one sentinel and possibly a
// cause.
type failure struct {
	msg  string
	errs []error
}

func (e *failure) Error() string   { return e.msg }
func (e *failure) Unwrap() []error { return e.errs }

// fail returns an error with message "survey: " + format, wrapping sentinel.
func fail(sentinel error, format string, args ...any) error {
	return &failure{msg: "survey: " + fmt.Sprintf(format, args...), errs: []error{sentinel}}
}

// failCause is fail with a cause whose text ends the message and which is wrapped too.
func failCause(sentinel, cause error, format string, args ...any) error {
	msg := "survey: " + fmt.Sprintf(format, args...) + ": " + strings.TrimPrefix(cause.Error(), "survey: ")
	return &failure{msg: msg, errs: []error{sentinel, cause}}
}

// AnswerError reports an answer outside its scale. It wraps ErrInvalidAnswer.
type AnswerError struct {
	Metric   string // "CSI", "CSAT", "CES", "classic NPS", ...
	Index    int    // position of the answer in its slice; -1 when the answer came alone (inside a Response)
	Value    int    // the answer given
	Min, Max int    // the scale
}

func (e *AnswerError) Error() string {
	if e == nil {
		return "survey: nil answer error"
	}
	at := ""
	if e.Index >= 0 {
		at = fmt.Sprintf(" at index %d", e.Index)
	}
	return fmt.Sprintf("survey: %s answer %d%s is outside the scale %d–%d", e.Metric, e.Value, at, e.Min, e.Max)
}

// Unwrap returns ErrInvalidAnswer.
func (e *AnswerError) Unwrap() error { return ErrInvalidAnswer }

// ResponseError reports a bad Response in a stream: which one, whose, and what is wrong with it. Err wraps a
// sentinel (ErrInvalidAnswer, ErrInvalidResponse) and, for off-scale answers, an *AnswerError.
type ResponseError struct {
	Index  int    // position in the slice of responses
	Client string // the response's Client, for the message
	Err    error
}

// Error reads `survey: response 3 (client "c1"): …`; a ResponseError without Err (the zero value) says so
// instead of panicking.
func (e *ResponseError) Error() string {
	if e == nil {
		return "survey: nil response error"
	}
	cause := "no cause given"
	if e.Err != nil {
		cause = strings.TrimPrefix(e.Err.Error(), "survey: ")
	}
	return fmt.Sprintf("survey: response %d (client %q): %s", e.Index, e.Client, cause)
}

// Unwrap returns the underlying error; nil for a nil *ResponseError.
func (e *ResponseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// answerError reports answer a at index i of metric's answers outside lo…hi.
func answerError(metric string, i, a, lo, hi int) error {
	return &AnswerError{Metric: metric, Index: i, Value: a, Min: lo, Max: hi}
}
