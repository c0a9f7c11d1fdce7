package sq

import (
	"cmp"
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar date without a time or a location, such as the last day of a complaint's term.
// The zero Date is 0000-00-00 and is not a valid date: IsZero reports it.
//
// Date is a comparable value; == compares dates exactly.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in loc (in t's own location when loc is nil).
func DateOf(t time.Time, loc *time.Location) Date {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date y-m-d, normalised as time.Date normalises (NewDate(2026, 3, 32) is 2026-04-01).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC), nil)
}

// ParseDate reads a date written as 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if len(s) != 10 || err != nil {
		return Date{}, errorf(ErrMalformed, "date", Quote(s), "a valid date written as YYYY-MM-DD")
	}
	return DateOf(t, nil), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real date between years 1 and 9999.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && NewDate(d.Year, d.Month, d.Day) == d
}

// String returns the date as 2006-01-02.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// noon is 12:00 UTC of d, the representation used for date arithmetic.
func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(int(d.Month), int(e.Month))
	default:
		return cmp.Compare(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.noon().Sub(d.noon()).Hours() / 24)
}

// Start returns the first instant of d in loc (UTC when loc is nil). On a day whose midnight is skipped by a clock change (clocks jump
// from 24:00 to 01:00) it is the instant the day begins; on a day whose midnight happens twice it is the first.
func (d Date) Start(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	if DateOf(t, loc).Before(d) {
		// time.Date resolved a skipped midnight into the previous day: the day begins when that zone ends.
		_, end := t.ZoneBounds()
		if !end.IsZero() {
			t = end
		}
	}
	// A midnight that happens twice (clocks turned back to 00:00): take the earlier instant.
	if start, _ := t.ZoneBounds(); !start.IsZero() {
		_, offNow := t.Zone()
		_, offBefore := start.Add(-time.Nanosecond).Zone()
		if offBefore > offNow {
			earlier := t.Add(-time.Duration(offBefore-offNow) * time.Second)
			if earlier.Before(start) && DateOf(earlier, loc) == d && earlier.In(loc).Hour() == 0 &&
				earlier.In(loc).Minute() == 0 {
				t = earlier
			}
		}
	}
	return t
}

// At returns the instant at which the wall clock of loc reads tod (a duration since midnight, e.g.
// 18*time.Hour, below 24 hours) on d: the earliest instant of d whose local time of day is tod or later. A time
// that happens twice (clocks turned back) is taken at its first occurrence; a time skipped by a clock change
// (clocks turned forward over it) gives the instant of the change, when the clock jumps past it. On a day whose
// clock never reaches tod, it is the start of the next day. (time.Date leaves both cases unspecified.) A nil loc
// is UTC.
//
// A policy's ReceiptCutoff and DueBy use this rule: received at or after d.At(cutoff) counts as received the next
// day, and the term ends at LastDay.At(DueBy).
func (d Date) At(tod time.Duration, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	w := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Add(tod) // the wall clock, read as if in UTC
	wall := func(t time.Time) (Date, time.Duration) {
		l := t.In(loc)
		y, m, dd := l.Date()
		return Date{y, m, dd}, time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute +
			time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond())
	}
	reached := func(t time.Time) bool { // d's clock reads tod or later at t
		day, clock := wall(t)
		return day == d && clock >= tod || day.After(d)
	}
	var best time.Time
	consider := func(t time.Time) {
		if !reached(t) || !best.IsZero() && !t.Before(best) {
			return
		}
		// t is a candidate only if the instant just before it had not reached tod yet.
		if prev := t.Add(-time.Nanosecond); !reached(prev) {
			best = t
		}
	}
	// Every offset in force around that wall time gives a candidate instant; zone changes give the others.
	for _, h := range []time.Duration{-48, -24, -12, 0, 12, 24, 48} {
		probe := w.Add(h * time.Hour).In(loc)
		_, off := probe.Zone()
		t := w.Add(-time.Duration(off) * time.Second)
		consider(t)
		start, end := t.In(loc).ZoneBounds()
		for _, b := range []time.Time{start, end} {
			if !b.IsZero() {
				consider(b)
			}
		}
	}
	if best.IsZero() {
		return d.AddDays(1).Start(loc)
	}
	return best.In(loc)
}

// MarshalText writes the date as 2006-01-02.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, errorf(ErrInvalid, "date", d.String(), "a real date in the years 1–9999")
	}
	return []byte(d.String()), nil
}

// Value stores the date for database/sql as the text 2006-01-02, for a DATE or TEXT column; the zero Date is
// NULL. An invalid date is an error.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	b, err := d.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a date from database/sql: the text 2006-01-02 (string or []byte), a time.Time (a DATE column; its
// date in its own location), or NULL (the zero Date). Other values are refused; d is unchanged on error.
func (d *Date) Scan(src any) error {
	if d == nil {
		return errorf(ErrInvalid, "date", "", "Scan into a non-nil *Date")
	}
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		*d = DateOf(v, nil)
		return nil
	}
	return scanError("date", src, "DATE or TEXT (2006-01-02)")
}

// UnmarshalText reads a date written as 2006-01-02.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
