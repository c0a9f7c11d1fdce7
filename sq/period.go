package sq

import (
	"database/sql/driver"
	"strconv"
	"strings"
	"time"
)

// Period is the half-open span of time [From, To). A zero bound is no bound: the zero Period is all time, and
// Period{From: t} is everything from t on. This is the one meaning of a Period everywhere in the module.
//
// Period is a comparable value, but == also compares locations: use Equal to compare instants.
type Period struct {
	From, To time.Time
}

// Contains reports whether From ≤ t < To, a zero bound being no bound.
func (p Period) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// IsZero reports whether p has neither bound: all time.
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Bounded reports whether p has both bounds.
func (p Period) Bounded() bool { return !p.From.IsZero() && !p.To.IsZero() }

// Equal reports whether p and o have the same bounds as instants (their locations may differ).
func (p Period) Equal(o Period) bool { return p.From.Equal(o.From) && p.To.Equal(o.To) }

// Validate reports an *Error wrapping ErrInvalid when both bounds are set and To is not after From, or a bound
// lies outside the years 1–9999.
func (p Period) Validate() error {
	for _, t := range [2]time.Time{p.From, p.To} {
		if !t.IsZero() && (t.Year() < 1 || t.Year() > 9999) {
			return errorf(ErrInvalid, "period", p.String(), "bounds within the years 1–9999")
		}
	}
	if p.Bounded() && !p.To.After(p.From) {
		return errorf(ErrInvalid, "period", p.String(), "To after From")
	}
	return nil
}

// openBound is the text of a missing bound, as in ISO 8601-2 open intervals.
const openBound = ".."

// String returns the text form, "From/To" (see MarshalText), also for an invalid period.
func (p Period) String() string {
	var b []byte
	for i, t := range [2]time.Time{p.From, p.To} {
		if i == 1 {
			b = append(b, '/')
		}
		if t.IsZero() {
			b = append(b, openBound...)
		} else {
			b = t.AppendFormat(b, time.RFC3339Nano)
		}
	}
	return string(b)
}

// MarshalText writes "From/To", each bound in RFC 3339 (with nanoseconds as needed) and ".." for a missing one:
// "2024-01-01T00:00:00Z/2024-04-01T00:00:00+03:00", "2024-01-01T00:00:00Z/..", "../.." for all time. An invalid
// period is an error.
func (p Period) MarshalText() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return []byte(p.String()), nil
}

// maxPeriodText is the longest text UnmarshalText reads.
const maxPeriodText = 100

// UnmarshalText reads the form MarshalText writes, and only it. Errors wrap ErrMalformed, ErrLimit or ErrInvalid;
// on error p is unchanged.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) > maxPeriodText {
		return errorf(ErrLimit, "period", "text of "+strconv.Itoa(len(b))+" bytes", "at most %d", maxPeriodText)
	}
	from, to, ok := strings.Cut(string(b), "/")
	if !ok || strings.Contains(to, "/") {
		return errorf(ErrMalformed, "period", Quote(string(b)), "From/To, each an RFC 3339 time or ..")
	}
	var q Period
	for i, part := range [2]string{from, to} {
		if part == openBound {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, part)
		if err != nil || t.Format(time.RFC3339Nano) != part {
			return errorf(ErrMalformed, "period", Quote(string(b)), "From/To, each an RFC 3339 time as MarshalText writes it, or ..")
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
	return strconv.AppendQuote(nil, string(b)), nil
}

// UnmarshalJSON reads a JSON string holding the text form; null and other values are errors wrapping ErrMalformed.
func (p *Period) UnmarshalJSON(b []byte) error {
	s, err := jsonString(b, "period", `a string such as "2024-01-01T00:00:00Z/.."`)
	if err != nil {
		return err
	}
	return p.UnmarshalText([]byte(s))
}

// Value stores the text form for database/sql (column type TEXT).
func (p Period) Value() (driver.Value, error) {
	b, err := p.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads the text form from a TEXT column; on error p is unchanged.
func (p *Period) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return p.UnmarshalText([]byte(v))
	case []byte:
		return p.UnmarshalText(v)
	}
	return scanError("period", src, "TEXT")
}
