package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/servicequality/servicequality/internal/strictjson"
	"io"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// This file gives the tallies, Coverage and Target their JSON forms. Decoding is strict: one JSON object with
// exactly the documented keys (case-sensitive, each once, none unknown, required ones present), counts as JSON
// integers, decimals through the module's bounded decimal parser, nothing after the object. A decoder that fails
// leaves its receiver unchanged.

// MaxJSON is the longest JSON text a reader of this package takes, 4 MiB.
const MaxJSON = 4 << 20

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
	if err := strictjson.Valid(b, MaxJSON); err != nil {
		return fail(ErrSyntax, "%s: %v", what, err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	tok, err := d.Token()
	if err != nil || tok != json.Delim('{') {
		return fail(ErrSyntax, "%s: want a JSON object", what)
	}
	seen := make([]bool, len(fields))
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return fail(ErrSyntax, "%s: malformed object", what)
		}
		name, _ := tok.(string)
		i := slicesIndex(fields, name)
		if i < 0 {
			return fail(ErrSyntax, "%s: unknown field %q", what, clip(name))
		}
		if seen[i] {
			return fail(ErrSyntax, "%s: field %q appears twice", what, name)
		}
		seen[i] = true
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return fail(ErrSyntax, "%s: field %q: malformed value", what, name)
		}
		if err := fields[i].set(raw); err != nil {
			return within(what+": field "+strconv.Quote(name), err)
		}
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return fail(ErrSyntax, "%s: malformed object", what)
	}
	if _, err := d.Token(); err != io.EOF {
		return fail(ErrSyntax, "%s: data after the object", what)
	}
	for i, f := range fields {
		if !seen[i] && !f.optional {
			return fail(ErrSyntax, "%s: field %q is missing", what, f.name)
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

// within puts a context before an error's message, keeping what it wraps.
func within(context string, err error) error {
	return &failure{msg: "survey: " + context + ": " + strings.TrimPrefix(err.Error(), "survey: "), errs: []error{err}}
}

// count returns a field setter for a count: a JSON integer within 0…MaxCount.
func count(dst *int64) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return fail(ErrInvalidCount, "count %s exceeds the maximum %d", clip(string(raw)), MaxCount)
			}
			return fail(ErrSyntax, "count %s is not a whole JSON number", clip(string(raw)))
		}
		if err := checkCount("count", n); err != nil {
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
			return fail(ErrSyntax, "want an array of %d counts", len(dst))
		}
		if len(items) != len(dst) {
			return fail(ErrSyntax, "want an array of %d counts, got %d", len(dst), len(items))
		}
		for i, item := range items {
			if err := count(&dst[i])(item); err != nil {
				return within("element "+strconv.Itoa(i), err)
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
			return failCause(ErrSyntax, err, "decimal")
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
			return fail(ErrSyntax, "%s must be a JSON string", what)
		}
		return dst.UnmarshalText([]byte(s))
	}
}

// MarshalJSON writes {"yes":…,"total":…}.
func (s RecommendShare) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Yes   int64 `json:"yes"`
		Total int64 `json:"total"`
	}{s.yes, s.total})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewRecommendShare.
func (s *RecommendShare) UnmarshalJSON(b []byte) error {
	var yes, total int64
	if err := decodeObject("recommend share", b, jsonField{name: "yes", set: count(&yes)},
		jsonField{name: "total", set: count(&total)}); err != nil {
		return err
	}
	v, err := NewRecommendShare(yes, total)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON writes {"counts":[ones,twos,threes,fours,fives]}.
func (c CSI) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Counts [5]int64 `json:"counts"`
	}{c.counts})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCSI.
func (c *CSI) UnmarshalJSON(b []byte) error {
	var counts [5]int64
	if err := decodeObject("CSI", b, jsonField{name: "counts", set: countList(counts[:])}); err != nil {
		return err
	}
	v, err := NewCSI(counts)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON writes {"counts":[…seven counts, for 1 to 7…]}.
func (c CES) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Counts [7]int64 `json:"counts"`
	}{c.counts})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCES.
func (c *CES) UnmarshalJSON(b []byte) error {
	var counts [7]int64
	if err := decodeObject("CES", b, jsonField{name: "counts", set: countList(counts[:])}); err != nil {
		return err
	}
	v, err := NewCES(counts)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON writes {"promoters":…,"passives":…,"detractors":…}.
func (c ClassicNPS) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Promoters  int64 `json:"promoters"`
		Passives   int64 `json:"passives"`
		Detractors int64 `json:"detractors"`
	}{c.promoters, c.passives, c.detractors})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewClassicNPS.
func (c *ClassicNPS) UnmarshalJSON(b []byte) error {
	var p, q, d int64
	if err := decodeObject("classic NPS", b, jsonField{name: "promoters", set: count(&p)},
		jsonField{name: "passives", set: count(&q)}, jsonField{name: "detractors", set: count(&d)}); err != nil {
		return err
	}
	v, err := NewClassicNPS(p, q, d)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON writes {"satisfied":…,"total":…}.
func (c CSAT) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Satisfied int64 `json:"satisfied"`
		Total     int64 `json:"total"`
	}{c.satisfied, c.total})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCSAT.
func (c *CSAT) UnmarshalJSON(b []byte) error {
	s, err := decodeKOfN("CSAT", b, "satisfied", "total")
	if err != nil {
		return err
	}
	*c = CSAT{satisfied: s.k, total: s.n}
	return nil
}

// MarshalJSON writes {"resolved":…,"total":…}.
func (f FCR) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Resolved int64 `json:"resolved"`
		Total    int64 `json:"total"`
	}{f.resolved, f.total})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewFCR.
func (f *FCR) UnmarshalJSON(b []byte) error {
	s, err := decodeKOfN("FCR", b, "resolved", "total")
	if err != nil {
		return err
	}
	*f = FCR{resolved: s.k, total: s.n}
	return nil
}

// MarshalJSON writes {"surveyed":…,"clients":…}.
func (c Coverage) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Surveyed int64 `json:"surveyed"`
		Clients  int64 `json:"clients"`
	}{c.surveyed, c.clients})
}

// UnmarshalJSON reads the form MarshalJSON writes, with the checks of NewCoverage.
func (c *Coverage) UnmarshalJSON(b []byte) error {
	var sur, all int64
	if err := decodeObject("coverage", b, jsonField{name: "surveyed", set: count(&sur)},
		jsonField{name: "clients", set: count(&all)}); err != nil {
		return err
	}
	v, err := NewCoverage(sur, all)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// tallyField returns a field setter handing the value to a tally's UnmarshalJSON.
func tallyField(dst json.Unmarshaler) func(json.RawMessage) error {
	return func(raw json.RawMessage) error { return dst.UnmarshalJSON(raw) }
}

// MarshalJSON writes {"csi":…,"recommend":…,"classic":…,"csat":…,"ces":…,"fcr":…} with each tally's own form.
func (t Tallies) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		CSI       CSI            `json:"csi"`
		Recommend RecommendShare `json:"recommend"`
		Classic   ClassicNPS     `json:"classic"`
		CSAT      CSAT           `json:"csat"`
		CES       CES            `json:"ces"`
		FCR       FCR            `json:"fcr"`
	}{t.CSI, t.Recommend, t.Classic, t.CSAT, t.CES, t.FCR})
}

// UnmarshalJSON reads the form MarshalJSON writes; every field is required.
func (t *Tallies) UnmarshalJSON(b []byte) error {
	var v Tallies
	if err := decodeObject("tallies", b,
		jsonField{name: "csi", set: tallyField(&v.CSI)},
		jsonField{name: "recommend", set: tallyField(&v.Recommend)},
		jsonField{name: "classic", set: tallyField(&v.Classic)},
		jsonField{name: "csat", set: tallyField(&v.CSAT)},
		jsonField{name: "ces", set: tallyField(&v.CES)},
		jsonField{name: "fcr", set: tallyField(&v.FCR)}); err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes {"metric":…,"compare":…,"mode":…,"value":"…","baseline":"…"}, decimals as strings.
// An invalid target is an error wrapping ErrInvalidTarget.
func (t Target) MarshalJSON() ([]byte, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Metric   string          `json:"metric"`
		Compare  Comparison      `json:"compare"`
		Mode     Mode            `json:"mode"`
		Value    json.RawMessage `json:"value"`
		Baseline json.RawMessage `json:"baseline"`
	}{t.Metric, t.Compare, t.Mode, decJSON(t.Value), decJSON(t.Baseline)})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the target. "mode" may be left out (absolute) and
// so may "baseline" (zero); the other fields are required.
func (t *Target) UnmarshalJSON(b []byte) error {
	var v Target
	if err := decodeObject("target", b,
		jsonField{name: "metric", set: func(raw json.RawMessage) error {
			if err := json.Unmarshal(raw, &v.Metric); err != nil || raw[0] != '"' {
				return fail(ErrSyntax, "metric must be a JSON string")
			}
			return nil
		}},
		jsonField{name: "compare", set: textField("compare", &v.Compare)},
		jsonField{name: "mode", optional: true, set: textField("mode", &v.Mode)},
		jsonField{name: "value", set: decimalField(&v.Value)},
		jsonField{name: "baseline", optional: true, set: decimalField(&v.Baseline)}); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*t = v
	return nil
}
