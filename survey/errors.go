package survey

import (
	"fmt"

	"github.com/servicequality/servicequality/sq"
)

// The sentinels of this package. Every error it returns for bad input is a *sq.Error wrapping one of them or one
// of sq.ErrMalformed (JSON, binary or database values that cannot be read) and sq.ErrLimit (counts above MaxCount,
// decimals beyond the module's limits); errors.Is matches each sentinel below also to sq.ErrInvalid.
var (
	// ErrEmpty is wrapped when a metric is asked of a sample with no answers (or coverage of no clients).
	ErrEmpty = sq.Sentinel("empty sample", sq.ErrInvalid)
	// ErrInvalidAnswer is wrapped when an answer lies outside its scale (a CSI of 6, a classic NPS of 11), has no
	// kind, or lacks a time where periods need one, and for an outcome of RetentionFromOutcomes that is not usable.
	ErrInvalidAnswer = sq.Sentinel("invalid answer", sq.ErrInvalid)
	// ErrInvalidCount is wrapped when a count is negative or a part exceeds its whole (yes > total).
	ErrInvalidCount = sq.Sentinel("invalid count", sq.ErrInvalid)
	// ErrInvalidSetting is wrapped when a setting is invalid: ClassicCuts, a Grouping, a coverage minimum, a
	// confidence level, a Target.
	ErrInvalidSetting = sq.Sentinel("invalid setting", sq.ErrInvalid)
	// ErrUndefined is wrapped when a statistic is undefined for the data, such as a z statistic when both samples
	// have zero variance.
	ErrUndefined = sq.Sentinel("statistic undefined", sq.ErrInvalid)
)

// problem returns the package's error: path names the field ("answers[3]"), value the offending value as text,
// rule what is allowed, and sentinel the kind of error.
func problem(sentinel error, path, value, rule string) error {
	return &sq.Error{Pkg: "survey", Path: path, Value: value, Rule: rule, Err: sentinel}
}

// fail returns an error without a field path, its rule made by format: the package's plain error.
func fail(sentinel error, format string, args ...any) error {
	return problem(sentinel, "", "", fmt.Sprintf(format, args...))
}

// at puts err under path (an *sq.Error gets path before its own Path; another error is wrapped).
func at(path string, err error) error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*sq.Error); ok {
		c := *e
		c.Pkg = "survey"
		c.Path = join(path, c.Path)
		return &c
	}
	return sq.At(err, "survey", path)
}

// join joins two parts of a field path: "responses[2]" and "answer.value" give "responses[2].answer.value".
func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || b[0] == '[':
		return a + b
	}
	return a + "." + b
}

// answerError reports answer a at index i (counted from 0) of metric's answers outside lo…hi.
func answerError(metric string, i, a, lo, hi int) error {
	return problem(ErrInvalidAnswer, sq.Index("answers", i), fmt.Sprint(a), fmt.Sprintf("%s answers are %d–%d", metric, lo, hi))
}
