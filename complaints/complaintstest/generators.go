package complaintstest

import (
	"fmt"
	"sync"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"pgregory.net/rapid"
)

// locationNames are the time zones policies are drawn in; those missing from the machine's time-zone data are
// left out.
var locationNames = []string{"Asia/Almaty", "Europe/Moscow", "Europe/London", "America/New_York", "UTC"}

var locations = sync.OnceValue(func() []*time.Location {
	var out []*time.Location
	for _, n := range locationNames {
		if l, err := time.LoadLocation(n); err == nil {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = append(out, time.UTC)
	}
	return out
})

// Location returns a generator of the time zones the kit draws policies in: Asia/Almaty, Europe/Moscow,
// Europe/London, America/New_York and UTC, those the machine has data for.
func Location() *rapid.Generator[*time.Location] { return rapid.SampledFrom(locations()) }

// Calendar returns a generator of calendars: the built-in Kazakhstan, Russia, EnglandWales and Weekdays, and the
// first three with the official data of one of their provisional years overlaid (as a team loads a year published
// after a release), so that both provisional and official years are drawn.
func Calendar() *rapid.Generator[*complaints.WorkCalendar] {
	return rapid.Custom(func(t *rapid.T) *complaints.WorkCalendar {
		builtins := []func() *complaints.WorkCalendar{complaints.Kazakhstan, complaints.Russia,
			complaints.EnglandWales, complaints.Weekdays}
		i := rapid.IntRange(0, len(builtins)-1).Draw(t, "calendar")
		c := builtins[i]()
		if i >= 3 || !rapid.Bool().Draw(t, "overlay") {
			return c
		}
		_, years := yearsOf(c)
		if len(years) == 0 {
			return c
		}
		y, err := c.ProvisionalYear(rapid.SampledFrom(years).Draw(t, "year"))
		if err != nil {
			panic(fmt.Sprintf("complaintstest: provisional year: %v", err))
		}
		y.Provisional, y.Rule, y.Source = false, "", fmt.Sprintf("complaintstest: official data for %d", y.Year)
		o, err := c.Overlay(y)
		if err != nil {
			panic(fmt.Sprintf("complaintstest: overlay: %v", err))
		}
		return o
	})
}

// Preset returns a generator of the preset policies of package complaints in a drawn time zone: DefaultPolicy,
// KazakhstanMicrofinance, PSD2 (on the Weekdays calendar), FCA, FCAPaymentServices, CFPB,
// RussiaFinancialOrganisations and RussiaCitizenAppeals.
func Preset() *rapid.Generator[complaints.Policy] {
	return rapid.Custom(func(t *rapid.T) complaints.Policy {
		loc := Location().Draw(t, "location")
		presets := Presets(loc)
		return presets[rapid.IntRange(0, len(presets)-1).Draw(t, "preset")]
	})
}

// Presets returns the preset policies of package complaints in loc, in a fixed order.
func Presets(loc *time.Location) []complaints.Policy {
	return []complaints.Policy{complaints.DefaultPolicy(loc), complaints.KazakhstanMicrofinance(loc),
		complaints.PSD2(complaints.Weekdays(), loc), complaints.FCA(loc), complaints.FCAPaymentServices(loc),
		complaints.CFPB(loc), complaints.RussiaFinancialOrganisations(loc), complaints.RussiaCitizenAppeals(loc)}
}

// Policy returns a generator of valid policies: the presets, and random policies of every unit, start, receipt
// cut-off, due-by time, move to a working day, registration on a working day, extension and milestone, on the
// calendars of Calendar. Lengths stay within 60 units and extensions within 30, so that a term received in the
// calendars' years ends within them. Every policy drawn passes Validate and has a JSON form.
func Policy() *rapid.Generator[complaints.Policy] {
	return rapid.Custom(func(t *rapid.T) complaints.Policy {
		if rapid.IntRange(0, 3).Draw(t, "preset") == 0 {
			return Preset().Draw(t, "preset")
		}
		p := complaints.Policy{
			Name:   "complaintstest",
			Length: rapid.IntRange(1, 60).Draw(t, "length"),
			Unit: rapid.SampledFrom([]complaints.Unit{complaints.CalendarDays, complaints.WorkingDays,
				complaints.Weeks}).Draw(t, "unit"),
			Location: Location().Draw(t, "location"),
			SameDay:  rapid.Bool().Draw(t, "same day"),
		}
		if p.Unit == complaints.Weeks {
			p.Length = rapid.IntRange(1, 8).Draw(t, "weeks")
		}
		if p.Unit == complaints.WorkingDays || rapid.Bool().Draw(t, "calendar") {
			p.Calendar = Calendar().Draw(t, "workCalendar")
			p.MoveToWorkday = rapid.Bool().Draw(t, "moveToWorkday")
			p.RegisterOnWorkday = rapid.Bool().Draw(t, "registerOnWorkday")
		}
		if rapid.Bool().Draw(t, "cutoff") {
			p.ReceiptCutoff = time.Duration(rapid.IntRange(8*60, 20*60).Draw(t, "cutoffMinutes")) * time.Minute
		}
		if rapid.Bool().Draw(t, "dueBy") {
			p.DueBy = time.Duration(rapid.IntRange(9*60, 23*60).Draw(t, "dueByMinutes")) * time.Minute
			if p.SameDay && (p.ReceiptCutoff == 0 || p.ReceiptCutoff > p.DueBy) {
				p.ReceiptCutoff = p.DueBy
			}
		}
		if rapid.Bool().Draw(t, "extension") {
			p.Extension = complaints.Extension{Max: rapid.IntRange(1, 30).Draw(t, "extensionMax"),
				ReasonRequired: rapid.Bool().Draw(t, "reasonRequired"), NoticeRequired: rapid.Bool().Draw(t,
					"noticeRequired")}
		}
		milestone := func(label string) complaints.Milestone {
			if !rapid.Bool().Draw(t, label) {
				return complaints.Milestone{}
			}
			m := complaints.Milestone{Length: rapid.IntRange(1, 20).Draw(t, label+"Length"),
				Unit: complaints.CalendarDays}
			if p.Calendar != nil && rapid.Bool().Draw(t, label+"Working") {
				m.Unit = complaints.WorkingDays
			}
			return m
		}
		p.Acknowledge, p.HoldingReply = milestone("acknowledge"), milestone("holdingReply")
		p.DueSoon = rapid.IntRange(0, 5).Draw(t, "dueSoon")
		if err := p.Validate(); err != nil {
			panic(fmt.Sprintf("complaintstest: generated an invalid policy: %v", err))
		}
		return p
	})
}

// span returns the receipt times a policy's calendar can count a term for: from the first year of its data to
// the start of its last year (so that a term of up to a year fits), or 2020–2040 for a calendar with no years.
func span(p complaints.Policy) (from, to time.Time) {
	if wc, ok := p.Calendar.(*complaints.WorkCalendar); ok {
		if ys, _ := yearsOf(wc); len(ys) > 1 {
			return time.Date(ys[0], 1, 1, 0, 0, 0, 0, p.Location), time.Date(ys[len(ys)-1], 1, 1, 0, 0, 0, 0,
				p.Location)
		}
	}
	return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
}

// ReceivedAt returns a generator of receipt times p can count: within the years of its calendar's data (leaving
// the last year for the term), to the second, some of them right at midnight, the receipt cut-off or the due-by
// time, where off-by-one mistakes live.
func ReceivedAt(p complaints.Policy) *rapid.Generator[time.Time] {
	from, to := span(p)
	return between(p, from, to)
}

func between(p complaints.Policy, from, to time.Time) *rapid.Generator[time.Time] {
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	days := int(to.Sub(from).Hours() / 24)
	return rapid.Custom(func(t *rapid.T) time.Time {
		day := from.In(loc).AddDate(0, 0, rapid.IntRange(0, max(days-1, 0)).Draw(t, "day"))
		y, m, d := day.Date()
		var tod time.Duration
		switch rapid.IntRange(0, 3).Draw(t, "timeOfDay") {
		case 0: // midnight
		case 1:
			tod = p.ReceiptCutoff + time.Duration(rapid.IntRange(-1, 1).Draw(t, "aroundCutoff"))*time.Second
		case 2:
			tod = p.DueBy + time.Duration(rapid.IntRange(-1, 1).Draw(t, "aroundDueBy"))*time.Second
		default:
			tod = time.Duration(rapid.IntRange(0, 86399).Draw(t, "second")) * time.Second
		}
		tod = min(max(tod, 0), 24*time.Hour-time.Second)
		return time.Date(y, m, d, 0, 0, 0, 0, loc).Add(tod)
	})
}

// yearsOf returns the years c holds data for, in order, and those of them that are provisional.
func yearsOf(c *complaints.WorkCalendar) (all, provisional []int) {
	for _, y := range c.Data().Years {
		all = append(all, y.Year)
		if y.Provisional {
			provisional = append(provisional, y.Year)
		}
	}
	return all, provisional
}
