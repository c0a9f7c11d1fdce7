package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// criteria is section 4: every criterion's average across the team, weakest first, and the overrides that fired
// (SPEC R3, R4).
func (b *builder) criteria() section {
	t := b.t
	s := b.newSection("criteria", t.s("secCriteria"), "chartCriteria", 100)
	if len(b.a.criteria) == 0 {
		s.text("%s", t.s("noAnswers"))
	}
	for _, rs := range b.a.criteria {
		r := rs.Rubric
		tab := b.newTable(t.f("rubricCaption", r.Title(t.code), r.ID(), r.Version(), t.count(rs.Calls, "evaluated-call")),
			"hCriterion", ">hMean", ">hMax", ">hPercent", ">hAnswered", ">hNA")
		for _, c := range rs.Criteria {
			title, max := c.Criterion.Title.Get(t.code), t.plain(c.Criterion.MaxPoints())
			if c.Counted == 0 {
				tab.add(truncate(title, 56), dash, max, dash, "0", strconv.Itoa(c.NA))
				continue
			}
			share := halfUp(c.Share, 3).Shift(2)
			tab.add(truncate(title, 56), t.num(halfUp(c.Mean, 2), 2), max, t.num(share, 1)+"%",
				strconv.Itoa(c.Counted), strconv.Itoa(c.NA))
			label := truncate(title, 40)
			if len(b.a.criteria) > 1 {
				label = r.ID() + ": " + label
			}
			s.Chart.bar(label, share, t.num(share, 1)+"%", false)
		}
		s.table(tab)
		for _, c := range rs.Criteria {
			if c.Criterion.Scale.Kind == rubric.Levels {
				var parts []string
				for _, l := range c.Criterion.Scale.Levels {
					parts = append(parts, fmt.Sprintf("%s %d", l.Title.Get(t.code), c.Levels[l.ID]))
				}
				s.text(t.s("levelsLine"), c.Criterion.Title.Get(t.code), strings.Join(parts, ", "))
			}
		}
		s.text(t.s("autoFailLine"), rs.AutoFail, rs.Calls, b.percent(int64(rs.AutoFail), int64(rs.Calls)))
		if len(rs.Reasons) > 0 {
			s.text("%s", t.s("firedIntro"))
		}
		for _, why := range rs.Reasons {
			key := rubric.Reason{Criterion: why.Criterion, Level: why.Level, Violation: why.Violation}
			effect, calls := t.lookup("effectWords", string(why.Effect)), t.count(rs.Fired[key], "call")
			if v := why.Violation; v != "" {
				s.text("  %s", t.f("firedViolation", b.violationTitle(r, v), effect, calls))
				continue
			}
			c, _ := r.Criterion(why.Criterion)
			level := why.Level
			for _, l := range c.Scale.Levels {
				if l.ID == why.Level {
					level = l.Title.Get(t.code)
				}
			}
			s.text("  %s", t.f("firedLevel", level, c.Title.Get(t.code), effect, calls))
		}
	}
	return s
}

// metric formats a survey metric rounded to one decimal, half-up, from the counts; a dash when there are no
// answers.
func (b *builder) metric(v decimal.Decimal, _ bool, err error) string {
	if err != nil {
		return dash
	}
	return b.t.num(v, 1)
}

// pct adds a percent sign to a number.
func pct(s string) string {
	if s == dash {
		return s
	}
	return s + "%"
}

// surveys is section 5: CSI (SPEC R11), the yes/no NPS and its 5-point form (R12, R13) and CSAT (R15) per
// quarter and in total, and the coverage of the clients (R14).
func (b *builder) surveys() section {
	t := b.t
	s := b.newSection("surveys", t.s("secSurveys"), "chartSurveys", 5)
	tab := b.newTable("", "hPeriod", ">hRespondents", ">hCSI", ">hNPSPercent", ">hNPSPoints", ">hCSAT")
	var total survey.Tallies
	for _, p := range b.a.periods {
		tl, label := p.Tallies, ""
		if p.Period != (survey.Period{}) {
			label = rating.QuarterOf(p.Period.From, b.ds.loc).String()
		}
		if label == "" {
			label, total = t.s("totalPeriod"), tl
		}
		tab.add(label, strconv.FormatInt(p.Respondents, 10), b.metric(tl.CSI.Mean(1, survey.HalfUp)),
			pct(b.metric(tl.Recommend.Percent(1, survey.HalfUp))), b.metric(tl.Recommend.Points(1, survey.HalfUp)),
			pct(b.metric(tl.CSAT.Percent(1, survey.HalfUp))))
		if p.Period != (survey.Period{}) {
			if v, _, err := tl.CSI.Mean(1, survey.HalfUp); err == nil {
				s.Chart.bar(label+" "+t.s("hCSI"), v, t.num(v, 1), false)
			}
			if v, _, err := tl.Recommend.Points(1, survey.HalfUp); err == nil {
				s.Chart.bar(label+" "+t.s("hNPS"), v, t.num(v, 1), false)
			}
		}
	}
	if len(tab.Rows) > 0 {
		s.table(tab)
		s.text("%s", t.s("npsNote"))
	} else {
		s.text("%s", t.s("noAnswers"))
	}
	for _, d := range b.a.depts {
		title, sv := b.ds.settings.departmentTitle(d.DepartmentID, t.code), d.Survey
		if sv.Clients == 0 {
			s.text(t.s("coverageUnknown"), title, t.count(sv.Surveyed, "client"))
		} else {
			s.text(t.s("coverageLine"), title, sv.Surveyed, t.count(sv.Clients, "client-of"),
				b.percent(sv.Surveyed, sv.Clients), t.plain(b.ds.settings.personal.MinSurveyed.Shift(2)))
		}
	}
	if !total.Classic.IsEmpty() {
		s.text(t.s("classicLine"), b.metric(total.Classic.Score(1, survey.HalfUp)),
			t.count(total.Classic.Total(), "answer"))
	}
	if !total.CES.IsEmpty() {
		s.text(t.s("cesLine"), b.metric(total.CES.Mean(1, survey.HalfUp)), t.count(total.CES.Total(), "answer"))
	}
	if !total.FCR.IsEmpty() {
		s.text(t.s("fcrLine"), b.metric(total.FCR.Percent(1, survey.HalfUp)), t.count(total.FCR.Total(), "contact"))
	}
	if len(s.Chart.Bars) == 0 && !total.CSI.IsEmpty() {
		v, _, _ := total.CSI.Mean(1, survey.HalfUp)
		s.Chart.bar(t.s("totalPeriod")+" "+t.s("hCSI"), v, t.num(v, 1), false)
	}
	return s
}
