package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// samplingSeed is the key the quality team ranks the fourth quarter's calls by (sampling.Rank); an auditor
// recomputes the selection from it and calls.json.
const samplingSeed = "dala-trade/qa-2026-Q4"

// The fourth quarter of the sample: calls run until 11 December, like the evaluations.
var (
	q4First = sq.NewDate(2026, 10, 1)
	q4Last  = sq.NewDate(2026, 12, 11)
)

// workflow writes the quality specialist's files — calls.json, reviews.json and facts.json — from the
// evaluations. They are drawn from a random source of their own, so the other files stay as they are.
func workflow(r *rubric.Rubric, evs []rubric.Evaluation, loc *time.Location,
	add func(name string, b []byte, err error) error) error {
	w := &gen{rng: rand.New(rand.NewPCG(2026, 4)), loc: loc}
	b, reviewed, err := w.reviews(r, evs)
	errs := []error{add("reviews.json", b, err)}
	b, err = w.facts(r, evs, reviewed)
	errs = append(errs, add("facts.json", b, err))
	b, err = w.calls(evs)
	errs = append(errs, add("calls.json", b, err))
	return errors.Join(errs...)
}

// calls writes calls.json: the seed and every call of the fourth quarter as the telephony system exports it —
// the evaluated calls of evaluations.json under their own IDs, and the others (10–40 calls per employee in
// all) numbered from call-50001 in time order. Omarov joined on 19 October and has four calls; Kassymova was
// on leave and has none.
func (g *gen) calls(evs []rubric.Evaluation) ([]byte, error) {
	var calls, others []sampling.Call
	evaluated := map[string]int{}
	for _, ev := range evs {
		if ev.At.Before(q4First.Start(g.loc)) {
			continue
		}
		dir, client := g.stratum()
		calls = append(calls, sampling.Call{ID: ev.CallID, Employee: ev.EmployeeID, At: ev.At, Direction: dir,
			Client: client})
		evaluated[ev.EmployeeID]++
	}
	for _, e := range staff {
		n := 10 + g.rng.IntN(31)
		switch e.id {
		case "omarov":
			n = 4
		case "kassymova":
			n = 0
		}
		first := later(q4First, e.hired.AddDays(7))
		for range n - evaluated[e.id] {
			at, ok := g.workTime(first, q4Last)
			if !ok {
				return nil, fmt.Errorf("employee %s: no working day for a call", e.id)
			}
			dir, client := g.stratum()
			others = append(others, sampling.Call{Employee: e.id, At: at, Direction: dir, Client: client})
		}
	}
	slices.SortStableFunc(others, func(a, b sampling.Call) int { return a.At.Compare(b.At) })
	for i := range others {
		others[i].ID = fmt.Sprintf("call-%d", 50001+i)
	}
	calls = append(calls, others...)
	slices.SortStableFunc(calls, func(a, b sampling.Call) int { return a.At.Compare(b.At) })
	items := make([][]byte, len(calls))
	for i, c := range calls {
		b, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		items[i] = b
	}
	seed, _ := json.Marshal(samplingSeed)
	out := fmt.Appendf(nil, "{\"seed\": %s,\n \"calls\": ", seed)
	return append(append(out, jsonLines(items)...), "}\n"...), nil
}

// stratum draws a call's direction (two in five outgoing) and client kind (one in three new).
func (g *gen) stratum() (sampling.Direction, sampling.Client) {
	dir, client := sampling.Incoming, sampling.ExistingClient
	if g.rng.IntN(5) < 2 {
		dir = sampling.Outgoing
	}
	if g.rng.IntN(3) == 0 {
		client = sampling.NewClient
	}
	return dir, client
}

// outcomes are the fates of the disputes of reviews.json, in order; zero: still open at the report date.
var outcomes = []review.Decision{review.Accepted, review.Accepted, review.Accepted, review.PartlyAccepted,
	review.PartlyAccepted, review.Rejected, review.Rejected, 0, 0}

var arbitrator = review.Actor{ID: "head-qc", Role: review.RoleArbitrator}

// reviews writes reviews.json: nine evaluations disputed by their agent (one by the head of sales), each
// proposing full points on one or two criteria scored below them; three disputes accepted, two partly, two
// rejected — decided by 30 November — and two filed in December and still open. It returns the IDs of the
// evaluations disputed.
func (g *gen) reviews(r *rubric.Rubric, evs []rubric.Evaluation) ([]byte, map[string]bool, error) {
	dec1 := sq.NewDate(2026, 12, 1).Start(g.loc)
	var early, late []rubric.Evaluation // candidates: no violation, two criteria below full points
	for _, ev := range evs {
		if len(ev.Violations) > 0 || len(lowCriteria(ev)) < 2 ||
			ev.At.Before(sq.NewDate(2026, 9, 1).Start(g.loc)) {
			continue
		}
		if ev.At.Before(dec1.AddDate(0, 0, -7)) {
			early = append(early, ev)
		} else if ev.At.After(dec1) && ev.At.Before(dec1.AddDate(0, 0, 8)) {
			late = append(late, ev)
		}
	}
	var items [][]byte
	reviewed := map[string]bool{}
	for i, d := range outcomes {
		pool := &early
		if d == 0 {
			pool = &late
		}
		if len(*pool) == 0 {
			return nil, nil, errors.New("too few evaluations to dispute")
		}
		k := g.rng.IntN(len(*pool))
		ev := (*pool)[k]
		*pool = slices.Delete(*pool, k, k+1)
		v, err := g.dispute(r, ev, i, d)
		if err != nil {
			return nil, nil, fmt.Errorf("review of %s: %w", ev.ID, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, nil, err
		}
		items = append(items, b)
		reviewed[ev.ID] = true
	}
	return jsonLines(items), reviewed, nil
}

// dispute builds the review of ev: scored two hours after the call, disputed one to three days later, and
// decided d (none when d is zero) one to four days after that; decided disputes are closed the next day.
func (g *gen) dispute(r *rubric.Rubric, ev rubric.Evaluation, i int, d review.Decision) (review.Review, error) {
	scored := ev.At.Add(2 * time.Hour)
	v, err := review.New(r, ev, review.Actor{ID: ev.EvaluatorID, Role: review.RoleSpecialist}, scored)
	if err != nil {
		return v, err
	}
	low := lowCriteria(ev)[:1+g.rng.IntN(2)]
	if d == review.PartlyAccepted {
		low = lowCriteria(ev)[:2]
	}
	var proposed []rubric.Answer
	for _, c := range low {
		proposed = append(proposed, rubric.PointsAnswer(c, decimal.New(5, -1)))
	}
	by := review.Actor{ID: ev.EmployeeID, Role: review.RoleAgent}
	if i == 1 {
		by = review.Actor{ID: "head-sales", Role: review.RoleManager}
	}
	filed := scored.Add(time.Duration(24*(1+g.rng.IntN(3))) * time.Hour)
	v, err = v.Dispute(filed, by, proposed, "the call recording shows "+strings.Join(low, " and ")+
		" done by the standard")
	if err != nil || d == 0 {
		return v, err
	}
	decided := filed.Add(time.Duration(24*(1+g.rng.IntN(4))+g.rng.IntN(5)) * time.Hour)
	var accepted []string
	reason := map[review.Decision]string{review.Accepted: "the recording confirms the agent",
		review.Rejected: "the recording confirms the original score"}[d]
	if d == review.PartlyAccepted {
		accepted = low[:1]
		reason = "the recording confirms " + low[0] + " only"
	}
	if v, err = v.Decide(decided, arbitrator, d, accepted, reason); err != nil {
		return v, err
	}
	return v.Close(decided.Add(24*time.Hour), arbitrator)
}

// lowCriteria lists the criteria of ev answered with points below the full 0.5.
func lowCriteria(ev rubric.Evaluation) []string {
	var out []string
	for _, a := range ev.Answers {
		if !a.NA && a.Level == "" && a.Points.LessThan(decimal.New(5, -1)) {
			out = append(out, a.Criterion)
		}
	}
	return out
}

// facts writes facts.json: what the telephony system and the CRM know about the evaluated calls from
// 16 November on (those not disputed): when each call began and ended, who ended it, and the tasks promised to
// the client with their due and completion times. A call the specialist failed for "promise_not_kept" has a
// promise never completed; about one other call in twelve has one completed late, which the specialist missed.
func (g *gen) facts(r *rubric.Rubric, evs []rubric.Evaluation, reviewed map[string]bool) ([]byte, error) {
	from := sq.NewDate(2026, 11, 16).Start(g.loc)
	var items [][]byte
	task := 7001
	for _, ev := range evs {
		if ev.At.Before(from) || reviewed[ev.ID] {
			continue
		}
		f := autoqa.Facts{CallID: ev.CallID, Start: ev.At,
			End:     ev.At.Add(time.Duration(180+g.rng.IntN(600)) * time.Second),
			EndedBy: []autoqa.Party{autoqa.PartyClient, autoqa.PartyClient, autoqa.PartyClient, autoqa.PartyAgent}[g.rng.IntN(4)]}
		manual := slices.Contains(ev.Violations, "promise_not_kept")
		broken := manual || g.rng.IntN(12) == 0
		if broken || g.rng.IntN(2) == 0 {
			day := sq.DateOf(ev.At, g.loc).AddDays(1 + g.rng.IntN(3))
			p := autoqa.Promise{ID: fmt.Sprintf("task-%d", task), Due: day.At(18*time.Hour, g.loc)}
			task++
			switch {
			case broken && !manual:
				p.Completed = p.Due.Add(time.Duration(20+g.rng.IntN(30)) * time.Hour) // late
			case !broken:
				p.Completed = p.Due.Add(-time.Duration(1+g.rng.IntN(30)) * time.Hour)
				if p.Completed.Before(f.End) {
					p.Completed = f.End.Add(time.Hour)
				}
			}
			f.Promises = []autoqa.Promise{p}
		}
		if _, err := autoqa.CallQualityRules().Derive(r, f, q4Last.AddDays(4).Start(g.loc)); err != nil {
			return nil, fmt.Errorf("facts of %s: %w", f.CallID, err)
		}
		b, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		items = append(items, b)
	}
	return jsonLines(items), nil
}
