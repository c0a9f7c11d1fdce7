package complaints

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Calendar tells working days from days off. Its one method has the signature of
// (*cal.BusinessCalendar).IsWorkday in github.com/rickar/cal/v2, so such a calendar is a Calendar as it is:
//
//	bc := cal.NewBusinessCalendar()
//	bc.AddHoliday(kz.Holidays...)      // any rickar/cal holiday set
//	p := complaints.Policy{Length: 15, Unit: complaints.WorkingDays, Calendar: bc, Location: loc}
//
// A Policy converts every instant to its own Location first and then asks IsWorkday about 12:00 of that local
// date, in that Location; an implementation should look only at the date of the time it is given, in the time's
// own location (as rickar/cal and *WorkCalendar do). Implementations must be safe for concurrent use.
//
// A calendar that knows its limits may also implement
//
//	Covers(date time.Time) bool
//
// A Policy asks it about every date it inspects and fails with ErrCalendarRange for a date it does not cover,
// rather than count on guessed holidays. *WorkCalendar implements it.
type Calendar interface {
	IsWorkday(date time.Time) bool
}

// coverer is the optional interface described on Calendar.
type coverer interface {
	Covers(date time.Time) bool
}

// Week is a weekly pattern of working days, indexed by time.Weekday: Week[time.Monday] is true when Mondays are
// working days. The zero Week has no working day and is refused by NewCalendar.
type Week [7]bool

// MondayToFriday is the five-day working week.
var MondayToFriday = Week{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true,
	time.Friday: true}

// String lists the working days, e.g. "Mon Tue Wed Thu Fri".
func (w Week) String() string {
	var s []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w[d] {
			s = append(s, d.String()[:3])
		}
	}
	return strings.Join(s, " ")
}

// Day is one dated entry of calendar data, with a name for people ("Nauryz meiramy", "working Saturday").
type Day struct {
	Date Date   `json:"date"`
	Name string `json:"name,omitempty"`
}

// Year is the data of one calendar year: the days off that fall outside the weekly pattern, the weekend days made
// working days, and the shortened working days. It is what a production calendar publishes.
//
//   - Holidays are days off: public holidays, and the days off moved onto a weekday by law or decree (a holiday on a
//     Saturday moved to Monday, a day off transferred from a Saturday). A holiday that falls on a weekend may be
//     listed too, for its name; it changes nothing.
//   - Workdays are days of the weekly rest (a Saturday, a Sunday) made working days by decree.
//   - Shortened are working days one hour shorter (before a holiday). They stay working days for deadlines; they
//     are kept for callers who plan hours.
type Year struct {
	Year      int    `json:"year"`
	Source    string `json:"source"`
	Notes     string `json:"notes,omitempty"`
	Holidays  []Day  `json:"holidays"`
	Workdays  []Day  `json:"workdays"`
	Shortened []Day  `json:"shortened"`
}

// CalendarData is a working calendar written as plain data: a weekly pattern and, optionally, per-year data.
// NewCalendar checks it and builds a *WorkCalendar; ParseCalendar reads it from JSON.
//
// With no Years the calendar is the weekly pattern alone and covers every date. With Years it covers exactly
// those years, and a Policy refuses (ErrCalendarRange) a deadline that needs a date in another year.
type CalendarData struct {
	Name  string `json:"name"`
	Week  Week   `json:"-"`
	Years []Year `json:"years"`
}

type dayKind uint8

const (
	kindHoliday dayKind = 1 << iota
	kindWorkday
	kindShortened
)

// WorkCalendar is a built, immutable working calendar: a weekly pattern plus holidays, transferred working days and
// shortened days for the years it covers. It implements Calendar and Covers. Build one with NewCalendar,
// ParseCalendar, Kazakhstan or Russia. A *WorkCalendar is safe for concurrent use.
//
// IsWorkday and the other date methods read the calendar date of the given time in the time's own location. A
// nil *WorkCalendar is the Monday-to-Friday week with no holidays.
type WorkCalendar struct {
	data  CalendarData
	days  map[Date]dayKind
	years map[int]bool
}

// maxCalendarYears bounds the data a calendar may hold.
const maxCalendarYears = 200

// NewCalendar checks d and builds a calendar from it. It copies d: later changes to d do not affect the calendar.
// Errors wrap ErrInvalidCalendar and name the year, date and rule broken.
func NewCalendar(d CalendarData) (*WorkCalendar, error) {
	c := &WorkCalendar{days: map[Date]dayKind{}, years: map[int]bool{}}
	if d.Week == (Week{}) {
		return nil, fmt.Errorf("complaints: calendar %q: the week has no working day: %w", clip(d.Name), ErrInvalidCalendar)
	}
	if len(d.Years) > maxCalendarYears {
		return nil, fmt.Errorf("complaints: calendar %q: %d years of data, at most %d allowed: %w", clip(d.Name),
			len(d.Years), maxCalendarYears, ErrInvalidCalendar)
	}
	c.data = CalendarData{Name: d.Name, Week: d.Week, Years: make([]Year, len(d.Years))}
	for i, y := range d.Years {
		if y.Year < 1 || y.Year > 9999 {
			return nil, fmt.Errorf("complaints: calendar %q: year %d is outside 1–9999: %w", clip(d.Name), y.Year,
				ErrInvalidCalendar)
		}
		if c.years[y.Year] {
			return nil, fmt.Errorf("complaints: calendar %q: year %d is given twice: %w", clip(d.Name), y.Year,
				ErrInvalidCalendar)
		}
		c.years[y.Year] = true
		lists := []struct {
			what string
			days []Day
			kind dayKind
		}{{"holiday", y.Holidays, kindHoliday}, {"working day", y.Workdays, kindWorkday},
			{"shortened day", y.Shortened, kindShortened}}
		for _, l := range lists {
			for _, day := range l.days {
				if err := c.add(d, y.Year, l.what, day, l.kind); err != nil {
					return nil, err
				}
			}
		}
		c.data.Years[i] = Year{Year: y.Year, Source: y.Source, Notes: y.Notes, Holidays: slices.Clone(y.Holidays),
			Workdays: slices.Clone(y.Workdays), Shortened: slices.Clone(y.Shortened)}
	}
	slices.SortFunc(c.data.Years, func(a, b Year) int { return cmp.Compare(a.Year, b.Year) })
	return c, nil
}

func (c *WorkCalendar) add(d CalendarData, year int, what string, day Day, kind dayKind) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("complaints: calendar %q: year %d: %s %s: %s: %w", clip(d.Name), year, what, day.Date,
			fmt.Sprintf(format, args...), ErrInvalidCalendar)
	}
	if !day.Date.valid() || day.Date.Year != year {
		return fail("the date is not a valid date of %d", year)
	}
	if len(day.Name) > 200 {
		return fail("name of %d bytes, at most 200 allowed", len(day.Name))
	}
	prev := c.days[day.Date]
	weekly := d.Week[day.Date.Weekday()]
	switch kind {
	case kindHoliday:
		if prev&kindHoliday != 0 {
			return fail("listed twice")
		}
	case kindWorkday:
		if weekly {
			return fail("a %s is already a working day by the weekly pattern", day.Date.Weekday())
		}
		if prev&kindWorkday != 0 {
			return fail("listed twice")
		}
	case kindShortened:
		if prev&kindShortened != 0 {
			return fail("listed twice")
		}
		if !weekly && prev&kindWorkday == 0 {
			return fail("a shortened day must be a working day; list the %s among the working days first",
				day.Date.Weekday())
		}
	}
	if prev&kindHoliday != 0 && kind != kindHoliday || prev&(kindWorkday|kindShortened) != 0 && kind == kindHoliday {
		return fail("the date is both a holiday and a working day")
	}
	c.days[day.Date] = prev | kind
	return nil
}

// Data returns a copy of the calendar's data.
func (c *WorkCalendar) Data() CalendarData {
	if c == nil {
		return CalendarData{Name: "Mon–Fri", Week: MondayToFriday}
	}
	d := c.data
	d.Years = make([]Year, len(c.data.Years))
	for i, y := range c.data.Years {
		y.Holidays, y.Workdays, y.Shortened = slices.Clone(y.Holidays), slices.Clone(y.Workdays), slices.Clone(y.Shortened)
		d.Years[i] = y
	}
	return d
}

// Name returns the calendar's name.
func (c *WorkCalendar) Name() string { return c.Data().Name }

// Years returns the years the calendar has data for, in order; none when it is a weekly pattern alone.
func (c *WorkCalendar) Years() []int {
	if c == nil {
		return nil
	}
	ys := make([]int, len(c.data.Years))
	for i, y := range c.data.Years {
		ys[i] = y.Year
	}
	return ys
}

// Covers reports whether the calendar has data for the year of date (in date's location). A calendar with no
// year data covers every date.
func (c *WorkCalendar) Covers(date time.Time) bool {
	if c == nil || len(c.years) == 0 {
		return true
	}
	return c.years[date.Year()]
}

// IsWorkday reports whether the date of t (in t's location) is a working day: a day of the weekly pattern that is
// not a holiday, or a weekend day made a working day.
func (c *WorkCalendar) IsWorkday(t time.Time) bool {
	d := DateOf(t, nil)
	if c == nil {
		return MondayToFriday[d.Weekday()]
	}
	k := c.days[d]
	switch {
	case k&kindHoliday != 0:
		return false
	case k&kindWorkday != 0:
		return true
	}
	return c.data.Week[d.Weekday()]
}

// IsHoliday reports whether the date of t is listed among the holidays (days off outside the weekly rest, and
// holidays that fall on the weekly rest).
func (c *WorkCalendar) IsHoliday(t time.Time) bool {
	return c != nil && c.days[DateOf(t, nil)]&kindHoliday != 0
}

// IsShortened reports whether the date of t is a shortened working day.
func (c *WorkCalendar) IsShortened(t time.Time) bool {
	return c != nil && c.days[DateOf(t, nil)]&kindShortened != 0
}

// Equal reports whether c and o hold the same data.
func (c *WorkCalendar) Equal(o *WorkCalendar) bool {
	a, b := c.Data(), o.Data()
	return a.Name == b.Name && a.Week == b.Week && slices.EqualFunc(a.Years, b.Years, func(x, y Year) bool {
		return x.Year == y.Year && x.Source == y.Source && x.Notes == y.Notes && slices.Equal(x.Holidays, y.Holidays) &&
			slices.Equal(x.Workdays, y.Workdays) && slices.Equal(x.Shortened, y.Shortened)
	})
}
