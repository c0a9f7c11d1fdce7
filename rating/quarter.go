package rating

import (
	"fmt"
	"time"
)

// Quarter is a calendar quarter: Q1 is January–March, Q4 October–December (SPEC R6: evaluations happen at least
// once a quarter). A Quarter names no location: its start and end are computed in a location given explicitly,
// because a quarter begins at a different instant in Almaty than in Moscow.
//
// The zero Quarter is not valid; on an invalid quarter Start and End return the zero time and Contains reports
// false. Build one with NewQuarter, QuarterOf or ParseQuarter, or as a literal checked by Validate.
type Quarter struct {
	Year int // 1–9999
	Q    int // 1–4
}

// NewQuarter returns the quarter q (1–4) of year (1–9999), or an error wrapping ErrInvalidQuarter.
func NewQuarter(year, q int) (Quarter, error) {
	qt := Quarter{Year: year, Q: q}
	return qt, qt.Validate()
}

// QuarterOf returns the quarter that holds t in loc. A nil loc means UTC, as in package time.
func QuarterOf(t time.Time, loc *time.Location) Quarter {
	t = t.In(location(loc))
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

func location(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Validate reports an error wrapping ErrInvalidQuarter unless q is Q1–Q4 of a year 1–9999.
func (q Quarter) Validate() error {
	if q.Year < 1 || q.Year > 9999 {
		return errorf("quarter year %d is outside 1–9999: %w", q.Year, ErrInvalidQuarter)
	}
	if q.Q < 1 || q.Q > 4 {
		return errorf("quarter %d of %d is outside 1–4: %w", q.Q, q.Year, ErrInvalidQuarter)
	}
	return nil
}

// Start returns the first instant of q in loc (midnight of its first day). A nil loc means UTC.
func (q Quarter) Start(loc *time.Location) time.Time {
	if q.Validate() != nil {
		return time.Time{}
	}
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, location(loc))
}

// End returns the first instant after q in loc: the start of the next quarter. A quarter is the half-open interval
// [Start, End).
func (q Quarter) End(loc *time.Location) time.Time {
	if q.Validate() != nil {
		return time.Time{}
	}
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1)+3, 1, 0, 0, 0, 0, location(loc))
}

// Contains reports whether t lies in q, in loc.
func (q Quarter) Contains(t time.Time, loc *time.Location) bool {
	return q.Validate() == nil && QuarterOf(t, loc) == q
}

// Period returns q as the period [Start, End) in loc.
func (q Quarter) Period(loc *time.Location) Period {
	return Period{From: q.Start(loc), To: q.End(loc)}
}

// Next returns the quarter after q; Prev the one before. Neither checks validity.
func (q Quarter) Next() Quarter {
	if q.Q >= 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// Prev returns the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q <= 1 {
		return Quarter{Year: q.Year - 1, Q: 4}
	}
	return Quarter{Year: q.Year, Q: q.Q - 1}
}

// Before reports whether q comes before r.
func (q Quarter) Before(r Quarter) bool {
	return q.Year < r.Year || (q.Year == r.Year && q.Q < r.Q)
}

// String returns "2024-Q3".
func (q Quarter) String() string { return fmt.Sprintf("%04d-Q%d", q.Year, q.Q) }

// ParseQuarter reads the form written by String: four digits of the year, "-Q" and the quarter digit ("2024-Q3").
// Errors wrap ErrInvalidQuarter.
func ParseQuarter(s string) (Quarter, error) {
	if len(s) != 7 || s[4] != '-' || s[5] != 'Q' {
		return Quarter{}, errorf("quarter %q is not of the form 2024-Q3: %w", clip(s), ErrInvalidQuarter)
	}
	year := 0
	for _, c := range s[:4] {
		if c < '0' || c > '9' {
			return Quarter{}, errorf("quarter %q: year is not four digits: %w", s, ErrInvalidQuarter)
		}
		year = 10*year + int(c-'0')
	}
	if c := s[6]; c < '0' || c > '9' {
		return Quarter{}, errorf("quarter %q: quarter is not a digit: %w", s, ErrInvalidQuarter)
	}
	return NewQuarter(year, int(s[6]-'0'))
}

// MarshalText writes the String form; an invalid quarter is an error.
func (q Quarter) MarshalText() ([]byte, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return []byte(q.String()), nil
}

// UnmarshalText reads the String form (see ParseQuarter).
func (q *Quarter) UnmarshalText(b []byte) error {
	p, err := ParseQuarter(string(b))
	if err != nil {
		return err
	}
	*q = p
	return nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Period is the half-open time interval [From, To). The zero To means the period has no end, so
// Period{From: start} is "cumulative since start" (SPEC R10); the zero From means no start. The zero Period
// contains every instant. Use Quarter.Period for a quarter and Since for a cumulative period.
type Period struct {
	From, To time.Time
}

// Since returns the period from start on, without end.
func Since(start time.Time) Period { return Period{From: start} }

// Contains reports whether From ≤ t < To (a zero bound is no bound).
func (p Period) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// IsZero reports whether p has neither bound.
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Validate reports an error wrapping ErrInvalidSetting when both bounds are set and To is not after From.
func (p Period) Validate() error {
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
		return errorf("period from %s to %s is empty, To must be after From: %w",
			p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), ErrInvalidSetting)
	}
	return nil
}

// String returns "[2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z)", with "…" for a missing bound.
func (p Period) String() string {
	f, t := "…", "…"
	if !p.From.IsZero() {
		f = p.From.Format(time.RFC3339)
	}
	if !p.To.IsZero() {
		t = p.To.Format(time.RFC3339)
	}
	return "[" + f + ", " + t + ")"
}
