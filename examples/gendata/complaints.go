package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
)

// complaintPlan is the outline of one complaint: when it arrived and what happened to it, in days after receipt.
type complaintPlan struct {
	received            sq.Date
	pauseAfter, pauseOf int // pause this many days after receipt, for this many days (0: no pause; -1 days: open)
	resolveAfter        int // days after receipt; 0: unresolved
	close               bool
}

// recent are the complaints of the last weeks before the default report date (2026-12-15): under the 15-day
// policy some are overdue, some due soon, one waits on the client, some were answered on time and one late.
var recent = []complaintPlan{
	{received: sq.NewDate(2026, 11, 9)},                                 // last day 11-24: overdue
	{received: sq.NewDate(2026, 11, 18), resolveAfter: 13, close: true}, // on time
	{received: sq.NewDate(2026, 11, 23), pauseAfter: 3, pauseOf: 2},     // paused and resumed, overdue
	{received: sq.NewDate(2026, 11, 25), resolveAfter: 16},              // answered a day late
	{received: sq.NewDate(2026, 11, 27)},                                // last day 12-12: overdue
	{received: sq.NewDate(2026, 11, 30)},                                // last day 12-15: due today
	{received: sq.NewDate(2026, 12, 2)},                                 // last day 12-17: due soon
	{received: sq.NewDate(2026, 12, 3), pauseAfter: 4, pauseOf: -1},     // waiting on the client
	{received: sq.NewDate(2026, 12, 4), resolveAfter: 5},                // answered
	{received: sq.NewDate(2026, 12, 7)},                                 // open, a week left
	{received: sq.NewDate(2026, 12, 10)},                                // open
	{received: sq.NewDate(2026, 12, 11), resolveAfter: 1},               // answered the next day
}

// Channels (SPEC R17) and categories (SPEC R23) with their relative frequencies.
var (
	channels = []weighted{{"email", 7}, {"office-manager", 5},
		{"executive-phone", 3}, {"suggestion-book", 3}, {"credit-administration", 2}}
	categories = []weighted{{"interaction", 10}, {"qualification", 7},
		{"appearance", 3}}
)

type weighted struct {
	value  string
	weight int
}

func (g *gen) pick(ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := g.rng.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.value
		}
		n -= w.weight
	}
	return ws[len(ws)-1].value
}

// complaints writes complaints.json: about 25 complaints through the year, all answered (a few late, a few after
// a pause), and the recent ones above, each built and checked by the complaints package under policy p.
func (g *gen) complaints(p complaints.Policy) ([]byte, error) {
	var plans []complaintPlan
	for range 25 {
		day := sq.NewDate(2026, 1, 10).AddDays(g.rng.IntN(300)) // up to early November
		pl := complaintPlan{received: day, resolveAfter: 2 + g.rng.IntN(12), close: g.rng.IntN(5) < 3}
		if g.rng.IntN(6) == 0 {
			pl.resolveAfter = 16 + g.rng.IntN(9) // late
		}
		if g.rng.IntN(8) == 0 {
			pl.pauseAfter, pl.pauseOf = 1+g.rng.IntN(3), 2+g.rng.IntN(4)
			pl.resolveAfter = pl.pauseAfter + pl.pauseOf + 1 + g.rng.IntN(8)
		}
		plans = append(plans, pl)
	}
	slices.SortStableFunc(plans, func(a, b complaintPlan) int { return a.received.Compare(b.received) })
	plans = append(plans, recent...)

	items := make([][]byte, len(plans))
	for i, pl := range plans {
		c, err := g.complaint(p, fmt.Sprintf("CMP-2026-%03d", i+1), pl)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		items[i] = b
	}
	return jsonLines(items), nil
}

// complaint builds one complaint from its plan.
func (g *gen) complaint(p complaints.Policy, id string, pl complaintPlan) (complaints.Complaint, error) {
	received := pl.received.At(time.Duration(9*60+g.rng.IntN(9*60))*time.Minute, g.loc)
	info := complaints.Info{ID: id, Channel: g.pick(channels), Category: g.pick(categories), ReceivedAt: received}
	if info.Category != "appearance" || g.rng.IntN(2) == 0 {
		info.Employee = g.concerned(pl.received)
	}
	c, err := complaints.New(p, info)
	if err != nil {
		return c, err
	}
	hour := func(days int) time.Time {
		return pl.received.AddDays(days).At(time.Duration(10+g.rng.IntN(7))*time.Hour, g.loc)
	}
	steps := []func() (complaints.Complaint, error){
		func() (complaints.Complaint, error) {
			return c.Append(complaints.Event{Kind: complaints.Acknowledged, At: received.Add(time.Duration(30+g.rng.IntN(240)) * time.Minute)})
		},
	}
	if pl.pauseAfter > 0 {
		steps = append(steps, func() (complaints.Complaint, error) {
			return c.Append(complaints.Event{Kind: complaints.Paused, At: hour(pl.pauseAfter), Reason: "documents requested from the client"})
		})
		if pl.pauseOf > 0 {
			steps = append(steps, func() (complaints.Complaint, error) {
				return c.Append(complaints.Event{Kind: complaints.Resumed, At: hour(pl.pauseAfter + pl.pauseOf)})
			})
		}
	}
	if pl.resolveAfter > 0 {
		steps = append(steps, func() (complaints.Complaint, error) {
			return c.Append(complaints.Event{Kind: complaints.Resolved, At: hour(pl.resolveAfter), Reason: "reply sent to the client"})
		})
		if pl.close {
			steps = append(steps, func() (complaints.Complaint, error) {
				return c.Append(complaints.Event{Kind: complaints.Closed, At: hour(pl.resolveAfter + 2)})
			})
		}
	}
	for _, step := range steps {
		if c, err = step(); err != nil {
			return c, fmt.Errorf("complaint %s: %w", id, err)
		}
	}
	return c, nil
}

// concerned picks the employee a complaint is about among those hired by then, more often the less careful ones.
func (g *gen) concerned(day sq.Date) string {
	var ws []weighted
	for _, e := range staff {
		if e.hired.Before(day) {
			ws = append(ws, weighted{e.id, 1 + int((1-e.skill)*20)})
		}
	}
	return g.pick(ws)
}
