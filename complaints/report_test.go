package complaints

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
)

// SPEC R18: the register report a designated employee hands to management.
func TestReport(t *testing.T) {
	loc := time.UTC
	p := DefaultPolicy(loc)
	p.DueSoon = 4
	r := func(day int) time.Time { return time.Date(2026, 3, day, 10, 0, 0, 0, loc) }
	mk := func(id, channel, category, employee string, received time.Time, steps ...func(Complaint) (Complaint, error)) Complaint {
		c, err := New(p, Info{ID: id, Channel: channel, Category: category, Employee: employee, ReceivedAt: received})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			if c, err = s(c); err != nil {
				t.Fatal(err)
			}
		}
		return c
	}
	resolve := func(at time.Time) func(Complaint) (Complaint, error) {
		return func(c Complaint) (Complaint, error) { return c.Append(Event{Kind: Resolved, At: at, Reason: ""}) }
	}
	closeAt := func(at time.Time) func(Complaint) (Complaint, error) {
		return func(c Complaint) (Complaint, error) { return c.Append(Event{Kind: Closed, At: at}) }
	}
	pause := func(at time.Time) func(Complaint) (Complaint, error) {
		return func(c Complaint) (Complaint, error) { return c.Append(Event{Kind: Paused, At: at, Reason: ""}) }
	}
	now := time.Date(2026, 3, 31, 12, 0, 0, 0, loc)
	cs := []Complaint{
		mk("A", "email", "interaction", "ann", r(1), resolve(r(3))),                           // 2 days, on time
		mk("B", "email", "qualification", "bob", r(2), resolve(r(20))),                        // 18 days, late (due end of 17th)
		mk("C", "office-manager", "interaction", "ann", r(3), resolve(r(13)), closeAt(r(14))), // 10 days, on time
		mk("D", "office-manager", "interaction", "bob", r(5)),                                 // due end of 20th: overdue
		mk("E", "suggestion-book", "", "ann", r(10)),                                          // due end of 25th: overdue
		mk("F", "email", "appearance", "bob", r(20)),                                          // due end of 4 April, 4 days after now: due soon
		mk("G", "email", "appearance", "", r(29), pause(r(30))),                               // paused
		mk("H", "email", "appearance", "", time.Date(2026, 4, 2, 0, 0, 0, 0, loc)),            // not yet received
	}
	rep, err := NewReport(cs, now, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.NotYetReceived != 1 {
		t.Errorf("NotYetReceived = %d, want 1", rep.NotYetReceived)
	}
	want := Counts{Total: 7, Open: 3, Paused: 1, Overdue: 2, DueSoon: 1, Resolved: 2, Closed: 1, OnTime: 2, Late: 1,
		OnTimeRate:     ratio(t, 2, 3),
		MeanResolution: 10 * 24 * time.Hour, // (2 + 18 + 10) / 3 days
		P90Resolution:  18 * 24 * time.Hour, // nearest rank ceil(0.9·3) = 3rd of 2, 10, 18 days
		// A resolution is the first response when no reply came before it.
		Responded: 3, MeanFirstResponse: 10 * 24 * time.Hour, P90FirstResponse: 18 * 24 * time.Hour}
	if diff := cmp.Diff(want, rep.Counts); diff != "" {
		t.Errorf("Counts mismatch (-want +got):\n%s", diff)
	}
	var overdue []string
	for _, o := range rep.OverdueList {
		overdue = append(overdue, o.Info.ID)
	}
	if diff := cmp.Diff([]string{"D", "E"}, overdue); diff != "" {
		t.Errorf("Overdue order mismatch (-want +got):\n%s", diff)
	}
	if o := rep.OverdueList[0]; -o.Remaining != 10*24*time.Hour+12*time.Hour || -o.RemainingUnits != 11 {
		t.Errorf("D is late by %v, %d units; want 10d12h, 11", -o.Remaining, -o.RemainingUnits)
	}
	keys := slices.Sorted(maps.Keys(rep.ByChannel))
	if diff := cmp.Diff([]string{"email", "office-manager", "suggestion-book"}, keys); diff != "" {
		t.Errorf("ByChannel keys mismatch (-want +got):\n%s", diff)
	}
	if g := rep.ByEmployee["ann"]; g.Total != 3 || g.OnTime != 2 || !g.OnTimeRate.Equal(ratio(t, 1, 1)) ||
		g.MeanResolution != 6*24*time.Hour {
		t.Errorf("ann's group = %+v", g)
	}
	if g, ok := rep.ByEmployee[""]; !ok || g.Total != 1 || g.Paused != 1 || !g.OnTimeRate.IsZero() {
		t.Errorf("the group without employee = %+v", g)
	}
	// The order of the input does not matter.
	rev := make([]Complaint, len(cs))
	for i, c := range cs {
		rev[len(cs)-1-i] = c
	}
	rep2, err := NewReport(rev, now, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, rep2); diff != "" {
		t.Errorf("report depends on input order (-first +reversed):\n%s", diff)
	}
	if r, err := NewReport(append(cs, cs[0]), now, ReportOptions{}); err != nil || len(r.Failed) != 1 || !errors.Is(r.Failed[0].Err, ErrInvalidComplaint) || !strings.Contains(r.Failed[0].Err.Error(), "given twice") {
		t.Errorf("duplicate ID: failed %v, error %v; want one ErrInvalidComplaint failure", r.Failed, err)
	}
	if r, err := NewReport([]Complaint{{}}, now, ReportOptions{}); err != nil || len(r.Failed) != 1 || !errors.Is(r.Failed[0].Err, ErrInvalidComplaint) {
		t.Errorf("zero complaint: failed %v, error %v; want one ErrInvalidComplaint failure", r.Failed, err)
	}
	// The rate is exact; the caller rounds it once (2/3 to 1 place down is 0.6, and digits were dropped).
	if got, err := rep.OnTimeRate.Round(sq.Precision{Places: 1, Rounding: sq.Down}); err != nil ||
		got.String() != "0.6" || !got.Inexact {
		t.Errorf("OnTimeRate rounded to 1 place down = %+v, %v; want 0.6, inexact", got, err)
	}
}

// ratio returns k/n for a test's expected rate.
func ratio(t *testing.T, k, n int64) sq.Fraction {
	t.Helper()
	f, err := sq.Ratio(k, n)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPercentileNearestRank(t *testing.T) {
	var tl tally
	for i := 1; i <= 20; i++ {
		tl.times = append(tl.times, time.Duration(21-i)*time.Hour)
	}
	if c := tl.counts(); c.P90Resolution != 18*time.Hour || c.MeanResolution != 630*time.Minute {
		t.Errorf("20 times 1h..20h: P90 %v, mean %v; want 18h (rank 18), 10h30m", c.P90Resolution, c.MeanResolution)
	}
	tl.times = []time.Duration{5 * time.Hour}
	if c := tl.counts(); c.P90Resolution != 5*time.Hour {
		t.Errorf("one time: P90 %v", c.P90Resolution)
	}
}

// Time to first response against a target per channel (SPEC R15: "response time down to 5 minutes").
func TestReportResponseTargets(t *testing.T) {
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	now := start.Add(10 * time.Minute)
	mk := func(id, channel string, received time.Time, respond time.Duration) Complaint {
		c, err := New(DefaultPolicy(time.UTC), Info{ID: id, Channel: channel, ReceivedAt: received})
		if err != nil {
			t.Fatal(err)
		}
		if respond > 0 {
			if c, err = c.Append(Event{Kind: Responded, At: received.Add(respond), Reason: "first reply"}); err != nil {
				t.Fatal(err)
			}
			// A later reply does not change the first response.
			if c, err = c.Append(Event{Kind: Responded, At: received.Add(respond + time.Minute/2), Reason: "second reply"}); err != nil {
				t.Fatal(err)
			}
		}
		return c
	}
	cs := []Complaint{
		mk("met", "chat", start, 4*time.Minute+59*time.Second),     // within 5 minutes
		mk("met-exactly", "chat", start, 5*time.Minute),            // exactly 5 minutes is within
		mk("late", "chat", start, 6*time.Minute),                   // missed
		mk("silent", "chat", start, 0),                             // no reply, 10 minutes on: missed
		mk("pending", "chat", now.Add(-time.Minute), 0),            // no reply, still within: neither
		mk("email", "email", start.Add(-4*time.Hour), 3*time.Hour), // within 4 hours
		mk("no-target", "office-manager", start, 0),                // no target for the channel: neither
	}
	opts := ReportOptions{ResponseTargets: map[string]time.Duration{"chat": 5 * time.Minute, "email": 4 * time.Hour}}
	r, err := NewReport(cs, now, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.ResponseMet != 3 || r.ResponseMissed != 2 || r.Responded != 4 {
		t.Errorf("met %d, missed %d, responded %d; want 3, 2, 4", r.ResponseMet, r.ResponseMissed, r.Responded)
	}
	if got := r.ResponseRate; !got.Equal(ratio(t, 3, 5)) {
		t.Errorf("ResponseRate = %s, want 3/5", got)
	}
	chat := r.ByChannel["chat"]
	if chat.ResponseMet != 2 || chat.ResponseMissed != 2 || chat.MeanFirstResponse != (4*time.Minute+59*time.Second+11*time.Minute)/3 {
		t.Errorf("chat group = %+v", chat)
	}
	for _, bad := range []ReportOptions{
		{ResponseTargets: map[string]time.Duration{"chat": 0}},
		{ResponseTargets: map[string]time.Duration{"chat": -time.Minute}},
		{ResponseTargets: map[string]time.Duration{"chat": maxResponseTarget + 1}},
	} {
		if _, err := NewReport(cs, now, bad); !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("options %v: %v, want ErrInvalidPolicy", bad, err)
		}
	}
	// The default target ("") applies to channels not listed.
	r, err = NewReport(cs, now, ReportOptions{ResponseTargets: map[string]time.Duration{"": time.Hour}})
	if err != nil || r.ResponseMet != 3 || r.ResponseMissed != 1 {
		t.Errorf("with a default target of 1h: met %d, missed %d (%v); want 3 and 1 (the e-mail reply took 3h)", r.ResponseMet,
			r.ResponseMissed, err)
	}
	// No reply after the resolution.
	c := cs[0]
	c, err = c.Append(Event{Kind: Resolved, At: now, Reason: "done"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Append(Event{Kind: Responded, At: now.Add(time.Minute), Reason: "late note"}); !errors.Is(err, ErrInvalidHistory) {
		t.Errorf("a reply after the resolution = %v, want ErrInvalidHistory", err)
	}
}
