package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// criteria is section 4: every criterion's average across the team, weakest first, and the overrides that fired
// (SPEC R3, R4).
func (b *builder) criteria() section {
	t := b.t
	s := section{ID: "criteria", Title: t.secCriteria, Chart: chart{Title: t.chartCriteria, Max: hundred}}
	if len(b.a.criteria) == 0 {
		s.text("%s", t.noAnswers)
	}
	for _, rs := range b.a.criteria {
		r := rs.Rubric
		tab := &table{Caption: fmt.Sprintf(t.rubricCaption, r.Title(t.code), r.ID(), r.Version(),
			t.count(rs.Calls, "evaluated-call")),
			Header: []string{t.hCriterion, t.hMean, t.hMax, t.hPercent, t.hAnswered, t.hNA},
			Right:  []bool{false, true, true, true, true, true}}
		for _, c := range rs.Criteria {
			title := truncate(c.Criterion.Title.Get(t.code), 56)
			if c.Counted == 0 {
				tab.Rows = append(tab.Rows, []string{title, dash, t.plain(c.Criterion.MaxPoints()), dash, "0",
					strconv.FormatInt(c.NA, 10)})
				continue
			}
			share := halfUp(c.Share, 3).Shift(2)
			tab.Rows = append(tab.Rows, []string{title, t.num(halfUp(c.Mean, 2), 2),
				t.plain(c.Criterion.MaxPoints()), t.num(share, 1) + "%", strconv.FormatInt(c.Counted, 10),
				strconv.FormatInt(c.NA, 10)})
			label := truncate(c.Criterion.Title.Get(t.code), 40)
			if len(b.a.criteria) > 1 {
				label = r.ID() + ": " + label
			}
			s.Chart.Bars = append(s.Chart.Bars, bar{Label: label, Value: share, Text: t.num(share, 1) + "%"})
		}
		s.table(tab)
		for _, c := range r.Criteria() {
			if c.Scale.Kind != rubric.Levels {
				continue
			}
			var st criterionStat
			for _, x := range rs.Criteria {
				if x.Criterion.ID == c.ID {
					st = x
				}
			}
			var parts []string
			for _, l := range c.Scale.Levels {
				parts = append(parts, fmt.Sprintf("%s %d", l.Title.Get(t.code), st.Levels[l.ID]))
			}
			s.text(t.levelsLine, c.Title.Get(t.code), strings.Join(parts, ", "))
		}
		s.text(t.autoFailLine, rs.AutoFail, rs.Calls, b.percent(int64(rs.AutoFail), int64(rs.Calls), 1))
		if len(rs.Fired) > 0 {
			s.text("%s", t.firedIntro)
		}
		for _, f := range rs.Fired {
			s.text("  %s", b.fired(r, f))
		}
	}
	return s
}

// fired words one override and how many calls it fired on.
func (b *builder) fired(r *rubric.Rubric, f firedCount) string {
	t := b.t
	effect := lookup(t.effectWords, string(f.Reason.Effect))
	if f.Reason.Violation != "" {
		title := f.Reason.Violation
		for _, v := range r.Violations() {
			if v.ID == f.Reason.Violation {
				title = v.Title.Get(t.code)
			}
		}
		return fmt.Sprintf(t.firedViolation, title, effect, t.count(f.Calls, "call"))
	}
	c, _ := r.Criterion(f.Reason.Criterion)
	level := f.Reason.Level
	for _, l := range c.Scale.Levels {
		if l.ID == f.Reason.Level {
			level = l.Title.Get(t.code)
		}
	}
	return fmt.Sprintf(t.firedLevel, level, c.Title.Get(t.code), effect, t.count(f.Calls, "call"))
}

// metric formats a survey metric rounded to one decimal, half-up, from the counts; a dash when there are no
// answers.
// shown rounds an exact survey metric once, to one place half-up, as the report shows it.
func shown(f sq.Fraction, err error) (decimal.Decimal, bool, error) {
	if err != nil {
		return decimal.Decimal{}, false, err
	}
	r, err := f.Round(sq.DisplayPrecision())
	return r.Value, !r.Inexact, err
}

func (b *builder) metric(v decimal.Decimal, _ bool, err error) string {
	if err != nil {
		return dash
	}
	return b.t.num(v, 1)
}

// surveys is section 5: CSI (SPEC R11), the yes/no NPS and its 5-point form (R12, R13) and CSAT (R15) per
// quarter and in total, and the coverage of the clients (R14).
func (b *builder) surveys() section {
	t := b.t
	s := section{ID: "surveys", Title: t.secSurveys, Chart: chart{Title: t.chartSurveys, Max: five}}
	tab := &table{Header: []string{t.hPeriod, t.hRespondents, t.hCSI, t.hNPSPercent, t.hNPSPoints, t.hCSAT},
		Right: []bool{false, true, true, true, true, true}}
	var total survey.Tallies
	for _, p := range b.a.periods {
		tl := p.Tallies
		label := p.Label
		if label == "" {
			label, total = t.totalPeriod, tl
		}
		npsPct := b.metric(shown(tl.Recommend.Percent()))
		if npsPct != dash {
			npsPct += "%"
		}
		csat := b.metric(shown(tl.CSAT.Percent()))
		if csat != dash {
			csat += "%"
		}
		tab.Rows = append(tab.Rows, []string{label, strconv.FormatInt(p.Respondents, 10),
			b.metric(shown(tl.CSI.Mean())), npsPct, b.metric(shown(tl.Recommend.Points())), csat})
		if p.Label != "" {
			if v, _, err := shown(tl.CSI.Mean()); err == nil {
				s.Chart.Bars = append(s.Chart.Bars, bar{Label: p.Label + " " + t.hCSI, Value: v, Text: t.num(v, 1)})
			}
			if v, _, err := shown(tl.Recommend.Points()); err == nil {
				s.Chart.Bars = append(s.Chart.Bars, bar{Label: p.Label + " " + t.hNPS, Value: v, Text: t.num(v, 1)})
			}
		}
	}
	if len(tab.Rows) > 0 {
		s.table(tab)
		s.text("%s", t.npsNote)
	} else {
		s.text("%s", t.noAnswers)
	}
	for _, d := range b.a.depts {
		title := b.ds.settings.departmentTitle(d.ID, t.code)
		if d.Survey.Clients == 0 {
			s.text(t.coverageUnknown, title, t.count(d.Survey.Surveyed, "client"))
			continue
		}
		s.text(t.coverageLine, title, d.Survey.Surveyed, t.count(d.Survey.Clients, "client-of"),
			b.percent(d.Survey.Surveyed, d.Survey.Clients, 1), t.plain(b.ds.settings.personal.MinSurveyed.Shift(2)))
	}
	if total.Classic.Total() != 0 {
		score, _, _ := shown(total.Classic.Score())
		s.text(t.classicLine, t.num(score, 1), t.count(total.Classic.Total(), "answer"))
	}
	if total.CES.Total() != 0 {
		mean, _, _ := shown(total.CES.Mean())
		s.text(t.cesLine, t.num(mean, 1), t.count(total.CES.Total(), "answer"))
	}
	if total.FCR.Total() != 0 {
		pct, _, _ := shown(total.FCR.Percent())
		s.text(t.fcrLine, t.num(pct, 1), t.count(total.FCR.Total(), "contact"))
	}
	if len(s.Chart.Bars) == 0 {
		for _, p := range b.a.periods {
			if v, _, err := shown(p.Tallies.CSI.Mean()); err == nil {
				s.Chart.Bars = append(s.Chart.Bars, bar{Label: t.totalPeriod + " " + t.hCSI, Value: v, Text: t.num(v, 1)})
			}
		}
	}
	return s
}
