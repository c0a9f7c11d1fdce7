// Package strictjson decodes JSON the strict way the packages of this module promise: one value, valid UTF-8, keys
// matched to fields byte for byte (encoding/json alone matches them ignoring case, so "VIOLATIONS" or "violationſ"
// would fill the field "violations"), no unknown fields, no repeated keys (encoding/json would silently keep the
// last), no null (encoding/json would silently leave the zero value: a null score is not a score of 0), bounded
// nesting, and a size limit checked before anything is read.
//
// Decode checks a document against the exact field names of the Go type it decodes into; Check does the same
// against an explicit Schema for callers that read a document by hand. Every error unwraps to ErrSyntax and to one
// of the more specific sentinels below. All functions are safe for concurrent use.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/servicequality/servicequality/internal/kinds"
)

// ErrSyntax is wrapped by every error of this package; those about size (ErrTooLarge, ErrTooDeep) wrap ErrLimit
// too. They are the module's sq.ErrMalformed and sq.ErrLimit.
var (
	ErrSyntax = kinds.Malformed
	ErrLimit  = kinds.Limit
)

// Sentinels for the kinds of strictness violation; each error of Decode and Check wraps ErrSyntax and at most one
// of these.
var (
	ErrTooLarge     = fmt.Errorf("JSON too large: %w", ErrLimit)         // more than the caller's byte limit
	ErrTooDeep      = fmt.Errorf("JSON nested too deeply: %w", ErrLimit) // more than MaxDepth levels
	ErrUTF8         = errors.New("JSON text is not valid UTF-8")         // invalid bytes or an escaped lone surrogate
	ErrNull         = errors.New("null in JSON")                         // null where a value is required
	ErrDuplicateKey = errors.New("key repeated in a JSON object")        // the same key twice in one object
	ErrUnknownField = errors.New("unknown JSON field")                   // a key no field has, exactly (case counts)
	ErrTrailing     = errors.New("data after the JSON value")            // more than one value, or garbage after it
)

// Error is the error of Decode and Check. Its message says what is wrong without naming the sentinel, so callers
// can prefix their own; it unwraps to ErrSyntax, to the kind sentinel (ErrUnknownField, ...) and to the decoder's
// error, if any.
type Error struct {
	Msg  string
	Path string // where in the document: a path such as answers[2].points (indexes from 1), empty for the whole document
	Kind error  // one of the kind sentinels above, or nil for plain syntax and type errors
	Err  error  // the underlying decoder or value error, or nil
}

func (e *Error) Error() string { return e.Msg }

func (e *Error) Unwrap() []error {
	out := []error{ErrSyntax}
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

func fail(kind error, format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...), Kind: kind}
}

// MaxDepth is the deepest nesting of objects and arrays Decode and Check accept.
const MaxDepth = 64

// Decode decodes data into v, which must be a non-nil pointer. It fails when data is longer than maxBytes, is not
// exactly one JSON value, is not valid UTF-8 (or escapes a lone surrogate, which encoding/json would turn into
// U+FFFD), nests deeper than MaxDepth, repeats a key within an object, holds a null anywhere but in a field tagged
// `strictjson:"null"` (leave the field out instead), or has a key that is not exactly the JSON name of a field of the struct it fills. Maps take any keys;
// values of types with their own UnmarshalJSON or UnmarshalText are checked for all of the above except field
// names, which are their own business. Errors wrap ErrSyntax (and the decoder's own error, for errors.As on
// *json.SyntaxError or *json.UnmarshalTypeError).
func Decode(data []byte, maxBytes int, v any) error {
	if err := Check(data, maxBytes, SchemaOf(v)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return wrap(err)
	}
	return nil
}

// DecodeValue decodes one JSON value into v as Decode does, without a size limit; for UnmarshalJSON methods,
// whose input encoding/json has already bounded.
func DecodeValue(data []byte, v any) error { return Decode(data, len(data), v) }

// wrap explains a decoder error in terms of JSON, not of Go types.
func wrap(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &Error{Msg: fmt.Sprintf("field %q: JSON %s where %s is expected", te.Field, te.Value, kind(te.Type)), Path: te.Field, Err: err}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Msg: fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset), Err: err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &Error{Msg: "JSON ends too early", Err: err}
	}
	return &Error{Msg: strings.TrimPrefix(err.Error(), "json: "), Err: err}
}

func kind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return kind(t.Elem())
	default:
		return "a number"
	}
}

func truncate(s string) string {
	if len(s) > 64 {
		return strings.ToValidUTF8(s[:64], "") + "..."
	}
	return s
}
