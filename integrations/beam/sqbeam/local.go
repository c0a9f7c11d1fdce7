package sqbeam

import (
	"maps"
	"slices"
	"strings"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/survey"
)

// RateLocal computes, in a plain loop without Beam, what Score (with Unique) and Ratings compute in a pipeline:
// it scores every line, keeps each employee's call scores, tallies each employee's and each department's survey
// answers with survey.Tally, and rates with the full lists of calls (rating.PersonalInput.Calls rather than an
// accumulator). Its rows equal the pipeline's exactly; it serves as the reference the pipeline is tested
// against, and for inputs that fit in memory. Dead letters are returned in input order.
func RateLocal(cfg RateConfig, rubricJSON []byte, lines []string, answers []SurveyAnswer) ([]RatingRow, []DeadLetter, error) {
	f := &ScoreFn{Rubric: string(rubricJSON), Roster: cfg.Roster}
	if err := f.Setup(); err != nil {
		return nil, nil, err
	}
	var dead []DeadLetter
	byID := make(map[string][]ScoredCall)
	var order []string
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		c, letter, ok := f.score(line)
		if !ok {
			dead = append(dead, letter)
			continue
		}
		if len(byID[c.EvaluationID]) == 0 {
			order = append(order, c.EvaluationID)
		}
		byID[c.EvaluationID] = append(byID[c.EvaluationID], c)
	}
	calls := make(map[string][]rating.CallScore)
	for _, id := range order {
		copies := byID[id]
		if cfg.AssumeUniqueIDs {
			for _, c := range copies {
				cs, err := c.CallScore()
				if err != nil {
					return nil, nil, err
				}
				calls[cs.EmployeeID] = append(calls[cs.EmployeeID], cs)
			}
			continue
		}
		if len(copies) > 1 {
			dead = append(dead, duplicates(id, copies)...)
			continue
		}
		cs, err := copies[0].CallScore()
		if err != nil {
			return nil, nil, err
		}
		calls[cs.EmployeeID] = append(calls[cs.EmployeeID], cs)
	}

	responses := make(map[string][]survey.Response)
	deptResponses := make(map[string][]survey.Response)
	clients := make(map[string]map[string]bool)
	for _, a := range answers {
		ans, err := a.Answer()
		if err != nil {
			return nil, nil, err
		}
		r := survey.Response{Client: a.Client, Employee: a.Employee, Answer: ans}
		responses[a.Employee] = append(responses[a.Employee], r)
		if d := cfg.Roster[a.Employee].Department; d != "" {
			deptResponses[d] = append(deptResponses[d], r)
		}
		if a.Client != "" {
			if clients[a.Employee] == nil {
				clients[a.Employee] = make(map[string]bool)
			}
			clients[a.Employee][a.Client] = true
		}
	}

	personal, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		return nil, nil, err
	}
	employees := make(map[string]bool)
	for e := range calls {
		employees[e] = true
	}
	for e := range responses {
		employees[e] = true
	}
	var personals []rating.Personal
	type dept struct {
		surveyed, clients int64
		unknown           bool
	}
	depts := make(map[string]*dept)
	for name := range cfg.Platforms {
		depts[name] = new(dept)
	}
	for _, e := range slices.Sorted(maps.Keys(employees)) {
		emp := cfg.Roster[e]
		surveyed := int64(len(clients[e]))
		if emp.Department != "" {
			d := depts[emp.Department]
			if d == nil {
				d = new(dept)
				depts[emp.Department] = d
			}
			d.surveyed += surveyed
			d.clients += emp.Clients
			d.unknown = d.unknown || emp.Clients == 0
		}
		t, err := survey.Tally(responses[e], survey.ClassicCuts{})
		if err != nil {
			return nil, nil, err
		}
		sv, err := SurveyIndex(t, surveyed, emp.Clients)
		if err == nil {
			var p rating.Personal
			if p, err = personal.Rate(rating.PersonalInput{EmployeeID: e, Calls: calls[e], Survey: sv}); err == nil {
				personals = append(personals, p)
				continue
			}
		}
		dead = append(dead, DeadLetter{Stage: "rate", Key: e, Error: err.Error()})
	}

	deptRater, err := rating.NewDepartmentRater(rating.DefaultDepartmentSettings())
	if err != nil {
		return nil, nil, err
	}
	var departments []rating.Department
	for _, name := range slices.Sorted(maps.Keys(depts)) {
		d := depts[name]
		n := d.clients
		if d.unknown {
			n = 0
		}
		t, err := survey.Tally(deptResponses[name], survey.ClassicCuts{})
		var sv rating.Survey
		if err == nil {
			sv, err = SurveyIndex(t, d.surveyed, n)
		}
		if err == nil {
			var members []rating.Personal
			for _, p := range personals {
				if cfg.Roster[p.EmployeeID].Department == name {
					members = append(members, p)
				}
			}
			var dr rating.Department
			if dr, err = deptRater.Rate(rating.DepartmentInput{DepartmentID: name, Platforms: cfg.Platforms[name],
				Employees: members, Survey: sv}); err == nil {
				departments = append(departments, dr)
				continue
			}
		}
		dead = append(dead, DeadLetter{Stage: "rate", Key: name, Error: err.Error()})
	}
	rows, err := Rows(cfg.Roster, personals, departments)
	return rows, dead, err
}
