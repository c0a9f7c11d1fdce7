package complaints_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/servicequality/servicequality/complaints"
)

// balance is a published balance of working time: the working days of each month on the five-day week, as the
// labour ministry's balance or the production calendar states them, with the year's total.
type balance struct {
	calendar string // "KZ", "RU" or "GB-EW"
	year     int
	months   [12]int
	total    int
	source   string
	// fixes are the months whose published figure a later act overtook; the shipped data follows the act.
	fixes []balanceFix
}

type balanceFix struct {
	month  time.Month
	days   int
	reason string
}

// balances lists the published figures the shipped data must reproduce. Where no monthly table could be
// found, the row counts the weekdays of each month minus the listed days off by hand, and says so.
var balances = []balance{
	{
		calendar: "KZ", year: 2024,
		months: [12]int{21, 21, 17, 22, 20, 19, 22, 21, 21, 22, 21, 21}, total: 248,
		source: "Ministry of Labour and Social Protection of Population, balance of working time for 2024, five-day " +
			"week (https://help.inbuh.kz/6801/): 248 days, 1984 hours",
		fixes: []balanceFix{{time.June, 20, "the balance counted a weekday off for Kurban Ait; the Spiritual " +
			"Administration of Muslims fixed its first day on Sunday 16 June 2024, which is not transferred " +
			"(Labour Code art. 84), so Monday 17 June works: 20 weekdays, 20 working days " +
			"(https://golos-naroda.kz/33368-dumk-opredelil-tochnuiu-datu-kurban-aita-vykhodnoi-den-otmenen-1717752158/amp)"}},
	},
	{
		calendar: "KZ", year: 2025,
		months: [12]int{20, 20, 17, 22, 19, 20, 22, 21, 21, 22, 20, 22}, total: 246,
		source: "total 246 as published with the egov.kz calendar (https://pobipb.kz/kalendar-vyxodnyx-i-prazdnichnyx-dnej-na-2025-god); " +
			"August 21 (https://zontnews.kz/?p=854), November 20 (https://baq.kz/qarasha-ayynda-qazaqstandyqtar-neshe-kun-demalady-200025132/), " +
			"December 22 (https://aqshamnews.kz/kz/article/qazaqstandyqtar-jeltoqsanda-qalai-demalady.html); the other months by hand " +
			"from the egov.kz list: Jan 23 weekdays − 1, 2, 3, 7 Jan + Sunday 5 Jan worked = 20; Feb 20; Mar 21 − 10, 21, 24, 25 = 17; " +
			"Apr 22; May 22 − 1, 7, 9 = 19; Jun 21 − Kurban Ait 6 Jun = 20; Jul 23 − 7 = 22; Sep 22 − 1 = 21; Oct 23 − 27 = 22",
	},
	{
		calendar: "KZ", year: 2026,
		months: [12]int{19, 20, 18, 22, 17, 22, 22, 20, 22, 21, 21, 22}, total: 246,
		source: "calendar of the Ministry of Labour and Social Protection of Population published in December 2025, before " +
			"the referendum (https://prg.kz/m/amp/document/33673598 , transfers in https://news.mail.ru/society/69046544/): total 246; " +
			"January 19 (https://alau.kz/novyj-god-2026-utverzhdjon-oficialnyj-kalendar-vyhodnyh/), March 18 " +
			"(https://mgorod.kz/news/skolko-vyhodnyh-budet-u-kazahstantsev-v-marte); the other months by hand from that " +
			"list: Feb 20; Apr 22; May 21 − 1, 7, 11, Kurban Ait 27 = 17; Jun 22; Jul 23 − 6 = 22; Aug 21 − 31 = 20; Sep 22; " +
			"Oct 22 − 26 = 21; Nov 21; Dec 23 − 16 = 22",
		fixes: []balanceFix{{time.August, 21, "the Constitution adopted by the referendum of 15 March 2026 moved " +
			"Constitution Day to 15 March; the ministry stated that 30 August 2026 is no longer a holiday, so Monday " +
			"31 August works: 21 weekdays, 21 working days, 247 in the year " +
			"(https://taspanews.kz/novosti-kazakhstana/v-etom-godu-u-kazakhstantsev-ne-budet-odnogo-vykhodnogo-795514517615)"}},
	},
	{
		calendar: "RU", year: 2024,
		months: [12]int{17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21}, total: 248,
		source: "production calendar for 2024, five-day week (https://www.consultant.ru/law/ref/calendar/proizvodstvennye/2024/), " +
			"as transcribed in the xmlcalendar/data dataset (ru/2024/calendar.xml): 248 days, 1979 hours",
	},
	{
		calendar: "RU", year: 2025,
		months: [12]int{17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22}, total: 247,
		source: "production calendar for 2025, five-day week (https://www.consultant.ru/law/ref/calendar/proizvodstvennye/2025/), " +
			"as transcribed in the xmlcalendar/data dataset (ru/2025/calendar.xml): 247 days, 1972 hours",
	},
	{
		calendar: "RU", year: 2026,
		months: [12]int{15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22}, total: 247,
		source: "production calendar for 2026, five-day week (https://glavaudit.org/situations/k518956 , the same in " +
			"xmlcalendar/data ru/2026/calendar.xml): 247 days, 1972 hours",
	},
	{
		calendar: "RU", year: 2027,
		months: [12]int{15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22}, total: 247,
		source: "total 247 working days and 118 days off of the production calendar for 2027 under Government decree " +
			"No. 1187 of 17 September 2026 (https://www.consultant.ru/document/cons_doc_LAW_544706/); the months by hand from " +
			"the decree and art. 112: Jan 21 weekdays − 1, 4–8 Jan = 15; Feb 20 − 22, 23 + Saturday 20 worked = 19; " +
			"Mar 23 − 8 = 22; Apr 22; May 21 − 3, 10 = 19; Jun 22 − 14 = 21; Jul 22; Aug 22; Sep 22; Oct 21; " +
			"Nov 22 − 4, 5 = 20; Dec 23 − 31 = 22",
	},
	{
		calendar: "GB-EW", year: 2024,
		months: [12]int{22, 21, 20, 21, 21, 20, 23, 21, 21, 23, 21, 20}, total: 254,
		source: "by hand from the gov.uk bank holidays for England and Wales (https://www.gov.uk/bank-holidays): weekdays " +
			"23 21 21 22 23 20 23 22 21 23 21 22 minus 1 Jan, 29 Mar, 1 Apr, 6 and 27 May, 26 Aug, 25 and 26 Dec",
	},
	{
		calendar: "GB-EW", year: 2025,
		months: [12]int{22, 20, 21, 20, 20, 21, 23, 20, 22, 23, 20, 21}, total: 253,
		source: "by hand from the gov.uk bank holidays for England and Wales: weekdays 23 20 21 22 22 21 23 21 22 23 20 23 " +
			"minus 1 Jan, 18 and 21 Apr, 5 and 26 May, 25 Aug, 25 and 26 Dec",
	},
	{
		calendar: "GB-EW", year: 2026,
		months: [12]int{21, 20, 22, 20, 19, 22, 23, 20, 22, 22, 21, 21}, total: 253,
		source: "by hand from the gov.uk bank holidays for England and Wales: weekdays 22 20 22 22 21 22 23 21 22 22 21 23 " +
			"minus 1 Jan, 3 and 6 Apr, 4 and 25 May, 31 Aug, 25 Dec and the substitute day 28 Dec",
	},
	{
		calendar: "GB-EW", year: 2027,
		months: [12]int{20, 20, 21, 22, 19, 22, 22, 21, 22, 21, 22, 21}, total: 253,
		source: "by hand from the gov.uk bank holidays for England and Wales: weekdays 21 20 23 22 21 22 22 22 22 21 22 23 " +
			"minus 1 Jan, 26 and 29 Mar, 3 and 31 May, 30 Aug and the substitute days 27 and 28 Dec",
	},
	{
		calendar: "GB-EW", year: 2028,
		months: [12]int{20, 21, 23, 18, 21, 22, 21, 22, 21, 22, 22, 19}, total: 252,
		source: "by hand from the gov.uk bank holidays for England and Wales: weekdays 21 21 23 20 23 22 21 23 21 22 22 21 " +
			"minus the substitute day 3 Jan, 14 and 17 Apr, 1 and 29 May, 28 Aug, 25 and 26 Dec",
	},
}

// englandAndWales builds the GB-EW calendar from the data files, which no built-in calendar loads.
func englandAndWales(t *testing.T) *complaints.WorkCalendar {
	t.Helper()
	d := complaints.CalendarData{Name: "GB-EW", Week: complaints.Weekdays().Data().Week}
	for y := 2024; y <= 2028; y++ {
		b, err := os.ReadFile(fmt.Sprintf("calendars/gb-ew-%d.json", y))
		if err != nil {
			t.Fatal(err)
		}
		year, err := complaints.ParseYear(b)
		if err != nil {
			t.Fatalf("gb-ew-%d.json: %v", y, err)
		}
		if year.Year != y {
			t.Fatalf("gb-ew-%d.json holds the year %d", y, year.Year)
		}
		d.Years = append(d.Years, year)
	}
	c, err := complaints.NewCalendar(d)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// countMonths counts the working days of each month of year by asking IsWorkday about 12:00 UTC of every date.
func countMonths(c complaints.Calendar, year int) [12]int {
	var n [12]int
	for d := time.Date(year, time.January, 1, 12, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
		if c.IsWorkday(d) {
			n[d.Month()-1]++
		}
	}
	return n
}

func sum(months [12]int) int {
	s := 0
	for _, n := range months {
		s += n
	}
	return s
}

// The working days per month of every shipped official year match the published balance of working time.
func TestBalanceOfWorkingTime(t *testing.T) {
	calendars := map[string]*complaints.WorkCalendar{
		"KZ":    complaints.Kazakhstan(),
		"RU":    complaints.Russia(),
		"GB-EW": englandAndWales(t),
	}
	for _, tt := range balances {
		name := fmt.Sprintf("%s %d", tt.calendar, tt.year)
		if got := sum(tt.months); got != tt.total {
			t.Errorf("%s: the published months add up to %d, the published total is %d (%s)", name, got,
				tt.total, tt.source)
		}
		want := tt.months
		for _, f := range tt.fixes {
			if want[f.month-1] == f.days {
				t.Errorf("%s: the fix of %s changes nothing (%s)", name, f.month, f.reason)
			}
			want[f.month-1] = f.days
		}
		c := calendars[tt.calendar]
		if !c.Covers(time.Date(tt.year, time.July, 1, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: no data shipped for the year", name)
			continue
		}
		got := countMonths(c, tt.year)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s working days per month mismatch (-want +got):\n%s\nsource: %s", name, diff, tt.source)
		}
		if sum(got) != sum(want) {
			t.Errorf("%s: %d working days in the year, want %d (%s)", name, sum(got), sum(want), tt.source)
		}
	}
}

// Every data file shipped in calendars/ has a row in the balance table, so a new official year cannot go
// unchecked.
func TestBalanceCoversShippedYears(t *testing.T) {
	have := map[string]bool{}
	for _, tt := range balances {
		have[fmt.Sprintf("%s %d", tt.calendar, tt.year)] = true
	}
	files, err := os.ReadDir("calendars")
	if err != nil {
		t.Fatal(err)
	}
	prefixes := map[string]string{"kz-": "KZ", "ru-": "RU", "gb-ew-": "GB-EW"}
	n := 0
	for _, f := range files {
		for prefix, name := range prefixes {
			var year int
			if _, err := fmt.Sscanf(f.Name(), prefix+"%d.json", &year); err != nil || !strings.HasPrefix(f.Name(), prefix) {
				continue
			}
			n++
			if key := fmt.Sprintf("%s %d", name, year); !have[key] {
				t.Errorf("calendars/%s: %s is shipped without a published balance in the table", f.Name(), key)
			}
		}
	}
	if n != len(balances) {
		t.Errorf("%d data files in calendars/, %d rows in the balance table", n, len(balances))
	}
}
