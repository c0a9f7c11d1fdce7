package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/shopspring/decimal"
)

// workflowSections are the sections of the quality specialist's files present in the data set.
func (b *builder) workflowSections() []section {
	var out []section
	if b.a.selection != nil {
		out = append(out, b.sampling())
	}
	if b.a.disputeReport != nil {
		out = append(out, b.disputes())
	}
	if b.ds.facts != nil {
		out = append(out, b.autoChecks())
	}
	return out
}

// sampling is the audit of the choice of calls to evaluate in the report's quarter (SPEC R5, R6): per employee
// the calls, those evaluated, those chosen now, and the kinds of call covered.
func (b *builder) sampling() section {
	t, a, sel := b.t, b.a, b.a.selection
	quota := sel.Rule.PerEmployee
	s := section{ID: "sampling", Title: t.f("secSampling", a.quarter, quota),
		Chart: chart{Title: t.f("chartSampling", a.quarter, quota), Max: decimal.NewFromInt(int64(quota)),
			Marker: decimal.NewNullDecimal(decimal.NewFromInt(int64(quota))), MarkerLabel: strconv.Itoa(quota)}}
	if len(sel.Groups) == 0 {
		s.text(t.s("noCalls"), a.quarter)
		return s
	}
	s.text(t.s("samplingLine"), t.count(sel.Population, "call"), a.quarter)
	tab := &table{Header: []string{t.s("hEmployee"), t.s("hCalls"), t.s("hEvaluatedQ"), t.s("hSelected"), t.s("hStrata"), t.s("hNote")},
		Right: []bool{false, true, true, true, true, false}}
	var chosen []string
	groups := slices.Clone(sel.Groups) // in the order of employees.csv, like the other tables
	order := map[string]int{}
	for i, e := range a.roster {
		order[e.ID] = i
	}
	slices.SortStableFunc(groups, func(x, y sampling.Group) int { return order[x.Employee] - order[y.Employee] })
	for _, g := range groups {
		covered := 0
		var notes, missing []string
		for _, sc := range g.Strata {
			if sc.Evaluated+sc.Selected > 0 {
				covered++
			} else {
				missing = append(missing, t.lookup("strata", sc.Stratum.String()))
			}
		}
		kinds := t.f("countedCell", covered, len(g.Strata))
		if len(g.Strata) == 0 {
			kinds = dash
		}
		if g.Short {
			notes = append(notes, t.f("noteShort", quota))
		}
		if len(missing) > 0 {
			notes = append(notes, t.f("noteUncovered", strings.Join(missing, ", ")))
		}
		tab.Rows = append(tab.Rows, []string{b.name(g.Employee), strconv.Itoa(g.Population), strconv.Itoa(g.Evaluated),
			strconv.Itoa(len(g.Selected)), kinds,
			strings.Join(notes, "; ")})
		for _, c := range g.Selected {
			chosen = append(chosen, fmt.Sprintf("%s (%s)", c.ID, b.name(g.Employee)))
		}
		n := g.Evaluated + len(g.Selected)
		s.Chart.Bars = append(s.Chart.Bars, bar{Label: b.name(g.Employee), Value: decimal.NewFromInt(int64(n)),
			Text: strconv.Itoa(n), Muted: n < quota})
		if n > quota {
			s.Chart.Max = decimal.NewFromInt(int64(n))
		}
	}
	s.table(tab)
	if len(chosen) > 0 {
		s.text(t.s("selectedLine"), strings.Join(chosen, ", "))
	} else {
		s.text("%s", t.s("selectedNone"))
	}
	s.text(t.s("auditLine"), string(b.ds.seed))
	return s
}

// disputes is the disputes section: how many evaluations were disputed and how they were decided, the disputes
// still open with their age, and the dispute and acceptance rates per evaluator and criterion.
func (b *builder) disputes() section {
	t, a, rep := b.t, b.a, b.a.disputeReport
	s := section{ID: "disputes", Title: t.s("secDisputes"), Chart: chart{Title: t.s("chartDisputes")}}
	if len(rep.ByEvaluator) == 0 {
		s.text("%s", t.s("noAnswers"))
		s.Chart.Max = decimal.NewFromInt(1)
		return s
	}
	filed, evaluations := 0, 0
	for _, r := range rep.ByEvaluator {
		filed += r.Disputed
		evaluations += r.Evaluations
	}
	s.text(t.s("disputeLine"), t.count(filed, "dispute"), t.count(evaluations, "evaluation-of"),
		b.percent(int64(filed), int64(evaluations), 1), a.decisions[review.Accepted],
		a.decisions[review.PartlyAccepted], a.decisions[review.Rejected], len(rep.Open))
	s.text("%s", t.s("inForceNote"))
	if len(rep.Open) > 0 {
		tab := &table{Caption: t.s("openTitle"),
			Header: []string{t.s("hEvaluation"), t.s("hEmployee"), t.s("hEvaluator"), t.s("hFiledBy"), t.s("hFiled"), t.s("hAge"), t.s("hCriteriaD")},
			Right:  []bool{false, false, false, false, false, true, false}}
		for _, o := range rep.Open {
			var names []string
			for _, c := range o.Criteria {
				names = append(names, b.criterionTitle(c))
			}
			tab.Rows = append(tab.Rows, []string{o.Evaluation, b.name(o.Employee), b.evaluator(o.Evaluator),
				t.lookup("roles", string(o.By.Role)), t.date(o.Since, b.ds.loc), b.days(o.Age),
				strings.Join(names, "; ")})
		}
		s.table(tab)
	}
	tab := &table{Caption: t.s("byEvaluatorTitle"),
		Header: []string{t.s("hEvaluator"), t.s("hEvaluatedQ"), t.s("hDisputed"), t.s("hDisputeRate"), t.s("hDecided"), t.s("hAccepted"),
			t.s("hAcceptRate")},
		Right: []bool{false, true, true, true, true, true, true}}
	top := 1
	for _, r := range rep.ByEvaluator {
		accept := dash
		if r.Decided > 0 {
			accept = b.percent(int64(r.Accepted), int64(r.Decided), 1)
		}
		tab.Rows = append(tab.Rows, []string{b.evaluator(r.Key), strconv.Itoa(r.Evaluations),
			strconv.Itoa(r.Disputed), b.percent(int64(r.Disputed), int64(r.Evaluations), 1), strconv.Itoa(r.Decided),
			strconv.Itoa(r.Accepted), accept})
		s.Chart.Bars = append(s.Chart.Bars, bar{Label: b.evaluator(r.Key), Value: decimal.NewFromInt(int64(r.Disputed)),
			Text: strconv.Itoa(r.Disputed)})
		top = max(top, r.Disputed)
	}
	s.Chart.Max = decimal.NewFromInt(int64(top))
	s.table(tab)
	var most []string
	for _, r := range rep.ByCriterion { // most disputed first
		if r.Disputed > 0 && len(most) < 3 {
			most = append(most, t.f("criterionItem", b.criterionTitle(r.Key), r.Disputed, r.Accepted))
		}
	}
	if len(most) > 0 {
		s.text(t.s("mostDisputed"), strings.Join(most, "; "))
	}
	return s
}

// autoChecks is the section of the automatic checks: on the calls with facts, the answers and violations by the
// specialists and by the rule of SPEC R4.1, and the calls failed automatically with the facts that show it.
func (b *builder) autoChecks() section {
	t, a := b.t, b.a
	s := section{ID: "autoqa", Title: t.s("secAuto"), Chart: chart{Title: t.s("chartAuto")}}
	if len(a.auto) == 0 {
		s.text("%s", t.s("noFacts"))
		s.Chart.Max = decimal.NewFromInt(1)
		return s
	}
	rule := autoqa.CallQualityRules().Rules[0]
	violation := b.violationTitle(a.auto[0].Manual.Rubric, rule.Violation)
	s.text(t.s("autoLine"), t.count(len(a.auto), "evaluated-call-for"), violation)
	manualAnswers, autoAnswers, overridden, both, autoOnly, manualOnly := 0, 0, 0, 0, 0, 0
	tab := &table{Caption: t.f("autoFailedTitle", violation),
		Header: []string{t.s("hCall"), t.s("hEmployee"), t.s("hEvaluation"), t.s("hPromises"), t.s("hMarked")},
		Right:  []bool{false, false, false, false, false}}
	for _, c := range a.auto {
		rec := c.Record
		autoAnswers += len(rec.Auto) - len(rec.Overridden)
		overridden += len(rec.Overridden)
		manualAnswers += len(c.Manual.Answers)
		derived := map[string]bool{}
		for _, v := range rec.Violations {
			derived[v.Violation] = true
			marked := slices.Contains(c.Manual.Violations, v.Violation)
			if marked {
				both++
			} else {
				autoOnly++
			}
			if v.Violation == rule.Violation {
				tab.Rows = append(tab.Rows, []string{c.Facts.CallID, b.name(c.Manual.EmployeeID), c.Manual.ID,
					b.promises(c.Facts.Promises), t.lookup("yesNo", strconv.FormatBool(marked))})
			}
		}
		for _, v := range c.Manual.Violations {
			if !derived[v] {
				manualOnly++
			}
		}
	}
	s.text(t.s("autoCounts"), manualAnswers, autoAnswers, overridden, both+autoOnly, both, manualOnly)
	if len(tab.Rows) > 0 {
		s.table(tab)
	}
	top := max(1, both, autoOnly, manualOnly)
	for i, n := range []int{both, autoOnly, manualOnly} {
		s.Chart.Bars = append(s.Chart.Bars, bar{Label: t.lookup("autoBars", strconv.Itoa(i)), Value: decimal.NewFromInt(int64(n)),
			Text: strconv.Itoa(n)})
	}
	s.Chart.Max = decimal.NewFromInt(int64(top))
	return s
}

// promises describes the promises of a call: due and completion times.
func (b *builder) promises(ps []autoqa.Promise) string {
	t := b.t
	var out []string
	for _, p := range ps {
		if p.Completed.IsZero() {
			out = append(out, t.f("promiseOpen", p.ID, b.moment(p.Due)))
		} else {
			out = append(out, t.f("promiseDone", p.ID, b.moment(p.Due), b.moment(p.Completed)))
		}
	}
	return strings.Join(out, "; ")
}

// moment formats a date and time of day in the report's time zone.
func (b *builder) moment(tm time.Time) string {
	return b.t.date(tm, b.ds.loc) + tm.In(b.ds.loc).Format(" 15:04")
}

// evaluator shows an evaluator's ID, or "not named".
func (b *builder) evaluator(id string) string {
	if id == unnamed || id == "" {
		return b.t.s("nobody")
	}
	return id
}

// criterionTitle returns the title of a criterion of the data set's rubrics, or its ID.
func (b *builder) criterionTitle(id string) string {
	for _, rs := range b.a.criteria {
		if c, ok := rs.Rubric.Criterion(id); ok {
			return c.Title.Get(b.t.code)
		}
	}
	return id
}

// violationTitle returns the title of a violation of a rubric, or its ID.
func (b *builder) violationTitle(rubricID, id string) string {
	if r := b.ds.rubrics[rubricID]; r != nil {
		if i := slices.IndexFunc(r.Violations(), func(v rubric.Violation) bool { return v.ID == id }); i >= 0 {
			return r.Violations()[i].Title.Get(b.t.code)
		}
	}
	return id
}
