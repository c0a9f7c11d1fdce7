package complaints

import (
	"cmp"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
)

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
	// Responded counts the complaints with a first response by the report time (Status.FirstResponseAt);
	// MeanFirstResponse and P90FirstResponse are the mean (rounded down to the nanosecond) and the 90th percentile
	// (nearest rank) of their times from receipt to the first response; zero when none responded.
	Responded         int
	MeanFirstResponse time.Duration
	P90FirstResponse  time.Duration
	// ResponseMet and ResponseMissed count the complaints whose channel has a response target
	// (ReportOptions.ResponseTargets): met when the first response came within the target (at most that long
	// after receipt), missed when it came later or has not come and the target has passed. A complaint still
	// within its target without a response counts in neither.
	ResponseMet    int
	ResponseMissed int
	// OnTimeRate is the on-time resolution rate OnTime / (OnTime + Late), exact, from 0 to 1; zero when nothing is
	// resolved. Round it once for display with Fraction.Round (sq.DisplayPrecision, or 4 places as MarshalJSON).
	OnTimeRate sq.Fraction
	// ResponseRate is ResponseMet / (ResponseMet + ResponseMissed), the share of first responses within their
	// target, exact; zero when no complaint counts.
	ResponseRate sq.Fraction
	// MeanResolution is the mean time from receipt to resolution of the resolved complaints, rounded down to the
	// nanosecond; P90Resolution is its 90th percentile by the nearest-rank method (the smallest time at or below
	// which at least 90% of the times lie). Both are zero when nothing is resolved.
	MeanResolution time.Duration
	P90Resolution  time.Duration
}

// share returns k/n exactly, zero when n is 0.
func share(k, n int) sq.Fraction {
	if n == 0 {
		return sq.Fraction{}
	}
	f, _ := sq.Ratio(int64(k), int64(n)) // n is not zero: cannot fail
	return f
}

// ReportOptions are the settings of a register report. The zero value sets no response target.
type ReportOptions struct {
	// ResponseTargets is the longest time from receipt to the first response, per channel (SPEC R15: "response
	// time down to 5 minutes" for a chat, hours for e-mail). The key "" applies to every channel not listed;
	// without it, complaints of channels not listed have no target. At most 1000 entries, each
	// target from a nanosecond to 366 days.
	ResponseTargets map[string]time.Duration
}

// Limits on ReportOptions.
const (
	maxResponseTargets = 1000
	maxResponseTarget  = 366 * 24 * time.Hour
)

func (o ReportOptions) validate() error {
	if len(o.ResponseTargets) > maxResponseTargets {
		return errf(sq.ErrLimit, "report: %d response targets, at most %d allowed",
			len(o.ResponseTargets), maxResponseTargets)
	}
	for ch, d := range o.ResponseTargets {
		if len(ch) > maxIDText {
			return errf(sq.ErrLimit, "report: response target channel of %d bytes, at most %d allowed",
				len(ch), maxIDText)
		}
		if d <= 0 || d > maxResponseTarget {
			return errf(ErrInvalidPolicy, "report: response target %v for channel %q is outside 1ns–%v",
				d, clip(ch), maxResponseTarget)
		}
	}
	return nil
}

// target returns the response target of a channel.
func (o ReportOptions) target(channel string) (time.Duration, bool) {
	if d, ok := o.ResponseTargets[channel]; ok {
		return d, true
	}
	d, ok := o.ResponseTargets[""]
	return d, ok
}

// Failure is a complaint a report had to leave out, with the reason.
type Failure struct {
	// Index is the complaint's position in the list given to NewReport, counted from 1.
	Index int
	// ID is the complaint's ID (empty for a zero Complaint).
	ID string
	// Err says why: a zero Complaint or an ID given twice (ErrInvalidComplaint), or the error of
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
	// Rows holds the status of every reported complaint (with its Info), in ID order (bytewise).
	Rows []Status
	// Failed lists, in the order given, the complaints whose status could not be computed. They are left out of
	// every count and list, and the rest of the register is reported.
	Failed []Failure
	// OverdueList lists the statuses of the unresolved complaints past their deadline, the latest first (ties by
	// ID); how late each is, is -Remaining (-RemainingUnits in the policy's units).
	OverdueList []Status
	// ByChannel, ByCategory and ByEmployee break the counts down by that field of Info; the key "" is the group
	// of complaints without it. MarshalJSON writes them sorted by key.
	ByChannel  map[string]Counts
	ByCategory map[string]Counts
	ByEmployee map[string]Counts
}

// maxReportComplaints is the largest number of complaints one report takes.
const maxReportComplaints = 1_000_000

// NewReport builds the register report at now from the status of each complaint at now, with the response targets
// of opts. Complaints may follow different policies. A complaint whose status cannot be computed (a zero
// Complaint, an ID given twice, calendar data missing for a day to be counted) is listed in Failed and the rest
// are reported; the result, Failed aside, does not depend on the order of cs. Errors are only for more than
// 1,000,000 complaints and for invalid options (ErrInvalidPolicy).
func NewReport(cs []Complaint, now time.Time, opts ReportOptions) (Report, error) {
	if len(cs) > maxReportComplaints {
		return Report{}, errf(sq.ErrLimit, "report: %d complaints, at most %d allowed", len(cs), maxReportComplaints)
	}
	if err := opts.validate(); err != nil {
		return Report{}, err
	}
	r := Report{At: now}
	seen := make(map[string]int, len(cs)) // ID → index in cs
	r.Rows = make([]Status, 0, len(cs))
	overdue := 0
	for i, c := range cs {
		fail := func(err error) { r.Failed = append(r.Failed, Failure{Index: i + 1, ID: c.info.ID, Err: err}) }
		if err := c.check(); err != nil {
			fail(err)
			continue
		}
		if _, dup := seen[c.info.ID]; dup {
			fail(errf(ErrInvalidComplaint, "report: complaint %q is given twice", clip(c.info.ID)))
			continue
		}
		seen[c.info.ID] = i
		if now.Before(c.start.received) {
			r.NotYetReceived++
			continue
		}
		s, err := c.Status(now)
		if err != nil {
			fail(err)
			continue
		}
		if s.Breached && s.ResolvedAt.IsZero() {
			overdue++
		}
		r.Rows = append(r.Rows, s)
	}
	slices.SortFunc(r.Rows, func(a, b Status) int { return strings.Compare(a.Info.ID, b.Info.ID) })
	var all tally
	channels, categories, employees := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	r.OverdueList = make([]Status, 0, overdue)
	for _, s := range r.Rows {
		c := cs[seen[s.Info.ID]]
		all.add(c, s, opts)
		for _, g := range []struct {
			m   map[string]*tally
			key string
		}{{channels, c.info.Channel}, {categories, c.info.Category}, {employees, c.info.Employee}} {
			t := g.m[g.key]
			if t == nil {
				t = &tally{}
				g.m[g.key] = t
			}
			t.add(c, s, opts)
		}
		if s.Breached && s.ResolvedAt.IsZero() {
			r.OverdueList = append(r.OverdueList, s)
		}
	}
	slices.SortStableFunc(r.OverdueList, func(a, b Status) int {
		if a.Remaining != b.Remaining {
			return cmp.Compare(int64(a.Remaining), int64(b.Remaining)) // the latest first
		}
		return strings.Compare(a.Info.ID, b.Info.ID)
	})
	r.Counts = all.counts()
	r.ByChannel, r.ByCategory, r.ByEmployee = groups(channels), groups(categories), groups(employees)
	return r, nil
}

// tally accumulates Counts.
type tally struct {
	c         Counts
	times     []time.Duration // to resolution
	responses []time.Duration // to the first response
}

func (t *tally) add(c Complaint, s Status, opts ReportOptions) {
	t.c.Total++
	if !s.FirstResponseAt.IsZero() {
		t.c.Responded++
		t.responses = append(t.responses, s.FirstResponse)
	}
	if target, ok := opts.target(c.info.Channel); ok {
		switch {
		case !s.FirstResponseAt.IsZero() && s.FirstResponse <= target:
			t.c.ResponseMet++
		case !s.FirstResponseAt.IsZero() || s.At.Sub(c.start.received) > target:
			t.c.ResponseMissed++
		}
	}
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
	c.OnTimeRate = share(c.OnTime, c.OnTime+c.Late)
	c.ResponseRate = share(c.ResponseMet, c.ResponseMet+c.ResponseMissed)
	c.MeanResolution, c.P90Resolution = meanP90(t.times)
	c.MeanFirstResponse, c.P90FirstResponse = meanP90(t.responses)
	return c
}

// meanP90 returns the mean of ds, rounded down to the nanosecond, and their 90th percentile by the nearest-rank
// method (the smallest time at or below which at least 90% of them lie); zeros for none.
func meanP90(ds []time.Duration) (mean, p90 time.Duration) {
	n := len(ds)
	if n == 0 {
		return 0, 0
	}
	sum := new(big.Int)
	for _, d := range ds {
		sum.Add(sum, big.NewInt(int64(d)))
	}
	mean = time.Duration(sum.Quo(sum, big.NewInt(int64(n))).Int64())
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	rank := (9*n + 9) / 10 // ceil(0.9·n)
	return mean, sorted[rank-1]
}

func groups(m map[string]*tally) map[string]Counts {
	out := make(map[string]Counts, len(m))
	for k, t := range m {
		out[k] = t.counts()
	}
	return out
}
