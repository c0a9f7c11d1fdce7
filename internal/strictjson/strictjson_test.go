package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

type doc struct {
	A int            `json:"a"`
	B []inner        `json:"b"`
	M map[string]int `json:"m"`
}

type inner struct {
	X string `json:"x"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		reason string
	}{
		{`{"a":1,"b":[{"x":"y"}],"m":{"k":1}}`, true, "well-formed"},
		{`{"a":1,"a":2}`, false, "duplicate key at the top"},
		{`{"b":[{"x":"1","x":"2"}]}`, false, "duplicate key inside an array element"},
		{`{"m":{"k":1,"k":2}}`, false, "duplicate map key"},
		{`{"b":[{"x":"1"},{"x":"2"}]}`, true, "the same key in two objects is fine"},
		{`{"c":1}`, false, "unknown field"},
		{`{"a":1} {"a":2}`, false, "two values"},
		{`{"a":1}x`, false, "trailing garbage"},
		{`{"a":"1"}`, false, "wrong type"},
		{``, false, "empty"},
		{`{"a":null}`, false, "null is not a zero value"},
		{`{"b":[null]}`, false, "null in an array"},
		{`null`, false, "a null document"},
		{strings.Repeat("[", 100) + strings.Repeat("]", 100), false, "too deep"},
		{`{"a":1` + strings.Repeat(" ", 200) + `}`, false, "over the size limit"},
	}
	for _, tt := range tests {
		var v doc
		err := Decode([]byte(tt.in), 128, &v)
		if (err == nil) != tt.ok {
			t.Errorf("Decode(%.40q) error = %v, want ok=%v (%s)", tt.in, err, tt.ok, tt.reason)
		}
		if err != nil && !errors.Is(err, ErrSyntax) {
			t.Errorf("Decode(%.40q) error %v does not wrap ErrSyntax", tt.in, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"a":1,"b":[{"x":"y"}]}`)
	f.Add(`{"a":1,"a":1}`)
	f.Add(`[[[{}]]]`)
	f.Fuzz(func(t *testing.T, s string) {
		var v doc
		if err := Decode([]byte(s), 1<<16, &v); err != nil && !errors.Is(err, ErrSyntax) {
			t.Fatalf("error %v does not wrap ErrSyntax", err)
		}
	})
}

// FuzzCheckKeys compares the one-pass scanner with a reference built on the decoder's tokens: on every input that
// is valid JSON, both find the same repeated key, null and depth problems.
func FuzzCheckKeys(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":{"b":[1,{"c":null}]}}`, `{"\u0061":1,"a":2}`, `[{"x":"\"}"},{"x":1}]`,
		`{"a":true,"b":false,"c":-1.5e3}`, `{"k":"\\\\","k2":"\\""}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		got := checkKeys([]byte(s))
		want := referenceCheck([]byte(s))
		if (got == nil) != (want == nil) {
			t.Fatalf("checkKeys(%q) = %v, reference %v", s, got, want)
		}
	})
}

// referenceCheck walks the decoder's tokens to find repeated keys, nulls and excess depth.
func referenceCheck(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if k, ok := tok.(string); ok {
				if top.keys[k] {
					return errors.New("repeated key")
				}
				top.keys[k] = true
				top.key = false
				continue
			}
		}
		if top != nil && top.object {
			top.key = true
		}
		switch tok {
		case nil:
			return errors.New("null")
		case json.Delim('{'), json.Delim('['):
			if len(stack) >= MaxDepth {
				return errors.New("too deep")
			}
			stack = append(stack, &frame{object: tok == json.Delim('{'), keys: map[string]bool{}, key: true})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}
