package complaints

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"sync"
)

// The calendars/ folder holds one JSON file per country and year (kz-2024.json, ru-2025.json, ...), each a Year
// with the law or decree it comes from and where it was published. Only years whose data could be checked
// against the published calendar are shipped; see the package documentation for the list.
//
//go:embed calendars/*.json
var calendarFiles embed.FS

// Built-in calendar names, accepted in a policy's JSON "calendar" field.
const (
	calKazakhstan   = "KZ"
	calRussia       = "RU"
	calEnglandWales = "GB-EW"
	calWeekdays     = "Mon-Fri"
)

var (
	kzOnce = sync.OnceValues(func() (*WorkCalendar, error) {
		return loadBuiltin(calKazakhstan, "kz-", provisionalKazakhstan)
	})
	ruOnce = sync.OnceValues(func() (*WorkCalendar, error) {
		return loadBuiltin(calRussia, "ru-", provisionalRussia)
	})
	ewOnce = sync.OnceValues(func() (*WorkCalendar, error) {
		return loadBuiltin(calEnglandWales, "gb-ew-", provisionalEnglandWales)
	})
	wdOnce = sync.OnceValues(func() (*WorkCalendar, error) {
		return NewCalendar(CalendarData{Name: calWeekdays, Week: mondayToFriday()})
	})
)

// Kazakhstan returns the working calendar of Kazakhstan for the five-day week: holidays of the Law on holidays,
// the days off moved from weekends, the days off of the Labour Code (7 January, the first day of Kurban Ait) and
// the transfers ordered for each year. It holds official data from 2024 (see the package documentation for the
// list and the sources) and provisional years built by ProvisionalYear after the last official one, up to
// 2035. The calendar is shared and immutable; load newer data with Overlay.
func Kazakhstan() *WorkCalendar { return must(kzOnce()) }

// Russia returns the working calendar of the Russian Federation for the five-day week: the non-working holidays of
// Labour Code art. 112, the Government's decree on transfers for each year, and the shortened days of art. 95.
// It holds official data from 2024 and provisional years built by ProvisionalYear after the last official one,
// up to 2035. The calendar is shared and immutable; load newer data with Overlay.
func Russia() *WorkCalendar { return must(ruOnce()) }

// EnglandWales returns the business-day calendar of England and Wales: Monday to Friday less the bank holidays
// (the FCA Glossary's business days). It holds the bank holidays published on gov.uk from 2024 and provisional
// years built by ProvisionalYear after the last published one, up to 2035. The calendar is
// shared and immutable; load newer data with Overlay.
func EnglandWales() *WorkCalendar { return must(ewOnce()) }

// Weekdays returns the Monday-to-Friday calendar with no holidays; it covers every date.
func Weekdays() *WorkCalendar { return must(wdOnce()) }

// builtinCalendar returns a built-in calendar by its name, for JSON.
func builtinCalendar(name string) (*WorkCalendar, bool) {
	switch name {
	case calKazakhstan:
		return Kazakhstan(), true
	case calRussia:
		return Russia(), true
	case calEnglandWales:
		return EnglandWales(), true
	case calWeekdays:
		return Weekdays(), true
	}
	return nil, false
}

// firstBuiltinYear is the first year of the built-in calendars' data.
const firstBuiltinYear = 2024

func loadBuiltin(name, prefix string, provisional func(int) (Year, error)) (*WorkCalendar, error) {
	files, err := calendarFiles.ReadDir("calendars")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range files {
		if len(f.Name()) > len(prefix) && f.Name()[:len(prefix)] == prefix {
			names = append(names, f.Name())
		}
	}
	sort.Strings(names)
	d := CalendarData{Name: name, Week: mondayToFriday()}
	for _, n := range names {
		b, err := calendarFiles.ReadFile(path.Join("calendars", n))
		if err != nil {
			return nil, err
		}
		y, err := ParseYear(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if y.Provisional {
			return nil, fmt.Errorf("%s: a shipped year file must be official data", n)
		}
		d.Years = append(d.Years, y)
	}
	next := firstBuiltinYear
	if len(d.Years) > 0 {
		next = d.Years[len(d.Years)-1].Year + 1
	}
	for year := next; year <= provisionalLastYear; year++ {
		y, err := provisional(year)
		if err != nil {
			return nil, err
		}
		d.Years = append(d.Years, y)
	}
	return NewCalendar(d)
}

// must is used only for the embedded data, which the package's tests check; it cannot fail at run time.
func must(c *WorkCalendar, err error) *WorkCalendar {
	if err != nil {
		panic("complaints: embedded calendar data is broken: " + err.Error())
	}
	return c
}
