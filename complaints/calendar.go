package complaints

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Calendar tells working days from days off. Its one method has the signature of
// (*cal.BusinessCalendar).IsWorkday in github.com/rickar/cal/v2, so such a calendar is a Calendar as it is:
//
//	bc := cal.NewBusinessCalendar()
//	bc.AddHoliday(de.HolidaysBY...)    // github.com/rickar/cal/v2/de: Bavaria's holidays
//	p := complaints.PSD2(bc, berlin)
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
// rather than count on guessed holidays. A calendar whose data for some years is provisional (derived from the
// statute's rules before the official calendar is published) may implement
//
//	IsProvisional(date time.Time) bool
//
// and a Deadline then records the provisional years it counted on (see Basis). A calendar may also say what it is
// with Name() string and Version() string. *WorkCalendar implements all of them.
type Calendar interface {
	IsWorkday(date time.Time) bool
}

// coverer, provisionaler, namer and versioner are the optional interfaces described on Calendar.
type (
	coverer       interface{ Covers(date time.Time) bool }
	provisionaler interface{ IsProvisional(date time.Time) bool }
	namer         interface{ Name() string }
	versioner     interface{ Version() string }
)

// Week is a weekly pattern of working days, indexed by time.Weekday: Week[time.Monday] is true when Mondays are
// working days. The zero Week has no working day and is refused by NewCalendar.
type Week [7]bool

// mondayToFriday returns the five-day working week. It is a function, not a variable, so nothing can change
// the week of Weekdays() and of the nil calendar.
func mondayToFriday() Week {
	return Week{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true, time.Friday: true}
}

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
	Date sq.Date `json:"date"`
	Name string  `json:"name,omitempty"`
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
//
// A year is official (the published production calendar or the government's decree on transfers, named in
// Source) or Provisional: built from the statute's own rules before the official calendar is out, with Rule
// saying which rules (see WorkCalendar.ProvisionalYear). A provisional year never passes as official:
// NewCalendar refuses a Rule on a year not marked Provisional and a Provisional year without a Rule, and
// deadlines counted on it say so (Basis).
type Year struct {
	Year        int    `json:"year"`
	Provisional bool   `json:"provisional,omitempty"`
	Rule        string `json:"rule,omitempty"`
	Source      string `json:"source"`
	Notes       string `json:"notes,omitempty"`
	Holidays    []Day  `json:"holidays"`
	Workdays    []Day  `json:"workdays"`
	Shortened   []Day  `json:"shortened"`
}

// clone returns a copy of y that shares no slice with it.
func (y Year) clone() Year {
	y.Holidays, y.Workdays, y.Shortened = slices.Clone(y.Holidays), slices.Clone(y.Workdays), slices.Clone(y.Shortened)
	return y
}

func (y Year) equal(z Year) bool {
	return y.Year == z.Year && y.Provisional == z.Provisional && y.Rule == z.Rule && y.Source == z.Source &&
		y.Notes == z.Notes && slices.Equal(y.Holidays, z.Holidays) && slices.Equal(y.Workdays, z.Workdays) &&
		slices.Equal(y.Shortened, z.Shortened)
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
// shortened days for the years it covers. It implements Calendar, Covers and IsProvisional. Build one with
// NewCalendar, ParseCalendar or Overlay, or take a built-in one (Kazakhstan, Russia, EnglandWales, Weekdays).
// A *WorkCalendar is safe for concurrent use.
//
// IsWorkday and the other date methods read the calendar date of the given time in the time's own location. A
// nil *WorkCalendar is the Monday-to-Friday week with no holidays, equal to Weekdays().
type WorkCalendar struct {
	data    CalendarData
	days    map[sq.Date]dayKind
	years   map[int]bool // true for a provisional year
	version string
}

// Limits on calendar data.
const (
	// minYear and maxYear bound the years a calendar may hold data for.
	minYear = 1900
	maxYear = 2200
	// maxYearText bounds a year's source, notes and rule, in bytes.
	maxYearText = 4096
	// maxCalendarYears bounds the number of years a calendar may hold.
	maxCalendarYears = maxYear - minYear + 1
)

// NewCalendar checks d and builds a calendar from it. It copies d: later changes to d do not affect the calendar.
// Errors wrap ErrInvalidCalendar and name the year, date and rule broken.
func NewCalendar(d CalendarData) (*WorkCalendar, error) {
	c := &WorkCalendar{days: map[sq.Date]dayKind{}, years: map[int]bool{}}
	if d.Week == (Week{}) {
		return nil, errf(ErrInvalidCalendar, "calendar %q: the week has no working day", clip(d.Name))
	}
	if len(d.Years) > maxCalendarYears {
		return nil, errf(sq.ErrLimit, "calendar %q: %d years of data, at most %d allowed",
			clip(d.Name), len(d.Years), maxCalendarYears)
	}
	if len(d.Name) > maxIDText {
		return nil, errf(sq.ErrLimit, "calendar %q: name of %d bytes, at most %d allowed",
			clip(d.Name), len(d.Name), maxIDText)
	}
	c.data = CalendarData{Name: d.Name, Week: d.Week, Years: make([]Year, len(d.Years))}
	for i, y := range d.Years {
		fail := func(format string, args ...any) (*WorkCalendar, error) {
			return nil, errf(ErrInvalidCalendar, "calendar %q: year %d: %s",
				clip(d.Name), y.Year, fmt.Sprintf(format, args...))
		}
		if y.Year < minYear || y.Year > maxYear {
			return fail("outside %d–%d", minYear, maxYear)
		}
		if _, dup := c.years[y.Year]; dup {
			return fail("given twice")
		}
		switch {
		case y.Provisional && strings.TrimSpace(y.Rule) == "":
			return fail("a provisional year must name the rule it was derived by (\"rule\")")
		case !y.Provisional && y.Rule != "":
			return fail("the year was derived by a rule (%q) but is not marked provisional; only a published "+
				"calendar or decree is official", clip(y.Rule))
		case len(y.Source) > maxYearText || len(y.Notes) > maxYearText || len(y.Rule) > maxYearText:
			return fail("source, notes and rule must each be at most %d bytes", maxYearText)
		}
		c.years[y.Year] = y.Provisional
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
		c.data.Years[i] = y.clone()
	}
	slices.SortFunc(c.data.Years, func(a, b Year) int { return cmp.Compare(a.Year, b.Year) })
	b, err := json.Marshal(c.data)
	if err != nil {
		return nil, errf(ErrInvalidCalendar, "calendar %q: %v", clip(d.Name), err)
	}
	sum := sha256.Sum256(b)
	c.version = "sha256:" + hex.EncodeToString(sum[:8])
	return c, nil
}

func (c *WorkCalendar) add(d CalendarData, year int, what string, day Day, kind dayKind) error {
	fail := func(format string, args ...any) error {
		return errf(ErrInvalidCalendar, "calendar %q: year %d: %s %s: %s",
			clip(d.Name), year, what, day.Date, fmt.Sprintf(format, args...))
	}
	if !day.Date.Valid() || day.Date.Year != year {
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
		return CalendarData{Name: calWeekdays, Week: mondayToFriday()}
	}
	d := c.data
	d.Years = make([]Year, len(c.data.Years))
	for i, y := range c.data.Years {
		d.Years[i] = y.clone()
	}
	return d
}

// Name returns the calendar's name.
func (c *WorkCalendar) Name() string {
	if c == nil {
		return calWeekdays
	}
	return c.data.Name
}

// Version identifies the calendar's data: "sha256:" and the first 16 hex digits of the SHA-256 of its JSON. Two
// calendars have the same version exactly when they hold the same data, so a deadline that records the version it
// was counted on (Basis) tells whether it must be recomputed after the data changed.
func (c *WorkCalendar) Version() string {
	if c == nil {
		return Weekdays().version
	}
	return c.version
}

// IsProvisional reports whether the year of date (in date's location) is covered by provisional data.
func (c *WorkCalendar) IsProvisional(date time.Time) bool {
	return c != nil && c.years[date.Year()]
}

// provisionalYears returns the years the calendar holds provisional data for, in order.
func (c *WorkCalendar) provisionalYears() []int {
	var ys []int
	if c != nil {
		for _, y := range c.data.Years {
			if y.Provisional {
				ys = append(ys, y.Year)
			}
		}
	}
	return ys
}

// Overlay returns a new calendar: c with the given years added, each replacing c's data for the same year. It is
// how newer data (an official year published after a release, or a correction) is loaded without a new version of
// this package; c itself does not change. Read year files with ParseYear.
//
// A provisional year never replaces an official one. The years are checked as NewCalendar checks them, and errors
// wrap ErrInvalidCalendar and name the year, the date and the rule broken. A calendar with no year data (a weekly
// pattern alone) covers every date and cannot be overlaid: build a new one with NewCalendar.
func (c *WorkCalendar) Overlay(years ...Year) (*WorkCalendar, error) {
	if c == nil || len(c.data.Years) == 0 {
		return nil, errf(ErrInvalidCalendar, "calendar %q has no year data to overlay; build the calendar with"+
			" NewCalendar", c.Name())
	}
	d := c.Data()
	index := make(map[int]int, len(d.Years))
	for i, y := range d.Years {
		index[y.Year] = i
	}
	given := map[int]bool{}
	for _, y := range years {
		if given[y.Year] {
			return nil, errf(ErrInvalidCalendar, "calendar %q: overlay: year %d is given twice",
				clip(c.data.Name), y.Year)
		}
		given[y.Year] = true
		i, ok := index[y.Year]
		switch {
		case !ok:
			index[y.Year] = len(d.Years)
			d.Years = append(d.Years, y.clone())
		case y.Provisional && !d.Years[i].Provisional:
			return nil, errf(ErrInvalidCalendar, "calendar %q: overlay: year %d: provisional data cannot replace"+
				" the official data of %d (%s)", clip(c.data.Name), y.Year, y.Year, clip(d.Years[i].Source))
		default:
			d.Years[i] = y.clone()
		}
	}
	return NewCalendar(d)
}

// dataYears returns the years the calendar has data for, in order; none when it is a weekly pattern alone.
func (c *WorkCalendar) dataYears() []int {
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
	_, ok := c.years[date.Year()]
	return ok
}

// IsWorkday reports whether the date of t (in t's location) is a working day: a day of the weekly pattern that is
// not a holiday, or a weekend day made a working day.
func (c *WorkCalendar) IsWorkday(t time.Time) bool {
	d := sq.DateOf(t, nil)
	if c == nil {
		return mondayToFriday()[d.Weekday()]
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

// isHoliday reports whether the date of t is listed among the holidays (days off outside the weekly rest, and
// holidays that fall on the weekly rest).
func (c *WorkCalendar) isHoliday(t time.Time) bool {
	return c != nil && c.days[sq.DateOf(t, nil)]&kindHoliday != 0
}

// isShortened reports whether the date of t is a shortened working day.
func (c *WorkCalendar) isShortened(t time.Time) bool {
	return c != nil && c.days[sq.DateOf(t, nil)]&kindShortened != 0
}

// Equal reports whether c and o hold the same data.
func (c *WorkCalendar) Equal(o *WorkCalendar) bool {
	a, b := c.Data(), o.Data()
	return a.Name == b.Name && a.Week == b.Week && slices.EqualFunc(a.Years, b.Years, Year.equal)
}
