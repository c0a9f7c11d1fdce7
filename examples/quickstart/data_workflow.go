package main

import (
	"encoding/json"
	"io/fs"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
)

// The quality specialist's files: the call list to sample from (calls.json), the disputed evaluations
// (reviews.json) and the telephony facts of evaluated calls (facts.json). Each is optional; without it its
// section is left out of the report.

func (ds *dataset) loadCalls(fsys fs.FS, p *problems) {
	const file = "calls.json"
	var cl struct {
		Seed  string          `json:"seed"` // the key the calls are ranked by
		Calls []sampling.Call `json:"calls"`
	}
	if b := readFile(fsys, file, true, p); b == nil {
		return
	} else if err := decodeStrict(b, &cl); err != nil {
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
	// Present but empty: the section says there are no calls.
	ds.seed, ds.calls = []byte(cl.Seed), append([]sampling.Call{}, cl.Calls...)
}

func (ds *dataset) loadReviews(fsys fs.FS, p *problems) {
	const file = "reviews.json"
	evs := map[string]rubric.Evaluation{}
	for _, e := range ds.evaluations {
		evs[e.ID] = e
	}
	reviews := map[string]review.Review{}
	if !eachJSON(fsys, file, "reviews", true, p, func(n int, msg json.RawMessage) {
		var head struct {
			Rubric string `json:"rubric"`
		}
		_ = json.Unmarshal(msg, &head) // ParseReview reports what is wrong with the document
		r := ds.rubrics[head.Rubric]
		if r == nil {
			p.add(file, 0, "review %d: rubric %q is neither in rubric.json nor a built-in template", n, head.Rubric)
			return
		}
		v, err := review.ParseReview(r, msg)
		if err != nil {
			p.add(file, 0, "review %d: %v", n, err)
			return
		}
		id := v.Original().ID
		_, dup := reviews[id]
		switch e, ok := evs[id]; {
		case !ok:
			p.add(file, 0, "review %d: evaluation %q is not in evaluations.json", n, id)
		case !e.Equal(v.Original()):
			p.add(file, 0, "review %d: evaluation %q differs from the one in evaluations.json", n, id)
		case dup:
			p.add(file, 0, "review %d: evaluation %q has another review", n, id)
		default:
			reviews[id] = v
		}
	}) {
		return
	}
	ds.reviews = reviews
}

func (ds *dataset) loadFacts(fsys fs.FS, p *problems) {
	const file = "facts.json"
	byCall := map[string]*rubric.Rubric{}
	for _, e := range ds.evaluations {
		byCall[e.CallID] = ds.rubrics[e.Rubric]
	}
	facts := map[string]autoqa.Facts{}
	if !eachJSON(fsys, file, "call facts", true, p, func(n int, msg json.RawMessage) {
		var f autoqa.Facts
		err := decodeStrict(msg, &f)
		if err == nil {
			err = f.Validate()
		}
		r, ok := byCall[f.CallID]
		_, dup := facts[f.CallID]
		switch {
		case err != nil:
			p.add(file, 0, "facts %d: %v", n, err)
		case !ok || f.CallID == "":
			p.add(file, 0, "facts %d: call %q is not an evaluated call of evaluations.json", n, f.CallID)
		case dup:
			p.add(file, 0, "facts %d: call %q has facts twice", n, f.CallID)
		default:
			if err := autoqa.CallQualityRules().Validate(r); err != nil {
				p.add(file, 0, "facts %d: call %q: %v", n, f.CallID, err)
				return
			}
			facts[f.CallID] = f
		}
	}) {
		return
	}
	ds.facts = facts
}
