package survey

import (
	"encoding"
	"encoding/json"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// JSON forms of the other values of this package, snake_case, decimals as strings, every field required, decoded
// strictly like the tallies (see json.go); null only for the period of a Segment of a grouping without periods:
//
//	Answer          {"kind":"csi","value":4}
//	Response        {"client":"c1","employee":"anna","department":"sales","channel":"phone","at":"2024-02-01T10:00:00Z","answer":{…}}
//	ClassicCuts     {"detractor_max":6,"promoter_min":9}
//	CoveragePolicy  {"min_percent":"4"}
//	Interval        {"low":"0.25","high":"0.36"}
//	ClassicChange   {"difference":"5","std_err":"3.1","z":"1.6","p_value":"0.11"}
//	Attainment      {"metric":"NPS","compare":"at-least","value":"50","target":"48","met":true,"distance":"2"}
//	Segment         {"key":"anna","period":"2024-01-01T00:00:00Z/2024-02-01T00:00:00Z","tallies":{…},"respondents":3}
//
// Kind, Comparison and Mode are JSON strings ("csi", "at-least", "percent"); null is refused. A Grouping has no
// JSON form (its Key is a function): its MarshalJSON and UnmarshalJSON return an error wrapping ErrInvalidSetting.

var kindCodes = [...]string{KindCSI: "csi", KindRecommend: "recommend", KindClassic: "classic", KindCSAT: "csat",
	KindCES: "ces", KindFCR: "fcr"}

// MarshalText writes the kind's code: "csi", "recommend", "classic", "csat", "ces" or "fcr". An unknown kind is
// an error wrapping ErrInvalidResponse.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fail(ErrInvalidResponse, "answer kind %d is not one of the Kind constants", uint8(k))
	}
	return []byte(kindCodes[k]), nil
}

// UnmarshalText reads a kind's code; other text is an error wrapping ErrInvalidResponse.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, c := range kindCodes {
		if c != "" && c == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fail(ErrInvalidResponse, "answer kind %q is not one of csi, recommend, classic, csat, ces, fcr", clip(string(b)))
}

// textJSON writes v's text form as a JSON string.
func textJSON(v encoding.TextMarshaler) ([]byte, error) {
	t, err := v.MarshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(t))
}

// fromTextJSON reads a JSON string (not null, which encoding/json would skip without an error) into v.
func fromTextJSON(what string, b []byte, v encoding.TextUnmarshaler) error {
	var s string
	if len(b) == 0 || b[0] != '"' || json.Unmarshal(b, &s) != nil {
		return fail(ErrSyntax, "%s must be a JSON string", what)
	}
	return v.UnmarshalText([]byte(s))
}

// MarshalJSON writes the code as a JSON string.
func (k Kind) MarshalJSON() ([]byte, error) { return textJSON(k) }

// UnmarshalJSON reads a JSON string holding a code; null is an error wrapping ErrSyntax.
func (k *Kind) UnmarshalJSON(b []byte) error { return fromTextJSON("answer kind", b, k) }

// MarshalJSON writes "at-least" or "at-most".
func (c Comparison) MarshalJSON() ([]byte, error) { return textJSON(c) }

// UnmarshalJSON reads "at-least" or "at-most"; null is an error wrapping ErrSyntax.
func (c *Comparison) UnmarshalJSON(b []byte) error { return fromTextJSON("comparison", b, c) }

// MarshalJSON writes the mode's name.
func (m Mode) MarshalJSON() ([]byte, error) { return textJSON(m) }

// UnmarshalJSON reads a mode's name; null is an error wrapping ErrSyntax.
func (m *Mode) UnmarshalJSON(b []byte) error { return fromTextJSON("mode", b, m) }

// Equal reports whether a and o are the same answer.
func (a Answer) Equal(o Answer) bool { return a == o }

// MarshalJSON writes {"kind":…,"value":…}; an invalid answer is an error.
func (a Answer) MarshalJSON() ([]byte, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Kind  Kind `json:"kind"`
		Value int  `json:"value"`
	}{a.Kind, a.Value})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the answer.
func (a *Answer) UnmarshalJSON(b []byte) error {
	var v Answer
	if err := decodeObject("answer", b,
		jsonField{name: "kind", set: func(raw json.RawMessage) error { return v.Kind.UnmarshalJSON(raw) }},
		jsonField{name: "value", set: intValue(&v.Value)}); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*a = v
	return nil
}

// intValue returns a field setter for a JSON integer within 32 bits.
func intValue(dst *int) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		n, err := strconv.ParseInt(string(raw), 10, 32)
		if err != nil {
			return fail(ErrSyntax, "%s is not a whole JSON number within 32 bits", clip(string(raw)))
		}
		*dst = int(n)
		return nil
	}
}

// stringValue returns a field setter for a JSON string.
func stringValue(dst *string) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, dst) != nil {
			return fail(ErrSyntax, "want a JSON string")
		}
		return nil
	}
}

// strictDecimal returns a field setter for a decimal written as a JSON string.
func strictDecimal(dst *decimal.Decimal) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		if len(raw) == 0 || raw[0] != '"' {
			return fail(ErrSyntax, "want a decimal string")
		}
		return decimalField(dst)(raw)
	}
}

// timeText writes t in RFC 3339 with nanoseconds as needed, and the zero time as "".
func timeText(t time.Time) (string, error) {
	if t.IsZero() {
		return "", nil
	}
	if t.Year() < 0 || t.Year() > 9999 {
		return "", fail(ErrInvalidResponse, "time %s is outside the years 0–9999", t.Format(time.RFC3339))
	}
	return t.Format(time.RFC3339Nano), nil
}

// timeValue returns a field setter for a time written by timeText.
func timeValue(dst *time.Time) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		var s string
		if err := stringValue(&s)(raw); err != nil {
			return err
		}
		if s == "" {
			*dst = time.Time{}
			return nil
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || t.Format(time.RFC3339Nano) != s {
			return fail(ErrSyntax, "time %q is not RFC 3339 as written by this package", clip(s))
		}
		*dst = t
		return nil
	}
}

// Equal reports whether r and o are the same response at the same instant.
func (r Response) Equal(o Response) bool {
	return r.Client == o.Client && r.Employee == o.Employee && r.Department == o.Department &&
		r.Channel == o.Channel && r.At.Equal(o.At) && r.Answer == o.Answer
}

// MarshalJSON writes the response (see the JSON notes of json_more.go); a zero At is "".
func (r Response) MarshalJSON() ([]byte, error) {
	at, err := timeText(r.At)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Client     string `json:"client"`
		Employee   string `json:"employee"`
		Department string `json:"department"`
		Channel    string `json:"channel"`
		At         string `json:"at"`
		Answer     Answer `json:"answer"`
	}{r.Client, r.Employee, r.Department, r.Channel, at, r.Answer})
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly, and validates the answer.
func (r *Response) UnmarshalJSON(b []byte) error {
	var v Response
	if err := decodeObject("response", b,
		jsonField{name: "client", set: stringValue(&v.Client)},
		jsonField{name: "employee", set: stringValue(&v.Employee)},
		jsonField{name: "department", set: stringValue(&v.Department)},
		jsonField{name: "channel", set: stringValue(&v.Channel)},
		jsonField{name: "at", set: timeValue(&v.At)},
		jsonField{name: "answer", set: tallyField(&v.Answer)}); err != nil {
		return err
	}
	*r = v
	return nil
}

// Equal reports whether c and o are the same cuts (the zero value and StandardCuts differ here: they are written
// as given).
func (c ClassicCuts) Equal(o ClassicCuts) bool { return c == o }

// MarshalJSON writes {"detractor_max":…,"promoter_min":…} as given (the zero value as zeros).
func (c ClassicCuts) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		DetractorMax int `json:"detractor_max"`
		PromoterMin  int `json:"promoter_min"`
	}{c.DetractorMax, c.PromoterMin})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the cuts (ErrInvalidSetting).
func (c *ClassicCuts) UnmarshalJSON(b []byte) error {
	var v ClassicCuts
	if err := decodeObject("classic cuts", b,
		jsonField{name: "detractor_max", set: intValue(&v.DetractorMax)},
		jsonField{name: "promoter_min", set: intValue(&v.PromoterMin)}); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*c = v
	return nil
}

// Equal reports whether p and o have numerically equal minimums as given (zero means the default).
func (p CoveragePolicy) Equal(o CoveragePolicy) bool { return p.MinPercent.Equal(o.MinPercent) }

// MarshalJSON writes {"min_percent":"…"} as given ("0" for the default).
func (p CoveragePolicy) MarshalJSON() ([]byte, error) {
	return []byte(`{"min_percent":` + string(decJSON(p.MinPercent)) + `}`), nil
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the policy (ErrInvalidSetting).
func (p *CoveragePolicy) UnmarshalJSON(b []byte) error {
	var v CoveragePolicy
	if err := decodeObject("coverage policy", b,
		jsonField{name: "min_percent", set: strictDecimal(&v.MinPercent)}); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*p = v
	return nil
}

// decimalsJSON writes an object of decimal strings, keys in the given order.
func decimalsJSON(keys []string, values ...decimal.Decimal) []byte {
	b := []byte{'{'}
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, k)
		b = append(b, ':')
		b = append(b, decJSON(values[i])...)
	}
	return append(b, '}')
}

// MarshalJSON writes {"low":"…","high":"…"}.
func (i Interval) MarshalJSON() ([]byte, error) {
	return decimalsJSON([]string{"low", "high"}, i.Low, i.High), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (i *Interval) UnmarshalJSON(b []byte) error {
	var v Interval
	if err := decodeObject("interval", b, jsonField{name: "low", set: strictDecimal(&v.Low)},
		jsonField{name: "high", set: strictDecimal(&v.High)}); err != nil {
		return err
	}
	*i = v
	return nil
}

// MarshalJSON writes {"difference":"…","std_err":"…","z":"…","p_value":"…"}.
func (c ClassicChange) MarshalJSON() ([]byte, error) {
	return decimalsJSON([]string{"difference", "std_err", "z", "p_value"}, c.Difference, c.StdErr, c.Z, c.PValue), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (c *ClassicChange) UnmarshalJSON(b []byte) error {
	var v ClassicChange
	if err := decodeObject("classic NPS change", b,
		jsonField{name: "difference", set: strictDecimal(&v.Difference)},
		jsonField{name: "std_err", set: strictDecimal(&v.StdErr)},
		jsonField{name: "z", set: strictDecimal(&v.Z)},
		jsonField{name: "p_value", set: strictDecimal(&v.PValue)}); err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON writes the assessment (see the JSON notes of json_more.go); an unknown comparison (the zero
// Attainment) is an error wrapping ErrInvalidTarget.
func (a Attainment) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Metric   string          `json:"metric"`
		Compare  Comparison      `json:"compare"`
		Value    json.RawMessage `json:"value"`
		Target   json.RawMessage `json:"target"`
		Met      bool            `json:"met"`
		Distance json.RawMessage `json:"distance"`
	}{a.Metric, a.Compare, decJSON(a.Value), decJSON(a.Target), a.Met, decJSON(a.Distance)})
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (a *Attainment) UnmarshalJSON(b []byte) error {
	var v Attainment
	if err := decodeObject("attainment", b,
		jsonField{name: "metric", set: stringValue(&v.Metric)},
		jsonField{name: "compare", set: func(raw json.RawMessage) error { return v.Compare.UnmarshalJSON(raw) }},
		jsonField{name: "value", set: strictDecimal(&v.Value)},
		jsonField{name: "target", set: strictDecimal(&v.Target)},
		jsonField{name: "met", set: func(raw json.RawMessage) error {
			switch string(raw) {
			case "true", "false":
				v.Met = string(raw) == "true"
				return nil
			}
			return fail(ErrSyntax, "want true or false")
		}},
		jsonField{name: "distance", set: strictDecimal(&v.Distance)}); err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON writes {"key":…,"period":…,"tallies":{…},"respondents":…}; the period is null when the segment has
// none (the zero Period, a grouping without periods).
func (s Segment) MarshalJSON() ([]byte, error) {
	period := json.RawMessage("null")
	if !s.Period.Equal(Period{}) {
		p, err := s.Period.MarshalJSON()
		if err != nil {
			return nil, err
		}
		period = p
	}
	return json.Marshal(struct {
		Key         string          `json:"key"`
		Period      json.RawMessage `json:"period"`
		Tallies     Tallies         `json:"tallies"`
		Respondents int64           `json:"respondents"`
	}{s.Key, period, s.Tallies, s.Respondents})
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly (null only for the period).
func (s *Segment) UnmarshalJSON(b []byte) error {
	var v Segment
	if err := decodeObject("segment", b,
		jsonField{name: "key", set: stringValue(&v.Key)},
		jsonField{name: "period", set: func(raw json.RawMessage) error {
			if string(raw) == "null" {
				return nil
			}
			return v.Period.UnmarshalJSON(raw)
		}},
		jsonField{name: "tallies", set: tallyField(&v.Tallies)},
		jsonField{name: "respondents", set: count(&v.Respondents)}); err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON refuses: a Grouping's Key is a function. Store its periods and the name of the key, and build the
// Grouping again.
func (g Grouping) MarshalJSON() ([]byte, error) {
	return nil, fail(ErrInvalidSetting, "a Grouping has no JSON form (its Key is a function); store its Periods, Since, Cuts and the name of its key instead")
}

// UnmarshalJSON refuses, as MarshalJSON does.
func (g *Grouping) UnmarshalJSON([]byte) error {
	return fail(ErrInvalidSetting, "a Grouping has no JSON form (its Key is a function); build it from stored Periods, Since, Cuts and key name")
}
