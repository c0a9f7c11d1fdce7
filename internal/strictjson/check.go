package strictjson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Check reads data once and reports the first thing Decode refuses before decoding: more than maxBytes, anything
// that is not exactly one JSON value, invalid UTF-8 or an escaped lone surrogate, nesting deeper than MaxDepth, a
// key repeated within an object, null anywhere, and a key s does not list, exactly (see Schema). The cost is linear
// in len(data). Errors are *Error values wrapping ErrSyntax and a kind sentinel.
func Check(data []byte, maxBytes int, s *Schema) error {
	return check(data, maxBytes, s, false)
}

// Valid is Check for readers that match keys and treat null themselves (such as the hand-written readers of
// rating and survey): it refuses more than maxBytes, anything that is not exactly one JSON value, invalid UTF-8
// or an escaped lone surrogate, nesting deeper than MaxDepth and a key repeated within an object, and allows any
// key and null. Such a reader runs Valid first, so that every reader of the module refuses the same malformed
// documents.
func Valid(data []byte, maxBytes int) error {
	return check(data, maxBytes, nil, true)
}

func check(data []byte, maxBytes int, s *Schema, anyNull bool) error {
	if len(data) > maxBytes {
		return fail(ErrTooLarge, "%d bytes of JSON, at most %d allowed", len(data), maxBytes)
	}
	c := checker{data: data, anyNull: anyNull}
	c.space()
	if c.i == len(data) {
		return fail(nil, "JSON ends too early: no value")
	}
	if err := c.value(s, 0); err != nil {
		return err
	}
	c.space()
	if c.i != len(data) {
		return fail(ErrTrailing, "data after the JSON value (at byte %d)", c.i)
	}
	return nil
}

type checker struct {
	data    []byte
	i       int
	anyNull bool  // null allowed anywhere (Valid)
	path    []seg // keys and indexes down to the current value, for messages
}

// seg is one step of a path: an object's key or an array's index.
type seg struct {
	key   string
	index int
	elem  bool // an array element: index counts, key does not
}

func (c *checker) space() {
	for c.i < len(c.data) {
		switch c.data[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

// where names the current value for messages: a path such as answers[2].points (array indexes counted from 1, as
// every message of the module counts), or "the document".
func (c *checker) where() string {
	if len(c.path) == 0 {
		return "the document"
	}
	var b strings.Builder
	for i, p := range c.path {
		switch {
		case p.elem:
			b.WriteString("[" + strconv.Itoa(p.index+1) + "]")
		case i > 0:
			b.WriteString("." + p.key)
		default:
			b.WriteString(p.key)
		}
	}
	return b.String()
}

// fail returns an error about the current value, with its path.
func (c *checker) fail(kind error, format string, args ...any) error {
	err := fail(kind, format, args...).(*Error)
	if len(c.path) > 0 {
		err.Path = c.where()
	}
	return err
}

// failKey returns an error about a key of the current object, with the key's path.
func (c *checker) failKey(key string, kind error, format string, args ...any) error {
	c.path = append(c.path, seg{key: key})
	err := c.fail(kind, format, args...)
	c.path = c.path[:len(c.path)-1]
	return err
}

func (c *checker) syntax() error {
	if c.i >= len(c.data) {
		return c.fail(nil, "JSON ends too early")
	}
	return c.fail(nil, "invalid character %q in %s (at byte %d)", c.data[c.i], c.where(), c.i)
}

func (c *checker) value(s *Schema, depth int) error {
	if c.i >= len(c.data) {
		return c.syntax()
	}
	switch ch := c.data[c.i]; {
	case ch == '{':
		return c.object(s, depth+1)
	case ch == '[':
		return c.array(s, depth+1)
	case ch == '"':
		_, _, err := c.str()
		return err
	case ch == 't':
		return c.literal("true")
	case ch == 'f':
		return c.literal("false")
	case ch == 'n':
		if err := c.literal("null"); err != nil {
			return err
		}
		if c.anyNull {
			return nil
		}
		if n := len(c.path); n > 0 && !c.path[n-1].elem {
			return c.fail(ErrNull, "field %q is null; leave it out instead", truncate(c.where()))
		}
		return c.fail(ErrNull, "null is not allowed in %s", truncate(c.where()))
	case ch == '-' || ch >= '0' && ch <= '9':
		return c.number()
	}
	return c.syntax()
}

func (c *checker) literal(lit string) error {
	if len(c.data)-c.i < len(lit) || string(c.data[c.i:c.i+len(lit)]) != lit {
		return c.syntax()
	}
	c.i += len(lit)
	return nil
}

func (c *checker) number() error {
	d, i := c.data, c.i
	digits := func() bool {
		start := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		c.i = i
		return c.syntax()
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			c.i = i
			return c.syntax()
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			c.i = i
			return c.syntax()
		}
	}
	c.i = i
	return nil
}

// str reads the string at c.i and returns its raw bytes between the quotes and whether it holds escapes.
func (c *checker) str() (raw []byte, escaped bool, err error) {
	d := c.data
	start := c.i + 1
	for i := start; i < len(d); {
		switch b := d[i]; {
		case b == '"':
			c.i = i + 1
			return d[start:i], escaped, nil
		case b == '\\':
			escaped = true
			n, err := c.escape(i)
			if err != nil {
				return nil, false, err
			}
			i += n
		case b < 0x20:
			c.i = i
			return nil, false, c.fail(nil, "control character %q in a string in %s (at byte %d)", b, c.where(), i)
		case b < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return nil, false, c.fail(ErrUTF8, "invalid UTF-8 in a string in %s (at byte %d)", c.where(), i)
			}
			i += n
		}
	}
	c.i = len(d)
	return nil, false, c.syntax()
}

// escape checks the escape sequence at d[i] (a backslash) and returns its length. A \u escape of a surrogate must
// be a high surrogate followed by a low one: encoding/json turns a lone one into U+FFFD, a silent change.
func (c *checker) escape(i int) (int, error) {
	d := c.data
	if i+1 >= len(d) {
		c.i = len(d)
		return 0, c.syntax()
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
	default:
		c.i = i + 1
		return 0, c.syntax()
	}
	r, ok := hex4(d, i+2)
	if !ok {
		c.i = i
		return 0, c.fail(nil, "invalid \\u escape in a string in %s (at byte %d)", c.where(), i)
	}
	switch {
	case r < 0xd800 || r > 0xdfff:
		return 6, nil
	case r < 0xdc00 && i+11 < len(d) && d[i+6] == '\\' && d[i+7] == 'u':
		if lo, ok := hex4(d, i+8); ok && lo >= 0xdc00 && lo <= 0xdfff {
			return 12, nil
		}
	}
	return 0, c.fail(ErrUTF8, "lone surrogate \\u%04x in a string in %s (at byte %d)", r, c.where(), i)
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(d[i:i+4]), 16, 32)
	return rune(n), err == nil
}

func (c *checker) array(s *Schema, depth int) error {
	if depth > MaxDepth {
		return c.fail(ErrTooDeep, "JSON nested deeper than %d levels", MaxDepth)
	}
	var elem *Schema
	if s != nil {
		elem = s.Elem
	}
	c.i++ // [
	c.space()
	if c.i < len(c.data) && c.data[c.i] == ']' {
		c.i++
		return nil
	}
	for n := 0; ; n++ {
		c.space()
		c.path = append(c.path, seg{index: n, elem: true})
		if err := c.value(elem, depth); err != nil {
			return err
		}
		c.path = c.path[:len(c.path)-1]
		c.space()
		if c.i >= len(c.data) {
			return c.syntax()
		}
		switch c.data[c.i] {
		case ',':
			c.i++
		case ']':
			c.i++
			return nil
		default:
			return c.syntax()
		}
	}
}

// smallObject is the number of keys an object holds before repeated keys are looked up in a map.
const smallObject = 16

func (c *checker) object(s *Schema, depth int) error {
	if depth > MaxDepth {
		return c.fail(ErrTooDeep, "JSON nested deeper than %d levels", MaxDepth)
	}
	c.i++ // {
	c.space()
	if c.i < len(c.data) && c.data[c.i] == '}' {
		c.i++
		return nil
	}
	var (
		keys  []string
		index map[string]struct{}
	)
	for {
		c.space()
		if c.i >= len(c.data) || c.data[c.i] != '"' {
			return c.syntax()
		}
		raw, escaped, err := c.str()
		if err != nil {
			return err
		}
		key := string(raw)
		if escaped {
			if err := json.Unmarshal(c.data[c.i-len(raw)-2:c.i], &key); err != nil {
				return c.fail(nil, "invalid key in %s: %v", c.where(), err)
			}
		}
		if dupKey(&keys, &index, key) {
			return c.failKey(key, ErrDuplicateKey, "key %q appears twice in one object in %s", truncate(key), truncate(c.where()))
		}
		var vs *Schema
		switch {
		case s.fixed():
			f, ok := s.Fields[key]
			if !ok {
				return c.unknown(s, key)
			}
			vs = f
		case s != nil:
			vs = s.Elem
		}
		c.space()
		if c.i >= len(c.data) || c.data[c.i] != ':' {
			return c.syntax()
		}
		c.i++
		c.space()
		c.path = append(c.path, seg{key: key})
		if s.fixed() && s.Null[key] && bytes.HasPrefix(c.data[c.i:], []byte("null")) {
			c.i += len("null") // a field documented as nullable; what follows is checked as after any value
		} else if err := c.value(vs, depth); err != nil {
			return err
		}
		c.path = c.path[:len(c.path)-1]
		c.space()
		if c.i >= len(c.data) {
			return c.syntax()
		}
		switch c.data[c.i] {
		case ',':
			c.i++
		case '}':
			c.i++
			return nil
		default:
			return c.syntax()
		}
	}
}

// dupKey records key and reports whether the object already had it.
func dupKey(keys *[]string, index *map[string]struct{}, key string) bool {
	if *index != nil {
		if _, ok := (*index)[key]; ok {
			return true
		}
		(*index)[key] = struct{}{}
		return false
	}
	for _, k := range *keys {
		if k == key {
			return true
		}
	}
	*keys = append(*keys, key)
	if len(*keys) > smallObject {
		*index = make(map[string]struct{}, 2*smallObject)
		for _, k := range *keys {
			(*index)[k] = struct{}{}
		}
	}
	return false
}

// unknown reports a key the schema does not list, naming the field it would have filled by encoding/json's
// case-insensitive match, if any.
func (c *checker) unknown(s *Schema, key string) error {
	where := ""
	if len(c.path) > 0 {
		where = " in " + truncate(c.where())
	}
	for name := range s.Fields {
		if strings.EqualFold(name, key) {
			return c.failKey(key, ErrUnknownField, "unknown field %q%s; field names are exact, did you mean %q?", truncate(key), where, name)
		}
	}
	return c.failKey(key, ErrUnknownField, "unknown field %q%s", truncate(key), where)
}
