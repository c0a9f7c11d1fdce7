package complaints

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Rounding is a rule for dropping digits of a decimal result; see OnTimeRate.
type Rounding = dec.Rounding

// Rounding rules.
const (
	HalfUp   = dec.HalfUp
	HalfEven = dec.HalfEven
	Down     = dec.Down
)

// RatePlaces is the number of decimal places of Counts.Rate, rounded half-up.
const RatePlaces = 4

// Counts are the numbers of complaints by status at the report time. A complaint counts in Total and in exactly
// one of Open, Paused, Resolved and Closed; Overdue and DueSoon count open and paused ones, OnTime and Late the
// resolved and closed ones.
type Counts struct {
	Total    int
	Open     int // unresolved, clock running
	Paused   int // unresolved, clock paused
	Overdue  int // unresolved and breached
	DueSoon  int // unresolved, not breached, due soon by the policy's threshold
	Resolved int // resolved, not closed
	Closed   int // resolved and closed
	OnTime   int // resolved or closed before the deadline in force
	Late     int // resolved or closed at or after it
	// Rate is the on-time resolution rate OnTime / (OnTime + Late) as a share from 0 to 1, rounded half-up to
	// RatePlaces places; zero when nothing is resolved. Use OnTimeRate for another precision.
	Rate decimal.Decimal
	// MeanResolution is the mean time from receipt to resolution of the resolved complaints, rounded down to the
	// nanosecond; P90Resolution is its 90th percentile by the nearest-rank method (the smallest time at or below
	// which at least 90% of the times lie). Both are zero when nothing is resolved.
	MeanResolution time.Duration
	P90Resolution  time.Duration
}

// OnTimeRate returns OnTime / (OnTime + Late) rounded to places digits by rule r, and zero when nothing is
// resolved.
func (c Counts) OnTimeRate(places int32, r Rounding) decimal.Decimal {
	n := c.OnTime + c.Late
	if n == 0 {
		return decimal.Zero
	}
	q, _ := dec.Quo(decimal.NewFromInt(int64(c.OnTime)), decimal.NewFromInt(int64(n)), places, r)
	return q
}

// Overdue is one unresolved complaint past its deadline.
type Overdue struct {
	ID       string
	Channel  string
	Category string
	Employee string
	Due      Deadline
	// Late is how long the deadline has passed at the report time; LateUnits the same in the policy's units.
	Late      time.Duration
	LateUnits int
}

// Group is the breakdown for one channel, category or employee.
type Group struct {
	Key string
	Counts
}

// Report is the register report of SPEC R18: what a designated employee gives management about the complaints
// received by a given time.
type Report struct {
	// At is the report time; complaints received after it are left out and counted in NotYetReceived.
	At             time.Time
	NotYetReceived int
	Counts
	// OverdueList lists the unresolved complaints past their deadline, the latest first (ties by ID).
	OverdueList []Overdue
	// ByChannel, ByCategory and ByEmployee break the counts down, sorted by key (bytewise); an empty key is the
	// group of complaints without that field.
	ByChannel  []Group
	ByCategory []Group
	ByEmployee []Group
}

// NewReport builds the register report at now from the status of each complaint at now. Complaints may follow
// different policies. The result does not depend on the order of cs. Errors wrap ErrInvalidComplaint (a zero
// Complaint), ErrDuplicateID, or the errors of Status.
func NewReport(cs []Complaint, now time.Time) (Report, error) {
	r := Report{At: now}
	seen := make(map[string]bool, len(cs))
	type row struct {
		c Complaint
		s Status
	}
	rows := make([]row, 0, len(cs))
	for _, c := range cs {
		if err := c.check(); err != nil {
			return Report{}, err
		}
		if seen[c.info.ID] {
			return Report{}, fmt.Errorf("complaints: report: complaint %q is given twice: %w", clip(c.info.ID), ErrDuplicateID)
		}
		seen[c.info.ID] = true
		if now.Before(c.start.received) {
			r.NotYetReceived++
			continue
		}
		s, err := c.Status(now)
		if err != nil {
			return Report{}, err
		}
		rows = append(rows, row{c, s})
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.c.info.ID, b.c.info.ID) })
	var all tally
	channels, categories, employees := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	for _, x := range rows {
		all.add(x.c, x.s)
		for _, g := range []struct {
			m   map[string]*tally
			key string
		}{{channels, x.c.info.Channel}, {categories, x.c.info.Category}, {employees, x.c.info.Employee}} {
			t := g.m[g.key]
			if t == nil {
				t = &tally{}
				g.m[g.key] = t
			}
			t.add(x.c, x.s)
		}
		if x.s.Breached && x.s.ResolvedAt.IsZero() {
			r.OverdueList = append(r.OverdueList, Overdue{ID: x.c.info.ID, Channel: x.c.info.Channel, Category: x.c.info.Category,
				Employee: x.c.info.Employee, Due: x.s.Due, Late: -x.s.Remaining, LateUnits: -x.s.RemainingUnits})
		}
	}
	slices.SortStableFunc(r.OverdueList, func(a, b Overdue) int {
		if a.Late != b.Late {
			return cmp.Compare(int64(b.Late), int64(a.Late))
		}
		return strings.Compare(a.ID, b.ID)
	})
	r.Counts = all.counts()
	r.ByChannel, r.ByCategory, r.ByEmployee = groups(channels), groups(categories), groups(employees)
	return r, nil
}

// tally accumulates Counts.
type tally struct {
	c     Counts
	times []time.Duration
}

func (t *tally) add(c Complaint, s Status) {
	t.c.Total++
	switch s.State {
	case Open:
		t.c.Open++
	case OnHold:
		t.c.Paused++
	case Done:
		t.c.Resolved++
	case Shut:
		t.c.Closed++
	}
	switch {
	case s.ResolvedAt.IsZero() && s.Breached:
		t.c.Overdue++
	case s.ResolvedAt.IsZero() && s.DueSoon:
		t.c.DueSoon++
	case !s.ResolvedAt.IsZero() && s.OnTime:
		t.c.OnTime++
	case !s.ResolvedAt.IsZero():
		t.c.Late++
	}
	if !s.ResolvedAt.IsZero() {
		t.times = append(t.times, s.ResolvedAt.Sub(c.start.received))
	}
}

func (t *tally) counts() Counts {
	c := t.c
	c.Rate = c.OnTimeRate(RatePlaces, HalfUp)
	if n := len(t.times); n > 0 {
		sum := new(big.Int)
		for _, d := range t.times {
			sum.Add(sum, big.NewInt(int64(d)))
		}
		c.MeanResolution = time.Duration(sum.Quo(sum, big.NewInt(int64(n))).Int64())
		sorted := slices.Clone(t.times)
		slices.Sort(sorted)
		rank := (9*n + 9) / 10 // ceil(0.9·n)
		c.P90Resolution = sorted[rank-1]
	}
	return c
}

func groups(m map[string]*tally) []Group {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Group, len(keys))
	for i, k := range keys {
		out[i] = Group{Key: k, Counts: m[k].counts()}
	}
	return out
}
