package main

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
)

// answersInForce applies by hand what changes an evaluation by the report date: the proposed answers of a
// dispute accepted (all of them, or the criteria accepted), the revised answers of a re-scoring; and, for an
// evaluation not under review, a promise of the call not completed by its due time — the fatal violation of
// SPEC R4.1 (fatal reports it).
func answersInForce(ds *dataset, e rubric.Evaluation, at time.Time) (answers []rubric.Answer, fatal bool) {
	answers = slices.Clone(e.Answers)
	set := func(a rubric.Answer) {
		for i := range answers {
			if answers[i].Criterion == a.Criterion {
				answers[i] = a
			}
		}
	}
	v, reviewed := ds.reviews[e.ID]
	if !reviewed {
		for _, p := range ds.facts[e.CallID].Promises {
			if p.Due.Before(at) && (p.Completed.IsZero() || p.Completed.After(p.Due)) {
				fatal = true
			}
		}
		return answers, fatal
	}
	var proposed []rubric.Answer
	for _, ev := range v.Events() {
		if ev.At.After(at) {
			break
		}
		switch {
		case ev.Kind == review.Disputed:
			proposed = ev.Answers
		case ev.Kind == review.Rescored:
			for _, a := range ev.Answers {
				set(a)
			}
		case ev.Kind == review.Decided && ev.Decision != review.Rejected:
			for _, a := range proposed {
				if ev.Decision == review.Accepted || slices.Contains(ev.Accepted, a.Criterion) {
					set(a)
				}
			}
		}
	}
	return answers, false
}

// The sample's quality workflow recomputed from the raw files: the population, evaluated and selected counts of
// every employee in the report's quarter (SPEC R5: at least 5 evaluated, all calls when there are fewer), the
// calls the facts fail automatically, and the disputed evaluations whose result changed.
func TestSampleWorkflowByHand(t *testing.T) {
	ds, a := sample(t)
	quota := ds.settings.Personal.MinCalls
	evaluated := map[string]bool{}
	for _, e := range ds.evaluations {
		evaluated[e.CallID] = e.At.Before(a.at)
	}
	type counts struct{ Population, Evaluated, Selected int }
	want, got := map[string]counts{}, map[string]counts{}
	for _, e := range a.roster {
		want[e.ID] = counts{}
	}
	for _, c := range ds.calls {
		if c.At.Before(a.at) && sq.QuarterOf(c.At, ds.loc) == a.quarter {
			n := want[c.Employee]
			n.Population++
			if evaluated[c.ID] {
				n.Evaluated++
			}
			want[c.Employee] = n
		}
	}
	for id, n := range want {
		n.Selected = max(0, min(quota, n.Population)-n.Evaluated)
		want[id] = n
	}
	for _, g := range a.selection.Groups {
		got[g.Employee] = counts{g.Population, g.Evaluated, len(g.Selected)}
		if g.Short != (g.Population < quota) {
			t.Errorf("%s: short = %v with %d calls, quota %d", g.Employee, g.Short, g.Population, quota)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sampling counts mismatch (-by hand +report):\n%s", diff)
	}

	var wantFailed, gotFailed []string
	for _, e := range ds.evaluations {
		if _, fatal := answersInForce(ds, e, a.at); fatal && e.At.Before(a.at) {
			wantFailed = append(wantFailed, e.ID)
		}
	}
	for _, c := range a.auto {
		if len(c.Record.Violations) > 0 {
			gotFailed = append(gotFailed, c.Manual.ID)
		}
	}
	if diff := cmp.Diff(wantFailed, gotFailed); diff != "" {
		t.Errorf("calls failed automatically mismatch (-by hand +report):\n%s", diff)
	}
	if len(wantFailed) < 2 {
		t.Errorf("the sample fails %d calls automatically; it should show at least two", len(wantFailed))
	}

	changed := 0
	for _, e := range ds.evaluations {
		answers, _ := answersInForce(ds, e, a.at)
		if _, ok := ds.reviews[e.ID]; ok && !slices.EqualFunc(answers, e.Answers, sameAnswer) {
			changed++
		}
	}
	if changed < 3 {
		t.Errorf("%d disputed evaluations changed by a decision; the sample should show at least three", changed)
	}
}

func sameAnswer(x, y rubric.Answer) bool {
	return x.Criterion == y.Criterion && x.Points.Equal(y.Points) && x.Level == y.Level && x.NA == y.NA
}
