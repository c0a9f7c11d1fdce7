// Package strictjson decodes JSON the strict way the packages of this module promise: one value, no unknown fields,
// no duplicate object keys (encoding/json would silently keep the last), no null (encoding/json would silently
// leave the zero value: a null score is not a score of 0), and a size limit checked before decoding.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// ErrSyntax is wrapped by every error of Decode.
var ErrSyntax = errors.New("invalid JSON")

// Error is the error of Decode. Its message says what is wrong without naming the sentinel, so callers can prefix
// their own; it unwraps to ErrSyntax and to the decoder's error, if any.
type Error struct {
	Msg string
	Err error // the underlying decoder or value error, or nil
}

func (e *Error) Error() string { return e.Msg }

func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrSyntax}
	}
	return []error{ErrSyntax, e.Err}
}

func fail(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// wrap explains a decoder error in terms of JSON, not of Go types.
func wrap(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &Error{Msg: fmt.Sprintf("field %q: JSON %s where %s is expected", te.Field, te.Value, kind(te.Type)), Err: err}
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

// MaxDepth is the deepest nesting of objects and arrays Decode accepts.
const MaxDepth = 64

// Decode decodes data into v. Types with their own UnmarshalJSON that decode nested objects should use
// DecodeValue so that unknown fields are refused there too.
//
// Decode decodes data into v. It fails when data is longer than maxBytes, is not exactly one JSON value, nests
// deeper than MaxDepth, repeats a key within an object, holds a null anywhere (leave the field out instead), or has
// a field v does not know. Errors wrap ErrSyntax (and
// the decoder's own error, for errors.As on *json.SyntaxError or *json.UnmarshalTypeError).
func Decode(data []byte, maxBytes int, v any) error {
	if len(data) > maxBytes {
		return fail("%d bytes of JSON, at most %d allowed", len(data), maxBytes)
	}
	if err := checkKeys(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return wrap(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail("data after the JSON value")
	}
	return nil
}

// checkKeys scans data once and reports the first key repeated within an object, a null anywhere, and nesting
// beyond MaxDepth. It is a small lexer, not a validator: on anything that is not JSON it stops without an error and
// leaves the report to the decoder, which refuses the same input.
func checkKeys(data []byte) error {
	type frame struct {
		keys   map[string]struct{} // nil for an array
		object bool
	}
	var stack []frame
	expectKey := false // inside an object, at a position where a key comes next
	lastKey := ""
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r', ':':
			i++
		case ',':
			i++
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case '{', '[':
			if len(stack) >= MaxDepth {
				return fail("JSON nested deeper than %d levels", MaxDepth)
			}
			stack = append(stack, frame{object: c == '{'})
			expectKey = c == '{'
			i++
		case '}', ']':
			if len(stack) == 0 {
				return nil
			}
			stack = stack[:len(stack)-1]
			expectKey = false
			i++
		case '"':
			end, escaped := scanString(data, i)
			if end < 0 {
				return nil
			}
			if expectKey {
				key := string(data[i+1 : end-1])
				if escaped {
					if err := json.Unmarshal(data[i:end], &key); err != nil {
						return nil
					}
				}
				top := &stack[len(stack)-1]
				if top.keys == nil {
					top.keys = map[string]struct{}{}
				}
				if _, dup := top.keys[key]; dup {
					return fail("key %q appears twice in one object", truncate(key))
				}
				top.keys[key] = struct{}{}
				lastKey = key
				expectKey = false
			}
			i = end
		case 'n':
			if len(stack) > 0 && stack[len(stack)-1].object {
				return fail("field %q is null; leave it out instead", truncate(lastKey))
			}
			return fail("null is not allowed here")
		default:
			// A number or true/false: skip to the next delimiter.
			i++
			for i < len(data) && !isDelim(data[i]) {
				i++
			}
		}
	}
	return nil
}

// scanString returns the index just past the string starting at data[i] (a quote), whether it holds escapes, and
// -1 when it is not terminated.
func scanString(data []byte, i int) (end int, escaped bool) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ':', '{', '}', '[', ']', '"':
		return true
	}
	return false
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// DecodeValue decodes one JSON value (already checked by Decode for size, keys and depth) into v with unknown
// fields refused; for UnmarshalJSON methods that need to look at a value before accepting it.
func DecodeValue(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
