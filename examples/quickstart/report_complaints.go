package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// complaints is section 6: the register report for management (SPEC R16–R18) with what is overdue, what is due
// soon and what waits on the client, and the breakdown by channel (R17).
func (b *builder) complaints() section {
	t, a := b.t, b.a
	rep, pol := a.complaintReport, b.ds.policy
	s := section{ID: "complaints", Title: t.secComplaints, Chart: chart{Title: t.chartComplaints}}
	unit, unitKey := t.unitDays, "day"
	if pol.Unit == complaints.WorkingDays {
		unit, unitKey = t.unitWorkingDays, "working-day"
	}
	name := b.ds.settings.PolicyTitle.Get(t.code)
	if name == "" {
		name = pol.Name
	}
	if pol.DueSoon > 0 {
		s.text(t.policyLine, name, t.count(pol.DueSoon, unitKey))
	} else {
		s.text(t.policyNoDueSoon, name)
	}
	if rep.Total == 0 {
		s.text("%s", t.noComplaints)
		s.Chart.Max = decimal.NewFromInt(1)
		return s
	}
	answered := rep.OnTime + rep.Late
	rate := dash
	if answered > 0 {
		r, _ := rep.OnTimeRate.Round(sq.Precision{Places: 3, Rounding: sq.HalfUp}) // a valid precision: cannot fail
		rate = t.num(r.Value.Shift(2), 1) + "%"
	}
	s.text(t.summaryLine, t.count(rep.Total, "complaint"), rep.Open+rep.Paused, rep.Overdue, rep.DueSoon, rep.Paused,
		rep.Resolved+rep.Closed, rep.OnTime, rep.Late, rate)
	if answered > 0 {
		s.text(t.resolutionLine, b.days(rep.MeanResolution), b.days(rep.P90Resolution))
	}

	header := func(last string) []string {
		return []string{t.hID, t.hReceived, t.hChannel, t.hCategory, t.hEmployee, t.hLastDay, last}
	}
	right := []bool{false, false, false, false, false, false, true}
	if len(rep.OverdueList) > 0 {
		tab := &table{Caption: t.overdueTitle, Header: header(fmt.Sprintf(t.hDaysLate, unit)), Right: right}
		for _, o := range rep.OverdueList {
			tab.Rows = append(tab.Rows, []string{o.Info.ID, t.date(o.Due.Received, b.ds.loc),
				lookup(t.channels, o.Info.Channel), lookup(t.categories, o.Info.Category), b.name(o.Info.Employee),
				b.day(o.Due.LastDay), strconv.Itoa(-o.RemainingUnits)})
		}
		s.table(tab)
	}
	if len(a.dueSoon) > 0 {
		tab := &table{Caption: t.dueSoonTitle, Header: header(fmt.Sprintf(t.hDaysLeft, unit)), Right: right}
		for _, c := range a.dueSoon {
			tab.Rows = append(tab.Rows, b.statusRow(c, strconv.Itoa(c.RemainingUnits)))
		}
		s.table(tab)
	}
	if len(a.paused) > 0 {
		tab := &table{Caption: t.pausedTitle, Header: header(t.hPausedSince), Right: right}
		for _, c := range a.paused {
			tab.Rows = append(tab.Rows, b.statusRow(c, t.date(c.PausedSince, b.ds.loc)))
		}
		s.table(tab)
	}

	tab := &table{Caption: t.byChannelTitle,
		Header: []string{t.hChannel, t.hTotal, t.hOpen, t.hOverdue, t.hAnsweredC, t.hOnTime, t.hLate},
		Right:  []bool{false, true, true, true, true, true, true}}
	top := 1
	for _, key := range slices.Sorted(maps.Keys(rep.ByChannel)) {
		g := rep.ByChannel[key]
		name := lookup(t.channels, key)
		if key == "" {
			name = t.nobody
		}
		tab.Rows = append(tab.Rows, []string{name, strconv.Itoa(g.Total), strconv.Itoa(g.Open + g.Paused),
			strconv.Itoa(g.Overdue), strconv.Itoa(g.Resolved + g.Closed), strconv.Itoa(g.OnTime), strconv.Itoa(g.Late)})
		s.Chart.Bars = append(s.Chart.Bars, bar{Label: name, Value: decimal.NewFromInt(int64(g.Total)),
			Text: strconv.Itoa(g.Total)})
		top = max(top, g.Total)
	}
	s.Chart.Max = decimal.NewFromInt(int64(top))
	s.table(tab)
	return s
}

// statusRow is a row of the due-soon and waiting tables.
func (b *builder) statusRow(c complaints.Status, last string) []string {
	t := b.t
	return []string{c.Info.ID, t.date(c.Info.ReceivedAt, b.ds.loc), lookup(t.channels, c.Info.Channel),
		lookup(t.categories, c.Info.Category), b.name(c.Info.Employee), b.day(c.Due.LastDay), last}
}

// day formats a calendar date.
func (b *builder) day(d sq.Date) string { return b.t.date(d.Start(b.ds.loc), b.ds.loc) }
