package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// salesRubric returns the department's call rubric: the source's call rubric (SPEC R1–R4) with N/A allowed on
// "objections" (excluded and the rest rescaled to 0–5) for calls in which the client raised no objection. The source
// itself forbids N/A on every criterion.
func salesRubric() (*rubric.Rubric, []byte, error) {
	b, err := rubric.TemplateJSON(rubric.CallQualityID)
	if err != nil {
		return nil, nil, err
	}
	def, err := rubric.ParseDefinition(b)
	if err != nil {
		return nil, nil, err
	}
	def.ID = "sales-call"
	def.Version = "2026-01"
	def.Title = rubric.Text{"en": "Sales call quality", "ru": "Качество звонков отдела продаж"}
	def.Description = rubric.Text{
		"en": "The call rubric of the Client service concept (Appendix 1), with N/A allowed on objection " +
			"handling when the client raised no objection: the criterion is left out and the rest rescaled to 0–5.",
		"ru": "Оценочный лист звонка по концепции «Клиентский сервис» (приложение 1); критерий «Работа с " +
			"возражениями» можно отметить как неприменимый, если возражений не было: он исключается, " +
			"остальные приводятся к шкале 0–5.",
	}
	found := false
	for i := range def.Criteria {
		if def.Criteria[i].ID == "objections" {
			def.Criteria[i].NA = rubric.NAExclude
			found = true
		}
	}
	if !found {
		return nil, nil, fmt.Errorf("the call rubric has no criterion \"objections\"")
	}
	r, err := rubric.New(def)
	if err != nil {
		return nil, nil, err
	}
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	return r, append(out, '\n'), nil
}

// Evaluators of the quality-control team.
var evaluators = []string{"qa-zhanna", "qa-pavel", "qa-gulnara"}

// evaluations writes evaluations.json: every evaluated call of 2026, oldest first, each scored by the rubric
// before it is written so the file holds only valid evaluations. It returns the evaluations too, for the files
// that refer to them.
func (g *gen) evaluations(r *rubric.Rubric) ([]byte, []rubric.Evaluation, error) {
	var evs []rubric.Evaluation
	for _, e := range staff {
		for q, n := range e.calls {
			first := sq.NewDate(2026, time.Month(3*q+1), 1)
			last := sq.NewDate(2026, time.Month(3*q+4), 0) // the quarter's last day
			if q == 3 {
				last = sq.NewDate(2026, 12, 11) // the sample ends before the default report date
			}
			first = later(first, e.hired.AddDays(7))
			for range n {
				at, ok := g.workTime(first, last)
				if !ok {
					return nil, nil, fmt.Errorf("employee %s: no working day for a call in quarter %d", e.id, q+1)
				}
				evs = append(evs, g.evaluation(r, e, at))
			}
		}
	}
	slices.SortStableFunc(evs, func(a, b rubric.Evaluation) int { return a.At.Compare(b.At) })
	items := make([][]byte, len(evs))
	for i := range evs {
		evs[i].ID = fmt.Sprintf("ev-%04d", i+1)
		evs[i].CallID = fmt.Sprintf("call-%05d", 40000+i*7+g.rng.IntN(7))
		if _, err := r.Score(evs[i]); err != nil {
			return nil, nil, fmt.Errorf("evaluation %s: %w", evs[i].ID, err)
		}
		b, err := json.Marshal(evs[i])
		if err != nil {
			return nil, nil, err
		}
		items[i] = b
	}
	return jsonLines(items), evs, nil
}

// evaluation draws the answers of one call of employee e: each criterion earns each of its five tenths with the
// employee's skill (less on their weak criteria), tonality and fatal violations by the employee's chances, and
// "objections" is N/A on about a quarter of the calls.
func (g *gen) evaluation(r *rubric.Rubric, e employee, at time.Time) rubric.Evaluation {
	ev := rubric.Evaluation{Rubric: r.ID(), Version: r.Version(), EmployeeID: e.id,
		EvaluatorID: evaluators[g.rng.IntN(len(evaluators))], At: at}
	for _, c := range r.Criteria() {
		switch {
		case c.ID == "tonality":
			level := "green"
			switch u := g.rng.Float64(); {
			case u < e.red:
				level = "red"
			case u < e.red+e.yellow:
				level = "yellow"
			}
			ev.Answers = append(ev.Answers, rubric.LevelAnswer(c.ID, level))
		case c.ID == "objections" && g.rng.IntN(4) == 0:
			ev.Answers = append(ev.Answers, rubric.NAAnswer(c.ID))
		default:
			p := e.skill
			if slices.Contains(e.weak, c.ID) {
				p -= 0.25
			}
			tenths := 0
			for range 5 {
				if g.rng.Float64() < p {
					tenths++
				}
			}
			ev.Answers = append(ev.Answers, rubric.PointsAnswer(c.ID, decimal.New(int64(tenths), -1)))
		}
	}
	if g.rng.Float64() < e.fatal {
		v := "promise_not_kept"
		if g.rng.IntN(3) == 0 {
			v = "profanity"
		}
		ev.Violations = []string{v}
	}
	return ev
}

// surveys writes surveys.csv: for each employee, the answers of the clients who took the survey after a call
// (some of them twice): satisfaction on 1–5 (CSI, SPEC R11), "would you recommend us?" yes/no (the NPS of R12),
// and on most visits satisfaction with the case on 1–5 (CSAT, R15).
func (g *gen) surveys() ([]byte, error) {
	type row struct {
		client, employee string
		at               time.Time
		kind, value      string
	}
	var rows []row
	next := 10001
	for _, e := range staff {
		first := later(sq.NewDate(2026, 1, 12), e.hired.AddDays(7))
		for range e.surveyed {
			client := fmt.Sprintf("c-%d", next)
			next += 1 + g.rng.IntN(40)
			visits := 1
			if g.rng.IntN(5) == 0 {
				visits = 2
			}
			for range visits {
				at, ok := g.workTime(first, sq.NewDate(2026, 12, 11))
				if !ok {
					return nil, fmt.Errorf("employee %s: no working day for a survey", e.id)
				}
				rows = append(rows, row{client, e.id, at, "csi", fmt.Sprint(g.satisfaction(e.skill))})
				yes := "no"
				if g.rng.Float64() < e.skill+0.04 {
					yes = "yes"
				}
				rows = append(rows, row{client, e.id, at, "recommend", yes})
				if g.rng.IntN(10) < 7 {
					rows = append(rows, row{client, e.id, at, "csat", fmt.Sprint(g.satisfaction(e.skill))})
				}
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.at.Compare(b.at) })
	var b bytes.Buffer
	b.WriteString("client,employee,time,kind,value\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", r.client, r.employee, r.at.Format(time.RFC3339), r.kind, r.value)
	}
	return b.Bytes(), nil
}

// satisfaction draws an answer on 1–5: 5, one point less with a chance that grows as skill falls, and so on.
func (g *gen) satisfaction(skill float64) int {
	v := 5
	for v > 1 && g.rng.Float64() < (1-skill)*1.8 {
		v--
	}
	return v
}
