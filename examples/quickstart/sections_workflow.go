package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sq"
)

// complaints is section 6: the register report for management (SPEC R16–R18) with what is overdue, what is due
// soon and what waits on the client, and the breakdown by channel (R17).
func (b *builder) complaints() *section {
	t, rep, pol := b.t, b.a.complaintReport, b.ds.policy
	s := b.newSection("complaints", t.s("secComplaints"), "chartComplaints", 1)
	unit := t.lookup("units", pol.Unit.String()) // the unit's noun is nouns.<unit>
	name := cmp.Or(b.ds.settings.PolicyTitle.Get(t.code), pol.Name)
	if pol.DueSoon > 0 {
		s.say("policyLine", name, t.count(pol.DueSoon, pol.Unit.String()))
	} else {
		s.say("policyNoDueSoon", name)
	}
	if rep.Total == 0 {
		s.say("noComplaints")
		return s
	}
	answered := rep.OnTime + rep.Late
	s.say("summaryLine", t.count(rep.Total, "complaint"), rep.Open+rep.Paused, rep.Overdue, rep.DueSoon, rep.Paused,
		rep.Resolved+rep.Closed, rep.OnTime, rep.Late, b.fixed(rep.OnTimeRate, answered > 0, 1, 2, "%"))
	if answered > 0 {
		s.say("resolutionLine", b.days(rep.MeanResolution), b.days(rep.P90Resolution))
	}
	// The overdue, due-soon and waiting lists: the same columns but the last.
	lists := [3]*table{}
	for i, last := range []string{t.f("hDaysLate", unit), t.f("hDaysLeft", unit), t.s("hPausedSince")} {
		lists[i] = b.newTable(t.s([]string{"overdueTitle", "dueSoonTitle", "pausedTitle"}[i]), "hID", "hReceived",
			"hChannel", "hCategory", "hEmployee", "hLastDay", ">")
		lists[i].Header[6] = last
	}
	row := func(c complaints.Info, due complaints.Deadline, last any) []any {
		return []any{c.ID, t.date(c.ReceivedAt, b.ds.loc), t.lookup("channels", c.Channel),
			t.lookup("categories", c.Category), b.name(c.Employee), b.day(due.LastDay), last}
	}
	for _, o := range rep.OverdueList {
		lists[0].add(row(o.Info, o.Due, -o.RemainingUnits)...)
	}
	rows := slices.Clone(rep.Rows)
	slices.SortFunc(rows, func(x, y complaints.Status) int { // by due time, then ID
		return cmp.Or(x.Due.At.Compare(y.Due.At), strings.Compare(x.Info.ID, y.Info.ID))
	})
	for _, r := range rows {
		if r.DueSoon {
			lists[1].add(row(r.Info, r.Due, r.RemainingUnits)...)
		}
		if r.State == complaints.StatePaused {
			lists[2].add(row(r.Info, r.Due, t.date(r.PausedSince, b.ds.loc))...)
		}
	}
	for _, l := range lists {
		s.table(l)
	}
	tab := b.newTable(t.s("byChannelTitle"), "hChannel", ">hTotal", ">hOpen", ">hOverdue", ">hAnsweredC",
		">hOnTime", ">hLate")
	for _, key := range slices.Sorted(maps.Keys(rep.ByChannel)) {
		g := rep.ByChannel[key]
		name := cmp.Or(t.lookup("channels", key), t.s("nobody")) // "" is the group without a channel
		tab.add(name, g.Total, g.Open+g.Paused, g.Overdue, g.Resolved+g.Closed, g.OnTime, g.Late)
		s.Chart.count(name, int64(g.Total), false)
	}
	s.table(tab)
	return s
}

// day formats a calendar date.
func (b *builder) day(d sq.Date) string { return b.t.date(d.Start(b.ds.loc), b.ds.loc) }

// sampling is the audit of the choice of calls to evaluate in the report's quarter (SPEC R5, R6): per employee
// the calls, those evaluated, those chosen now, and the kinds of call covered.
func (b *builder) sampling() *section {
	t, a, sel := b.t, b.a, b.a.selection
	quota := sel.Rule.PerEmployee
	s := &section{ID: "sampling", Title: t.f("secSampling", a.quarter, quota), b: b,
		Chart: chart{Title: t.f("chartSampling", a.quarter, quota)}}
	s.Chart.marker(quota)
	if len(sel.Groups) == 0 {
		s.say("noCalls", a.quarter)
		return s
	}
	s.say("samplingLine", t.count(sel.Population, "call"), a.quarter)
	tab := b.newTable("", "hEmployee", ">hCalls", ">hEvaluatedQ", ">hSelected", ">hStrata", "hNote")
	var chosen []string
	for _, e := range a.roster { // in the order of employees.csv, like the other tables
		i := slices.IndexFunc(sel.Groups, func(g sampling.Group) bool { return g.Employee == e.ID })
		if i < 0 {
			continue
		}
		g, covered := sel.Groups[i], 0
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
		tab.add(b.name(g.Employee), g.Population, g.Evaluated, len(g.Selected), kinds, strings.Join(notes, "; "))
		for _, c := range g.Selected {
			chosen = append(chosen, fmt.Sprintf("%s (%s)", c.ID, b.name(g.Employee)))
		}
		n := g.Evaluated + len(g.Selected)
		s.Chart.count(b.name(g.Employee), int64(n), n < quota)
	}
	s.table(tab)
	if len(chosen) > 0 {
		s.say("selectedLine", strings.Join(chosen, ", "))
	} else {
		s.say("selectedNone")
	}
	s.say("auditLine", string(b.ds.seed))
	return s
}

// disputes is the disputes section: how many evaluations were disputed and how they were decided, the disputes
// still open with their age, and the dispute and acceptance rates per evaluator and criterion.
func (b *builder) disputes() *section {
	t, a, rep := b.t, b.a, b.a.disputeReport
	s := b.newSection("disputes", t.s("secDisputes"), "chartDisputes", 1)
	if len(rep.ByEvaluator) == 0 {
		s.say("noAnswers")
		return s
	}
	decisions := map[review.Decision]int{}
	for _, v := range a.reviews {
		for _, ev := range v.Events() {
			if !ev.At.After(a.at) && ev.Kind == review.Decided {
				decisions[ev.Decision]++
			}
		}
	}
	tab := b.newTable(t.s("byEvaluatorTitle"), "hEvaluator", ">hEvaluatedQ", ">hDisputed", ">hDisputeRate",
		">hDecided", ">hAccepted", ">hAcceptRate")
	filed, evaluations := 0, 0
	for _, r := range rep.ByEvaluator {
		filed, evaluations = filed+r.Disputed, evaluations+r.Evaluations
		tab.add(b.name(r.Key), r.Evaluations, r.Disputed,
			b.fixed(r.DisputeRate(), r.Evaluations > 0, 1, 2, "%"), r.Decided, r.Accepted,
			b.fixed(r.AcceptanceRate(), r.Decided > 0, 1, 2, "%"))
		s.Chart.count(b.name(r.Key), int64(r.Disputed), false)
	}
	s.say("disputeLine", t.count(filed, "dispute"), t.count(evaluations, "evaluation-of"),
		b.percent(int64(filed), int64(evaluations)), decisions[review.Accepted], decisions[review.PartlyAccepted],
		decisions[review.Rejected], len(rep.Open))
	s.say("inForceNote")
	open := b.newTable(t.s("openTitle"), "hEvaluation", "hEmployee", "hEvaluator", "hFiledBy", "hFiled", ">hAge",
		"hCriteriaD")
	for _, o := range rep.Open {
		var names []string
		for _, c := range o.Criteria {
			names = append(names, b.criterionTitle(c))
		}
		open.add(o.Evaluation, b.name(o.Employee), b.name(o.Evaluator), t.lookup("roles", string(o.By.Role)),
			t.date(o.Since, b.ds.loc), b.days(o.Age), strings.Join(names, "; "))
	}
	s.table(open)
	s.table(tab)
	byCriterion := slices.Clone(rep.ByCriterion)
	slices.SortStableFunc(byCriterion, func(x, y review.Rates) int { return y.Disputed - x.Disputed })
	var most []string
	for _, r := range byCriterion { // most disputed first
		if r.Disputed > 0 && len(most) < 3 {
			most = append(most, t.f("criterionItem", b.criterionTitle(r.Key), r.Disputed, r.Accepted))
		}
	}
	if len(most) > 0 {
		s.say("mostDisputed", strings.Join(most, "; "))
	}
	return s
}

// autoChecks is the section of the automatic checks: on the calls with facts, the answers and violations by the
// specialists and by the rule of SPEC R4.1, and the calls failed automatically with the facts that show it.
func (b *builder) autoChecks() *section {
	t, a := b.t, b.a
	s := b.newSection("autoqa", t.s("secAuto"), "chartAuto", 1)
	if len(a.auto) == 0 {
		s.say("noFacts")
		return s
	}
	rule := autoqa.CallQualityRules().Rules[0]
	violation := b.violationTitle(b.ds.rubrics[a.auto[0].Manual.Rubric], rule.Violation)
	s.say("autoLine", t.count(len(a.auto), "evaluated-call-for"), violation)
	manualAnswers, autoAnswers, overridden := 0, 0, 0
	var found [3]int // automatically and by hand, automatically only, by hand only
	tab := b.newTable(t.f("autoFailedTitle", violation), "hCall", "hEmployee", "hEvaluation", "hPromises", "hMarked")
	moment := func(tm time.Time) string { return t.date(tm, b.ds.loc) + tm.In(b.ds.loc).Format(" 15:04") }
	for _, c := range a.auto {
		rec := c.Record
		autoAnswers += len(rec.Auto) - len(rec.Overridden)
		overridden += len(rec.Overridden)
		manualAnswers += len(c.Manual.Answers)
		var derived []string
		for _, v := range rec.Violations {
			derived = append(derived, v.Violation)
			marked := slices.Contains(c.Manual.Violations, v.Violation)
			found[map[bool]int{true: 0, false: 1}[marked]]++
			if v.Violation != rule.Violation {
				continue
			}
			var promises []string // due and completion times, in the report's time zone
			for _, p := range c.Facts.Promises {
				if p.Completed.IsZero() {
					promises = append(promises, t.f("promiseOpen", p.ID, moment(p.Due)))
				} else {
					promises = append(promises, t.f("promiseDone", p.ID, moment(p.Due), moment(p.Completed)))
				}
			}
			tab.add(c.Facts.CallID, b.name(c.Manual.EmployeeID), c.Manual.ID, strings.Join(promises, "; "),
				t.lookup("yesNo", marked))
		}
		for _, v := range c.Manual.Violations {
			if !slices.Contains(derived, v) {
				found[2]++
			}
		}
	}
	s.say("autoCounts", manualAnswers, autoAnswers, overridden, found[0]+found[1], found[0], found[2])
	s.table(tab)
	for i, n := range found {
		s.Chart.count(t.lookup("autoBars", i), int64(n), false)
	}
	return s
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
func (b *builder) violationTitle(r *rubric.Rubric, id string) string {
	if r != nil {
		if i := slices.IndexFunc(r.Violations(), func(v rubric.Violation) bool { return v.ID == id }); i >= 0 {
			return r.Violations()[i].Title.Get(b.t.code)
		}
	}
	return id
}
