package sq

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/internal/kinds"
)

// The three kinds of bad input. Every error this module returns for bad input matches one of them with errors.Is,
// whichever package reported it (a document too large to read matches ErrLimit and ErrMalformed).
var (
	// ErrMalformed is input that cannot be read: text that is not JSON, a key written in the wrong case, an
	// unknown or repeated key, a value of the wrong type, text that is not a number or a date.
	ErrMalformed = kinds.Malformed
	// ErrLimit is input over a documented limit: too long, too many items, too many digits, too many places.
	ErrLimit = kinds.Limit
	// ErrInvalid is well-formed input that breaks a rule: a weight below zero, an unknown criterion, a date
	// before the receipt.
	ErrInvalid = kinds.Invalid
)

// Sentinel returns a new sentinel error with the given text that errors.Is also matches against kind, one of
// ErrMalformed, ErrLimit and ErrInvalid. Domain packages make their sentinels with it:
//
//	var ErrUnknownCriterion = sq.Sentinel("unknown criterion", sq.ErrInvalid)
func Sentinel(text string, kind error) error { return &sentinel{text: text, kind: kind} }

type sentinel struct {
	text string
	kind error
}

func (s *sentinel) Error() string { return s.text }
func (s *sentinel) Unwrap() error { return s.kind }

// Error is the one shape of the module's errors about bad input: which package, which field, which value and what
// is allowed, wrapping a sentinel. Its message reads
//
//	rubric: answers[8].criterion "greting": one of the rubric's criteria: unknown criterion
//
// with the parts that are empty left out. Indexes in Path count from 1 (see Index). The zero Error has no parts;
// its message is "invalid input".
type Error struct {
	Pkg   string // the package that reports the error: "rubric"
	Path  string // the field: "answers[8].criterion"; list indexes count from 1
	Value string // the offending value as text, strings quoted (see Quote); may be empty
	Rule  string // what is allowed: "at most 10", "one of the rubric's criteria"; may be empty
	Err   error  // the sentinel: a package's own (made by Sentinel) or ErrMalformed, ErrLimit, ErrInvalid
}

// Error returns "pkg: path value: rule: err", leaving out the parts that are empty.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Pkg != "" {
		b.WriteString(e.Pkg)
		b.WriteString(": ")
	}
	subject := e.Path
	if e.Value != "" {
		if subject != "" {
			subject += " "
		}
		subject += e.Value
	}
	if subject != "" {
		b.WriteString(subject)
		b.WriteString(": ")
	}
	if e.Rule != "" {
		b.WriteString(e.Rule)
		b.WriteString(": ")
	}
	switch {
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	case e.Rule == "":
		b.WriteString(ErrInvalid.Error())
	}
	return strings.TrimSuffix(b.String(), ": ")
}

// Unwrap returns Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Index returns name followed by the position of item i (counted from 0 in code) counted from 1, as messages
// count: Index("answers", 7) is "answers[8]".
func Index(name string, i int) string { return name + "[" + strconv.Itoa(i+1) + "]" }

// maxQuote is the number of bytes of a caller's string Quote keeps.
const maxQuote = 64

// Quote quotes a caller's string for an error message, cut to 64 bytes (at a character boundary) and marked
// with "..." when longer.
func Quote(s string) string {
	if len(s) <= maxQuote {
		return strconv.Quote(s)
	}
	i := maxQuote
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return strconv.Quote(s[:i]) + "..."
}

// errorf returns an *Error of this package.
func errorf(kind error, path, value, format string, args ...any) error {
	return &Error{Pkg: "sq", Path: path, Value: value, Rule: fmt.Sprintf(format, args...), Err: kind}
}

// typeName names the dynamic type of v for a message.
func typeName(v any) string { return fmt.Sprintf("%T", v) }
