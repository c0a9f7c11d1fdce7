package rating

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/sq"
	"strconv"
)

// JSON forms of ratings. Keys are snake_case; exact values (sq.Fraction) are strings "num/den", decimals are strings;
// every field is written and required on reading, and readers are strict (see readObject): exact key case, no
// unknown or repeated keys, no null, nothing after the value. A form carries the whole state, so what is read back
// is Equal to what was written; derived numbers that are written for readers of the stored JSON (a rating's
// "stored" value, a breakdown's value and coverage) are recomputed on reading and must match.
//
//	Rating:     {"status":"sufficient","stored":"4.3333333333","value":"13/3","coverage":"1",
//	             "components":[{"name":"calls","weight":"1","present":true,"value":"9/2"},...],
//	             "reasons":[{"code":"few-calls","component":"","message":"3 evaluated calls, at least 5 needed"}]}
//	Personal:   {"employee_id":"anna","calls":{"count":3,"sum":"13"},"rating":{...}}
//	Department: {"department_id":"d1","counted":2,"skipped":0,"rating":{...}}
//	Standing:   {"id":"anna","rank":1,"dense_rank":1,"rating":{...}}

// Limits of the JSON readers (documented in the package comment), checked before the costly arithmetic: a
// reader's cost grows with the size of its input and, for a breakdown, with the square of the digits of its exact
// values, so both are bounded.
const (
	// maxJSON is the longest JSON text a reader of this package takes, 4 MiB.
	maxJSON = 4 << 20
	// maxBreakdownText is the most characters the exact component values of one breakdown (the components of
	// a Rating) may have together. Breakdowns computed by this package from inputs within the
	// module's limits stay far below it.
	maxBreakdownText = 8000
)

func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

func appendFraction(b []byte, f sq.Fraction) ([]byte, error) {
	t, err := f.MarshalText()
	if err != nil {
		return nil, err
	}
	return appendString(b, string(t)), nil
}

// decodeString reads a JSON string (not null, not a number).
func decodeString(raw json.RawMessage, what string) (string, error) {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", fmt.Errorf("%s must be a JSON string, got %.40s", what, raw)
	}
	return s, nil
}

// decodeInt reads a JSON integer within 0…max.
func decodeInt(raw json.RawMessage, what string, max int64) (int64, error) {
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 0 || n > max {
		return 0, fmt.Errorf("%s must be a whole JSON number within 0–%d, got %.40s", what, max, raw)
	}
	return n, nil
}

func decodeBool(raw json.RawMessage, what string) (bool, error) {
	switch string(raw) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%s must be true or false, got %.40s", what, raw)
}

// decodeArray reads a JSON array (not null) and calls item for each element.
func decodeArray(raw json.RawMessage, what string, item func(i int, raw json.RawMessage) error) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%s must be a JSON array, got %.40s", what, raw)
	}
	for i := 0; d.More(); i++ {
		var el json.RawMessage
		if err := d.Decode(&el); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if err := item(i, el); err != nil {
			return fmt.Errorf("%s[%d]: %w", what, i+1, err)
		}
	}
	_, err := d.Token()
	return err
}

// decodeJSON runs a strict reader and wraps its error for the type what.
func decodeJSON(what string, b []byte, read func([]byte) error) error {
	if len(b) > maxJSON {
		return errorf("%s JSON of %d bytes, at most %d allowed: %w", what, len(b), maxJSON, sq.ErrLimit)
	}
	// The module's checks first (syntax, UTF-8, repeated keys, depth), so that every reader refuses the same
	// malformed documents; keys and nulls are matched by the reader.
	if err := strictjson.Valid(b, maxJSON); err != nil {
		return errorf("%s JSON: %w: %w", what, errDecode, err)
	}
	if err := read(b); err != nil {
		return errorf("%s JSON: %w: %w", what, errDecode, err)
	}
	return nil
}

// appendFields appends the fields of w without the braces.
func (w weighted) appendFields(b []byte) ([]byte, error) {
	var err error
	b = append(b, `"value":`...)
	if b, err = appendFraction(b, w.value); err != nil {
		return nil, err
	}
	b = append(b, `,"coverage":`...)
	if b, err = appendFraction(b, w.coverage); err != nil {
		return nil, err
	}
	b = append(b, `,"components":[`...)
	for i, c := range w.parts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendString(b, c.Name)
		b = append(b, `,"weight":`...)
		b = appendDecJSON(b, c.Weight)
		b = append(b, `,"present":`...)
		b = strconv.AppendBool(b, c.Present)
		b = append(b, `,"value":`...)
		if b, err = appendFraction(b, c.Value); err != nil {
			return nil, err
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// decodeWeighted rebuilds a weighted mean from its components and checks the written value and coverage.
func decodeWeighted(value, coverage, components json.RawMessage) (weighted, error) {
	var parts []Contribution
	seen := map[string]bool{}
	text := 0
	err := decodeArray(components, `field "components"`, func(i int, raw json.RawMessage) error {
		if i >= maxComponents {
			return fmt.Errorf("more than %d components: %w", maxComponents, sq.ErrLimit)
		}
		var name, weight, present, val json.RawMessage
		if err := readObject(raw, map[string]*json.RawMessage{"name": &name, "weight": &weight, "present": &present,
			"value": &val}); err != nil {
			return err
		}
		var c Contribution
		var err error
		if c.Name, err = decodeString(name, `"name"`); err != nil {
			return err
		}
		if c.Name == "" || seen[c.Name] {
			return fmt.Errorf("component name %q is empty or appears twice", clip(c.Name))
		}
		seen[c.Name] = true
		if c.Weight, err = parseDecJSON(weight); err != nil {
			return fmt.Errorf(`"weight": %w`, err)
		}
		if c.Weight.Sign() < 0 {
			return fmt.Errorf("weight %s is negative", decText(c.Weight))
		}
		if c.Present, err = decodeBool(present, `"present"`); err != nil {
			return err
		}
		if text += len(val); text > maxBreakdownText {
			return fmt.Errorf("component values of more than %d characters together: %w", maxBreakdownText, sq.ErrLimit)
		}
		if c.Value, err = fractionJSON(val); err != nil {
			return err
		}
		if c.Value.Cmp(fracInt(5)) > 0 || (!c.Present && !c.Value.IsZero()) {
			return fmt.Errorf("value %s is outside 0–5, or set for a missing component", clip(c.Value.String()))
		}
		parts = append(parts, c)
		return nil
	})
	if err != nil {
		return weighted{}, err
	}
	w, err := weightedOf(parts)
	if err != nil {
		return weighted{}, err
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		want sq.Fraction
	}{{"value", value, w.value}, {"coverage", coverage, w.coverage}} {
		got, err := fractionJSON(f.raw)
		if err != nil {
			return weighted{}, fmt.Errorf("field %q: %w", f.name, err)
		}
		if !got.Equal(f.want) {
			return weighted{}, fmt.Errorf("field %q is %s, the components give %s", f.name, clip(got.String()),
				clip(f.want.String()))
		}
	}
	return w, nil
}

// weightedOf computes the weighted mean of contributions whose Name, Weight, Present and Value are set, as
// aggregator.mean does. No contribution gives the zero weighted.
func weightedOf(parts []Contribution) (weighted, error) {
	if len(parts) == 0 {
		return weighted{}, nil
	}
	var total, present, num sq.Fraction
	for _, c := range parts {
		w := sq.FractionOf(c.Weight)
		total = fracAdd(total, w)
		if c.Present {
			present = fracAdd(present, w)
			num = fracAdd(num, fracMul(w, c.Value))
		}
	}
	if present.IsZero() {
		return weighted{}, fmt.Errorf("no component with a positive weight is present")
	}
	out := weighted{value: fracQuo(num, present), coverage: fracQuo(present, total), parts: parts}
	for i, c := range parts {
		if c.Present {
			out.parts[i].Share = fracQuo(sq.FractionOf(c.Weight), present)
			out.parts[i].Points = fracMul(out.parts[i].Share, c.Value)
		}
	}
	return out, nil
}

// MarshalText writes the kebab-case name ("few-calls"); an unknown code is an error wrapping sq.ErrInvalid.
func (c ReasonCode) MarshalText() ([]byte, error) {
	if c < 1 || int(c) >= len(reasonNames) {
		return nil, errorf("reason code %d is unknown: %w", uint8(c), errInvalidInput)
	}
	return []byte(reasonNames[c]), nil
}

// UnmarshalText reads the kebab-case name; other text is an error wrapping sq.ErrMalformed.
func (c *ReasonCode) UnmarshalText(b []byte) error {
	for i, n := range reasonNames {
		if n != "" && n == string(b) {
			*c = ReasonCode(i)
			return nil
		}
	}
	return errorf("reason code %q is unknown: %w", clip(string(b)), errDecode)
}

func (r Rating) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, `{"status":`...)
	b = appendString(b, r.status())
	b = append(b, `,"stored":`...)
	b = appendDecJSON(b, stored(r.weighted.value))
	b = append(b, ',')
	if b, err = r.weighted.appendFields(b); err != nil {
		return nil, err
	}
	b = append(b, `,"reasons":[`...)
	for i, x := range r.reasons {
		code, err := x.Code.MarshalText()
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = appendString(b, string(code))
		b = append(b, `,"component":`...)
		b = appendString(b, x.Component)
		b = append(b, `,"message":`...)
		b = appendString(b, x.Message)
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

// MarshalJSON writes the whole rating: status, stored value, exact value, breakdown and reasons (see the
// package's JSON notes).
func (r Rating) MarshalJSON() ([]byte, error) { return r.appendJSON(nil) }

// UnmarshalJSON reads the form MarshalJSON writes. A status that does not follow from the reasons (sufficient
// exactly when there is no reason and a breakdown), or a stored value, value or coverage that does not follow
// from the components, is refused. Errors wrap sq.ErrMalformed; on error r is unchanged.
func (r *Rating) UnmarshalJSON(b []byte) error {
	return decodeJSON("rating", b, func(b []byte) error {
		v, err := decodeRating(b)
		if err == nil {
			*r = v
		}
		return err
	})
}

func decodeRating(b []byte) (Rating, error) {
	var status, storedRaw, value, coverage, components, reasons json.RawMessage
	if err := readObject(b, map[string]*json.RawMessage{"status": &status, "stored": &storedRaw, "value": &value,
		"coverage": &coverage, "components": &components, "reasons": &reasons}); err != nil {
		return Rating{}, err
	}
	var r Rating
	s, err := decodeString(status, `field "status"`)
	if err != nil {
		return Rating{}, err
	}
	if s != "sufficient" && s != "insufficient" {
		return Rating{}, fmt.Errorf("status %q is not sufficient or insufficient", clip(s))
	}
	if r.weighted, err = decodeWeighted(value, coverage, components); err != nil {
		return Rating{}, err
	}
	err = decodeArray(reasons, `field "reasons"`, func(_ int, raw json.RawMessage) error {
		var code, component, message json.RawMessage
		if err := readObject(raw, map[string]*json.RawMessage{"code": &code, "component": &component,
			"message": &message}); err != nil {
			return err
		}
		var x Reason
		c, err := decodeString(code, `"code"`)
		if err != nil {
			return err
		}
		if err := x.Code.UnmarshalText([]byte(c)); err != nil {
			return err
		}
		if x.Component, err = decodeString(component, `"component"`); err != nil {
			return err
		}
		if x.Message, err = decodeString(message, `"message"`); err != nil {
			return err
		}
		r.reasons = append(r.reasons, x)
		return nil
	})
	if err != nil {
		return Rating{}, err
	}
	if r.status() != s {
		return Rating{}, fmt.Errorf("status %s does not match %d reasons and %d components", s,
			len(r.reasons), len(r.weighted.parts))
	}
	sv, err := parseDecJSON(storedRaw)
	if err != nil {
		return Rating{}, fmt.Errorf(`field "stored": %w`, err)
	}
	if want := stored(r.weighted.value); !sv.Equal(want) {
		return Rating{}, fmt.Errorf(`field "stored" is %s, the components give %s`, decText(sv), decText(want))
	}
	return r, nil
}
