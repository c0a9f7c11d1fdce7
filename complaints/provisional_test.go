package complaints

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// Every built-in calendar has official years and then provisional years up to provisionalLastYear, and each
// provisional year says so and names its rule.
func TestBuiltinProvisionalYearsAreMarked(t *testing.T) {
	for _, c := range []*WorkCalendar{Kazakhstan(), Russia(), EnglandWales()} {
		ys := c.dataYears()
		if ys[0] != firstBuiltinYear || ys[len(ys)-1] != provisionalLastYear {
			t.Errorf("%s covers %d–%d, want %d–%d", c.Name(), ys[0], ys[len(ys)-1], firstBuiltinYear, provisionalLastYear)
		}
		seenProvisional := false
		for _, y := range c.Data().Years {
			switch {
			case y.Provisional && (y.Rule == "" || !strings.HasPrefix(y.Rule, "provisional")):
				t.Errorf("%s %d is provisional without a rule", c.Name(), y.Year)
			case !y.Provisional && seenProvisional:
				t.Errorf("%s %d is official after a provisional year", c.Name(), y.Year)
			case !y.Provisional && y.Rule != "":
				t.Errorf("%s %d is official with a rule", c.Name(), y.Year)
			}
			seenProvisional = seenProvisional || y.Provisional
			if c.IsProvisional(noon(d(y.Year, 6, 1))) != y.Provisional {
				t.Errorf("%s IsProvisional(%d) disagrees with the data", c.Name(), y.Year)
			}
		}
		if !seenProvisional {
			t.Errorf("%s has no provisional year", c.Name())
		}
	}
}

// Statute-derived days, one per row, checked by hand against the calendar of the year.
func TestProvisionalYearDays(t *testing.T) {
	must := func(y Year, err error) *WorkCalendar {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		c, err := NewCalendar(CalendarData{Name: "test", Week: mondayToFriday(), Years: []Year{y}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ru27 := must(provisionalRussia(2027))
	kz27 := must(provisionalKazakhstan(2027))
	kz32 := must(provisionalKazakhstan(2032))
	ew26 := must(provisionalEnglandWales(2026))
	ew27 := must(provisionalEnglandWales(2027))
	tests := []struct {
		c       *WorkCalendar
		date    sq.Date
		workday bool
		reason  string
	}{
		{ru27, d(2027, 1, 8), false, "RU art. 112: 8 January is a New Year holiday"},
		{ru27, d(2027, 1, 11), true, "RU art. 112: Saturday 2 and Sunday 3 January move only by decree, so Monday 11 January works"},
		{ru27, d(2027, 2, 23), false, "RU art. 112: 23 February, a Tuesday"},
		{ru27, d(2027, 2, 22), true, "RU: no bridge day is invented before 23 February"},
		{ru27, d(2027, 5, 3), false, "RU art. 112: 1 May on a Saturday gives Monday 3 May"},
		{ru27, d(2027, 5, 10), false, "RU art. 112: 9 May on a Sunday gives Monday 10 May"},
		{ru27, d(2027, 6, 14), false, "RU art. 112: 12 June on a Saturday gives Monday 14 June"},
		{ru27, d(2027, 11, 4), false, "RU art. 112: 4 November, a Thursday"},
		{ru27, d(2027, 11, 5), true, "RU: Friday 5 November is a working day without a decree"},
		{kz27, d(2027, 1, 4), false, "KZ Law on holidays art. 5: 2 January on a Saturday gives Monday 4 January"},
		{kz27, d(2027, 1, 7), false, "KZ Labour Code art. 84: Orthodox Christmas, a Thursday"},
		{kz27, d(2027, 3, 15), false, "KZ 2026 Constitution: Constitution Day on 15 March, a Monday"},
		{kz27, d(2027, 3, 24), false, "KZ art. 5: Nauryz on Sunday 21 March gives Wednesday 24 March"},
		{kz27, d(2027, 3, 25), true, "KZ: one Nauryz day on a weekend, one transfer"},
		{kz27, d(2027, 5, 17), true, "KZ art. 84: Kurban Ait on Sunday 16 May (estimated) is not transferred"},
		{kz27, d(2027, 7, 6), false, "KZ: Capital Day, a Tuesday"},
		{kz27, d(2027, 8, 30), true, "KZ: 30 August is no longer a holiday"},
		{kz27, d(2027, 10, 25), false, "KZ: Republic Day, a Monday"},
		{kz27, d(2027, 12, 16), false, "KZ: Independence Day, a Thursday"},
		{kz32, d(2032, 3, 22), false, "KZ: Kurban Ait (estimated) on the Nauryz day 22 March 2032 is one day off"},
		{ew26, d(2026, 4, 3), false, "E&W: Good Friday 2026"},
		{ew26, d(2026, 4, 6), false, "E&W: Easter Monday 2026"},
		{ew26, d(2026, 5, 4), false, "E&W: early May bank holiday, the first Monday of May"},
		{ew26, d(2026, 5, 25), false, "E&W: spring bank holiday, the last Monday of May"},
		{ew26, d(2026, 8, 31), false, "E&W: summer bank holiday, the last Monday of August"},
		{ew26, d(2026, 12, 28), false, "E&W: Boxing Day on a Saturday gives a substitute on Monday 28 December"},
		{ew27, d(2027, 12, 27), false, "E&W: Christmas on a Saturday gives Monday 27 December"},
		{ew27, d(2027, 12, 28), false, "E&W: Boxing Day on a Sunday gives Tuesday 28 December"},
		{ew27, d(2027, 3, 26), false, "E&W: Good Friday 2027 (Easter 28 March)"},
	}
	for _, tt := range tests {
		if got := tt.c.IsWorkday(noon(tt.date)); got != tt.workday {
			t.Errorf("%s: IsWorkday(%s) = %v, want %v", tt.reason, tt.date, got, tt.workday)
		}
	}
	for _, c := range []*WorkCalendar{ru27, kz27, ew26} {
		if !c.IsProvisional(noon(d(c.dataYears()[0], 1, 1))) {
			t.Errorf("%v is not marked provisional", c.dataYears())
		}
	}
}

// Easter dates from the published tables.
func TestEaster(t *testing.T) {
	for _, want := range []sq.Date{d(2000, 4, 23), d(2019, 4, 21), d(2024, 3, 31), d(2025, 4, 20), d(2026, 4, 5),
		d(2027, 3, 28), d(2030, 4, 21), d(2038, 4, 25), d(2285, 3, 22)} {
		if got := Easter(want.Year); got != want {
			t.Errorf("Easter(%d) = %s, want %s", want.Year, got, want)
		}
	}
}

// statutoryDays lists the statutory holiday dates of a provisional rule and whether each moves off a weekend.
func statutoryDays(country string, year int) map[sq.Date]bool {
	m := map[sq.Date]bool{}
	add := func(dd sq.Date, moves bool) { m[dd] = m[dd] || moves }
	switch country {
	case "RU":
		for i := 1; i <= 8; i++ {
			add(d(year, 1, i), false)
		}
		for _, x := range []sq.Date{d(year, 2, 23), d(year, 3, 8), d(year, 5, 1), d(year, 5, 9), d(year, 6, 12), d(year, 11, 4)} {
			add(x, true)
		}
	case "KZ":
		for _, x := range []sq.Date{d(year, 1, 1), d(year, 1, 2), d(year, 3, 8), d(year, 3, 15), d(year, 3, 21), d(year, 3, 22),
			d(year, 3, 23), d(year, 5, 1), d(year, 5, 7), d(year, 5, 9), d(year, 7, 6), d(year, 10, 25), d(year, 12, 16)} {
			add(x, true)
		}
		add(d(year, 1, 7), false)
		add(kurbanAit[year], false)
	case "EW":
		e := Easter(year)
		add(e.AddDays(-2), false)
		add(e.AddDays(1), false)
		for _, m := range []time.Month{time.May} {
			first := d(year, m, 1)
			for first.Weekday() != time.Monday {
				first = first.AddDays(1)
			}
			add(first, false)
		}
		for _, m := range []time.Month{time.May, time.August} {
			last := d(year, m+1, 0)
			for last.Weekday() != time.Monday {
				last = last.AddDays(-1)
			}
			add(last, false)
		}
		for _, x := range []sq.Date{d(year, 1, 1), d(year, 12, 25), d(year, 12, 26)} {
			add(x, true)
		}
	}
	return m
}

// Rules of the provisional years as properties: every statutory holiday is a day off; each holiday that moves and
// falls on a weekend gives one weekday off after it, with only days off in between; no other weekday is off.
func TestPropProvisionalYearRules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		country := rapid.SampledFrom([]string{"RU", "KZ", "EW"}).Draw(t, "country")
		var y Year
		var err error
		switch country {
		case "RU":
			y, err = provisionalRussia(rapid.IntRange(minYear, maxYear-1).Draw(t, "year"))
		case "KZ":
			y, err = provisionalKazakhstan(rapid.IntRange(2027, provisionalLastYear).Draw(t, "year"))
		case "EW":
			y, err = provisionalEnglandWales(rapid.IntRange(minYear, maxYear-1).Draw(t, "year"))
		}
		if err != nil {
			t.Fatal(err)
		}
		c, err := NewCalendar(CalendarData{Name: country, Week: mondayToFriday(), Years: []Year{y}})
		if err != nil {
			t.Fatalf("the provisional year is not valid data: %v", err)
		}
		weekend := func(x sq.Date) bool { return x.Weekday() == time.Saturday || x.Weekday() == time.Sunday }
		stat := statutoryDays(country, y.Year)
		isStat := func(x sq.Date) bool { _, ok := stat[x]; return ok }
		moving := 0
		for h, moves := range stat {
			if c.IsWorkday(noon(h)) {
				t.Errorf("statutory holiday %s is a working day", h)
			}
			if !moves || !weekend(h) {
				continue
			}
			moving++
			// Some later weekday is off with nothing but days off between: the moved day off.
			x := h.AddDays(1)
			for x.Year == y.Year && (weekend(x) || isStat(x)) {
				x = x.AddDays(1)
			}
			if x.Year == y.Year && c.IsWorkday(noon(x)) {
				t.Errorf("%s on a %s: the next working day %s is not a day off", h, h.Weekday(), x)
			}
		}
		extra := 0
		for x := d(y.Year, 1, 1); x.Year == y.Year; x = x.AddDays(1) {
			if !weekend(x) && !isStat(x) && !c.IsWorkday(noon(x)) {
				extra++
			}
			if weekend(x) && c.IsWorkday(noon(x)) {
				t.Errorf("%s, a %s, made a working day: no rule does that", x, x.Weekday())
			}
		}
		if extra > moving {
			t.Errorf("%d weekdays off that are not statutory holidays, but only %d holidays on weekends move", extra, moving)
		}
	})
}

func TestProvisionalYearErrors(t *testing.T) {
	for _, f := range []func() (Year, error){
		func() (Year, error) { return provisionalRussia(minYear - 1) },
		func() (Year, error) { return provisionalEnglandWales(maxYear + 1) },
		func() (Year, error) { return provisionalKazakhstan(2026) },
		func() (Year, error) { return provisionalKazakhstan(provisionalLastYear + 1) },
	} {
		if _, err := f(); !errors.Is(err, ErrInvalidCalendar) {
			t.Errorf("error = %v, want ErrInvalidCalendar", err)
		}
	}
}

// A year of official data for the overlay tests: 2027 with 5 January made a day off by a decree.
func official2027(t *testing.T) Year {
	y, err := provisionalKazakhstan(2027)
	if err != nil {
		t.Fatal(err)
	}
	y.Provisional, y.Rule, y.Source = false, "", "test decree No. 1 of 2026"
	y.Holidays = append(y.Holidays, Day{Date: d(2027, 1, 5), Name: "day off by test decree"})
	return y
}

func TestOverlay(t *testing.T) {
	kz := Kazakhstan()
	versionBefore := kz.Version()
	off := official2027(t)
	c, err := kz.Overlay(off)
	if err != nil {
		t.Fatal(err)
	}
	if c.IsProvisional(noon(d(2027, 6, 1))) || !c.IsProvisional(noon(d(2028, 6, 1))) {
		t.Error("the official 2027 year did not replace the provisional one, or 2028 changed")
	}
	if c.IsWorkday(noon(d(2027, 1, 5))) || !kz.IsWorkday(noon(d(2027, 1, 5))) {
		t.Error("5 January 2027: a day off in the overlay, a working day in the built-in calendar")
	}
	if kz.Version() != versionBefore || c.Version() == kz.Version() {
		t.Errorf("versions: built-in %s → %s, overlay %s", versionBefore, kz.Version(), c.Version())
	}
	if c.Name() != kz.Name() {
		t.Errorf("overlay name %q, want %q", c.Name(), kz.Name())
	}
	again, err := kz.Overlay(off)
	if err != nil || !again.Equal(c) || again.Version() != c.Version() {
		t.Errorf("the same overlay twice gives different calendars: %v", err)
	}

	prov2026 := Year{Year: 2026, Provisional: true, Rule: "provisional, test", Holidays: []Day{}}
	badHoliday := off
	badHoliday.Workdays = []Day{{Date: d(2027, 1, 9), Name: "working Saturday"}}
	badHoliday.Holidays = append(badHoliday.Holidays, Day{Date: d(2027, 1, 9), Name: "holiday on the same day"})
	tests := []struct {
		years  []Year
		want   string
		reason string
	}{
		{[]Year{prov2026}, "provisional data cannot replace the official data of 2026", "official data is never replaced by provisional"},
		{[]Year{off, off}, "year 2027 is given twice", "one year twice in an overlay"},
		{[]Year{{Year: 1899}}, "year 1899: outside 1900–2200", "a year outside 1900–2200"},
		{[]Year{{Year: 2201}}, "year 2201: outside 1900–2200", "a year outside 1900–2200"},
		{[]Year{{Year: 2027, Provisional: true}}, "must name the rule", "a provisional year without its rule"},
		{[]Year{{Year: 2027, Rule: "derived by art. 112"}}, "not marked provisional", "a provisional year marked official"},
		{[]Year{{Year: 2027, Holidays: []Day{{Date: d(2027, 3, 8)}, {Date: d(2027, 3, 8)}}}}, "holiday 2027-03-08: listed twice", "a duplicate date"},
		{[]Year{badHoliday}, "2027-01-09: the date is both a holiday and a working day", "a holiday on a transferred working day"},
		{[]Year{{Year: 2027, Holidays: []Day{{Date: d(2028, 1, 1)}}}}, "not a valid date of 2027", "a date outside its year"},
	}
	for _, tt := range tests {
		_, err := kz.Overlay(tt.years...)
		if !errors.Is(err, ErrInvalidCalendar) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want ErrInvalidCalendar with %q", tt.reason, err, tt.want)
		}
	}
	if _, err := Weekdays().Overlay(off); !errors.Is(err, ErrInvalidCalendar) {
		t.Errorf("overlay of a calendar without years = %v, want ErrInvalidCalendar", err)
	}
	if diff := cmp.Diff(versionBefore, Kazakhstan().Version()); diff != "" {
		t.Errorf("the built-in calendar changed (-want +got):\n%s", diff)
	}
}

// Year JSON says provisional and the rule; reading it back gives the same calendar.
func TestProvisionalYearJSON(t *testing.T) {
	y, err := provisionalRussia(2030)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCalendar(CalendarData{Name: "RU", Week: mondayToFriday(), Years: []Year{y}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"provisional":true,"rule":"provisional, by Labour Code art. 112`) {
		t.Errorf("the JSON does not say the year is provisional and why: %.300s", b)
	}
	back, err := ParseCalendar(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(c) || back.Version() != c.Version() {
		t.Error("calendar JSON round trip changed the data")
	}
}
