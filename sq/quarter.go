package sq

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// Quarter is a calendar quarter, such as 2024-Q3 (July to September 2024). The zero Quarter is not valid.
// Quarter is a comparable value.
type Quarter struct {
	Year int // 1–9999
	Q    int // 1–4
}

// Month is a calendar month, such as 2024-03. The zero Month is not valid. Month is a comparable value.
type Month struct {
	Year  int        // 1–9999
	Month time.Month // January–December
}

// NewQuarter returns the quarter q (1–4) of year (1–9999), or an error wrapping ErrInvalid.
func NewQuarter(year, q int) (Quarter, error) {
	qt := Quarter{Year: year, Q: q}
	return qt, qt.Validate()
}

// NewMonth returns the month m of year (1–9999), or an error wrapping ErrInvalid.
func NewMonth(year int, m time.Month) (Month, error) {
	mt := Month{Year: year, Month: m}
	return mt, mt.Validate()
}

// QuarterOf returns the quarter of t in loc (UTC when loc is nil).
func QuarterOf(t time.Time, loc *time.Location) Quarter {
	t = t.In(utc(loc))
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// MonthOf returns the month of t in loc (UTC when loc is nil).
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(utc(loc))
	return Month{Year: t.Year(), Month: t.Month()}
}

func utc(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Validate reports an *Error wrapping ErrInvalid unless Year is within 1–9999 and Q within 1–4.
func (q Quarter) Validate() error {
	if q.Year < 1 || q.Year > 9999 || q.Q < 1 || q.Q > 4 {
		return errorf(ErrInvalid, "quarter", q.String(), "a year within 1–9999 and a quarter within 1–4")
	}
	return nil
}

// Validate reports an *Error wrapping ErrInvalid unless Year is within 1–9999 and Month within 1–12.
func (m Month) Validate() error {
	if m.Year < 1 || m.Year > 9999 || m.Month < time.January || m.Month > time.December {
		return errorf(ErrInvalid, "month", m.String(), "a year within 1–9999 and a month within 1–12")
	}
	return nil
}

// first returns the index of the quarter's first month counted from year 0 (year·12 + month − 1), and its length.
func (q Quarter) first() (int, int) { return q.Year*12 + 3*(q.Q-1), 3 }
func (m Month) first() (int, int)   { return m.Year*12 + int(m.Month) - 1, 1 }

// span returns [start of month index i, start of month index i+n) in loc.
func span(i, n int, loc *time.Location) Period {
	loc = utc(loc)
	from := time.Date(i/12, time.Month(i%12+1), 1, 0, 0, 0, 0, loc)
	to := time.Date((i+n)/12, time.Month((i+n)%12+1), 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: to}
}

// Period returns the quarter as the span from its first midnight to the next quarter's, in loc (UTC when loc is
// nil). An invalid quarter gives the zero Period.
func (q Quarter) Period(loc *time.Location) Period {
	if q.Validate() != nil {
		return Period{}
	}
	i, n := q.first()
	return span(i, n, loc)
}

// Period returns the month as the span from its first midnight to the next month's, in loc (UTC when loc is nil).
// An invalid month gives the zero Period.
func (m Month) Period(loc *time.Location) Period {
	if m.Validate() != nil {
		return Period{}
	}
	i, n := m.first()
	return span(i, n, loc)
}

// Next returns the quarter after q.
func (q Quarter) Next() Quarter { i, _ := q.first(); return quarterAt(i + 3) }

// Prev returns the quarter before q.
func (q Quarter) Prev() Quarter { i, _ := q.first(); return quarterAt(i - 3) }

// Next returns the month after m.
func (m Month) Next() Month { i, _ := m.first(); return monthAt(i + 1) }

// Prev returns the month before m.
func (m Month) Prev() Month { i, _ := m.first(); return monthAt(i - 1) }

func quarterAt(i int) Quarter { return Quarter{Year: floorDiv(i, 12), Q: floorMod(i, 12)/3 + 1} }
func monthAt(i int) Month {
	return Month{Year: floorDiv(i, 12), Month: time.Month(floorMod(i, 12) + 1)}
}

func floorDiv(a, b int) int { return (a - floorMod(a, b)) / b }
func floorMod(a, b int) int { return ((a % b) + b) % b }

// Before reports whether q is earlier than r.
func (q Quarter) Before(r Quarter) bool { return q.Year < r.Year || q.Year == r.Year && q.Q < r.Q }

// Before reports whether m is earlier than n.
func (m Month) Before(n Month) bool { return m.Year < n.Year || m.Year == n.Year && m.Month < n.Month }

// String returns "2024-Q3".
func (q Quarter) String() string { return fmt.Sprintf("%04d-Q%d", q.Year, q.Q) }

// String returns "2024-03".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// ParseQuarter reads a quarter written as 2024-Q3. Errors wrap ErrMalformed or ErrInvalid.
func ParseQuarter(s string) (Quarter, error) {
	if len(s) != 7 || s[4] != '-' || s[5] != 'Q' || !digits(s[:4]) || !digits(s[6:]) {
		return Quarter{}, errorf(ErrMalformed, "quarter", Quote(s), "a quarter written as 2024-Q3")
	}
	y, _ := strconv.Atoi(s[:4])
	return NewQuarter(y, int(s[6]-'0'))
}

// ParseMonth reads a month written as 2024-03. Errors wrap ErrMalformed or ErrInvalid.
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' || !digits(s[:4]) || !digits(s[5:]) {
		return Month{}, errorf(ErrMalformed, "month", Quote(s), "a month written as 2024-03")
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:])
	return NewMonth(y, time.Month(m))
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalText writes "2024-Q3"; an invalid quarter is an error. JSON writes it as a string.
func (q Quarter) MarshalText() ([]byte, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return []byte(q.String()), nil
}

// MarshalText writes "2024-03"; an invalid month is an error. JSON writes it as a string.
func (m Month) MarshalText() ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads the form ParseQuarter reads; on error q is unchanged.
func (q *Quarter) UnmarshalText(b []byte) error {
	v, err := ParseQuarter(string(b))
	if err == nil {
		*q = v
	}
	return err
}

// UnmarshalText reads the form ParseMonth reads; on error m is unchanged.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// Value stores the text form for database/sql (column type TEXT).
func (q Quarter) Value() (driver.Value, error) { return textValue(q) }

// Value stores the text form for database/sql (column type TEXT).
func (m Month) Value() (driver.Value, error) { return textValue(m) }

// Scan reads the text form from a TEXT column; on error q is unchanged.
func (q *Quarter) Scan(src any) error { return scanText(q, "quarter", src) }

// Scan reads the text form from a TEXT column; on error m is unchanged.
func (m *Month) Scan(src any) error { return scanText(m, "month", src) }

func textValue(v interface{ MarshalText() ([]byte, error) }) (driver.Value, error) {
	b, err := v.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func scanText(v interface{ UnmarshalText([]byte) error }, what string, src any) error {
	switch s := src.(type) {
	case string:
		return v.UnmarshalText([]byte(s))
	case []byte:
		return v.UnmarshalText(s)
	}
	return scanError(what, src, "TEXT")
}

// maxSpans is the largest number of quarters or months Quarters and Months return: a thousand years of months.
const maxSpans = 12_000

// Quarters returns the quarters that overlap p in loc (UTC when loc is nil), in order. p must be bounded, valid
// and overlap at most 12,000 quarters; otherwise the error wraps ErrInvalid or ErrLimit.
func Quarters(p Period, loc *time.Location) ([]Quarter, error) {
	first, last, err := spanRange(p, loc)
	if err != nil {
		return nil, err
	}
	var out []Quarter
	for q := QuarterOf(first, loc); !last.Before(q); q = q.Next() {
		out = append(out, q)
	}
	return out, nil
}

// Months returns the months that overlap p in loc (UTC when loc is nil), in order. p must be bounded, valid and
// overlap at most 12,000 months; otherwise the error wraps ErrInvalid or ErrLimit.
func Months(p Period, loc *time.Location) ([]Month, error) {
	first, _, err := spanRange(p, loc)
	if err != nil {
		return nil, err
	}
	var out []Month
	for m := MonthOf(first, loc); m.Period(loc).From.Before(p.To); m = m.Next() {
		out = append(out, m)
	}
	return out, nil
}

// spanRange checks p for Quarters and Months and returns its first instant and the quarter of its last.
func spanRange(p Period, loc *time.Location) (time.Time, Quarter, error) {
	if !p.Bounded() {
		return time.Time{}, Quarter{}, errorf(ErrInvalid, "period", p.String(), "both bounds set")
	}
	if err := p.Validate(); err != nil {
		return time.Time{}, Quarter{}, err
	}
	first, last := MonthOf(p.From, loc), MonthOf(p.To.Add(-time.Nanosecond), loc)
	if n := (last.Year-first.Year)*12 + int(last.Month) - int(first.Month) + 1; n > maxSpans {
		return time.Time{}, Quarter{}, errorf(ErrLimit, "period", p.String(), "at most %d months", maxSpans)
	}
	return p.From, QuarterOf(p.To.Add(-time.Nanosecond), loc), nil
}
