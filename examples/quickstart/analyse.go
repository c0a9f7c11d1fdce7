package main

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// analysis holds every number of the report, computed by the library packages; rendering only formats it.
type analysis struct {
	at      time.Time
	quarter sq.Quarter // the quarter of the report date, which must hold an evaluation (SPEC R6)
	roster  []employee // employees hired by the report date, in file order

	results   []rubric.Result    // scored evaluations before the report date
	calls     []rating.CallScore // their totals, for the ratings
	reviews   []review.Review    // of every evaluation before the report date
	responses []survey.Response  // survey answers before the report date
	auto      []autoCall         // the evaluations with facts, in file order
	criteria  []rubricStats      // by rubric, in order of first use
	later     [2]int             // evaluations and survey answers at or after the report date, left out
	periods   []survey.Segment   // company-wide survey tallies per quarter of compliance, then in total

	personal   map[string]rating.Personal // by employee; absent: no call and no survey answer
	surveys    map[string]rating.Survey   // the survey index of each employee's clients
	board      []rating.Standing          // ranked first, then the insufficient ones (rank 0)
	depts      []deptResult
	compliance []quarterResult

	complaintReport complaints.Report
	selection       *sampling.Selection // nil without calls.json
	disputeReport   *review.Report      // nil without reviews.json
}

// deptResult is a department's rating with its inputs.
type deptResult struct {
	rating.DepartmentInput
	Rating rating.Department
}

// quarterResult is the evaluation count of each employee in one quarter and who fell short (SPEC R6).
type quarterResult struct {
	Quarter sq.Quarter
	Counts  map[string]int64 // evaluated calls by employee
	Roster  map[string]bool  // employed during the quarter
	Short   map[string]rating.Shortfall
}

// autoCall is an evaluated call checked against its facts: the specialist's evaluation and what the rules
// derived.
type autoCall struct {
	Manual rubric.Evaluation
	Facts  autoqa.Facts
	Record autoqa.Record
}

// unnamed stands for an evaluator the evaluation does not name.
const unnamed = "-"

// maxQuarters is the most quarters the compliance table shows: the last two years.
const maxQuarters = 8

// analyse computes the report as of at.
func analyse(ds *dataset, at time.Time) (*analysis, error) {
	a := &analysis{at: at, quarter: sq.QuarterOf(at, ds.loc), personal: map[string]rating.Personal{}}
	for _, r := range ds.responses {
		if r.At.Before(at) {
			a.responses = append(a.responses, r)
		} else {
			a.later[1]++
		}
	}
	for _, e := range ds.employees {
		if !e.Hired.After(sq.DateOf(at, ds.loc)) {
			a.roster = append(a.roster, e)
		}
	}
	for _, step := range []func(*dataset) error{a.score, a.rate, a.quarters, a.register} {
		if err := step(ds); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// score scores every evaluation before the report date by its rubric (SPEC R1–R4) and turns the totals into call
// scores for the ratings (rating.CallScoreOf). The result is the one in force at the report date: a disputed
// evaluation's after the decisions made by then, and a call's with the violations its facts show. All scoring
// problems are reported together.
func (a *analysis) score(ds *dataset) error {
	var p problems
	for _, e := range ds.evaluations {
		var v review.Review
		var err error
		if e.At.Before(a.at) {
			v, err = a.reviewOf(ds, e)
		}
		if !e.At.Before(a.at) || err == nil && !v.ScoredAt().Before(a.at) {
			a.later[0]++ // made or scored at or after the report date
			continue
		}
		var res rubric.Result
		var cs rating.CallScore
		if err == nil {
			res, err = v.ResultAt(a.at)
		}
		if err == nil {
			cs, err = rating.CallScoreOf(res)
		}
		if err != nil {
			p.add("evaluations.json", 0, "evaluation %q: %v", e.ID, err)
			continue
		}
		a.results, a.calls, a.reviews = append(a.results, res), append(a.calls, cs), append(a.reviews, v)
	}
	if err := p.err(); err != nil {
		return err
	}
	var err error
	a.criteria, err = criterionStats(a.results)
	return err
}

// reviewOf returns the review of e: its stored review, or a new one from e scored by its evaluator at the
// call, with the violations the facts of the call show merged in (autoqa.Combine; SPEC R4.1). A stored review
// holds the evaluation as its evaluator scored it, and the automatic checks are not applied to it.
func (a *analysis) reviewOf(ds *dataset, e rubric.Evaluation) (review.Review, error) {
	if v, ok := ds.reviews[e.ID]; ok {
		return v, nil
	}
	r := ds.rubrics[e.Rubric]
	if f, ok := ds.facts[e.CallID]; ok {
		d, err := autoqa.CallQualityRules().Derive(r, f, a.at)
		if err != nil {
			return review.Review{}, err
		}
		combined, rec, err := autoqa.Combine(e, d, nil)
		if err != nil {
			return review.Review{}, err
		}
		a.auto = append(a.auto, autoCall{Manual: e, Facts: f, Record: rec})
		e = combined
	}
	return review.New(r, e, review.Actor{ID: cmp.Or(e.EvaluatorID, unnamed), Role: review.RoleSpecialist}, e.At)
}

// segments groups the survey answers before the report date by employee or department and returns the survey
// index of each group against its number of clients (SPEC R11–R14); a group whose number of clients is unknown
// (0) keeps its index and has its coverage reported as unknown.
func (a *analysis) segments(what string, clients func(string) int64) (map[string]rating.Survey, error) {
	key := map[string]func(survey.Response) string{"employee": func(r survey.Response) string { return r.Employee },
		"department": func(r survey.Response) string { return r.Department }}
	segs, err := survey.Segments(a.responses, survey.Grouping{Key: key[what]})
	if err != nil {
		return nil, fmt.Errorf("quickstart: surveys.csv: %w", err)
	}
	out := map[string]rating.Survey{}
	for _, seg := range segs {
		var cov survey.Share
		n := clients(seg.Key)
		if n > 0 {
			cov, err = survey.NewShare(seg.Respondents, n)
		}
		s, err2 := rating.SurveyOf(seg.Tallies, cov)
		if err = cmp.Or(err, err2); err != nil {
			return nil, fmt.Errorf("quickstart: %s %q: %w", what, seg.Key, err)
		}
		if n == 0 {
			s.Surveyed = seg.Respondents
		}
		out[seg.Key] = s
	}
	return out, nil
}

// rate computes the personal ratings (SPEC R8): all evaluated calls before the report date (cumulative, R10),
// the survey index of the employee's clients, and an evaluation required in the report's quarter (R6); then each
// department's rating (R7) from its platforms, the personal ratings of its employees and the survey index of all
// its clients (none surveyed when it has no answers).
func (a *analysis) rate(ds *dataset) error {
	pr, err := rating.NewPersonalRater(ds.settings.Personal)
	dr, err2 := rating.NewDepartmentRater(ds.settings.Department)
	if err = cmp.Or(err, err2); err != nil {
		return fmt.Errorf("quickstart: settings.json: %w", err)
	}
	if a.surveys, err = a.segments("employee", func(id string) int64 { return ds.byID[id].Clients }); err != nil {
		return err
	}
	for _, e := range a.roster {
		_, ok := a.surveys[e.ID]
		if !ok && slices.ContainsFunc(a.calls, func(c rating.CallScore) bool { return c.EmployeeID == e.ID }) {
			a.surveys[e.ID] = rating.Survey{Clients: e.Clients}
		}
	}
	ps, err := pr.RateEmployees(a.calls, a.surveys, rating.RateOptions{RequireEvaluationIn: a.quarter.Period(ds.loc)})
	if err != nil {
		return fmt.Errorf("quickstart: personal ratings: %w", err)
	}
	ratings := make(map[string]rating.Rating, len(ps))
	for _, p := range ps {
		a.personal[p.EmployeeID] = p
		ratings[p.EmployeeID] = p.Rating
	}
	if a.board, err = rating.Rank(ratings); err != nil {
		return fmt.Errorf("quickstart: leaderboard: %w", err)
	}
	var ins []rating.DepartmentInput
	clients := map[string]int64{}
	for _, e := range a.roster {
		i := slices.IndexFunc(ins, func(in rating.DepartmentInput) bool { return in.DepartmentID == e.Department })
		if i < 0 {
			i, ins = len(ins), append(ins, rating.DepartmentInput{DepartmentID: e.Department,
				Platforms: ds.platforms[e.Department]})
		}
		clients[e.Department] += e.Clients
		if p, ok := a.personal[e.ID]; ok {
			ins[i].Employees = append(ins[i].Employees, p)
		}
	}
	segs, err := a.segments("department", func(id string) int64 { return clients[id] })
	if err != nil {
		return err
	}
	for _, in := range ins {
		var ok bool
		if in.Survey, ok = segs[in.DepartmentID]; !ok {
			in.Survey = rating.Survey{Clients: clients[in.DepartmentID]}
		}
		d, err := dr.Rate(in)
		if err != nil {
			return fmt.Errorf("quickstart: department %q: %w", in.DepartmentID, err)
		}
		a.depts = append(a.depts, deptResult{in, d})
	}
	return nil
}

// quarters checks every quarter from the first evaluation to the report date, at most maxQuarters: who among
// those employed had fewer than the minimum of evaluated calls (SPEC R5, R6). It tallies the survey answers of
// the whole company in each of those quarters, then in total.
func (a *analysis) quarters(ds *dataset) error {
	first := a.quarter
	for _, c := range a.calls {
		if q := sq.QuarterOf(c.At, ds.loc); q.Before(first) {
			first = q
		}
	}
	var byQuarter survey.Grouping
	for q := a.quarter; len(a.calls) > 0 && !q.Before(first) && len(a.compliance) < maxQuarters; q = q.Prev() {
		qr := quarterResult{Quarter: q, Counts: map[string]int64{}, Roster: map[string]bool{},
			Short: map[string]rating.Shortfall{}}
		var roster []string
		for _, e := range a.roster {
			if e.Hired.Before(sq.DateOf(q.Period(ds.loc).To, ds.loc)) {
				roster, qr.Roster[e.ID] = append(roster, e.ID), true
			}
		}
		check := rating.QuarterCheck{Quarter: q.Period(ds.loc), Required: ds.settings.Personal.MinCalls}
		short, err := check.Shortfalls(a.calls, roster)
		if err != nil {
			return fmt.Errorf("quickstart: compliance %s: %w", q, err)
		}
		for _, s := range short {
			if qr.Roster[s.EmployeeID] { // Shortfalls also lists everyone with a call, such as later hires
				qr.Short[s.EmployeeID] = s
			}
		}
		for _, c := range a.calls {
			if q.Period(ds.loc).Contains(c.At) {
				qr.Counts[c.EmployeeID]++
			}
		}
		a.compliance = append([]quarterResult{qr}, a.compliance...)
		byQuarter.Periods = append([]sq.Period{q.Period(ds.loc)}, byQuarter.Periods...)
	}
	groupings := []survey.Grouping{{}} // in total
	if len(byQuarter.Periods) > 0 {
		groupings = []survey.Grouping{byQuarter, {}}
	}
	for _, g := range groupings {
		segs, err := survey.Segments(a.responses, g)
		if err != nil {
			return fmt.Errorf("quickstart: surveys.csv: %w", err)
		}
		a.periods = append(a.periods, segs...)
	}
	return nil
}

// register builds the reports of the registers at the report date: the complaints (SPEC R18), the choice of
// calls to evaluate in the report's quarter (R5, R6) and the disputes.
func (a *analysis) register(ds *dataset) error {
	var err error
	if a.complaintReport, err = complaints.NewReport(ds.complaints, a.at, complaints.ReportOptions{}); err != nil {
		return fmt.Errorf("quickstart: complaints: %w", err)
	}
	if f := a.complaintReport.Failed; len(f) > 0 {
		return fmt.Errorf("quickstart: complaint %q (number %d): %w", f[0].ID, f[0].Index, f[0].Err)
	}
	if ds.calls != nil {
		// The calls of the quarter before the report date; the evaluated ones count toward the quota.
		var pop []sampling.Call
		for _, c := range ds.calls {
			if c.At.Before(a.at) && a.quarter.Period(ds.loc).Contains(c.At) {
				pop = append(pop, c)
			}
		}
		rule := sampling.Rule{Location: ds.loc, PerEmployee: ds.settings.Personal.MinCalls}
		for _, e := range ds.evaluations {
			if e.At.Before(a.at) {
				rule.Evaluated = append(rule.Evaluated, e.CallID)
			}
		}
		for _, e := range a.roster {
			rule.Employees = append(rule.Employees, e.ID)
		}
		sel, err := sampling.Select(pop, ds.seed, rule)
		if err != nil {
			return fmt.Errorf("quickstart: calls.json: %w", err)
		}
		a.selection = &sel
	}
	if ds.reviews != nil {
		rep, err := review.NewReport(a.reviews, a.at)
		if err != nil {
			return fmt.Errorf("quickstart: reviews.json: %w", err)
		}
		a.disputeReport = &rep
	}
	return nil
}

// rubricStats summarises the scored calls of one rubric: each criterion across the team and the overrides that
// fired.
type rubricStats struct {
	Rubric          *rubric.Rubric
	Calls, AutoFail int
	Criteria        []rubric.CriterionStat // weakest first, ties in the rubric's order; never answered last
	Fired           map[rubric.Reason]int  // calls by what fired: a level of a criterion, or a violation
	Reasons         []rubric.Reason        // what fired, as it first fired, in the rubric's order
}

// criterionStats groups the results by rubric, in order of first appearance, with each criterion's statistics
// and the overrides that fired.
func criterionStats(results []rubric.Result) ([]rubricStats, error) {
	var out []rubricStats
	byRubric := map[*rubric.Rubric][]rubric.Result{}
	for _, res := range results {
		if byRubric[res.Rubric()] == nil {
			out = append(out, rubricStats{Rubric: res.Rubric(), Fired: map[rubric.Reason]int{}})
		}
		byRubric[res.Rubric()] = append(byRubric[res.Rubric()], res)
	}
	for i := range out {
		s, rs := &out[i], byRubric[out[i].Rubric]
		var err error
		if s.Criteria, err = rubric.CriterionStats(rs); err != nil {
			return nil, fmt.Errorf("quickstart: rubric %q: %w", s.Rubric.ID(), err)
		}
		slices.SortStableFunc(s.Criteria, func(a, b rubric.CriterionStat) int {
			if a.Counted == 0 || b.Counted == 0 {
				return b.Counted - a.Counted
			}
			return a.Share.Cmp(b.Share)
		})
		s.Calls = len(rs)
		first := map[rubric.Reason]rubric.Reason{}
		for _, res := range rs {
			if res.AutoFail() {
				s.AutoFail++
			}
			for _, why := range res.Reasons() {
				key := rubric.Reason{Criterion: why.Criterion, Level: why.Level, Violation: why.Violation}
				if s.Fired[key]++; s.Fired[key] == 1 {
					first[key] = why
				}
			}
		}
		var keys []rubric.Reason
		for _, c := range s.Rubric.Criteria() {
			for _, l := range c.Scale.Levels {
				keys = append(keys, rubric.Reason{Criterion: c.ID, Level: l.ID})
			}
		}
		for _, v := range s.Rubric.Violations() {
			keys = append(keys, rubric.Reason{Violation: v.ID})
		}
		for _, k := range keys {
			if why, ok := first[k]; ok {
				s.Reasons = append(s.Reasons, why)
			}
		}
	}
	return out, nil
}
