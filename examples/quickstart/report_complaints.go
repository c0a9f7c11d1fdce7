package main

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/complaints"
)

// complaints is section 6: the register report for management (SPEC R16–R18) with what is overdue, what is due
// soon and what waits on the client, and the breakdown by channel (R17).
func (b *builder) complaints() section {
	t, a := b.t, b.a
	rep, pol := a.complaintReport, b.ds.policy
	s := b.newSection("complaints", t.s("secComplaints"), "chartComplaints", 1)
	unit, unitKey := t.s("unitDays"), "day"
	if pol.Unit == complaints.WorkingDays {
		unit, unitKey = t.s("unitWorkingDays"), "working-day"
	}
	name := b.ds.settings.PolicyTitle.Get(t.code)
	if name == "" {
		name = pol.Name
	}
	if pol.DueSoon > 0 {
		s.text(t.s("policyLine"), name, t.count(pol.DueSoon, unitKey))
	} else {
		s.text(t.s("policyNoDueSoon"), name)
	}
	if rep.Total == 0 {
		s.text("%s", t.s("noComplaints"))
		return s
	}
	answered := rep.OnTime + rep.Late
	s.text(t.s("summaryLine"), t.count(rep.Total, "complaint"), rep.Open+rep.Paused, rep.Overdue, rep.DueSoon,
		rep.Paused, rep.Resolved+rep.Closed, rep.OnTime, rep.Late, b.percent(int64(rep.OnTime), int64(answered)))
	if answered > 0 {
		s.text(t.s("resolutionLine"), b.days(rep.MeanResolution), b.days(rep.P90Resolution))
	}
	lists := []struct {
		caption, last string
		rows          [][]string
	}{{caption: t.s("overdueTitle"), last: t.f("hDaysLate", unit)}, {caption: t.s("dueSoonTitle"),
		last: t.f("hDaysLeft", unit)}, {caption: t.s("pausedTitle"), last: t.s("hPausedSince")}}
	for _, o := range rep.OverdueList {
		lists[0].rows = append(lists[0].rows, b.complaintRow(o.ID, o.Due.Received, o.Channel, o.Category, o.Employee,
			o.Due.LastDay, strconv.Itoa(o.LateUnits)))
	}
	var dueSoon, paused []complaints.Row
	for _, row := range rep.Rows {
		if row.Status.DueSoon {
			dueSoon = append(dueSoon, row)
		}
		if row.Status.State == complaints.StatePaused {
			paused = append(paused, row)
		}
	}
	for i, rows := range [][]complaints.Row{dueSoon, paused} {
		slices.SortFunc(rows, func(x, y complaints.Row) int { // by due time, then ID
			return cmp.Or(x.Status.Due.At.Compare(y.Status.Due.At), strings.Compare(x.Info.ID, y.Info.ID))
		})
		for _, r := range rows {
			c, st := r.Info, r.Status
			last := strconv.Itoa(st.RemainingUnits)
			if i == 1 {
				last = t.date(st.PausedSince, b.ds.loc)
			}
			lists[i+1].rows = append(lists[i+1].rows, b.complaintRow(c.ID, c.ReceivedAt, c.Channel, c.Category,
				c.Employee, st.Due.LastDay, last))
		}
	}
	for _, l := range lists {
		if len(l.rows) > 0 {
			tab := b.newTable(l.caption, "hID", "hReceived", "hChannel", "hCategory", "hEmployee", "hLastDay", ">")
			tab.Header[6], tab.Rows = l.last, l.rows
			s.table(tab)
		}
	}
	tab := b.newTable(t.s("byChannelTitle"), "hChannel", ">hTotal", ">hOpen", ">hOverdue", ">hAnsweredC",
		">hOnTime", ">hLate")
	for _, g := range rep.ByChannel {
		name := t.lookup("channels", g.Key)
		if g.Key == "" {
			name = t.s("nobody")
		}
		tab.add(name, strconv.Itoa(g.Total), strconv.Itoa(g.Open+g.Paused), strconv.Itoa(g.Overdue),
			strconv.Itoa(g.Resolved+g.Closed), strconv.Itoa(g.OnTime), strconv.Itoa(g.Late))
		s.Chart.count(name, int64(g.Total), false)
	}
	s.table(tab)
	return s
}

// complaintRow is a row of the overdue, due-soon and waiting tables.
func (b *builder) complaintRow(id string, received time.Time, channel, category, employee string,
	lastDay complaints.Date, last string) []string {
	t := b.t
	return []string{id, t.date(received, b.ds.loc), t.lookup("channels", channel), t.lookup("categories", category),
		b.name(employee), b.day(lastDay), last}
}

// day formats a calendar date.
func (b *builder) day(d complaints.Date) string { return b.t.date(d.Start(b.ds.loc), b.ds.loc) }
