package rating

import (
	"bytes"
	"time"
)

// openBound is the text of a missing bound of a Period, as in ISO 8601-2 open intervals.
const openBound = ".."

// Equal reports whether p and o have the same bounds as instants (their locations may differ).
func (p Period) Equal(o Period) bool { return p.From.Equal(o.From) && p.To.Equal(o.To) }

// MarshalText writes "From/To", each bound in RFC 3339 with nanoseconds as needed and ".." for a missing one:
// "2024-01-01T00:00:00Z/2024-04-01T00:00:00+03:00", "2024-01-01T00:00:00Z/..", "../.." for the zero Period. An
// invalid period (see Validate) or a bound outside the years 0–9999 is an error.
func (p Period) MarshalText() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var b []byte
	for i, t := range [2]time.Time{p.From, p.To} {
		if i == 1 {
			b = append(b, '/')
		}
		if t.IsZero() {
			b = append(b, openBound...)
			continue
		}
		if t.Year() < 0 || t.Year() > 9999 {
			return nil, errorf("period bound %s is outside the years 0–9999: %w", t.Format(time.RFC3339), ErrInvalidSetting)
		}
		b = t.AppendFormat(b, time.RFC3339Nano)
	}
	return b, nil
}

// UnmarshalText reads the form MarshalText writes, and only it: each bound exactly as MarshalText would write it.
// Errors wrap ErrDecode or ErrInvalidSetting (To not after From); on error p is unchanged.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) > 100 {
		return errorf("period text of %d bytes, at most 100 allowed: %w", len(b), ErrDecode)
	}
	parts := bytes.Split(b, []byte{'/'})
	if len(parts) != 2 {
		return errorf("period %q is not of the form From/To: %w", clip(string(b)), ErrDecode)
	}
	var q Period
	for i, part := range parts {
		if string(part) == openBound {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, string(part))
		if err != nil || t.Format(time.RFC3339Nano) != string(part) {
			return errorf("period bound %q is not an RFC 3339 time as MarshalText writes it: %w", clip(string(part)), ErrDecode)
		}
		if i == 0 {
			q.From = t
		} else {
			q.To = t
		}
	}
	if err := q.Validate(); err != nil {
		return err
	}
	*p = q
	return nil
}

// MarshalJSON writes the text form as a JSON string.
func (p Period) MarshalJSON() ([]byte, error) {
	b, err := p.MarshalText()
	if err != nil {
		return nil, err
	}
	return appendString(nil, string(b)), nil
}

// UnmarshalJSON reads a JSON string holding the text form; null and other values are errors wrapping ErrDecode.
func (p *Period) UnmarshalJSON(b []byte) error {
	s, err := decodeString(b, "period")
	if err != nil {
		return errorf("%v: %w", err, ErrDecode)
	}
	return p.UnmarshalText([]byte(s))
}

// Equal reports whether q and o are the same quarter.
func (q Quarter) Equal(o Quarter) bool { return q == o }

// MarshalJSON writes the text form as a JSON string, "2026-Q1"; an invalid quarter is an error.
func (q Quarter) MarshalJSON() ([]byte, error) {
	b, err := q.MarshalText()
	if err != nil {
		return nil, err
	}
	return appendString(nil, string(b)), nil
}

// UnmarshalJSON reads a JSON string holding the text form; null and other values are errors wrapping
// ErrInvalidQuarter.
func (q *Quarter) UnmarshalJSON(b []byte) error {
	s, err := decodeString(b, "quarter")
	if err != nil {
		return errorf("%v: %w", err, ErrInvalidQuarter)
	}
	return q.UnmarshalText([]byte(s))
}
