package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
)

// personal is section 1: the leaderboard of personal ratings (SPEC R8), then the provisional ones with why.
func (b *builder) personal() section {
	t, a := b.t, b.a
	s := b.newSection("personal", t.s("secPersonal"), "chartPersonal", 5)
	tab := b.newTable("", ">hRank", "hEmployee", ">hRating", ">hCalls", ">hCallRating", ">hSurvey", ">hCSI", ">hNPS",
		">hSurveyed")
	for _, st := range a.board.Ranked() {
		p, sv := a.personal[st.ID], a.surveys[st.ID]
		shown, _ := p.Display()
		calls, callsOK := p.CallRating()
		idx, idxOK := p.SurveyIndex()
		tab.add(strconv.Itoa(st.Rank), b.name(st.ID), t.num(shown, 1), strconv.FormatInt(p.Calls.Count(), 10),
			b.showOK(calls, callsOK), b.showOK(idx, idxOK), b.showNull(sv.CSI), b.showNull(sv.NPS), b.surveyed(sv))
		s.Chart.bar(b.name(st.ID), shown, t.num(shown, 1), false)
	}
	if len(tab.Rows) > 0 {
		s.table(tab)
	} else {
		s.text("%s", t.s("noRanked"))
	}
	s.text("%s", t.s("rankNote"))
	if prov := a.board.Insufficient(); len(prov) > 0 {
		pt := b.newTable(t.s("provisional"), "hEmployee", ">hProvisional", ">hCalls", "hWhy")
		for _, st := range prov {
			p, sv := a.personal[st.ID], a.surveys[st.ID]
			v := p.Exact().Display()
			missing := append(p.Breakdown().Missing(), missingIndexes(sv)...)
			pt.add(b.name(st.ID), "["+t.num(v, 1)+"]", strconv.FormatInt(p.Calls.Count(), 10),
				b.reasons(p.Rating, p.Calls.Count(), sv, missing))
			s.Chart.bar(b.name(st.ID), v, "["+t.num(v, 1)+"]", true)
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
		s.text(t.s("noData"), strings.Join(none, ", "))
	}
	return s
}

// surveyed formats the coverage of a survey (SPEC R14): "6.7% (14/210)".
func (b *builder) surveyed(sv rating.Survey) string {
	if sv.Clients == 0 {
		return fmt.Sprintf("? (%d/?)", sv.Surveyed)
	}
	return fmt.Sprintf("%s (%d/%d)", b.percent(sv.Surveyed, sv.Clients), sv.Surveyed, sv.Clients)
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

// reasons words the sufficiency reasons of a rating in the report's language, from their codes and the inputs.
func (b *builder) reasons(r rating.Rating, calls int64, sv rating.Survey, missing []string) string {
	t, set := b.t, b.ds.settings.personal
	var out []string
	missingDone := false // one reason per missing component: worded once, naming them all
	for _, why := range r.Reasons() {
		switch why.Code {
		case rating.FewCalls:
			out = append(out, t.f("reasonFewCalls", t.count(calls, "evaluated-call"), set.MinCalls))
		case rating.LowCoverage:
			if sv.Clients == 0 {
				out = append(out, t.f("reasonNoClients", t.count(sv.Surveyed, "client")))
			} else {
				out = append(out, t.f("reasonLowCoverage", sv.Surveyed, t.count(sv.Clients, "client-of"),
					b.percent(sv.Surveyed, sv.Clients), t.plain(set.MinSurveyed.Shift(2))))
			}
		case rating.NoEvaluationInQuarter:
			out = append(out, t.f("reasonNoEval", b.a.quarter))
		case rating.MissingComponent:
			if !missingDone {
				var names []string
				for _, m := range missing {
					names = append(names, t.lookup("components", m))
				}
				out = append(out, t.f("reasonMissing", strings.Join(names, ", ")))
			}
			missingDone = true
		case rating.NoSufficientEmployees:
			out = append(out, t.s("reasonNoSufficient"))
		default:
			out = append(out, why.String())
		}
	}
	return strings.Join(out, "; ")
}

// department is section 2: each department's rating (SPEC R7) and how its components add up: its platforms and
// the contribution of each component.
func (b *builder) department() section {
	t := b.t
	s := b.newSection("department", t.s("secDepartment"), "chartDepartment", 5)
	tab := b.newTable("", "hDepartment", ">hRating", ">hPlatforms", ">hEmployees", ">hSurvey", ">hCounted")
	s.table(tab)
	for _, d := range b.a.depts {
		r, title := d.Rating, b.ds.settings.departmentTitle(d.DepartmentID, t.code)
		v := r.Exact()
		shown := b.show1(v)
		if !r.Sufficient() {
			shown = "[" + shown + "]"
		}
		plat, platOK := r.PlatformRating()
		emp, empOK := r.EmployeeMean()
		idx, idxOK := r.SurveyIndex()
		tab.add(title, shown, b.showOK(plat, platOK), b.showOK(emp, empOK), b.showOK(idx, idxOK),
			t.f("countedCell", r.Counted, r.Counted+r.Skipped))
		if len(d.Platforms) > 0 {
			var ps []string
			for _, p := range d.Platforms {
				ps = append(ps, t.f("reviews", p.Name, t.plain(p.Rating), t.count(p.Reviews, "review")))
				s.Chart.bar(p.Name, p.Rating, t.plain(p.Rating), false)
			}
			s.text(t.s("platformsLine"), t.lookup("platformMean", b.ds.settings.department.Platforms.String()),
				strings.Join(ps, ", "))
		}
		ct := b.newTable(title, "hComponent", ">hValue", ">hWeight", ">hShare", ">hPoints")
		for _, c := range r.Breakdown().Contributions() {
			name := t.lookup("components", c.Name)
			if !c.Present {
				ct.add(name, t.s("missing"), t.plain(c.Weight), dash, dash)
				continue
			}
			ct.add(name, t.num(halfUp(c.Value, 2), 2), t.plain(c.Weight), t.num(halfUp(c.Share, 3).Shift(2), 1)+"%",
				t.num(halfUp(c.Points, 2), 2))
			s.Chart.bar(name, c.Value.Display(), b.show1(c.Value), false)
		}
		ct.add(t.s("total"), shown, "", t.num(decimal.NewFromInt(100), 1)+"%", t.num(halfUp(v, 2), 2))
		s.Chart.bar(title, v.Display(), shown, !r.Sufficient())
		s.table(ct)
		if !r.Sufficient() {
			missing := append(r.Breakdown().Missing(), missingIndexes(d.Survey)...)
			s.text(t.s("whyLine"), b.reasons(r.Rating, 0, d.Survey, missing))
		}
	}
	return s
}

// compliance is section 3: evaluated calls per employee and quarter against the minimum (SPEC R5, R6).
func (b *builder) compliance() section {
	t, a, min := b.t, b.a, b.ds.settings.personal.MinCalls
	s := section{ID: "compliance", Title: t.f("secCompliance", min)}
	if len(a.compliance) == 0 {
		s.text("%s", t.s("noAnswers"))
		return s
	}
	tab := b.newTable("", "hEmployee")
	for _, q := range a.compliance {
		tab.Header = append(tab.Header, q.Quarter.String()+map[bool]string{true: "*"}[q.Quarter == a.quarter])
		tab.Right = append(tab.Right, true)
	}
	current := a.compliance[len(a.compliance)-1]
	s.Chart = chart{Title: t.f("chartCompliance", current.Quarter, min), Max: decimal.NewFromInt(int64(min)),
		Marker: decimal.NewNullDecimal(decimal.NewFromInt(int64(min))), MarkerLabel: strconv.Itoa(min)}
	for _, e := range a.roster {
		row := []string{e.name(t.code)}
		for _, q := range a.compliance {
			switch n := strconv.FormatInt(q.Counts[e.ID], 10); {
			case !q.Roster[e.ID]:
				row = append(row, dash+"  ")
			case q.Short[e.ID].EmployeeID != "":
				row = append(row, n+" !")
			default:
				row = append(row, n+"  ")
			}
		}
		tab.add(row...)
		if current.Roster[e.ID] {
			s.Chart.count(e.name(t.code), current.Counts[e.ID], current.Short[e.ID].EmployeeID != "")
		}
	}
	s.table(tab)
	legend := []string{t.f("legendShort", min), t.s("legendNotEmployed")}
	if current.Quarter == a.quarter {
		last := complaints.DateOf(current.Quarter.End(b.ds.loc), b.ds.loc).AddDays(-1)
		legend = append(legend, t.f("legendInProgress", b.day(last)))
	}
	s.text("%s", strings.Join(legend, "; "))
	for _, q := range a.compliance {
		var items []string
		for _, e := range a.roster {
			if sf, ok := q.Short[e.ID]; ok {
				items = append(items, t.f("shortItem", e.name(t.code), sf.Evaluated, sf.Required))
			}
		}
		if len(items) == 0 {
			s.text(t.s("shortNone"), q.Quarter)
		} else {
			s.text(t.s("shortLine"), q.Quarter, len(items), t.count(len(q.Roster), "employee-of"),
				strings.Join(items, ", "))
		}
	}
	return s
}
