package survey

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"time"
)

// openBound is the text of a zero From ("since the beginning"), as in ISO 8601-2 open intervals.
const openBound = ".."

// MarshalText writes "From/To", each bound in RFC 3339 with nanoseconds as needed and ".." for a zero From:
// "2024-01-01T00:00:00Z/2024-04-01T00:00:00+03:00". An invalid period or a bound outside the years 0–9999 is an
// error wrapping ErrInvalidPeriod.
func (p Period) MarshalText() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var b []byte
	for i, t := range [2]time.Time{p.From, p.To} {
		if i == 1 {
			b = append(b, '/')
		}
		if i == 0 && t.IsZero() {
			b = append(b, openBound...)
			continue
		}
		if t.Year() < 0 || t.Year() > 9999 {
			return nil, fail(ErrInvalidPeriod, "period bound %s is outside the years 0–9999", t.Format(time.RFC3339))
		}
		b = t.AppendFormat(b, time.RFC3339Nano)
	}
	return b, nil
}

// UnmarshalText reads the form MarshalText writes, and only it: each bound exactly as MarshalText would write it.
// Errors wrap ErrInvalidPeriod; on error p is unchanged.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) > 100 {
		return fail(ErrInvalidPeriod, "period text of %d bytes, at most 100 allowed", len(b))
	}
	parts := bytes.Split(b, []byte{'/'})
	if len(parts) != 2 {
		return fail(ErrInvalidPeriod, "period %q is not of the form From/To", clip(string(b)))
	}
	var q Period
	for i, part := range parts {
		if i == 0 && string(part) == openBound {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, string(part))
		if err != nil || t.Format(time.RFC3339Nano) != string(part) {
			return fail(ErrInvalidPeriod, "period bound %q is not an RFC 3339 time as MarshalText writes it", clip(string(part)))
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
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a JSON string holding the text form; null and other values are errors wrapping ErrSyntax.
func (p *Period) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) == 0 || b[0] != '"' || json.Unmarshal(b, &s) != nil {
		return fail(ErrSyntax, "period must be a JSON string such as \"2024-01-01T00:00:00Z/2024-04-01T00:00:00Z\"")
	}
	return p.UnmarshalText([]byte(s))
}

// Value stores the text form (column type TEXT). It implements driver.Valuer.
func (p Period) Value() (driver.Value, error) {
	b, err := p.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a TEXT column written by Value (string or []byte). Errors wrap ErrScan or ErrInvalidPeriod; on error
// p is unchanged.
func (p *Period) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return p.UnmarshalText([]byte(v))
	case []byte:
		return p.UnmarshalText(v)
	case nil:
		return fail(ErrScan, "scan period: NULL; use sql.Null for a nullable column")
	}
	return fail(ErrScan, "scan period: database value of type %T; store the text form in a TEXT column", src)
}
