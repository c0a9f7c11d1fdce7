package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// personal is section 1: the leaderboard of personal ratings (SPEC R8), then the provisional ones with why.
func (b *builder) personal() *section {
	t, a := b.t, b.a
	s := b.newSection("personal", t.s("secPersonal"), "chartPersonal", 5)
	tab := b.newTable("", ">hRank", "hEmployee", ">hRating", ">hCalls", ">hCallRating", ">hSurvey", ">hCSI", ">hNPS",
		">hSurveyed")
	prov := b.newTable(t.s("provisional"), "hEmployee", ">hProvisional", ">hCalls", "hWhy")
	for _, st := range a.board { // ranked first, then the insufficient ones (rank 0), shown in brackets
		p, sv, name, v := a.personal[st.ID], a.surveys[st.ID], b.name(st.ID), rounded(a.personal[st.ID].Exact(), 1, 0)
		shown := t.num(v, 1)
		if st.Rank == 0 {
			shown = "[" + shown + "]"
			prov.add(name, shown, p.Calls.Count(), b.reasons(p.Rating, p.Calls.Count(), sv))
		} else {
			tab.add(st.Rank, name, shown, p.Calls.Count(), b.show1(p.Component("calls")),
				b.show1(p.Component("survey")), b.showNull(sv.CSI), b.showNull(sv.NPS), b.surveyed(sv))
		}
		s.Chart.bar(name, v, shown, st.Rank == 0)
	}
	if !s.table(tab) {
		s.say("noRanked")
	}
	s.say("rankNote")
	s.table(prov)
	var none []string
	for _, e := range a.roster {
		if _, ok := a.personal[e.ID]; !ok {
			none = append(none, e.name(t.code))
		}
	}
	if len(none) > 0 {
		s.say("noData", strings.Join(none, ", "))
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

// reasons words the sufficiency reasons of a rating in the report's language, from their codes and the inputs.
func (b *builder) reasons(r rating.Rating, calls int64, sv rating.Survey) string {
	t, set := b.t, b.ds.settings.Personal
	var out, missing []string
	at := 0 // where the missing components are named
	for _, why := range r.Reasons() {
		switch why.Code {
		case rating.FewCalls:
			out = append(out, t.f("reasonFewCalls", t.count(calls, "evaluated-call"), set.MinCalls))
		case rating.LowCoverage:
			out = append(out, b.coverage(sv, "reasonLowCoverage", "reasonNoClients"))
		case rating.NoEvaluationInQuarter:
			out = append(out, t.f("reasonNoEval", b.a.quarter))
		case rating.MissingComponent: // one reason per missing component: worded once, naming them all
			if missing == nil {
				out = append(out, "")
				at = len(out) - 1
			}
			missing = append(missing, t.lookup("components", why.Component))
			out[at] = t.f("reasonMissing", strings.Join(missing, ", "))
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
func (b *builder) department() *section {
	t := b.t
	s := b.newSection("department", t.s("secDepartment"), "chartDepartment", 5)
	tab := b.newTable("", "hDepartment", ">hRating", ">hPlatforms", ">hEmployees", ">hSurvey", ">hCounted")
	s.Blocks = append(s.Blocks, block{Table: tab}) // one row per department, added below
	for _, d := range b.a.depts {
		r, title := d.Rating, b.ds.settings.departmentTitle(d.DepartmentID, t.code)
		v := r.Exact()
		shown := b.show1(v, true)
		if !r.Sufficient() {
			shown = "[" + shown + "]"
		}
		tab.add(title, shown, b.show1(r.Component("platforms")), b.show1(r.Component("employees")), b.show1(r.Component("survey")),
			t.f("countedCell", r.Counted, r.Counted+r.Skipped))
		var ps []string
		for _, p := range d.Platforms {
			ps = append(ps, t.f("reviews", p.Name, t.plain(p.Rating), t.count(p.Reviews, "review")))
			s.Chart.bar(p.Name, p.Rating, t.plain(p.Rating), false)
		}
		if len(ps) > 0 {
			s.say("platformsLine", t.lookup("platformMean", b.ds.settings.Department.ReviewWeighted),
				strings.Join(ps, ", "))
		}
		ct := b.newTable(title, "hComponent", ">hValue", ">hWeight", ">hShare", ">hPoints")
		for _, c := range r.Breakdown() {
			name := t.lookup("components", c.Name)
			if !c.Present {
				ct.add(name, t.s("missing"), t.plain(c.Weight), dash, dash)
				continue
			}
			ct.add(name, b.fixed(c.Value, true, 2, 0, ""), t.plain(c.Weight), b.fixed(c.Share, true, 1, 2, "%"),
				b.fixed(c.Points, true, 2, 0, ""))
			s.Chart.bar(name, rounded(c.Value, 1, 0), b.show1(c.Value, true), false)
		}
		ct.add(t.s("total"), shown, "", t.num(decimal.NewFromInt(100), 1)+"%", b.fixed(v, true, 2, 0, ""))
		s.Chart.bar(title, rounded(v, 1, 0), shown, !r.Sufficient())
		s.table(ct)
		if !r.Sufficient() {
			s.say("whyLine", b.reasons(r.Rating, 0, d.Survey))
		}
	}
	return s
}

// compliance is section 3: evaluated calls per employee and quarter against the minimum (SPEC R5, R6).
func (b *builder) compliance() *section {
	t, a, min := b.t, b.a, b.ds.settings.Personal.MinCalls
	s := &section{ID: "compliance", Title: t.f("secCompliance", min), b: b}
	if len(a.compliance) == 0 {
		s.say("noAnswers")
		return s
	}
	tab := b.newTable("", "hEmployee")
	for _, q := range a.compliance {
		tab.Header = append(tab.Header, q.Quarter.String()+map[bool]string{true: "*"}[q.Quarter == a.quarter])
		tab.Right = append(tab.Right, true)
	}
	current := a.compliance[len(a.compliance)-1]
	s.Chart.Title = t.f("chartCompliance", current.Quarter, min)
	s.Chart.marker(min)
	for _, e := range a.roster {
		row := []any{e.name(t.code)}
		for _, q := range a.compliance {
			short := q.Short[e.ID].EmployeeID != ""
			cell := fmt.Sprint(q.Counts[e.ID]) + map[bool]string{false: "  ", true: " !"}[short]
			if !q.Roster[e.ID] {
				cell = dash + "  " // not employed in the quarter
			}
			row = append(row, cell)
		}
		tab.add(row...)
		if current.Roster[e.ID] {
			s.Chart.count(e.name(t.code), current.Counts[e.ID], current.Short[e.ID].EmployeeID != "")
		}
	}
	s.table(tab)
	legend := []string{t.f("legendShort", min), t.s("legendNotEmployed")}
	if current.Quarter == a.quarter {
		last := sq.DateOf(current.Quarter.Period(b.ds.loc).To, b.ds.loc).AddDays(-1)
		legend = append(legend, t.f("legendInProgress", b.day(last)))
	}
	s.Blocks = append(s.Blocks, block{Text: strings.Join(legend, "; ")})
	for _, q := range a.compliance {
		var items []string
		for _, e := range a.roster {
			if sf, ok := q.Short[e.ID]; ok {
				items = append(items, t.f("shortItem", e.name(t.code), sf.Evaluated, sf.Required))
			}
		}
		if len(items) == 0 {
			s.say("shortNone", q.Quarter)
		} else {
			s.say("shortLine", q.Quarter, len(items), t.count(len(q.Roster), "employee-of"), strings.Join(items, ", "))
		}
	}
	return s
}

// criteria is section 4: every criterion's average across the team, weakest first, and the overrides that fired
// (SPEC R3, R4).
func (b *builder) criteria() *section {
	t := b.t
	s := b.newSection("criteria", t.s("secCriteria"), "chartCriteria", 100)
	if len(b.a.criteria) == 0 {
		s.say("noAnswers")
	}
	for _, rs := range b.a.criteria {
		r := rs.Rubric
		tab := b.newTable(t.f("rubricCaption", r.Definition().Title.Get(t.code), r.ID(), r.Version(), t.count(rs.Calls, "evaluated-call")),
			"hCriterion", ">hMean", ">hMax", ">hPercent", ">hAnswered", ">hNA")
		for _, c := range rs.Criteria {
			title, answered := c.Criterion.Title.Get(t.code), c.Counted > 0
			share := b.fixed(c.Share, answered, 1, 2, "%")
			tab.add(truncate(title, 56), b.fixed(c.Mean, answered, 2, 0, ""), t.plain(c.Criterion.MaxPoints()), share,
				c.Counted, c.NA)
			label := truncate(title, 40)
			if len(b.a.criteria) > 1 {
				label = r.ID() + ": " + label
			}
			if answered {
				s.Chart.bar(label, rounded(c.Share, 1, 2), share, false)
			}
		}
		s.table(tab)
		for _, c := range rs.Criteria {
			if c.Criterion.Scale.Kind == rubric.Levels {
				var parts []string
				for _, l := range c.Criterion.Scale.Levels {
					parts = append(parts, fmt.Sprintf("%s %d", l.Title.Get(t.code), c.Levels[l.ID]))
				}
				s.say("levelsLine", c.Criterion.Title.Get(t.code), strings.Join(parts, ", "))
			}
		}
		s.say("autoFailLine", rs.AutoFail, rs.Calls, b.percent(int64(rs.AutoFail), int64(rs.Calls)))
		if len(rs.Reasons) > 0 {
			s.say("firedIntro")
		}
		for _, why := range rs.Reasons {
			key := rubric.Reason{Criterion: why.Criterion, Level: why.Level, Violation: why.Violation}
			effect, calls := t.lookup("effectWords", string(why.Effect)), t.count(rs.Fired[key], "call")
			text := t.f("firedViolation", b.violationTitle(r, why.Violation), effect, calls)
			if c, ok := r.Criterion(why.Criterion); why.Violation == "" && ok {
				level := why.Level
				i := slices.IndexFunc(c.Scale.Levels, func(l rubric.Level) bool { return l.ID == why.Level })
				if i >= 0 {
					level = c.Scale.Levels[i].Title.Get(t.code)
				}
				text = t.f("firedLevel", level, c.Title.Get(t.code), effect, calls)
			}
			s.Blocks = append(s.Blocks, block{Text: "  " + text})
		}
	}
	return s
}

// metric and metricPct format a survey metric with one decimal; a dash when there are no answers.
func (b *builder) metric(f sq.Fraction, err error) string { return b.fixed(f, err == nil, 1, 0, "") }
func (b *builder) metricPct(f sq.Fraction, err error) string {
	return b.fixed(f, err == nil, 1, 0, "%")
}

// metricBar returns what adds a bar labelled label of a survey metric, when there are answers.
func (s *section) metricBar(label string) func(sq.Fraction, error) {
	return func(f sq.Fraction, err error) {
		if err == nil {
			s.Chart.bar(label, rounded(f, 1, 0), s.b.metric(f, err), false)
		}
	}
}

// surveys is section 5: CSI (SPEC R11), the yes/no NPS and its 5-point form (R12, R13) and CSAT (R15) per
// quarter and in total, and the coverage of the clients (R14).
func (b *builder) surveys() *section {
	t := b.t
	s := b.newSection("surveys", t.s("secSurveys"), "chartSurveys", 5)
	tab := b.newTable("", "hPeriod", ">hRespondents", ">hCSI", ">hNPSPercent", ">hNPSPoints", ">hCSAT")
	var total survey.Tallies
	for _, p := range b.a.periods {
		tl, label := p.Tallies, t.s("totalPeriod")
		if p.Period.IsZero() {
			total = tl
		} else {
			label = sq.QuarterOf(p.Period.From, b.ds.loc).String()
			s.metricBar(label + " " + t.s("hCSI"))(tl.CSI.Mean())
			s.metricBar(label + " " + t.s("hNPS"))(tl.Recommend.Points())
		}
		tab.add(label, p.Respondents, b.metric(tl.CSI.Mean()),
			b.metricPct(tl.Recommend.Percent()), b.metric(tl.Recommend.Points()), b.metricPct(tl.CSAT.Percent()))
	}
	if s.table(tab) {
		s.say("npsNote")
	} else {
		s.say("noAnswers")
	}
	for _, d := range b.a.depts {
		title := b.ds.settings.departmentTitle(d.DepartmentID, t.code)
		s.Blocks = append(s.Blocks, block{Text: b.coverage(d.Survey, "coverageLine", "coverageUnknown", title)})
	}
	if total.Classic.Total() != 0 {
		s.say("classicLine", b.metric(total.Classic.Score()), t.count(total.Classic.Total(), "answer"))
	}
	if total.CES.Total() != 0 {
		s.say("cesLine", b.metric(total.CES.Mean()), t.count(total.CES.Total(), "answer"))
	}
	if total.FCR.Total() != 0 {
		s.say("fcrLine", b.metric(total.FCR.Percent()), t.count(total.FCR.Total(), "contact"))
	}
	if len(s.Chart.Bars) == 0 {
		s.metricBar(t.s("totalPeriod") + " " + t.s("hCSI"))(total.CSI.Mean())
	}
	return s
}

// coverage words the coverage of a survey's clients (SPEC R14) by the text of known, or of unknown when the number
// of clients is unknown, with args first. The minimum in force is survey's rule, 4% by default.
func (b *builder) coverage(sv rating.Survey, known, unknown string, args ...any) string {
	t, min := b.t, b.ds.settings.Personal.MinSurveyedPercent
	if sv.Clients == 0 {
		return t.f(unknown, append(args, t.count(sv.Surveyed, "client"))...)
	}
	if min.IsZero() {
		min = decimal.NewFromInt(survey.DefaultMinCoveragePercent)
	}
	return t.f(known, append(args, sv.Surveyed, t.count(sv.Clients, "client-of"), b.percent(sv.Surveyed, sv.Clients),
		t.plain(min))...)
}
