// Package strictjson decodes JSON the strict way the packages of this module promise: one value, no unknown fields,
// no duplicate object keys (encoding/json would silently keep the last), and a size limit checked before decoding.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrSyntax is wrapped by every error of Decode.
var ErrSyntax = errors.New("invalid JSON")

// MaxDepth is the deepest nesting of objects and arrays Decode accepts.
const MaxDepth = 64

// Decode decodes data into v. It fails when data is longer than maxBytes, is not exactly one JSON value, nests
// deeper than MaxDepth, repeats a key within an object, or has a field v does not know. Errors wrap ErrSyntax (and
// the decoder's own error, for errors.As on *json.SyntaxError or *json.UnmarshalTypeError).
func Decode(data []byte, maxBytes int, v any) error {
	if len(data) > maxBytes {
		return fmt.Errorf("%d bytes of JSON, at most %d allowed: %w", len(data), maxBytes, ErrSyntax)
	}
	if err := checkKeys(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("data after the JSON value: %w", ErrSyntax)
	}
	return nil
}

// checkKeys walks the tokens of data and reports the first repeated key of an object and nesting beyond MaxDepth.
func checkKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]struct{}
		expect bool // the next token of an object is a key
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrSyntax, err)
		}
		top := len(stack) - 1
		if top >= 0 && stack[top].object && stack[top].expect {
			if k, ok := tok.(string); ok {
				if _, dup := stack[top].keys[k]; dup {
					return fmt.Errorf("key %q appears twice in one object: %w", truncate(k), ErrSyntax)
				}
				stack[top].keys[k] = struct{}{}
				stack[top].expect = false
				continue
			}
		}
		if top >= 0 && stack[top].object {
			stack[top].expect = true // a value was read; a key comes next
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(stack) >= MaxDepth {
				return fmt.Errorf("JSON nested deeper than %d levels: %w", MaxDepth, ErrSyntax)
			}
			obj := tok == json.Delim('{')
			f := frame{object: obj, expect: obj}
			if obj {
				f.keys = map[string]struct{}{}
			}
			stack = append(stack, f)
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
