package survey

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// JSON forms of the values other than the tallies (the list is in json.go).

var kindCodes = [...]string{KindCSI: "csi", KindRecommend: "recommend", KindClassic: "classic", KindCSAT: "csat",
	KindCES: "ces", KindFCR: "fcr"}

// MarshalText writes the kind's code: "csi", "recommend", "classic", "csat", "ces" or "fcr". An unknown kind is
// an error wrapping ErrInvalidAnswer.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, problem(ErrInvalidAnswer, "kind", fmt.Sprint(uint8(k)), "one of the Kind constants")
	}
	return []byte(kindCodes[k]), nil
}

// UnmarshalText reads a kind's code; other text is an error wrapping ErrInvalidAnswer.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, c := range kindCodes {
		if c != "" && c == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return problem(ErrInvalidAnswer, "kind", clip(string(b)), "one of csi, recommend, classic, csat, ces, fcr")
}

// MarshalJSON writes {"kind":…,"value":…}; an invalid answer is an error.
func (a Answer) MarshalJSON() ([]byte, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return writeObject(member{"kind", valueJSON(kindCodes[a.Kind])}, member{"value", countJSON(int64(a.Value))}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the answer.
func (a *Answer) UnmarshalJSON(b []byte) error {
	var v Answer
	return readObject(a, "answer", b, func() (Answer, error) { return v, v.Validate() },
		field("kind", textField("kind", &v.Kind)), field("value", intValue(&v.Value)))
}

// intValue returns a field setter for a JSON integer within 32 bits.
func intValue(dst *int) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		n, err := strconv.ParseInt(string(raw), 10, 32)
		if err != nil {
			return problem(sq.ErrMalformed, "", clip(string(raw)), "a whole JSON number within 32 bits")
		}
		*dst = int(n)
		return nil
	}
}

// stringValue returns a field setter for a JSON string.
func stringValue(dst *string) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, dst) != nil {
			return malformed("a JSON string")
		}
		return nil
	}
}

// strictDecimal returns a field setter for a decimal written as a JSON string.
func strictDecimal(dst *decimal.Decimal) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		if len(raw) == 0 || raw[0] != '"' {
			return malformed("a decimal as a JSON string")
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
		return "", problem(ErrInvalidAnswer, "at", t.Format(time.RFC3339), "within the years 0–9999")
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
			return problem(sq.ErrMalformed, "", clip(s), "an RFC 3339 time as this package writes it")
		}
		*dst = t
		return nil
	}
}

// MarshalJSON writes the response (see the JSON notes of json.go); a zero At is "".
func (r Response) MarshalJSON() ([]byte, error) {
	at, err := timeText(r.At)
	if err != nil {
		return nil, err
	}
	answer, err := r.Answer.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return writeObject(member{"client", valueJSON(r.Client)}, member{"employee", valueJSON(r.Employee)},
		member{"department", valueJSON(r.Department)}, member{"channel", valueJSON(r.Channel)},
		member{"at", valueJSON(at)}, member{"answer", answer}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly, and validates the answer.
func (r *Response) UnmarshalJSON(b []byte) error {
	var v Response
	return readObject(r, "response", b, func() (Response, error) { return v, nil },
		field("client", stringValue(&v.Client)), field("employee", stringValue(&v.Employee)),
		field("department", stringValue(&v.Department)), field("channel", stringValue(&v.Channel)),
		field("at", timeValue(&v.At)), field("answer", nested(&v.Answer)))
}

// MarshalJSON writes {"detractor_max":…,"promoter_min":…} as given (the zero value as zeros).
func (c ClassicCuts) MarshalJSON() ([]byte, error) {
	return writeObject(member{"detractor_max", countJSON(int64(c.DetractorMax))},
		member{"promoter_min", countJSON(int64(c.PromoterMin))}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes and validates the cuts (ErrInvalidSetting).
func (c *ClassicCuts) UnmarshalJSON(b []byte) error {
	var v ClassicCuts
	return readObject(c, "classic cuts", b, func() (ClassicCuts, error) { return v, v.Validate() },
		field("detractor_max", intValue(&v.DetractorMax)), field("promoter_min", intValue(&v.PromoterMin)))
}

// MarshalJSON writes {"low":"…","high":"…"}.
func (i Interval) MarshalJSON() ([]byte, error) {
	return writeObject(member{"low", decimalJSON(i.Low)}, member{"high", decimalJSON(i.High)}), nil
}

// MarshalJSON writes {"difference":"…","std_err":"…","z":"…","p_value":"…"}.
func (c ClassicChange) MarshalJSON() ([]byte, error) {
	return writeObject(member{"difference", valueJSON(c.Difference)}, member{"std_err", decimalJSON(c.StdErr)},
		member{"z", decimalJSON(c.Z)}, member{"p_value", decimalJSON(c.PValue)}), nil
}

// MarshalJSON writes the assessment (see the JSON notes of json.go); an unknown comparison (the zero Attainment)
// is an error wrapping ErrInvalidSetting.
func (a Attainment) MarshalJSON() ([]byte, error) {
	cmp, err := a.Compare.MarshalText()
	if err != nil {
		return nil, err
	}
	return writeObject(member{"metric", valueJSON(a.Metric)}, member{"compare", valueJSON(string(cmp))},
		member{"value", decimalJSON(a.Value)}, member{"target", decimalJSON(a.Target)},
		member{"met", valueJSON(a.Met)}, member{"distance", decimalJSON(a.Distance)}), nil
}

// MarshalJSON writes {"key":…,"period":…,"tallies":{…},"respondents":…}, the period in the text form of sq.Period
// ("../.." for all time, a grouping without periods).
func (s Segment) MarshalJSON() ([]byte, error) {
	period, err := s.Period.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return writeObject(member{"key", valueJSON(s.Key)}, member{"period", period},
		member{"tallies", valueJSON(s.Tallies)}, member{"respondents", countJSON(s.Respondents)}), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (s *Segment) UnmarshalJSON(b []byte) error {
	var v Segment
	return readObject(s, "segment", b, func() (Segment, error) { return v, nil },
		field("key", stringValue(&v.Key)),
		field("period", nested(&v.Period)),
		field("tallies", nested(&v.Tallies)), field("respondents", count(&v.Respondents)))
}
