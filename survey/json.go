package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/internal/strictjson"
	"io"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// JSON forms, snake_case, decimals as strings:
//
//	Share          {"hits":9,"total":10}
//	CSI, CES       {"counts":[1,0,2,5,9]} (one count per answer value, from the lowest)
//	ClassicNPS     {"promoters":291,"passives":476,"detractors":395}
//	Tallies        {"csi":…,"recommend":…,"classic":…,"csat":…,"ces":…,"fcr":…}
//	Answer         {"kind":"csi","value":4}
//	Response       {"client":"c1","employee":"anna","department":"sales","channel":"phone","at":"2024-02-01T10:00:00Z","answer":{…}}
//	ClassicCuts    {"detractor_max":6,"promoter_min":9}
//	Segment        {"key":"anna","period":"2024-01-01T00:00:00Z/2024-02-01T00:00:00Z","tallies":{…},"respondents":3}
//	Target         {"metric":"NPS","compare":"at-least","mode":"percent","value":"20","baseline":"40"}
//	Interval       {"low":"0.25","high":"0.36"} (written only)
//	ClassicChange  {"difference":"4600/581","std_err":"3.2068","z":"2.4689","p_value":"0.0136"} (written only)
//	Attainment     {"metric":"NPS","compare":"at-least","value":"50","target":"48","met":true,"distance":"2"} (written only)
//
// Kind, Comparison and Mode are written as their text. Decoding is strict and goes through one reader: one JSON
// object with exactly the documented keys (case-sensitive, each once, none unknown, required ones present), counts
// as JSON integers, decimals through the module's bounded decimal parser, no null,
// nothing after the object; the value is then checked as its constructor checks it. A decoder that fails leaves its
// receiver unchanged.

// maxJSON is the longest JSON text a reader of this package takes, 4 MiB.
const maxJSON = 4 << 20

// jsonField is one key of a strict JSON object.
type jsonField struct {
	name     string
	optional bool
	set      func(raw json.RawMessage) error
}

// decodeObject reads b as one JSON object with the given fields.
func decodeObject(what string, b []byte, fields ...jsonField) error {
	// The module's checks first (syntax, UTF-8, repeated keys, depth), so that every reader refuses the same
	// malformed documents; keys and nulls are matched below.
	if err := strictjson.Valid(b, maxJSON); err != nil {
		return malformed("a JSON %s: %v", what, err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	tok, err := d.Token()
	if err != nil || tok != json.Delim('{') {
		return malformed("a JSON object for a %s", what)
	}
	seen := make([]bool, len(fields))
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return malformed("a JSON object for a %s", what)
		}
		name, _ := tok.(string)
		i := slicesIndex(fields, name)
		if i < 0 {
			return problem(sq.ErrMalformed, "", clip(name), "one of the keys of a "+what+": "+keys(fields))
		}
		if seen[i] {
			return problem(sq.ErrMalformed, name, "", "once in a "+what)
		}
		seen[i] = true
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return problem(sq.ErrMalformed, name, "", "a JSON value")
		}
		if err := fields[i].set(raw); err != nil {
			return at(name, err)
		}
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return malformed("a JSON object for a %s", what)
	}
	if _, err := d.Token(); err != io.EOF {
		return malformed("nothing after the JSON object of a %s", what)
	}
	for i, f := range fields {
		if !seen[i] && !f.optional {
			return problem(sq.ErrMalformed, f.name, "", "present in a "+what)
		}
	}
	return nil
}

func slicesIndex(fields []jsonField, name string) int {
	for i, f := range fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// malformed returns an error wrapping sq.ErrMalformed whose rule says what was expected.
func malformed(format string, args ...any) error {
	return fail(sq.ErrMalformed, format, args...)
}

// keys lists the keys of fields for a message.
func keys(fields []jsonField) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// count returns a field setter for a count: a JSON integer within 0…MaxCount.
func count(dst *int64) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return problem(sq.ErrLimit, "", clip(string(raw)), fmt.Sprintf("a count of at most %d", MaxCount))
			}
			return problem(sq.ErrMalformed, "", clip(string(raw)), "a whole JSON number")
		}
		if err := checkCount("", n); err != nil {
			return err
		}
		*dst = n
		return nil
	}
}

// countList returns a field setter for a JSON array of exactly len(dst) counts.
func countList(dst []int64) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil || items == nil {
			return malformed("an array of %d counts", len(dst))
		}
		if len(items) != len(dst) {
			return problem(sq.ErrMalformed, "", fmt.Sprintf("%d counts", len(items)), fmt.Sprintf("an array of %d counts", len(dst)))
		}
		for i, item := range items {
			if err := count(&dst[i])(item); err != nil {
				return at(sq.Index("", i), err)
			}
		}
		return nil
	}
}

// decimalField returns a field setter for a decimal written as a JSON string or number.
func decimalField(dst *decimal.Decimal) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		d, err := dec.UnmarshalJSON(raw)
		if err != nil {
			return err
		}
		*dst = d
		return nil
	}
}

// textField returns a field setter for a JSON string handed to an UnmarshalText method.
func textField(what string, dst interface{ UnmarshalText([]byte) error }) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil || raw[0] != '"' {
			return malformed("a JSON string for the %s", what)
		}
		return dst.UnmarshalText([]byte(s))
	}
}

// member is one key of an object being written, with its value already encoded.
type member struct {
	key   string
	value []byte
}

// countJSON, countsJSON, decimalJSON and valueJSON encode a member's value.
func countJSON(n int64) []byte { return strconv.AppendInt(nil, n, 10) }
func countsJSON(counts []int64) []byte {
	b := []byte{'['}
	for i, n := range counts {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, n, 10)
	}
	return append(b, ']')
}
func decimalJSON(d decimal.Decimal) []byte { return decJSON(d) }
func valueJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called on values whose encoding cannot fail
	}
	return b
}

// writeObject writes the members as one JSON object, keys in the given order.
func writeObject(members ...member) []byte {
	n := 2
	for _, m := range members {
		n += len(m.key) + len(m.value) + 4
	}
	b := make([]byte, 1, n)
	b[0] = '{'
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, m.key)
		b = append(b, ':')
		b = append(b, m.value...)
	}
	return append(b, '}')
}

// readObject is the one strict reader of the package: it reads b as an object of the fields, builds the value
// with build (which checks it as its constructor does) and only then stores it in dst.
func readObject[T any](dst *T, what string, b []byte, build func() (T, error), fields ...jsonField) error {
	if err := decodeObject(what, b, fields...); err != nil {
		return err
	}
	v, err := build()
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// field and optional make the fields of readObject.
func field(name string, set func(json.RawMessage) error) jsonField {
	return jsonField{name: name, set: set}
}

func optional(name string, set func(json.RawMessage) error) jsonField {
	return jsonField{name: name, optional: true, set: set}
}

// MarshalJSON writes {"hits":…,"total":…}.
func (s Share) MarshalJSON() ([]byte, error) {
	return writeObject(member{"hits", countJSON(s.hits)}, member{"total", countJSON(s.total)}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewShare.
func (s *Share) UnmarshalJSON(b []byte) error {
	var hits, total int64
	return readObject(s, "share", b, func() (Share, error) { return NewShare(hits, total) },
		field("hits", count(&hits)), field("total", count(&total)))
}

// MarshalJSON writes {"counts":[ones,twos,threes,fours,fives]}.
func (c CSI) MarshalJSON() ([]byte, error) {
	return writeObject(member{"counts", countsJSON(c.counts[:])}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCSI.
func (c *CSI) UnmarshalJSON(b []byte) error {
	var counts [5]int64
	return readObject(c, "CSI", b, func() (CSI, error) { return NewCSI(counts) }, field("counts", countList(counts[:])))
}

// MarshalJSON writes {"counts":[…seven counts, for 1 to 7…]}.
func (c CES) MarshalJSON() ([]byte, error) {
	return writeObject(member{"counts", countsJSON(c.counts[:])}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCES.
func (c *CES) UnmarshalJSON(b []byte) error {
	var counts [7]int64
	return readObject(c, "CES", b, func() (CES, error) { return NewCES(counts) }, field("counts", countList(counts[:])))
}

// MarshalJSON writes {"promoters":…,"passives":…,"detractors":…}.
func (c ClassicNPS) MarshalJSON() ([]byte, error) {
	return writeObject(member{"promoters", countJSON(c.promoters)}, member{"passives", countJSON(c.passives)},
		member{"detractors", countJSON(c.detractors)}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewClassicNPS.
func (c *ClassicNPS) UnmarshalJSON(b []byte) error {
	var p, q, d int64
	return readObject(c, "classic NPS", b, func() (ClassicNPS, error) { return NewClassicNPS(p, q, d) },
		field("promoters", count(&p)), field("passives", count(&q)), field("detractors", count(&d)))
}

// nested returns a field setter handing the value to a value's own UnmarshalJSON.
func nested(dst json.Unmarshaler) func(json.RawMessage) error {
	return func(raw json.RawMessage) error { return dst.UnmarshalJSON(raw) }
}

// MarshalJSON writes {"csi":…,"recommend":…,"classic":…,"csat":…,"ces":…,"fcr":…} with each tally's own form.
func (t Tallies) MarshalJSON() ([]byte, error) {
	csi, _ := t.CSI.MarshalJSON() // the tallies' own forms cannot fail
	rec, _ := t.Recommend.MarshalJSON()
	classic, _ := t.Classic.MarshalJSON()
	csat, _ := t.CSAT.MarshalJSON()
	ces, _ := t.CES.MarshalJSON()
	fcr, _ := t.FCR.MarshalJSON()
	return writeObject(member{"csi", csi}, member{"recommend", rec}, member{"classic", classic},
		member{"csat", csat}, member{"ces", ces}, member{"fcr", fcr}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes; every field is required.
func (t *Tallies) UnmarshalJSON(b []byte) error {
	var v Tallies
	return readObject(t, "tallies", b, func() (Tallies, error) { return v, nil },
		field("csi", nested(&v.CSI)), field("recommend", nested(&v.Recommend)), field("classic", nested(&v.Classic)),
		field("csat", nested(&v.CSAT)), field("ces", nested(&v.CES)), field("fcr", nested(&v.FCR)))
}

// MarshalJSON writes {"metric":…,"compare":…,"mode":…,"value":"…","baseline":"…"}, decimals as strings.
// An invalid target is an error wrapping ErrInvalidSetting.
func (t Target) MarshalJSON() ([]byte, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return writeObject(member{"metric", valueJSON(t.Metric)}, member{"compare", valueJSON(t.Compare.String())},
		member{"mode", valueJSON(t.Mode.String())}, member{"value", decimalJSON(t.Value)},
		member{"baseline", decimalJSON(t.Baseline)}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the target. "mode" may be left out (absolute) and
// so may "baseline" (zero); the other fields are required.
func (t *Target) UnmarshalJSON(b []byte) error {
	var v Target
	return readObject(t, "target", b, func() (Target, error) { return v, v.Validate() },
		field("metric", stringValue(&v.Metric)), field("compare", textField("compare", &v.Compare)),
		optional("mode", textField("mode", &v.Mode)), field("value", decimalField(&v.Value)),
		optional("baseline", decimalField(&v.Baseline)))
}
