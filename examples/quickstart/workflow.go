package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
)

// The quality specialist's files: the call list to sample from (calls.json), the disputed evaluations
// (reviews.json) and the telephony facts of evaluated calls (facts.json). Each is optional; without it its
// section is left out of the report.

// callList is calls.json: the key the calls are ranked by and the calls exported by the telephony system.
type callList struct {
	Seed  string          `json:"seed"`
	Calls []sampling.Call `json:"calls"`
}

func (ds *dataset) loadCalls(fsys fs.FS, p *problems) {
	const file = "calls.json"
	b := readFile(fsys, file, true, p)
	if b == nil {
		return
	}
	var cl callList
	if err := decodeStrict(b, &cl); err != nil {
		p.add(file, 0, "%v", err)
		return
	}
	if n := len(cl.Seed); n < sampling.MinSeed || n > sampling.MaxSeed {
		p.add(file, 0, "seed of %d bytes: %d–%d bytes needed", n, sampling.MinSeed, sampling.MaxSeed)
	}
	for i, c := range cl.Calls {
		if _, ok := ds.byID[c.Employee]; !ok && !p.full() {
			p.add(file, 0, "call %d (%q): employee %q is not in employees.csv", i+1, c.ID, c.Employee)
		}
	}
	ds.seed, ds.calls = []byte(cl.Seed), cl.Calls
	if ds.calls == nil {
		ds.calls = []sampling.Call{} // present but empty: the section says there are no calls
	}
}

func (ds *dataset) loadReviews(fsys fs.FS, p *problems) {
	const file = "reviews.json"
	b := readFile(fsys, file, true, p)
	if b == nil {
		return
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		p.add(file, 0, "not a JSON array of reviews: %v", err)
		return
	}
	evs := map[string]rubric.Evaluation{}
	for _, e := range ds.evaluations {
		evs[e.ID] = e
	}
	ds.reviews = map[string]review.Review{}
	for i, msg := range raw {
		if p.full() {
			return
		}
		var head struct {
			Rubric string `json:"rubric"`
		}
		_ = json.Unmarshal(msg, &head) // ParseReview reports what is wrong with the document
		r := ds.rubrics[head.Rubric]
		if r == nil {
			p.add(file, 0, "review %d: rubric %q is neither in rubric.json nor a built-in template", i+1, head.Rubric)
			continue
		}
		v, err := review.ParseReview(r, msg)
		if err != nil {
			p.add(file, 0, "review %d: %v", i+1, err)
			continue
		}
		id := v.Original().ID
		_, dup := ds.reviews[id]
		switch e, ok := evs[id]; {
		case !ok:
			p.add(file, 0, "review %d: evaluation %q is not in evaluations.json", i+1, id)
		case !e.Equal(v.Original()):
			p.add(file, 0, "review %d: evaluation %q differs from the one in evaluations.json", i+1, id)
		case dup:
			p.add(file, 0, "review %d: evaluation %q has another review", i+1, id)
		default:
			ds.reviews[id] = v
		}
	}
}

func (ds *dataset) loadFacts(fsys fs.FS, p *problems) {
	const file = "facts.json"
	b := readFile(fsys, file, true, p)
	if b == nil {
		return
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		p.add(file, 0, "not a JSON array of call facts: %v", err)
		return
	}
	byCall := map[string]*rubric.Rubric{}
	for _, e := range ds.evaluations {
		byCall[e.CallID] = ds.rubrics[e.Rubric]
	}
	ds.facts = map[string]autoqa.Facts{}
	for i, msg := range raw {
		if p.full() {
			return
		}
		var f autoqa.Facts
		if err := decodeStrict(msg, &f); err != nil {
			p.add(file, 0, "facts %d: %v", i+1, err)
			continue
		}
		if err := f.Validate(); err != nil {
			p.add(file, 0, "facts %d: %v", i+1, err)
			continue
		}
		r, ok := byCall[f.CallID]
		_, dup := ds.facts[f.CallID]
		switch {
		case !ok || f.CallID == "":
			p.add(file, 0, "facts %d: call %q is not an evaluated call of evaluations.json", i+1, f.CallID)
		case dup:
			p.add(file, 0, "facts %d: call %q has facts twice", i+1, f.CallID)
		default:
			if err := autoqa.CallQualityRules().Validate(r); err != nil {
				p.add(file, 0, "facts %d: call %q: %v", i+1, f.CallID, err)
				continue
			}
			ds.facts[f.CallID] = f
		}
	}
}

// autoCall is an evaluated call checked against its facts: the specialist's evaluation and what the rules
// derived.
type autoCall struct {
	Manual rubric.Evaluation
	Facts  autoqa.Facts
	Record autoqa.Record
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
	evaluator := e.EvaluatorID
	if evaluator == "" {
		evaluator = unnamed
	}
	return review.New(r, e, review.Actor{ID: evaluator, Role: review.RoleSpecialist}, e.At)
}

// unnamed stands for an evaluator the evaluation does not name.
const unnamed = "-"

// sample chooses the calls to evaluate in the report's quarter (SPEC R5, R6): the calls of calls.json before
// the report date, the evaluated ones counted toward the quota, the rest ranked by the seed.
func (a *analysis) sample(ds *dataset) error {
	if ds.calls == nil {
		return nil
	}
	var pop []sampling.Call
	for _, c := range ds.calls {
		if c.At.Before(a.at) && rating.QuarterOf(c.At, ds.loc) == a.quarter {
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
	a.disputeReport = &rep
	a.decisions = map[review.Decision]int{}
	for _, v := range a.reviews {
		for _, ev := range v.Events() {
			if !ev.At.After(a.at) && ev.Kind == review.Decided {
				a.decisions[ev.Decision]++
			}
		}
	}
	slices.SortStableFunc(a.disputeReport.ByCriterion, func(x, y review.Rates) int { return y.Disputed - x.Disputed })
	return nil
}
