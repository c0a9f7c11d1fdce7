package sqbeam

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
)

func init() {
	register.DoFn3x0[string, func(ScoredCall), func(DeadLetter)](&ScoreFn{})
	register.Emitter1[ScoredCall]()
	register.Emitter1[DeadLetter]()
	register.DoFn3x0[string, func(SurveyAnswer), func(DeadLetter)](&ParseAnswerFn{})
	register.Emitter1[SurveyAnswer]()
	register.DoFn4x0[string, func(*ScoredCall) bool, func(ScoredCall), func(DeadLetter)](&uniqueFn{})
	register.Function1x2[ScoredCall, string, ScoredCall](keyByEvaluation)
	register.Iter1[ScoredCall]()
}

// ScoreFn is a DoFn that reads one evaluation per JSON line (the form rubric.ParseEvaluation reads), scores it
// on the rubric and emits a ScoredCall, or a DeadLetter when the line does not parse, does not score, is on a
// rubric whose scale is not 0–5, or names an employee missing from a non-empty Roster. Blank lines are skipped.
//
// Rubric is the rubric's JSON (rubric.Parse); Roster, when not empty, gives each employee's department. Both are
// exported so that Beam can ship the DoFn to its workers; an invalid rubric fails Setup, and so the pipeline.
type ScoreFn struct {
	Rubric string
	Roster map[string]Employee

	r *rubric.Rubric
}

// Setup parses the rubric.
func (f *ScoreFn) Setup() error {
	r, err := rubric.Parse([]byte(f.Rubric))
	if err != nil {
		return fmt.Errorf("sqbeam: the rubric of ScoreFn: %w", err)
	}
	f.r = r
	return nil
}

// ProcessElement scores one line.
func (f *ScoreFn) ProcessElement(line string, emit func(ScoredCall), dead func(DeadLetter)) {
	if strings.TrimSpace(line) == "" {
		return
	}
	c, letter, ok := f.score(line)
	if !ok {
		dead(letter)
		return
	}
	emit(c)
}

// score parses and scores one line.
func (f *ScoreFn) score(line string) (ScoredCall, DeadLetter, bool) {
	e, err := rubric.ParseEvaluation([]byte(line))
	if err != nil {
		return ScoredCall{}, DeadLetter{Stage: "parse", Input: clip(line), Error: err.Error()}, false
	}
	res, err := f.r.Score(e)
	if err != nil {
		return ScoredCall{}, DeadLetter{Stage: "score", Key: e.ID, Input: clip(line), Error: err.Error()}, false
	}
	dept := ""
	if len(f.Roster) > 0 {
		emp, ok := f.Roster[e.EmployeeID]
		if !ok {
			return ScoredCall{}, DeadLetter{Stage: "roster", Key: e.ID, Input: clip(line),
				Error: fmt.Sprintf("sqbeam: employee %q is not on the roster", clip(e.EmployeeID))}, false
		}
		dept = emp.Department
	}
	cs, err := rating.CallScoreOf(res)
	if err == nil && dept != "" {
		switch cs.DepartmentID {
		case "":
			cs.DepartmentID = dept
		case dept:
		default:
			err = fmt.Errorf("sqbeam: evaluation %q is of department %q, the roster says %q", clip(e.ID), clip(cs.DepartmentID), clip(dept))
		}
	}
	if err != nil {
		return ScoredCall{}, DeadLetter{Stage: "score", Key: e.ID, Input: clip(line), Error: err.Error()}, false
	}
	return ScoredCallOf(cs), DeadLetter{}, true
}

// Score scores a PCollection<string> of JSON lines of evaluations on the rubric (its JSON), with departments
// from the roster (none when it is empty), and returns the scored calls and the dead letters.
func Score(s beam.Scope, rubricJSON []byte, roster map[string]Employee, lines beam.PCollection) (calls, dead beam.PCollection) {
	s = s.Scope("sqbeam.Score")
	return beam.ParDo2(s, &ScoreFn{Rubric: string(rubricJSON), Roster: roster}, lines)
}

func keyByEvaluation(c ScoredCall) (string, ScoredCall) { return c.EvaluationID, c }

// uniqueFn passes on an evaluation ID seen once and sends every copy of one seen more often to the dead letters.
type uniqueFn struct{}

func (uniqueFn) ProcessElement(id string, copies func(*ScoredCall) bool, emit func(ScoredCall), dead func(DeadLetter)) {
	var all []ScoredCall
	var c ScoredCall
	for copies(&c) {
		all = append(all, c)
	}
	if len(all) == 1 {
		emit(all[0])
		return
	}
	for _, d := range duplicates(id, all) {
		dead(d)
	}
}

// duplicates returns the dead letters of the copies of an evaluation ID that appears more than once.
func duplicates(id string, copies []ScoredCall) []DeadLetter {
	out := make([]DeadLetter, len(copies))
	for i, c := range copies {
		out[i] = DeadLetter{Stage: "duplicate", Key: id, Input: clip(fmt.Sprintf("%+v", c)),
			Error: fmt.Sprintf("sqbeam: evaluation %q appears %d times", clip(id), len(copies))}
	}
	return out
}

// Unique keeps the scored calls whose evaluation ID appears once and sends every copy of an ID that appears more
// than once to the dead letters (stage "duplicate"), as rating.PersonalRater refuses an evaluation given twice.
// It groups the calls by evaluation ID, which costs a shuffle of every call.
func Unique(s beam.Scope, calls beam.PCollection) (unique, dead beam.PCollection) {
	s = s.Scope("sqbeam.Unique")
	grouped := beam.GroupByKey(s, beam.ParDo(s, keyByEvaluation, calls))
	return beam.ParDo2(s, uniqueFn{}, grouped)
}

// ParseAnswerFn is a DoFn that reads one SurveyAnswer per JSON line ({"Employee":…,"Client":…,"Kind":…,"Value":…},
// unknown fields refused) and emits it, or a DeadLetter (stage "parse") when the line does not parse or the
// answer is invalid (unknown kind, value out of range, no employee). Blank lines are skipped.
type ParseAnswerFn struct{}

// ProcessElement parses one line.
func (ParseAnswerFn) ProcessElement(line string, emit func(SurveyAnswer), dead func(DeadLetter)) {
	if strings.TrimSpace(line) == "" {
		return
	}
	a, err := parseAnswer(line)
	if err != nil {
		dead(DeadLetter{Stage: "parse", Key: a.Employee, Input: clip(line), Error: err.Error()})
		return
	}
	emit(a)
}

// parseAnswer decodes and validates one answer.
func parseAnswer(line string) (SurveyAnswer, error) {
	d := json.NewDecoder(strings.NewReader(line))
	d.DisallowUnknownFields()
	var a SurveyAnswer
	if err := d.Decode(&a); err != nil {
		return SurveyAnswer{}, fmt.Errorf("sqbeam: survey answer: %w", err)
	}
	if d.More() {
		return SurveyAnswer{}, fmt.Errorf("sqbeam: survey answer: data after the JSON object")
	}
	if a.Employee == "" {
		return a, fmt.Errorf("sqbeam: survey answer: empty employee")
	}
	if _, err := a.Answer(); err != nil {
		return a, err
	}
	return a, nil
}

// ParseAnswers parses a PCollection<string> of JSON lines of survey answers into SurveyAnswers and dead letters.
func ParseAnswers(s beam.Scope, lines beam.PCollection) (answers, dead beam.PCollection) {
	s = s.Scope("sqbeam.ParseAnswers")
	return beam.ParDo2(s, ParseAnswerFn{}, lines)
}
