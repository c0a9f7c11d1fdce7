package complaints_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
)

func zone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// due prints the last day and the end of the term of a complaint received at r under p.
func due(p complaints.Policy, r time.Time) {
	d, err := p.Deadline(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: last day %s, due %s\n", p.Name, d.LastDay, d.At.Format("2006-01-02 15:04 MST"))
}

// The source's policy (SPEC R16): 15 calendar days from the day after receipt.
func ExampleDefaultPolicy() {
	almaty := zone("Asia/Almaty")
	p := complaints.DefaultPolicy(almaty)
	d, _ := p.Deadline(time.Date(2026, 3, 2, 10, 0, 0, 0, almaty))
	fmt.Println("day 1:", d.FirstDay)
	fmt.Println("last day:", d.LastDay)
	fmt.Println("late from:", d.At.Format(time.RFC3339))
	// Output:
	// day 1: 2026-03-03
	// last day: 2026-03-17
	// late from: 2026-03-18T00:00:00+05:00
}

func ExampleKazakhstanMicrofinance() {
	almaty := zone("Asia/Almaty")
	// 15 working days skip 9 March (for 8 March) and the Nauryz days off of 23–25 March 2026.
	due(complaints.KazakhstanMicrofinance(almaty), time.Date(2026, 3, 2, 10, 0, 0, 0, almaty))
	// Output: KZ microfinance law art. 17: 15 working days (+15): last day 2026-03-27, due 2026-03-28 00:00 +05
}

func ExamplePSD2() {
	berlin := zone("Europe/Berlin")
	// Business days of the Member State: here Monday to Friday; a real policy passes its holidays.
	due(complaints.PSD2(complaints.Weekdays(), berlin), time.Date(2026, 3, 2, 10, 0, 0, 0, berlin))
	// Output: PSD2 art. 101(2): 15 business days (35 exceptionally): last day 2026-03-23, due 2026-03-24 00:00 CET
}

func ExampleFCA() {
	london := zone("Europe/London")
	// Eight weeks after Monday 2 March is Monday 27 April, in British Summer Time.
	due(complaints.FCA(london), time.Date(2026, 3, 2, 10, 0, 0, 0, london))
	// Output: FCA DISP 1.6.2R: 8 weeks: last day 2026-04-27, due 2026-04-28 00:00 BST
}

func ExampleFCAPaymentServices() {
	london := zone("Europe/London")
	// Received Friday 20 March 2026: Good Friday (3 April) and Easter Monday (6 April) are bank holidays in
	// England and Wales, so the 15th business day is 14 April, not 10 April as on a plain Monday-to-Friday week.
	due(complaints.FCAPaymentServices(london), time.Date(2026, 3, 20, 10, 0, 0, 0, london))
	// Output: FCA DISP 1.6.2AR: 15 business days (35 exceptionally): last day 2026-04-14, due 2026-04-15 00:00 BST
}

func ExampleCFPB() {
	ny := zone("America/New_York")
	due(complaints.CFPB(ny), time.Date(2026, 3, 2, 10, 0, 0, 0, ny))
	// Output: CFPB portal: 15 days (final within 60): last day 2026-03-17, due 2026-03-18 00:00 EDT
}

func ExampleRussiaFinancialOrganisations() {
	moscow := zone("Europe/Moscow")
	// Registered 24 December 2025: 31 December and 1–9 January are days off.
	due(complaints.RussiaFinancialOrganisations(moscow), time.Date(2025, 12, 24, 9, 0, 0, 0, moscow))
	// Output: RU 442-FZ financial organisations: 15 working days (+10): last day 2026-01-26, due 2026-01-27 00:00 MSK
}

func ExampleRussiaCitizenAppeals() {
	moscow := zone("Europe/Moscow")
	p := complaints.RussiaCitizenAppeals(moscow)
	due(p, time.Date(2026, 4, 10, 9, 0, 0, 0, moscow))
	// Day 30 is Sunday 10 May; moved, the term ends on Tuesday 12 May (11 May is a day off for Victory Day).
	p.Calendar, p.MoveToWorkday = complaints.Russia(), true
	due(p, time.Date(2026, 4, 10, 9, 0, 0, 0, moscow))
	// Output:
	// RU 59-FZ art. 12: 30 days (+30): last day 2026-05-10, due 2026-05-11 00:00 MSK
	// RU 59-FZ art. 12: 30 days (+30): last day 2026-05-12, due 2026-05-13 00:00 MSK
}

// A complaint's lifecycle: a pause waiting on the client, an extension with notice, the status on the way.
func ExampleComplaint_Status() {
	almaty := zone("Asia/Almaty")
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, almaty) }
	p := complaints.KazakhstanMicrofinance(almaty)
	c, _ := complaints.New(p, complaints.Info{ID: "C-42", Channel: "email",
		Category: "qualification", Employee: "credit officer 7", ReceivedAt: at(2, 10)})
	c, _ = c.Append(complaints.Event{Kind: complaints.Paused, At: at(5, 16), Reason: "asked the client for the loan agreement"})
	c, _ = c.Append(complaints.Event{Kind: complaints.Resumed, At: at(9, 10)})
	s, _ := c.Status(at(10, 9))
	fmt.Println("due:", s.Due.LastDay, "paused units:", s.PausedUnits, "working days left:", s.RemainingUnits)
	c, err := c.Append(complaints.Event{Kind: complaints.Extended, At: at(20, 11), Length: 15, Reason: "payment records must be checked", NoticeAt: at(20, 12)})
	if err != nil {
		fmt.Println(err)
	}
	s, _ = c.Status(at(20, 12))
	fmt.Println("due:", s.Due.LastDay, "extended:", s.Extended, "breached:", s.Breached)
	// Output:
	// due: 2026-03-31 paused units: 2 working days left: 12
	// due: 2026-04-21 extended: 15 breached: false
}

// SPEC R18: the register report for management.
func ExampleNewReport() {
	utc := time.UTC
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, utc) }
	p := complaints.DefaultPolicy(utc)
	var cs []complaints.Complaint
	for i, r := range []struct {
		received, resolved int
		employee           string
	}{{1, 5, "ann"}, {2, 20, "bob"}, {3, 0, "ann"}, {20, 0, "bob"}} {
		c, _ := complaints.New(p, complaints.Info{ID: fmt.Sprintf("C-%d", i+1), Employee: r.employee, ReceivedAt: day(r.received)})
		if r.resolved > 0 {
			c, _ = c.Append(complaints.Event{Kind: complaints.Resolved, At: day(r.resolved), Reason: "answered"})
		}
		cs = append(cs, c)
	}
	rep, _ := complaints.NewReport(cs, day(25), complaints.ReportOptions{})
	fmt.Printf("total %d, open %d, overdue %d, on time %d of %d (rate %s)\n", rep.Total, rep.Open, rep.Overdue,
		rep.OnTime, rep.OnTime+rep.Late, rep.OnTimeRate)
	fmt.Println("mean to resolution:", rep.MeanResolution, "p90:", rep.P90Resolution)
	for _, o := range rep.OverdueList {
		fmt.Printf("overdue %s: due %s, %d days late\n", o.Info.ID, o.Due.LastDay, -o.RemainingUnits)
	}
	for _, name := range slices.Sorted(maps.Keys(rep.ByEmployee)) {
		g := rep.ByEmployee[name]
		fmt.Printf("%s: %d complaints, %d overdue\n", name, g.Total, g.Overdue)
	}
	// Output:
	// total 4, open 2, overdue 1, on time 1 of 2 (rate 0.5)
	// mean to resolution: 264h0m0s p90: 432h0m0s
	// overdue C-3: due 2026-03-18, 7 days late
	// ann: 2 complaints, 1 overdue
	// bob: 2 complaints, 0 overdue
}

// Calendars are plain data: a weekly pattern plus holidays, working weekend days and shortened days.
func ExampleNewCalendar() {
	cal, err := complaints.NewCalendar(complaints.CalendarData{
		Name: "branch",
		Week: complaints.Weekdays().Data().Week,
		Years: []complaints.Year{{
			Year:     2026,
			Source:   "internal order 12 of 2026",
			Holidays: []complaints.Day{{Date: sq.NewDate(2026, time.April, 3), Name: "branch closed"}},
			Workdays: []complaints.Day{{Date: sq.NewDate(2026, time.April, 4), Name: "working Saturday"}},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range []int{3, 4, 5} {
		t := time.Date(2026, time.April, d, 12, 0, 0, 0, time.UTC)
		fmt.Println(t.Format("Mon 2 Jan"), cal.IsWorkday(t))
	}
	// Output:
	// Fri 3 Apr false
	// Sat 4 Apr true
	// Sun 5 Apr false
}

func ExampleParsePolicy() {
	p, err := complaints.ParsePolicy([]byte(`{"name": "branch desk", "length": 10, "unit": "working-days",
		"location": "Asia/Almaty", "calendar": "KZ", "due_by": "18:00", "due_soon": 2}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Received Monday 4 May 2026: 7 May (Defender of the Fatherland Day) and 11 May (for Victory Day) are days off.
	due(p, time.Date(2026, 5, 4, 9, 0, 0, 0, p.Location))
	_, err = complaints.ParsePolicy([]byte(`{"length": 15, "location": "Asia/Almaty", "colour": "red"}`))
	fmt.Println(err)
	// Output:
	// branch desk: last day 2026-05-20, due 2026-05-20 18:00 +05
	// complaints: policy JSON: unknown field "colour": malformed input
}

func ExampleParseComplaint() {
	p := complaints.DefaultPolicy(time.UTC)
	_, err := complaints.ParseComplaint([]byte(`{"id": "C-9", "received_at": "2026-03-02T10:00:00Z",
		"events": [{"kind": "resumed", "at": "2026-03-03T10:00:00Z"}]}`), p)
	fmt.Println(err)
	c, _ := complaints.New(p, complaints.Info{ID: "C-10", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)})
	c, _ = c.Append(complaints.Event{Kind: complaints.Acknowledged, At: time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC)})
	b, _ := json.Marshal(c)
	fmt.Println(string(b))
	// Output:
	// complaints: events[1] resumed at 2026-03-03T10:00:00Z: resume without a pause: impossible complaint history
	// {"id":"C-10","received_at":"2026-03-02T10:00:00Z","policy":{"name":"default: 15 calendar days","length":15,"unit":"calendar-days","location":"UTC","start":"next-day"},"events":[{"kind":"acknowledged","at":"2026-03-02T11:00:00Z"}]}
}

// The provisional rule of a built-in calendar: Russia's 2028 as Labour Code art. 112 makes it before the
// Government's decree on transfers.
func ExampleWorkCalendar_ProvisionalYear() {
	y, err := complaints.Russia().ProvisionalYear(2028)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(y.Year, "provisional:", y.Provisional, "days off:", len(y.Holidays), "first:", y.Holidays[0].Date)
	_, err = complaints.Weekdays().ProvisionalYear(2028)
	fmt.Println(err)
	// Output:
	// 2028 provisional: true days off: 15 first: 2028-01-01
	// complaints: calendar "Mon-Fri" has no provisional rule: only KZ, RU and GB-EW have: invalid calendar
}
