package survey

import (
	"time"
)

// Period is the half-open time range [From, To): it contains From and not To. Periods compare instants, so the
// location of From and To does not matter once they are made; the calendar helpers Month, Quarter, Months and
// Quarters take the location whose calendar draws the boundaries.
//
// A zero From means "since the beginning". The zero Period is invalid (it does not end after it starts).
type Period struct {
	From, To time.Time
}

// Contains reports whether From ≤ t < To.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && t.Before(p.To)
}

// Validate reports an error wrapping ErrInvalidPeriod unless To is after From.
func (p Period) Validate() error {
	if !p.To.After(p.From) {
		return fail(ErrInvalidPeriod, "period %s does not end after it starts", p)
	}
	return nil
}

// Equal reports whether both periods have the same instants.
func (p Period) Equal(o Period) bool {
	return p.From.Equal(o.From) && p.To.Equal(o.To)
}

// String renders the period as "[From, To)" in RFC 3339.
func (p Period) String() string {
	return "[" + p.From.Format(time.RFC3339) + ", " + p.To.Format(time.RFC3339) + ")"
}

// maxPeriods bounds the periods Months and Quarters return: a thousand years of months.
const maxPeriods = 12_000

// Month returns the calendar month of year in loc, from its first midnight to the next month's. The year must be
// within 1–9999 and loc must not be nil; errors wrap ErrInvalidPeriod.
func Month(year int, month time.Month, loc *time.Location) (Period, error) {
	if err := checkCalendar(year, loc); err != nil {
		return Period{}, err
	}
	if month < time.January || month > time.December {
		return Period{}, fail(ErrInvalidPeriod, "month %d is outside 1–12", int(month))
	}
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: from.AddDate(0, 1, 0)}, nil
}

// Quarter returns calendar quarter q (1–4) of year in loc: quarter 1 is January to March. The year must be within
// 1–9999 and loc must not be nil; errors wrap ErrInvalidPeriod.
func Quarter(year, q int, loc *time.Location) (Period, error) {
	if err := checkCalendar(year, loc); err != nil {
		return Period{}, err
	}
	if q < 1 || q > 4 {
		return Period{}, fail(ErrInvalidPeriod, "quarter %d is outside 1–4", q)
	}
	from := time.Date(year, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: from.AddDate(0, 3, 0)}, nil
}

// Months returns the consecutive calendar months of loc that overlap [from, to), oldest first: the first contains
// from, the last contains the last instant before to. from must be before to, loc must not be nil, the years within
// 1–9999, and there may be at most 12 000 months; errors wrap ErrInvalidPeriod.
func Months(from, to time.Time, loc *time.Location) ([]Period, error) {
	return calendarRange(from, to, loc, 1)
}

// Quarters returns the consecutive calendar quarters of loc that overlap [from, to), oldest first, with the rules of
// Months.
func Quarters(from, to time.Time, loc *time.Location) ([]Period, error) {
	return calendarRange(from, to, loc, 3)
}

func calendarRange(from, to time.Time, loc *time.Location, months int) ([]Period, error) {
	if loc == nil {
		return nil, fail(ErrInvalidPeriod, "location is nil; pass time.UTC or a loaded location")
	}
	if !to.After(from) {
		return nil, fail(ErrInvalidPeriod, "range %s does not end after it starts", Period{From: from, To: to})
	}
	f, t := from.In(loc), to.In(loc)
	if f.Year() < 1 || t.Year() > 9999 {
		return nil, fail(ErrInvalidPeriod, "range %s reaches outside the years 1–9999", Period{From: from, To: to})
	}
	count := ((t.Year()-f.Year())*12+int(t.Month())-int(f.Month()))/months + 2 // an upper bound
	if count > maxPeriods+1 {
		return nil, fail(ErrInvalidPeriod, "range %s holds more than %d periods", Period{From: from, To: to},
			maxPeriods)
	}
	first := time.Month((int(f.Month())-1)/months*months + 1)
	start := time.Date(f.Year(), first, 1, 0, 0, 0, 0, loc)
	out := make([]Period, 0, count)
	for {
		end := start.AddDate(0, months, 0)
		out = append(out, Period{From: start, To: end})
		if !end.Before(to) {
			break
		}
		start = end
	}
	if len(out) > maxPeriods {
		return nil, fail(ErrInvalidPeriod, "range %s holds more than %d periods", Period{From: from, To: to},
			maxPeriods)
	}
	return out, nil
}

func checkCalendar(year int, loc *time.Location) error {
	if loc == nil {
		return fail(ErrInvalidPeriod, "location is nil; pass time.UTC or a loaded location")
	}
	if year < 1 || year > 9999 {
		return fail(ErrInvalidPeriod, "year %d is outside 1–9999", year)
	}
	return nil
}
