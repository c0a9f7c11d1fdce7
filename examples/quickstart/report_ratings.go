package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

var five = decimal.NewFromInt(5)

// personal is section 1: the leaderboard of personal ratings (SPEC R8), then the provisional ones with why.
func (b *builder) personal() section {
	t, a := b.t, b.a
	s := section{ID: "personal", Title: t.secPersonal, Chart: chart{Title: t.chartPersonal, Max: five}}
	tab := &table{
		Header: []string{t.hRank, t.hEmployee, t.hRating, t.hCalls, t.hCallRating, t.hSurvey, t.hCSI, t.hNPS, t.hSurveyed},
		Right:  []bool{true, false, true, true, true, true, true, true, true},
	}
	for _, st := range a.board.Ranked() {
		p := a.personal[st.ID]
		shown, _ := p.Display()
		tab.Rows = append(tab.Rows, b.personalRow(strconv.Itoa(st.Rank), p, t.num(shown, 1)))
		s.Chart.Bars = append(s.Chart.Bars, bar{Label: b.name(st.ID), Value: shown, Text: t.num(shown, 1)})
	}
	if len(tab.Rows) > 0 {
		s.table(tab)
	} else {
		s.text("%s", t.noRanked)
	}
	s.text("%s", t.rankNote)

	if prov := a.board.Insufficient(); len(prov) > 0 {
		pt := &table{Caption: t.provisional, Header: []string{t.hEmployee, t.hProvisional, t.hCalls, t.hWhy},
			Right: []bool{false, true, true, false}}
		for _, st := range prov {
			p := a.personal[st.ID]
			v := p.Exact().Display()
			pt.Rows = append(pt.Rows, []string{b.name(st.ID), "[" + t.num(v, 1) + "]",
				strconv.FormatInt(p.Calls.Count(), 10), b.personalReasons(p)})
			s.Chart.Bars = append(s.Chart.Bars, bar{Label: b.name(st.ID), Value: v, Text: "[" + t.num(v, 1) + "]",
				Muted: true})
		}
		s.table(pt)
	}
	var none []string
	for _, e := range a.roster {
		if _, ok := a.personal[e.ID]; !ok {
			none = append(none, e.name(t.code))
		}
	}
	if len(none) > 0 {
		s.text(t.noData, strings.Join(none, ", "))
	}
	return s
}

// personalRow is one row of the leaderboard.
func (b *builder) personalRow(rank string, p rating.Personal, shown string) []string {
	calls, callsOK := p.CallRating()
	idx, idxOK := p.SurveyIndex()
	sv := b.a.surveys[p.EmployeeID]
	return []string{rank, b.name(p.EmployeeID), shown, strconv.FormatInt(p.Calls.Count(), 10),
		b.showOK(calls, callsOK), b.showOK(idx, idxOK), b.showNull(sv.CSI), b.showNull(sv.NPS), b.surveyed(sv)}
}

// surveyed formats the coverage of a survey (SPEC R14): "6.7% (14/210)".
func (b *builder) surveyed(sv rating.Survey) string {
	if sv.Clients == 0 {
		return fmt.Sprintf("? (%d/?)", sv.Surveyed)
	}
	return fmt.Sprintf("%s (%d/%d)", b.percent(sv.Surveyed, sv.Clients, 1), sv.Surveyed, sv.Clients)
}

// missingIndexes lists the components missing from a survey index that has one of CSI and NPS but not the other.
func missingIndexes(sv rating.Survey) []string {
	switch {
	case sv.CSI.Valid && !sv.NPS.Valid:
		return []string{rating.ComponentNPS}
	case !sv.CSI.Valid && sv.NPS.Valid:
		return []string{rating.ComponentCSI}
	}
	return nil
}

// personalReasons explains in words why a personal rating is provisional.
func (b *builder) personalReasons(p rating.Personal) string {
	sv := b.a.surveys[p.EmployeeID]
	missing := append(p.Breakdown().Missing(), missingIndexes(sv)...)
	return b.reasons(p.Rating, p.Calls.Count(), sv, missing)
}

// reasons words the sufficiency reasons of a rating in the report's language, from their codes and the inputs.
func (b *builder) reasons(r rating.Rating, calls int64, sv rating.Survey, missing []string) string {
	t := b.t
	set := b.ds.settings.personal
	var out []string
	missingDone := false // one reason per missing component: worded once, naming them all
	for _, why := range r.Reasons() {
		switch why.Code {
		case rating.FewCalls:
			out = append(out, fmt.Sprintf(t.reasonFewCalls, t.count(calls, "evaluated-call"), set.MinCalls))
		case rating.LowCoverage:
			if sv.Clients == 0 {
				out = append(out, fmt.Sprintf(t.reasonNoClients, t.count(sv.Surveyed, "client")))
			} else {
				out = append(out, fmt.Sprintf(t.reasonLowCoverage, sv.Surveyed, t.count(sv.Clients, "client-of"),
					b.percent(sv.Surveyed, sv.Clients, 1), t.plain(set.MinSurveyed.Shift(2))))
			}
		case rating.NoEvaluationInQuarter:
			out = append(out, fmt.Sprintf(t.reasonNoEval, b.a.quarter))
		case rating.MissingComponent:
			if missingDone {
				continue
			}
			missingDone = true
			var names []string
			for _, m := range missing {
				names = append(names, lookup(t.components, m))
			}
			out = append(out, fmt.Sprintf(t.reasonMissing, strings.Join(names, ", ")))
		case rating.NoSufficientEmployees:
			out = append(out, t.reasonNoSufficient)
		default:
			out = append(out, why.String())
		}
	}
	return strings.Join(out, "; ")
}

// department is section 2: each department's rating (SPEC R7) and how its components add up.
func (b *builder) department() section {
	t := b.t
	s := section{ID: "department", Title: t.secDepartment, Chart: chart{Title: t.chartDepartment, Max: five}}
	tab := &table{Header: []string{t.hDepartment, t.hRating, t.hPlatforms, t.hEmployees, t.hSurvey, t.hCounted},
		Right: []bool{false, true, true, true, true, true}}
	for _, d := range b.a.depts {
		title := b.ds.settings.departmentTitle(d.ID, t.code)
		shown := "[" + b.show1(d.Rating.Exact()) + "]"
		if v, ok := d.Rating.Display(); ok {
			shown = t.num(v, 1)
		}
		plat, platOK := d.Rating.PlatformRating()
		emp, empOK := d.Rating.EmployeeMean()
		idx, idxOK := d.Rating.SurveyIndex()
		tab.Rows = append(tab.Rows, []string{title, shown, b.showOK(plat, platOK), b.showOK(emp, empOK),
			b.showOK(idx, idxOK), fmt.Sprintf(t.countedCell, d.Rating.Counted, d.Rating.Counted+d.Rating.Skipped)})
	}
	s.table(tab)
	for _, d := range b.a.depts {
		s.Blocks = append(s.Blocks, b.departmentDetail(d, &s.Chart)...)
	}
	return s
}

// departmentDetail lists a department's platforms and the contribution of each component, and adds its bars.
func (b *builder) departmentDetail(d deptResult, c *chart) []block {
	t := b.t
	var out []block
	title := b.ds.settings.departmentTitle(d.ID, t.code)
	if len(d.Platforms) > 0 {
		var ps []string
		for _, p := range d.Platforms {
			ps = append(ps, fmt.Sprintf(t.reviews, p.Name, t.plain(p.Rating), t.count(p.Reviews, "review")))
			c.Bars = append(c.Bars, bar{Label: p.Name, Value: p.Rating, Text: t.plain(p.Rating)})
		}
		mean := lookup(t.platformMean, b.ds.settings.department.Platforms.String())
		out = append(out, block{Text: fmt.Sprintf(t.platformsLine, mean, strings.Join(ps, ", "))})
	}
	tab := &table{Caption: title, Header: []string{t.hComponent, t.hValue, t.hWeight, t.hShare, t.hPoints},
		Right: []bool{false, true, true, true, true}}
	w := d.Rating.Breakdown()
	for _, ct := range w.Contributions() {
		name := lookup(t.components, ct.Name)
		if !ct.Present {
			tab.Rows = append(tab.Rows, []string{name, t.missing, t.plain(ct.Weight), dash, dash})
			continue
		}
		tab.Rows = append(tab.Rows, []string{name, t.num(halfUp(ct.Value, 2), 2), t.plain(ct.Weight),
			t.num(halfUp(ct.Share, 3).Shift(2), 1) + "%", t.num(halfUp(ct.Points, 2), 2)})
		c.Bars = append(c.Bars, bar{Label: name, Value: ct.Value.Display(), Text: b.show1(ct.Value)})
	}
	v := d.Rating.Exact()
	shown := b.show1(v)
	if !d.Rating.Sufficient() {
		shown = "[" + shown + "]"
	}
	tab.Rows = append(tab.Rows, []string{t.total, shown, "", t.num(decimal.NewFromInt(100), 1) + "%",
		t.num(halfUp(v, 2), 2)})
	c.Bars = append(c.Bars, bar{Label: title, Value: v.Display(), Text: shown, Muted: !d.Rating.Sufficient()})
	out = append(out, block{Table: tab})
	if !d.Rating.Sufficient() {
		missing := append(w.Missing(), missingIndexes(d.Survey)...)
		out = append(out, block{Text: fmt.Sprintf(t.whyLine, b.reasons(d.Rating.Rating, 0, d.Survey, missing))})
	}
	return out
}

// compliance is section 3: evaluated calls per employee and quarter against the minimum (SPEC R5, R6).
func (b *builder) compliance() section {
	t, a := b.t, b.a
	min := b.ds.settings.personal.MinCalls
	s := section{ID: "compliance", Title: fmt.Sprintf(t.secCompliance, min)}
	if len(a.compliance) == 0 {
		s.text("%s", t.noAnswers)
		return s
	}
	tab := &table{Header: []string{t.hEmployee}, Right: []bool{false}}
	for _, q := range a.compliance {
		h := q.Quarter.String()
		if q.InProgress {
			h += "*"
		}
		tab.Header = append(tab.Header, h)
		tab.Right = append(tab.Right, true)
	}
	current := a.compliance[len(a.compliance)-1]
	s.Chart = chart{Title: fmt.Sprintf(t.chartCompliance, current.Quarter, min),
		Marker: decimal.NewNullDecimal(decimal.NewFromInt(int64(min))), MarkerLabel: strconv.Itoa(min)}
	top := int64(min)
	for _, e := range a.roster {
		row := []string{e.name(t.code)}
		for _, q := range a.compliance {
			switch n := q.Counts[e.ID]; {
			case !q.Roster[e.ID]:
				row = append(row, dash+"  ")
			case q.Short[e.ID].EmployeeID != "":
				row = append(row, strconv.FormatInt(n, 10)+" !")
			default:
				row = append(row, strconv.FormatInt(n, 10)+"  ")
			}
		}
		tab.Rows = append(tab.Rows, row)
		if current.Roster[e.ID] {
			n := current.Counts[e.ID]
			top = max(top, n)
			s.Chart.Bars = append(s.Chart.Bars, bar{Label: e.name(t.code), Value: decimal.NewFromInt(n),
				Text: strconv.FormatInt(n, 10), Muted: current.Short[e.ID].EmployeeID != ""})
		}
	}
	s.Chart.Max = decimal.NewFromInt(top)
	s.table(tab)
	legend := []string{fmt.Sprintf(t.legendShort, min), t.legendNotEmployed}
	if current.InProgress {
		last := sq.DateOf(current.Quarter.End(b.ds.loc), b.ds.loc).AddDays(-1)
		legend = append(legend, fmt.Sprintf(t.legendInProgress, t.date(last.Start(b.ds.loc), b.ds.loc)))
	}
	s.text("%s", strings.Join(legend, "; "))
	for _, q := range a.compliance {
		if len(q.Short) == 0 {
			s.text(t.shortNone, q.Quarter)
			continue
		}
		var items []string
		for _, e := range a.roster {
			if sf, ok := q.Short[e.ID]; ok {
				items = append(items, fmt.Sprintf(t.shortItem, e.name(t.code), sf.Evaluated, sf.Required))
			}
		}
		s.text(t.shortLine, q.Quarter, len(q.Short), t.count(len(q.Roster), "employee-of"), strings.Join(items, ", "))
	}
	return s
}
