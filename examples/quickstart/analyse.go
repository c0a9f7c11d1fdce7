package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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

	results   []rubric.Result // scored evaluations before the report date
	calls     []rating.CallScore
	responses []survey.Response // survey answers before the report date
	// laterEvaluations and laterAnswers count the records at or after the report date, left out.
	laterEvaluations, laterAnswers int

	personal   map[string]rating.Personal // by employee; absent: no call and no survey answer
	surveys    map[string]rating.Survey   // the survey index of each employee's clients
	board      []rating.Standing          // ranked first, then the insufficient ones (rank 0)
	depts      []deptResult
	compliance []quarterResult
	criteria   []rubricStats
	periods    []periodStats

	complaintReport complaints.Report
	dueSoon, paused []complaints.Row // by due time, then ID

	reviews       []review.Review     // of every evaluation before the report date
	selection     *sampling.Selection // nil without calls.json
	disputeReport *review.Report      // nil without reviews.json
	decisions     map[review.Decision]int
	auto          []autoCall // the evaluations with facts, in file order
}

// deptResult is a department's rating with its inputs.
type deptResult struct {
	ID        string
	Rating    rating.Department
	Platforms []rating.PlatformRating
	Survey    rating.Survey
}

// quarterResult is the evaluation count of each employee in one quarter and who fell short (SPEC R6).
type quarterResult struct {
	Quarter    sq.Quarter
	InProgress bool
	Counts     map[string]int64 // evaluated calls by employee
	Roster     map[string]bool  // employed during the quarter
	Short      map[string]rating.Shortfall
}

// periodStats is the survey tallies of the whole company in one period; Label is empty for all time.
type periodStats struct {
	Label       string
	Tallies     survey.Tallies
	Respondents int64
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
	a := &analysis{at: at, quarter: sq.QuarterOf(at, ds.loc), personal: map[string]rating.Personal{},
		surveys: map[string]rating.Survey{}}
	for _, r := range ds.responses {
		if r.At.Before(at) {
			a.responses = append(a.responses, r)
		} else {
			a.laterAnswers++
		}
	}
	today := complaints.DateOf(at, ds.loc)
	for _, e := range ds.employees {
		if !e.Hired.After(today) {
			a.roster = append(a.roster, e)
		}
	}
	for _, step := range []func(*dataset) error{a.score, a.rateEmployees, a.rateDepartments, a.checkQuarters,
		a.tallyPeriods, a.registerComplaints, a.sample, a.disputes} {
		if err := step(ds); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// score scores every evaluation before the report date by its rubric (SPEC R1–R4) and turns the totals into call
// scores for the ratings. The result is the one in force at the report date: a disputed evaluation's after the
// decisions made by then, and a call's with the violations its facts show. All scoring problems are reported
// together.
func (a *analysis) score(ds *dataset) error {
	var p problems
	for _, e := range ds.evaluations {
		var v review.Review
		var err error
		if e.At.Before(a.at) {
			v, err = a.reviewOf(ds, e)
		}
		if !e.At.Before(a.at) || err == nil && !v.ScoredAt().Before(a.at) {
			a.laterEvaluations++ // made or scored at or after the report date
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
		if err == nil && cs.DepartmentID == "" { // the evaluation carries no department: the roster's
			cs.DepartmentID = ds.byID[e.EmployeeID].Department
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

// surveyOf returns the survey index of one group's answers against its number of clients (SPEC R11–R14). When
// the number of clients is unknown (0) the index is kept and coverage reported as unknown.
func surveyOf(seg survey.Segment, clients int64, who string) (rating.Survey, error) {
	var cov survey.Coverage
	var err error
	if clients > 0 {
		cov, err = seg.Coverage(clients)
	}
	var s rating.Survey
	if err == nil {
		s, err = rating.SurveyOf(seg.Tallies, cov)
	}
	if err != nil {
		return rating.Survey{}, fmt.Errorf("quickstart: %s: %w", who, err)
	}
	if clients == 0 {
		s.Surveyed = seg.Respondents
	}
	return s, nil
}

// segments groups the survey answers before the report date.
func (a *analysis) segments(g survey.Grouping) ([]survey.Segment, error) {
	segs, err := survey.Segments(a.responses, g)
	if err != nil {
		return nil, fmt.Errorf("quickstart: surveys.csv: %w", err)
	}
	return segs, nil
}

// rateEmployees computes the personal ratings (SPEC R8): all evaluated calls before the report date (cumulative,
// R10), the survey index of the employee's clients, and an evaluation required in the report's quarter (R6).
func (a *analysis) rateEmployees(ds *dataset) error {
	rater, err := rating.NewPersonalRater(ds.settings.personal)
	if err != nil {
		return fmt.Errorf("quickstart: settings.json: %w", err)
	}
	segs, err := a.segments(survey.Grouping{Key: survey.ByEmployee})
	if err != nil {
		return err
	}
	for _, e := range a.roster {
		if slices.ContainsFunc(a.calls, func(c rating.CallScore) bool { return c.EmployeeID == e.ID }) {
			a.surveys[e.ID] = rating.Survey{Clients: e.Clients}
		}
	}
	for _, seg := range segs {
		if e, ok := ds.byID[seg.Key]; ok {
			if a.surveys[e.ID], err = surveyOf(seg, e.Clients, fmt.Sprintf("employee %q", e.ID)); err != nil {
				return err
			}
		}
	}
	ps, err := rater.RateEmployees(a.calls, a.surveys, rating.RateOptions{RequireEvaluationIn: a.quarter.Period(ds.loc)})
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
	return nil
}

// rateDepartments computes each department's rating (SPEC R7) from its platforms, the personal ratings of its
// employees and the survey index of all its clients (none surveyed when it has no answers).
func (a *analysis) rateDepartments(ds *dataset) error {
	rater, err := rating.NewDepartmentRater(ds.settings.department)
	if err != nil {
		return fmt.Errorf("quickstart: settings.json: %w", err)
	}
	segs, err := a.segments(survey.Grouping{Key: survey.ByDepartment})
	if err != nil {
		return err
	}
	var ins []rating.DepartmentInput
	for _, e := range a.roster {
		i := slices.IndexFunc(ins, func(in rating.DepartmentInput) bool { return in.DepartmentID == e.Department })
		if i < 0 {
			i, ins = len(ins), append(ins, rating.DepartmentInput{DepartmentID: e.Department,
				Platforms: ds.platforms[e.Department]})
		}
		ins[i].Survey.Clients += e.Clients
		if p, ok := a.personal[e.ID]; ok {
			ins[i].Employees = append(ins[i].Employees, p)
		}
	}
	for _, in := range ins {
		id := in.DepartmentID
		if i := slices.IndexFunc(segs, func(s survey.Segment) bool { return s.Key == id }); i >= 0 {
			if in.Survey, err = surveyOf(segs[i], in.Survey.Clients, fmt.Sprintf("department %q", id)); err != nil {
				return err
			}
		}
		d, err := rater.Rate(in)
		if err != nil {
			return fmt.Errorf("quickstart: department %q: %w", id, err)
		}
		a.depts = append(a.depts, deptResult{ID: id, Rating: d, Platforms: in.Platforms, Survey: in.Survey})
	}
	return nil
}

// checkQuarters checks every quarter from the first evaluation to the report date, at most maxQuarters: who
// among those employed had fewer than the minimum of evaluated calls (SPEC R5, R6).
func (a *analysis) checkQuarters(ds *dataset) error {
	if len(a.calls) == 0 {
		return nil
	}
	first := a.quarter
	for _, c := range a.calls {
		if q := sq.QuarterOf(c.At, ds.loc); q.Before(first) {
			first = q
		}
	}
	for q := a.quarter; !q.Before(first) && len(a.compliance) < maxQuarters; q = q.Prev() {
		qr := quarterResult{Quarter: q, InProgress: q == a.quarter, Counts: map[string]int64{},
			Roster: map[string]bool{}, Short: map[string]rating.Shortfall{}}
		end := complaints.DateOf(q.Period(ds.loc).To, ds.loc)
		var roster []string
		for _, e := range a.roster {
			if e.Hired.Before(end) {
				roster = append(roster, e.ID)
				qr.Roster[e.ID] = true
			}
		}
		check := rating.QuarterCheck{Quarter: q.Period(ds.loc), Required: ds.settings.personal.MinCalls}
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
		a.compliance = append(a.compliance, qr)
	}
	slices.Reverse(a.compliance)
	return nil
}

// tallyPeriods tallies the survey answers of the whole company per quarter of the compliance table and in total.
func (a *analysis) tallyPeriods(ds *dataset) error {
	var periods []survey.Period
	for _, qr := range a.compliance {
		p, err := survey.Quarter(qr.Quarter.Year, qr.Quarter.Q, ds.loc)
		if err != nil {
			return fmt.Errorf("quickstart: survey periods: %w", err)
		}
		periods = append(periods, p)
	}
	groupings := []survey.Grouping{{}} // all time
	if len(periods) > 0 {
		groupings = []survey.Grouping{{Periods: periods}, {}}
	}
	for _, g := range groupings {
		segs, err := a.segments(g)
		if err != nil {
			return err
		}
		for i, s := range segs {
			label := ""
			if g.Periods != nil {
				label = a.compliance[i].Quarter.String()
			}
			a.periods = append(a.periods, periodStats{Label: label, Tallies: s.Tallies, Respondents: s.Respondents})
		}
	}
	return nil
}

// registerComplaints builds the register report at the report date (SPEC R18) and lists what is due soon and what
// waits on the client.
func (a *analysis) registerComplaints(ds *dataset) error {
	rep, err := complaints.NewReport(ds.complaints, a.at, complaints.ReportOptions{})
	if err != nil {
		return fmt.Errorf("quickstart: complaints: %w", err)
	}
	if len(rep.Failed) > 0 {
		f := rep.Failed[0]
		return fmt.Errorf("quickstart: complaint %q (number %d): %w", f.ID, f.Index, f.Err)
	}
	a.complaintReport = rep
	for _, row := range rep.Rows {
		if row.Status.DueSoon {
			a.dueSoon = append(a.dueSoon, row)
		}
		if row.Status.State == complaints.StatePaused {
			a.paused = append(a.paused, row)
		}
	}
	byDue := func(x, y complaints.Row) int {
		return cmp.Or(x.Status.Due.At.Compare(y.Status.Due.At), strings.Compare(x.Info.ID, y.Info.ID))
	}
	slices.SortFunc(a.dueSoon, byDue)
	slices.SortFunc(a.paused, byDue)
	return nil
}

// sample chooses the calls to evaluate in the report's quarter (SPEC R5, R6): the calls of calls.json before
// the report date, the evaluated ones counted toward the quota, the rest ranked by the seed.
func (a *analysis) sample(ds *dataset) error {
	if ds.calls == nil {
		return nil
	}
	var pop []sampling.Call
	for _, c := range ds.calls {
		if c.At.Before(a.at) && sq.QuarterOf(c.At, ds.loc) == a.quarter {
			pop = append(pop, c)
		}
	}
	rule := sampling.Rule{Location: ds.loc, PerEmployee: ds.settings.personal.MinCalls}
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
	return nil
}

// disputes builds the disputes report at the report date from the review of every evaluation and counts the
// decisions.
func (a *analysis) disputes(ds *dataset) error {
	if ds.reviews == nil {
		return nil
	}
	rep, err := review.NewReport(a.reviews, a.at)
	if err != nil {
		return fmt.Errorf("quickstart: reviews.json: %w", err)
	}
	a.disputeReport, a.decisions = &rep, map[review.Decision]int{}
	for _, v := range a.reviews {
		for _, ev := range v.Events() {
			if !ev.At.After(a.at) && ev.Kind == review.Decided {
				a.decisions[ev.Decision]++
			}
		}
	}
	slices.SortStableFunc(rep.ByCriterion, func(x, y review.Rates) int { return y.Disputed - x.Disputed })
	return nil
}
