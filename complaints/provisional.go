package complaints

import (
	"fmt"
	"slices"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Provisional years are built from the statute's own rules for years whose official calendar is not yet
// published. They are marked Provisional, name their Rule, and are replaced by official data with
// WorkCalendar.Overlay when it comes out. They never include the discretionary transfers a government orders
// each year (bridge days, the January days off of Russia), nor holidays proclaimed one year at a time.

// provisionalLastYear is the last year for which the built-in calendars carry provisional data.
const provisionalLastYear = 2035

// statutory is a holiday fixed by statute in a provisional year.
type statutory struct {
	date sq.Date
	name string
	// moves: when it falls on a Saturday or Sunday, the next working day after it is a day off.
	moves bool
}

// buildProvisional turns statutory holidays into a Year on the Monday-to-Friday week: every holiday is listed, and
// each one that moves and falls on a weekend gives a day off on the first later day that is a weekday, not a
// holiday and not already such a day off, in date order.
func buildProvisional(year int, rule, source string, hs []statutory) Year {
	slices.SortStableFunc(hs, func(a, b statutory) int { return a.date.Compare(b.date) })
	// Two holidays on one date (Kurban Ait on a Nauryz day) are one day off, listed once under both names.
	hs = slices.CompactFunc(hs, func(a, b statutory) bool {
		if a.date != b.date {
			return false
		}
		a.name += "; " + b.name
		a.moves = a.moves || b.moves
		return true
	})
	off := map[sq.Date]bool{}
	for _, h := range hs {
		off[h.date] = true
	}
	y := Year{Year: year, Provisional: true, Rule: rule, Source: source, Holidays: []Day{}, Workdays: []Day{},
		Shortened: []Day{}}
	var moved []Day
	for _, h := range hs {
		name := h.name
		if wd := h.date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			name += fmt.Sprintf(" (on a %s)", wd)
			if h.moves {
				d := h.date.AddDays(1)
				for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || off[d] {
					d = d.AddDays(1)
				}
				off[d] = true
				if d.Year == year {
					moved = append(moved, Day{Date: d, Name: fmt.Sprintf("day off for %s of %s %d %s", h.name, wd,
						h.date.Day, h.date.Month)})
				}
			}
		}
		if h.date.Year == year {
			y.Holidays = append(y.Holidays, Day{Date: h.date, Name: name})
		}
	}
	y.Holidays = append(y.Holidays, moved...)
	slices.SortStableFunc(y.Holidays, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return y
}

func checkProvisionalYear(what string, year int) error {
	if year < minYear || year > maxYear {
		return errf(ErrInvalidCalendar, "provisional %s year %d is outside %d–%d", what, year, minYear, maxYear)
	}
	return nil
}

// ruleRussia and sourceRussia describe the provisional years of Russia.
const (
	ruleRussia = "provisional, by Labour Code art. 112: non-working holidays 1–6 and 8 January (New Year holidays), " +
		"7 January, 23 February, 8 March, 1 May, 9 May, 12 June and 4 November; a holiday on a Saturday or Sunday " +
		"moves the day off to the next working day, except 1–8 January, whose weekend days are moved only by the " +
		"Government's decree (none is moved here); art. 95: the working day before a non-working holiday is one " +
		"hour shorter. The Government's decree on transfers for the year replaces these data when published."
	sourceRussia = "Labour Code of the Russian Federation No. 197-FZ of 30 December 2001, art. 112 (as amended by " +
		"Federal Law No. 35-FZ of 23 April 2012) and art. 95: https://www.consultant.ru/document/cons_doc_LAW_34683/"
)

// provisionalRussia returns Russia's calendar year as Labour Code art. 112 makes it before the Government's decree
// on transfers: the non-working holidays, the day off of a holiday on a weekend moved to the next working day
// (not for 1–8 January, which only the decree moves), and the shortened days of art. 95 before each holiday. The
// year is marked Provisional. Errors wrap ErrInvalidCalendar for a year outside 1900–2200.
func provisionalRussia(year int) (Year, error) {
	if err := checkProvisionalYear("Russia", year); err != nil {
		return Year{}, err
	}
	var hs []statutory
	for day := 1; day <= 8; day++ {
		name := "New Year holidays"
		if day == 7 {
			name = "Christmas"
		}
		hs = append(hs, statutory{sq.NewDate(year, time.January, day), name, false})
	}
	hs = append(hs,
		statutory{sq.NewDate(year, time.February, 23), "Defender of the Fatherland Day", true},
		statutory{sq.NewDate(year, time.March, 8), "International Women's Day", true},
		statutory{sq.NewDate(year, time.May, 1), "Spring and Labour Day", true},
		statutory{sq.NewDate(year, time.May, 9), "Victory Day", true},
		statutory{sq.NewDate(year, time.June, 12), "Russia Day", true},
		statutory{sq.NewDate(year, time.November, 4), "National Unity Day", true},
	)
	y := buildProvisional(year, ruleRussia, sourceRussia, hs)
	off := map[sq.Date]bool{}
	for _, h := range y.Holidays {
		off[h.Date] = true
	}
	// Art. 95: the working day just before a non-working holiday (1 January of the next year included).
	for _, h := range append(hs, statutory{date: sq.NewDate(year+1, time.January, 1), name: "New Year holidays"}) {
		before := h.date.AddDays(-1)
		if before.Year != year || off[before] || before.Weekday() == time.Saturday || before.Weekday() == time.Sunday {
			continue
		}
		y.Shortened = append(y.Shortened, Day{Date: before, Name: "before " + h.name})
	}
	return y, nil
}

// kurbanAit holds the first day of Kurban Ait (Eid al-Adha) for the provisional years of Kazakhstan: the
// Government sets it each year; until then these published estimates are used.
var kurbanAit = map[int]sq.Date{
	2027: {Year: 2027, Month: time.May, Day: 16},
	2028: {Year: 2028, Month: time.May, Day: 5},
	2029: {Year: 2029, Month: time.April, Day: 24},
	2030: {Year: 2030, Month: time.April, Day: 13},
	2031: {Year: 2031, Month: time.April, Day: 2},
	2032: {Year: 2032, Month: time.March, Day: 22},
	2033: {Year: 2033, Month: time.March, Day: 11},
	2034: {Year: 2034, Month: time.March, Day: 1},
	2035: {Year: 2035, Month: time.February, Day: 18},
}

const (
	kurbanAitSource = "estimated first day of Kurban Ait: 10 Dhu al-Hijjah by the Umm al-Qura calendar; the " +
		"Spiritual Administration of Muslims of Kazakhstan announces the date each year and it may differ by a day"
	ruleKazakhstan = "provisional, by the Law \"On holidays in the Republic of Kazakhstan\" art. 1–2 and 5 and the " +
		"Labour Code art. 84: days off on 1 and 2 January, 8 March, 15 March (Constitution Day, from 2027), 21–23 " +
		"March, 1 May, 7 May, 9 May, 6 July, 25 October and 16 December, each moving the day off to the next " +
		"working day when it falls on a Saturday or Sunday; 7 January and the first day of Kurban Ait are days off " +
		"without a transfer; Kurban Ait at its estimated date. Transfers of days off ordered for the year under " +
		"Labour Code art. 85 para. 3 are not included; the official calendar replaces these data when published."
	sourceKazakhstan = "Law of the Republic of Kazakhstan No. 267-II of 13 December 2001 \"On holidays in the " +
		"Republic of Kazakhstan\" as amended, art. 5; Labour Code of the Republic of Kazakhstan of 23 November " +
		"2015, art. 84 para. 5 and art. 85 para. 3; Constitution of the Republic of Kazakhstan adopted by the " +
		"referendum of 15 March 2026, in force from 1 July 2026, art. 94 para. 2 (Constitution Day on 15 March); the " +
		"Ministry of Labour's statement that 15 March is a holiday from 2027 and 30 August no longer is: " +
		"https://adilet.zan.kz/rus/docs/Z010000267_ , " +
		"https://taspanews.kz/novosti-kazakhstana/v-etom-godu-u-kazakhstantsev-ne-budet-odnogo-vykhodnogo-795514517615"
)

// provisionalKazakhstan returns Kazakhstan's calendar year as the Law on holidays and the Labour Code make it
// before the official calendar is published: the national and state holidays, each giving the next working day
// off when it falls on a weekend, and the religious days off (7 January, the first day of Kurban Ait) without a
// transfer, Kurban Ait at its estimated date (the estimate is named in Source). The year is marked Provisional.
// Errors wrap ErrInvalidCalendar for a year before 2027 (the official years are shipped) or without an estimate
// of Kurban Ait (after 2035).
func provisionalKazakhstan(year int) (Year, error) {
	if err := checkProvisionalYear("Kazakhstan", year); err != nil {
		return Year{}, err
	}
	if year < 2027 {
		return Year{}, errf(ErrInvalidCalendar, "provisional Kazakhstan year %d: the rules encoded are the law as"+
			" it stands from 2027 (Constitution Day on 15 March); earlier years are official data", year)
	}
	ka, ok := kurbanAit[year]
	if !ok {
		return Year{}, errf(ErrInvalidCalendar, "provisional Kazakhstan year %d: no published estimate of Kurban"+
			" Ait for it (estimates cover 2027–%d)", year, provisionalLastYear)
	}
	hs := []statutory{
		{sq.NewDate(year, time.January, 1), "New Year", true},
		{sq.NewDate(year, time.January, 2), "New Year", true},
		{sq.NewDate(year, time.January, 7), "Orthodox Christmas", false},
		{sq.NewDate(year, time.March, 8), "International Women's Day", true},
		{sq.NewDate(year, time.March, 15), "Constitution Day", true},
		{sq.NewDate(year, time.March, 21), "Nauryz meiramy", true},
		{sq.NewDate(year, time.March, 22), "Nauryz meiramy", true},
		{sq.NewDate(year, time.March, 23), "Nauryz meiramy", true},
		{sq.NewDate(year, time.May, 1), "Kazakhstan People's Unity Day", true},
		{sq.NewDate(year, time.May, 7), "Defender of the Fatherland Day", true},
		{sq.NewDate(year, time.May, 9), "Victory Day", true},
		{sq.NewDate(year, time.July, 6), "Capital Day", true},
		{sq.NewDate(year, time.October, 25), "Republic Day", true},
		{sq.NewDate(year, time.December, 16), "Independence Day", true},
		{ka, "Kurban Ait, first day (estimated)", false},
	}
	source := sourceKazakhstan + "; Kurban Ait " + ka.String() + ": " + kurbanAitSource
	return buildProvisional(year, ruleKazakhstan, source, hs), nil
}

const (
	ruleEnglandWales = "provisional, by the Banking and Financial Dealings Act 1971, Schedule 1, and the dates " +
		"appointed by royal proclamation each year: New Year's Day, Good Friday, Easter Monday, the first Monday " +
		"of May, the last Monday of May, the last Monday of August, Christmas Day and Boxing Day; a New Year's " +
		"Day, Christmas Day or Boxing Day on a Saturday or Sunday gives a substitute day on the next weekday that " +
		"is not a bank holiday. Bank holidays proclaimed for one year only, or moved by proclamation, are not " +
		"included; the list published on gov.uk replaces these data."
	sourceEnglandWales = "Banking and Financial Dealings Act 1971, Schedule 1: " +
		"https://www.legislation.gov.uk/ukpga/1971/80/schedule/1 ; bank holidays in England and Wales: " +
		"https://www.gov.uk/bank-holidays"
)

// provisionalEnglandWales returns the bank holidays of England and Wales for a year by the Banking and Financial
// Dealings Act 1971 and the customary proclamations: New Year's Day, Good Friday, Easter Monday (Easter by the
// Gregorian computus), the early May, spring and summer bank holidays, Christmas Day and Boxing Day, with
// substitute days for those on a weekend. The year is marked Provisional. Errors wrap ErrInvalidCalendar for a
// year outside 1900–2200.
func provisionalEnglandWales(year int) (Year, error) {
	if err := checkProvisionalYear("England and Wales", year); err != nil {
		return Year{}, err
	}
	easter := Easter(year)
	firstMonday := func(m time.Month) sq.Date {
		d := sq.NewDate(year, m, 1)
		return d.AddDays((int(time.Monday) - int(d.Weekday()) + 7) % 7)
	}
	lastMonday := func(m time.Month) sq.Date {
		d := sq.NewDate(year, m+1, 0)
		return d.AddDays(-((int(d.Weekday()) - int(time.Monday) + 7) % 7))
	}
	hs := []statutory{
		{sq.NewDate(year, time.January, 1), "New Year's Day", true},
		{easter.AddDays(-2), "Good Friday", false},
		{easter.AddDays(1), "Easter Monday", false},
		{firstMonday(time.May), "Early May bank holiday", false},
		{lastMonday(time.May), "Spring bank holiday", false},
		{lastMonday(time.August), "Summer bank holiday", false},
		{sq.NewDate(year, time.December, 25), "Christmas Day", true},
		{sq.NewDate(year, time.December, 26), "Boxing Day", true},
	}
	return buildProvisional(year, ruleEnglandWales, sourceEnglandWales, hs), nil
}

// Easter returns the date of Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian
// algorithm, as published by Nature in 1876 and by Meeus).
func Easter(year int) sq.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return sq.Date{Year: year, Month: time.Month(month), Day: day}
}

// ProvisionalYear returns the data of a year as the statute behind a built-in calendar makes it before the
// official calendar of that year is published, marked Provisional with its Rule and Source:
//
//   - Kazakhstan ("KZ"): the national and state holidays of the Law on holidays, each giving the next working day
//     off when it falls on a weekend, and the religious days off of the Labour Code (7 January, the first day of
//     Kurban Ait at its published estimate) without a transfer; 2027–2035.
//   - Russia ("RU"): the non-working holidays of Labour Code art. 112, the day off of a holiday on a weekend moved
//     to the next working day (not for 1–8 January, which only the Government's decree moves), and the shortened
//     days of art. 95; 1900–2200.
//   - England and Wales ("GB-EW"): the bank holidays of the Banking and Financial Dealings Act 1971 and the
//     customary proclamations (Easter by the Gregorian computus), with substitute days; 1900–2200.
//
// It is how the built-in calendars fill the years after their official data, whatever data was overlaid since.
// Errors wrap ErrInvalidCalendar for another calendar or a year outside the range.
func (c *WorkCalendar) ProvisionalYear(year int) (Year, error) {
	switch c.Name() {
	case calKazakhstan:
		return provisionalKazakhstan(year)
	case calRussia:
		return provisionalRussia(year)
	case calEnglandWales:
		return provisionalEnglandWales(year)
	}
	return Year{}, errf(ErrInvalidCalendar, "calendar %q has no provisional rule: only KZ, RU and GB-EW have",
		clip(c.Name()))
}
