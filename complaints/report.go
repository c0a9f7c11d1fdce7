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
	// Provisional counts the complaints whose status rests on provisional calendar data (Status.Due.Basis).
	Provisional int
	// Rate is the on-time resolution rate OnTime / (OnTime + Late) as a share from 0 to 1, rounded half-up to
	// RatePlaces places; zero when nothing is resolved. Use OnTimeRate for another precision.
	Rate decimal.Decimal
	// MeanResolution is the mean time from receipt to resolution of the resolved complaints, rounded down to the
	// nanosecond; P90Resolution is its 90th percentile by the nearest-rank method (the smallest time at or below
	// which at least 90% of the times lie). Both are zero when nothing is resolved.
	MeanResolution time.Duration
	P90Resolution  time.Duration
}

// MaxRatePlaces is the most decimal places OnTimeRate rounds to.
const MaxRatePlaces = 18

// OnTimeRate returns OnTime / (OnTime + Late) rounded to places digits (0 to MaxRatePlaces) by rule r, and zero
// when nothing is resolved. Other places and an unknown rule are refused with an error wrapping ErrInvalidPlaces.
func (c Counts) OnTimeRate(places int32, r Rounding) (decimal.Decimal, error) {
	if places < 0 || places > MaxRatePlaces {
		return decimal.Decimal{}, fmt.Errorf("complaints: on-time rate: places %d is outside 0–%d: %w", places,
			MaxRatePlaces, ErrInvalidPlaces)
	}
	if !r.Valid() {
		return decimal.Decimal{}, fmt.Errorf("complaints: on-time rate: rounding %d is not a known rule: %w", uint8(r),
			ErrInvalidPlaces)
	}
	n := c.OnTime + c.Late
	if n == 0 {
		return decimal.Zero, nil
	}
	q, _ := dec.Quo(decimal.NewFromInt(int64(c.OnTime)), decimal.NewFromInt(int64(n)), places, r)
	return q, nil
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

// Row is one complaint of a report with its status at the report time.
type Row struct {
	Info   Info
	Status Status
}

// Failure is a complaint a report had to leave out, with the reason.
type Failure struct {
	// Index is the complaint's position in the list given to NewReport, counted from 1.
	Index int
	// ID is the complaint's ID (empty for a zero Complaint).
	ID string
	// Err says why: a zero Complaint (ErrInvalidComplaint), an ID given twice (ErrDuplicateID), or the error of
	// Status, such as calendar data missing for a day to be counted (ErrCalendarRange).
	Err error
}

// Report is the register report of SPEC R18: what a designated employee gives management about the complaints
// received by a given time.
type Report struct {
	// At is the report time; complaints received after it are left out and counted in NotYetReceived.
	At             time.Time
	NotYetReceived int
	// Counts covers the complaints reported; those in Failed are not counted.
	Counts
	// Rows holds every reported complaint with its status, in ID order (bytewise).
	Rows []Row
	// Failed lists, in the order given, the complaints whose status could not be computed. They are left out of
	// every count and list, and the rest of the register is reported.
	Failed []Failure
	// OverdueList lists the unresolved complaints past their deadline, the latest first (ties by ID).
	OverdueList []Overdue
	// ByChannel, ByCategory and ByEmployee break the counts down, sorted by key (bytewise); an empty key is the
	// group of complaints without that field.
	ByChannel  []Group
	ByCategory []Group
	ByEmployee []Group
}

// MaxReportComplaints is the largest number of complaints one report takes.
const MaxReportComplaints = 1_000_000

// NewReport builds the register report at now from the status of each complaint at now. Complaints may follow
// different policies. A complaint whose status cannot be computed (a zero Complaint, an ID given twice, calendar
// data missing for a day to be counted) is listed in Failed and the rest are reported; the result, Failed aside,
// does not depend on the order of cs. The only error is for more than MaxReportComplaints complaints.
func NewReport(cs []Complaint, now time.Time) (Report, error) {
	if len(cs) > MaxReportComplaints {
		return Report{}, fmt.Errorf("complaints: report: %d complaints, at most %d allowed: %w", len(cs),
			MaxReportComplaints, ErrInvalidComplaint)
	}
	r := Report{At: now}
	seen := make(map[string]bool, len(cs))
	type row struct {
		c Complaint
		s Status
	}
	rows := make([]row, 0, len(cs))
	for i, c := range cs {
		fail := func(err error) { r.Failed = append(r.Failed, Failure{Index: i + 1, ID: c.info.ID, Err: err}) }
		if err := c.check(); err != nil {
			fail(err)
			continue
		}
		if seen[c.info.ID] {
			fail(fmt.Errorf("complaints: report: complaint %q is given twice: %w", clip(c.info.ID), ErrDuplicateID))
			continue
		}
		seen[c.info.ID] = true
		if now.Before(c.start.received) {
			r.NotYetReceived++
			continue
		}
		s, err := c.Status(now)
		if err != nil {
			fail(err)
			continue
		}
		rows = append(rows, row{c, s})
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.c.info.ID, b.c.info.ID) })
	var all tally
	channels, categories, employees := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	r.Rows = make([]Row, len(rows))
	for i, x := range rows {
		r.Rows[i] = Row{Info: x.c.info, Status: x.s}
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
	if s.Due.Basis.IsProvisional() {
		t.c.Provisional++
	}
	switch s.State {
	case StateOpen:
		t.c.Open++
	case StatePaused:
		t.c.Paused++
	case StateResolved:
		t.c.Resolved++
	case StateClosed:
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
	c.Rate, _ = c.OnTimeRate(RatePlaces, HalfUp) // valid places and rule: cannot fail
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
