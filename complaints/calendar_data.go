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
	CalendarKazakhstan = "KZ"
	CalendarRussia     = "RU"
	CalendarWeekdays   = "Mon-Fri"
)

var (
	kzOnce = sync.OnceValues(func() (*WorkCalendar, error) { return loadBuiltin(CalendarKazakhstan, "kz-") })
	ruOnce = sync.OnceValues(func() (*WorkCalendar, error) { return loadBuiltin(CalendarRussia, "ru-") })
	wdOnce = sync.OnceValues(func() (*WorkCalendar, error) {
		return NewCalendar(CalendarData{Name: CalendarWeekdays, Week: MondayToFriday})
	})
)

// Kazakhstan returns the working calendar of Kazakhstan for the five-day week: holidays of the Law on holidays,
// the days off moved from weekends, the days off of the Labour Code (7 January, the first day of Kurban Ait) and
// the transfers ordered for each year. It covers 2024, 2025 and 2026 (see Years) and nothing else. The calendar is
// shared and immutable.
func Kazakhstan() *WorkCalendar { return must(kzOnce()) }

// Russia returns the working calendar of the Russian Federation for the five-day week: the non-working holidays of
// Labour Code art. 112, the Government's decree on transfers for each year, and the shortened days of art. 95.
// It covers 2024, 2025 and 2026 (see Years) and nothing else. The calendar is shared and immutable.
func Russia() *WorkCalendar { return must(ruOnce()) }

// Weekdays returns the Monday-to-Friday calendar with no holidays; it covers every date.
func Weekdays() *WorkCalendar { return must(wdOnce()) }

// builtinCalendar returns a built-in calendar by its name, for JSON.
func builtinCalendar(name string) (*WorkCalendar, bool) {
	switch name {
	case CalendarKazakhstan:
		return Kazakhstan(), true
	case CalendarRussia:
		return Russia(), true
	case CalendarWeekdays:
		return Weekdays(), true
	}
	return nil, false
}

func loadBuiltin(name, prefix string) (*WorkCalendar, error) {
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
	d := CalendarData{Name: name, Week: MondayToFriday}
	for _, n := range names {
		b, err := calendarFiles.ReadFile(path.Join("calendars", n))
		if err != nil {
			return nil, err
		}
		y, err := ParseYear(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
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
