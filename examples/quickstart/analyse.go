package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

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
	quarter rating.Quarter // the quarter of the report date, which must hold an evaluation (SPEC R6)
	roster  []employee     // employees hired by the report date, in file order

	results   []rubric.Result // scored evaluations before the report date
	calls     []rating.CallScore
	responses []survey.Response // survey answers before the report date
	// laterEvaluations and laterAnswers count the records at or after the report date, left out.
	laterEvaluations, laterAnswers int

	personal   map[string]rating.Personal // by employee; absent: no call and no survey answer
	surveys    map[string]rating.Survey   // the survey index of each employee's clients
	board      rating.Leaderboard
	depts      []deptResult
	compliance []quarterResult
	criteria   []rubricStats
	periods    []periodStats

	complaintReport complaints.Report
	dueSoon         []complaints.Row
	paused          []complaints.Row

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
	Quarter    rating.Quarter
	InProgress bool
	Counts     map[string]int64 // evaluated calls by employee
	Roster     map[string]bool  // employed during the quarter
	Short      map[string]rating.Shortfall
}

// periodStats is the survey tallies of the whole company in one period.
type periodStats struct {
	Label       string
	Tallies     survey.Tallies
	Respondents int64
}

// analyse computes the report as of at.
func analyse(ds *dataset, at time.Time) (*analysis, error) {
	a := &analysis{at: at, quarter: rating.QuarterOf(at, ds.loc), personal: map[string]rating.Personal{},
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
	steps := []func(*dataset) error{a.score, a.rateEmployees, a.rateDepartments, a.checkQuarters, a.tallyPeriods,
		a.registerComplaints, a.sample, a.disputes}
	for _, step := range steps {
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
	var errs []error
	for _, e := range ds.evaluations {
		if !e.At.Before(a.at) {
			a.laterEvaluations++
			continue
		}
		v, err := a.reviewOf(ds, e)
		if err == nil && !v.ScoredAt().Before(a.at) {
			a.laterEvaluations++ // scored after the report date
			continue
		}
		var res rubric.Result
		if err == nil {
			res, err = v.ResultAt(a.at)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("quickstart: evaluations.json: evaluation %q: %w", e.ID, err))
			continue
		}
		cs, err := rating.CallScoreOf(res, ds.byID[e.EmployeeID].Department)
		if err != nil {
			errs = append(errs, fmt.Errorf("quickstart: evaluations.json: evaluation %q: %w", e.ID, err))
			continue
		}
		a.results = append(a.results, res)
		a.calls = append(a.calls, cs)
		a.reviews = append(a.reviews, v)
	}
	if len(errs) > maxProblems {
		errs = append(errs[:maxProblems], fmt.Errorf("quickstart: and %d more problems", len(errs)-maxProblems))
	}
	err := errors.Join(errs...)
	if err != nil {
		return err
	}
	a.criteria, err = criterionStats(a.results)
	return err
}

// surveyOf returns the survey index of one group's answers against its number of clients (SPEC R11–R14). When
// the number of clients is unknown (0) the index is kept and coverage reported as unknown.
func surveyOf(seg survey.Segment, clients int64, who string) (rating.Survey, error) {
	var cov survey.Share
	if clients > 0 {
		c, err := survey.NewShare(seg.Respondents, clients)
		if err != nil {
			return rating.Survey{}, fmt.Errorf("quickstart: %s: %w", who, err)
		}
		cov = c
	}
	s, err := rating.SurveyOf(seg.Tallies, cov)
	if err != nil {
		return rating.Survey{}, fmt.Errorf("quickstart: %s: %w", who, err)
	}
	if clients == 0 {
		s.Surveyed = seg.Respondents
	}
	return s, nil
}

// rateEmployees computes the personal ratings (SPEC R8): all evaluated calls before the report date (cumulative,
// R10), the survey index of the employee's clients, and an evaluation required in the report's quarter (R6).
func (a *analysis) rateEmployees(ds *dataset) error {
	rater, err := rating.NewPersonalRater(ds.settings.personal)
	if err != nil {
		return fmt.Errorf("quickstart: settings.json: %w", err)
	}
	segs, err := survey.Segments(a.responses, survey.Grouping{Key: func(r survey.Response) string { return r.Employee }})
	if err != nil {
		return fmt.Errorf("quickstart: surveys.csv: %w", err)
	}
	hasCalls := map[string]bool{}
	for _, c := range a.calls {
		hasCalls[c.EmployeeID] = true
	}
	for _, e := range a.roster {
		if hasCalls[e.ID] {
			a.surveys[e.ID] = rating.Survey{Clients: e.Clients}
		}
	}
	for _, seg := range segs {
		e, ok := ds.byID[seg.Key]
		if !ok {
			continue
		}
		s, err := surveyOf(seg, e.Clients, fmt.Sprintf("employee %q", e.ID))
		if err != nil {
			return err
		}
		a.surveys[e.ID] = s
	}
	ps, err := rater.RateEmployees(a.calls, a.surveys, rating.Period{}, a.quarter.Period(ds.loc))
	if err != nil {
		return fmt.Errorf("quickstart: personal ratings: %w", err)
	}
	entries := make([]rating.Entry, 0, len(ps))
	for _, p := range ps {
		a.personal[p.EmployeeID] = p
		entries = append(entries, p.Entry())
	}
	a.board, err = rating.NewLeaderboard(entries)
	if err != nil {
		return fmt.Errorf("quickstart: leaderboard: %w", err)
	}
	return nil
}

// rateDepartments computes each department's rating (SPEC R7) from its platforms, the personal ratings of its
// employees and the survey index of all its clients.
func (a *analysis) rateDepartments(ds *dataset) error {
	rater, err := rating.NewDepartmentRater(ds.settings.department)
	if err != nil {
		return fmt.Errorf("quickstart: settings.json: %w", err)
	}
	segs, err := survey.Segments(a.responses, survey.Grouping{Key: func(r survey.Response) string { return r.Department }})
	if err != nil {
		return fmt.Errorf("quickstart: surveys.csv: %w", err)
	}
	var ids []string
	clients := map[string]int64{}
	staff := map[string][]rating.Personal{}
	for _, e := range a.roster {
		if !slices.Contains(ids, e.Department) {
			ids = append(ids, e.Department)
		}
		clients[e.Department] += e.Clients
		if p, ok := a.personal[e.ID]; ok {
			staff[e.Department] = append(staff[e.Department], p)
		}
	}
	for _, id := range ids {
		in := rating.DepartmentInput{DepartmentID: id, Platforms: ds.platforms[id], Employees: staff[id],
			Survey: rating.Survey{Clients: clients[id]}} // no answers yet: none of the clients surveyed
		for _, seg := range segs {
			if seg.Key == id {
				if in.Survey, err = surveyOf(seg, clients[id], fmt.Sprintf("department %q", id)); err != nil {
					return err
				}
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

// maxQuarters is the most quarters the compliance table shows: the last two years.
const maxQuarters = 8

// checkQuarters checks every quarter from the first evaluation to the report date: who among those employed had
// fewer than the minimum of evaluated calls (SPEC R5, R6).
func (a *analysis) checkQuarters(ds *dataset) error {
	if len(a.calls) == 0 {
		return nil
	}
	first := a.quarter
	for _, c := range a.calls {
		if q := rating.QuarterOf(c.At, ds.loc); q.Before(first) {
			first = q
		}
	}
	var qs []rating.Quarter
	for q := a.quarter; !q.Before(first) && len(qs) < maxQuarters; q = q.Prev() {
		qs = append(qs, q)
	}
	slices.Reverse(qs)
	for _, q := range qs {
		check := rating.QuarterCheck{Quarter: q, Location: ds.loc, Required: ds.settings.personal.MinCalls}
		end := complaints.DateOf(q.End(ds.loc), ds.loc)
		qr := quarterResult{Quarter: q, InProgress: q == a.quarter, Counts: map[string]int64{},
			Roster: map[string]bool{}, Short: map[string]rating.Shortfall{}}
		var roster []string
		for _, e := range a.roster {
			if e.Hired.Before(end) {
				roster = append(roster, e.ID)
				qr.Roster[e.ID] = true
			}
		}
		short, err := check.Shortfalls(a.calls, roster)
		if err != nil {
			return fmt.Errorf("quickstart: compliance %s: %w", q, err)
		}
		for _, s := range short {
			// Shortfalls also lists everyone with a call anywhere in calls, such as an employee hired in a later
			// quarter; only the quarter's roster is checked here.
			if qr.Roster[s.EmployeeID] {
				qr.Short[s.EmployeeID] = s
			}
		}
		g, err := rating.GroupCalls(a.calls, rating.ByEmployee, q.Period(ds.loc))
		if err != nil {
			return fmt.Errorf("quickstart: compliance %s: %w", q, err)
		}
		for id, acc := range g.All() {
			qr.Counts[id] = acc.Count()
		}
		a.compliance = append(a.compliance, qr)
	}
	return nil
}

// tallyPeriods tallies the survey answers of the whole company per quarter of the compliance table and in total.
func (a *analysis) tallyPeriods(ds *dataset) error {
	rs := a.responses
	var periods []sq.Period
	for _, qr := range a.compliance {
		q, err := sq.NewQuarter(qr.Quarter.Year, qr.Quarter.Q)
		if err != nil {
			return fmt.Errorf("quickstart: survey periods: %w", err)
		}
		periods = append(periods, q.Period(ds.loc))
	}
	if len(periods) > 0 {
		segs, err := survey.Segments(rs, survey.Grouping{Periods: periods})
		if err != nil {
			return fmt.Errorf("quickstart: surveys.csv: %w", err)
		}
		for i, s := range segs {
			a.periods = append(a.periods, periodStats{Label: a.compliance[i].Quarter.String(), Tallies: s.Tallies,
				Respondents: s.Respondents})
		}
	}
	all, err := survey.Segments(rs, survey.Grouping{})
	if err != nil {
		return fmt.Errorf("quickstart: surveys.csv: %w", err)
	}
	for _, s := range all {
		a.periods = append(a.periods, periodStats{Label: "", Tallies: s.Tallies, Respondents: s.Respondents})
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
	a.complaintReport = rep
	if len(rep.Failed) > 0 {
		f := rep.Failed[0]
		return fmt.Errorf("quickstart: complaint %q (number %d): %w", f.ID, f.Index, f.Err)
	}
	for _, row := range rep.Rows {
		if row.Status.DueSoon {
			a.dueSoon = append(a.dueSoon, row)
		}
		if row.Status.State == complaints.StatePaused {
			a.paused = append(a.paused, row)
		}
	}
	byDue := func(x, y complaints.Row) int {
		if c := x.Status.Due.At.Compare(y.Status.Due.At); c != 0 {
			return c
		}
		return strings.Compare(x.Info.ID, y.Info.ID)
	}
	slices.SortFunc(a.dueSoon, byDue)
	slices.SortFunc(a.paused, byDue)
	return nil
}
