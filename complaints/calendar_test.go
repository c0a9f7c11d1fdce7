package complaints

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
)

// countWorkdays counts the working days of a year by asking IsWorkday about every date.
func countWorkdays(c Calendar, year int) int {
	n := 0
	for day := d(year, 1, 1); day.Year == year; day = day.AddDays(1) {
		if c.IsWorkday(noon(day)) {
			n++
		}
	}
	return n
}

// The totals published with each production calendar cross-check the shipped data.
func TestBuiltinCalendarTotals(t *testing.T) {
	tests := []struct {
		c         *WorkCalendar
		year      int
		workdays  int
		shortened int
		reason    string
	}{
		{Kazakhstan(), 2024, 249, 0, "KZ 2024: 262 weekdays, 14 days off, working Saturday 4 May"},
		{Kazakhstan(), 2025, 246, 0, "KZ 2025: published total 246"},
		{Kazakhstan(), 2026, 247, 0, "KZ 2026: 246 published before the referendum of 15 March 2026, 247 once 30 August stopped being a holiday"},
		{Russia(), 2024, 248, 5, "RU 2024: 248 days, 1979 hours = 248×8 − 5"},
		{Russia(), 2025, 247, 4, "RU 2025: 247 days, 1972 hours = 247×8 − 4"},
		{Russia(), 2026, 247, 4, "RU 2026: 247 days, 1972 hours = 247×8 − 4"},
	}
	for _, tt := range tests {
		if got := countWorkdays(tt.c, tt.year); got != tt.workdays {
			t.Errorf("%s: %d working days, want %d", tt.reason, got, tt.workdays)
		}
		short := 0
		for day := d(tt.year, 1, 1); day.Year == tt.year; day = day.AddDays(1) {
			if tt.c.isShortened(noon(day)) {
				short++
			}
		}
		if short != tt.shortened {
			t.Errorf("%s: %d shortened days, want %d", tt.reason, short, tt.shortened)
		}
	}
	for _, c := range []*WorkCalendar{Kazakhstan(), Russia()} {
		var official []int
		for _, y := range c.Data().Years {
			if !y.Provisional {
				official = append(official, y.Year)
			}
		}
		want := map[string][]int{"KZ": {2024, 2025, 2026}, "RU": {2024, 2025, 2026, 2027}}[c.Name()]
		if diff := cmp.Diff(want, official); diff != "" {
			t.Errorf("%s official years mismatch (-want +got):\n%s", c.Name(), diff)
		}
		for _, y := range c.Data().Years {
			if !strings.Contains(y.Source, "http") || len(y.Source) < 80 {
				t.Errorf("%s %d: the source %q does not name a law and a URL", c.Name(), y.Year, y.Source)
			}
		}
	}
}

// Facts to double-check, one per row: a date and whether it is a working day.
func TestBuiltinCalendarDays(t *testing.T) {
	kz, ru := Kazakhstan(), Russia()
	tests := []struct {
		c       *WorkCalendar
		date    sq.Date
		workday bool
		reason  string
	}{
		{kz, d(2024, 3, 21), false, "Nauryz 21 March"},
		{kz, d(2024, 3, 25), false, "Nauryz on Saturday 23 March moves to Monday 25"},
		{kz, d(2024, 5, 4), true, "Saturday 4 May 2024 worked, day off moved to 8 May"},
		{kz, d(2024, 5, 8), false, "8 May 2024 off"},
		{kz, d(2024, 6, 17), true, "Kurban Ait on Sunday 16 June 2024 is not transferred"},
		{kz, d(2024, 1, 8), true, "Christmas on Sunday 7 January 2024 is not transferred"},
		{kz, d(2025, 6, 6), false, "Kurban Ait 6 June 2025"},
		{kz, d(2026, 5, 27), false, "Kurban Ait 27 May 2026"},
		{kz, d(2024, 8, 30), false, "Constitution Day"},
		{kz, d(2024, 10, 25), false, "Republic Day, restored in 2022"},
		{kz, d(2024, 12, 16), false, "Independence Day"},
		{kz, d(2024, 12, 17), true, "17 December is no longer a holiday since 2022"},
		{kz, d(2024, 12, 2), true, "First President's Day (1 December) was abolished in 2022"},
		{kz, d(2025, 9, 1), false, "Constitution Day on Saturday 30 August 2025 gives Monday 1 September"},
		{kz, d(2025, 1, 5), true, "Sunday 5 January 2025 worked"},
		{kz, d(2026, 8, 31), true, "30 August is no longer Constitution Day from 2026 (new Constitution of 15 March 2026), so Monday 31 August works"},
		{ru, d(2024, 11, 2), true, "Saturday 2 November 2024 worked"},
		{ru, d(2024, 12, 31), false, "31 December 2024 off"},
		{ru, d(2025, 2, 24), true, "23 February 2025 was moved to 8 May, so 24 February works"},
		{ru, d(2025, 6, 13), false, "13 June 2025 off"},
		{ru, d(2026, 1, 9), false, "9 January 2026 off"},
		{ru, d(2026, 3, 9), false, "8 March 2026 on a Sunday gives Monday 9 March (art. 112)"},
		{ru, d(2026, 11, 4), false, "National Unity Day"},
	}
	for _, tt := range tests {
		if got := tt.c.IsWorkday(noon(tt.date)); got != tt.workday {
			t.Errorf("%s: %s IsWorkday(%s) = %v, want %v", tt.reason, tt.c.Name(), tt.date, got, tt.workday)
		}
	}
	if !kz.isHoliday(noon(d(2024, 3, 23))) || kz.isHoliday(noon(d(2024, 3, 26))) {
		t.Error("IsHoliday: 23 March 2024 is Nauryz (on a Saturday), 26 March is not a holiday")
	}
}

// IsWorkday reads the date of the time in the time's own location, as rickar/cal does.
func TestWorkCalendarLocation(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	// 2026-03-08 20:00 UTC is 9 March 01:00 in Almaty: a day off there, a Sunday in UTC.
	utc := time.Date(2026, 3, 8, 20, 0, 0, 0, time.UTC)
	if Kazakhstan().IsWorkday(utc) || Kazakhstan().IsWorkday(utc.In(alm)) {
		t.Error("both 8 March (Sunday, UTC) and 9 March (day off, Almaty) are days off")
	}
	mon := time.Date(2026, 3, 9, 20, 0, 0, 0, time.UTC) // 10 March 01:00 in Almaty, a working day
	if Kazakhstan().IsWorkday(mon) || !Kazakhstan().IsWorkday(mon.In(alm)) {
		t.Error("9 March is off in UTC; 10 March in Almaty works")
	}
	var nilCal *WorkCalendar
	if !nilCal.IsWorkday(mon) || nilCal.IsWorkday(utc) || !nilCal.Covers(mon) {
		t.Error("a nil *WorkCalendar is Monday to Friday and covers every date")
	}
}

func TestNewCalendarErrors(t *testing.T) {
	y := func(year int, hol, work, short []Day) CalendarData {
		return CalendarData{Name: "t", Week: mondayToFriday(), Years: []Year{{Year: year, Holidays: hol, Workdays: work, Shortened: short}}}
	}
	day := func(dt sq.Date) []Day { return []Day{{Date: dt}} }
	tests := []struct {
		data   CalendarData
		reason string
	}{
		{CalendarData{Name: "t"}, "no working day in the week"},
		{y(2026, day(d(2025, 1, 1)), nil, nil), "a date outside its year"},
		{y(2026, []Day{{Date: d(2026, 1, 1)}, {Date: d(2026, 1, 1)}}, nil, nil), "a holiday listed twice"},
		{y(2026, nil, day(d(2026, 1, 5)), nil), "a Monday made a working day"},
		{y(2026, nil, []Day{{Date: d(2026, 1, 3)}, {Date: d(2026, 1, 3)}}, nil), "a working day listed twice"},
		{y(2026, nil, nil, day(d(2026, 1, 3))), "a shortened Saturday that is not a working day"},
		{y(2026, day(d(2026, 1, 5)), nil, day(d(2026, 1, 5))), "a shortened holiday"},
		{y(2026, day(d(2026, 1, 3)), day(d(2026, 1, 3)), nil), "both holiday and working day"},
		{y(0, nil, nil, nil), "year 0"},
		{CalendarData{Week: mondayToFriday(), Years: []Year{{Year: 2026}, {Year: 2026}}}, "a year twice"},
		{y(2026, []Day{{Date: sq.Date{Year: 2026, Month: 2, Day: 30}}}, nil, nil), "30 February"},
	}
	for _, tt := range tests {
		if _, err := NewCalendar(tt.data); !errors.Is(err, ErrInvalidCalendar) {
			t.Errorf("%s: NewCalendar error = %v, want ErrInvalidCalendar", tt.reason, err)
		}
	}
}

func TestNewCalendarCopies(t *testing.T) {
	hol := []Day{{Date: d(2026, 1, 1), Name: "New Year"}}
	data := CalendarData{Name: "t", Week: mondayToFriday(), Years: []Year{{Year: 2026, Holidays: hol}}}
	c, err := NewCalendar(data)
	if err != nil {
		t.Fatal(err)
	}
	hol[0].Date = d(2026, 1, 2)
	got := c.Data()
	got.Years[0].Holidays[0].Name = "changed"
	if c.IsWorkday(noon(d(2026, 1, 1))) || c.Data().Years[0].Holidays[0].Name != "New Year" {
		t.Error("the calendar changed with the caller's data")
	}
}

func TestCalendarJSONRoundTrip(t *testing.T) {
	for _, c := range []*WorkCalendar{Kazakhstan(), Russia(), Weekdays()} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseCalendar(b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.Name(), err, b)
		}
		if !back.Equal(c) {
			t.Errorf("%s: JSON round trip mismatch (-want +got):\n%s", c.Name(), cmp.Diff(c.Data(), back.Data()))
		}
	}
	six := Week{time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true, time.Friday: true, time.Saturday: true}
	c, err := ParseCalendar([]byte(`{"name":"six","week":["Mon","Tue","Wed","Thu","Fri","Sat"],"years":[]}`))
	if err != nil || c.Data().Week != six || six.String() != "Mon Tue Wed Thu Fri Sat" {
		t.Errorf("six-day week: %v, %v", c, err)
	}
	bad := []struct {
		in     string
		reason string
	}{
		{`{"name":"x","years":[]}`, "no week"},
		{`{"name":"x","week":["Mon"],"years":[],"extra":1}`, "unknown field"},
		{`{"name":"x","week":["Monday"],"years":[]}`, "weekday not abbreviated"},
		{`{"name":"x","week":["Mon","Mon"],"years":[]}`, "weekday twice"},
		{`{"name":"x","week":["Mon"],"years":[{"year":2026,"holidays":[{"date":"2026-1-1"}]}]}`, "bad date"},
		{`{"name":"x","week":["Mon"],"years":[{"year":2026,"holiday":[]}]}`, "unknown field in a year"},
		{`{"name":"x","week":["Mon"]} {}`, "trailing data"},
		{`{"name":"x","week":[],"years":[]}`, "empty week"},
	}
	for _, tt := range bad {
		_, err := ParseCalendar([]byte(tt.in))
		if !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, ErrInvalidCalendar) {
			t.Errorf("%s: ParseCalendar error = %v", tt.reason, err)
		}
	}
}
