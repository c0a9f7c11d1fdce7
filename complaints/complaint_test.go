package complaints

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
)

func newComplaint(t testing.TB, p Policy, received time.Time) Complaint {
	t.Helper()
	c, err := New(p, Info{ID: "C-1", Channel: "email", Category: "interaction", Employee: "desk 3", ReceivedAt: received})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustStatus(t testing.TB, c Complaint, now time.Time) Status {
	t.Helper()
	s, err := c.Status(now)
	if err != nil {
		t.Fatalf("Status(%v): %v", now, err)
	}
	return s
}

// SPEC R16: the status of an untouched complaint through its term.
func TestStatusDefault(t *testing.T) {
	alm := almaty(t)
	p := DefaultPolicy(alm)
	p.DueSoon = 2
	c := newComplaint(t, p, at(alm, 2026, 3, 2, 10, 0))
	tests := []struct {
		now       time.Time
		units     int
		remaining time.Duration
		soon      bool
		breached  bool
		reason    string
	}{
		{at(alm, 2026, 3, 2, 10, 0), 15, 374 * time.Hour, false, false, "at receipt: 15 days after today"},
		{at(alm, 2026, 3, 15, 12, 0), 2, 60 * time.Hour, true, false, "two days left: due soon"},
		{at(alm, 2026, 3, 17, 23, 0), 0, time.Hour, true, false, "the last day itself: 0 units, an hour left"},
		{at(alm, 2026, 3, 18, 0, 0), -1, 0, false, true, "breached at the first instant of 03-18, one day past the last"},
		{at(alm, 2026, 3, 20, 6, 0), -3, -54 * time.Hour, false, true, "three days late"},
	}
	for _, tt := range tests {
		s := mustStatus(t, c, tt.now)
		if s.RemainingUnits != tt.units || s.Remaining != tt.remaining ||
			s.DueSoon != tt.soon || s.Breached != tt.breached {
			t.Errorf("%s: Status = units %d, remaining %v, soon %v, breached %v; want %d, %v, %v, %v", tt.reason,
				s.RemainingUnits, s.Remaining, s.DueSoon, s.Breached, tt.units, tt.remaining, tt.soon, tt.breached)
		}
		if tt.breached && !s.BreachedSince.Equal(at(alm, 2026, 3, 18, 0, 0)) {
			t.Errorf("%s: BreachedSince = %v", tt.reason, s.BreachedSince)
		}
		if s.State != StateOpen {
			t.Errorf("%s: State = %v, want open", tt.reason, s.State)
		}
	}
	if _, err := c.Status(at(alm, 2026, 3, 1, 0, 0)); !errors.Is(err, ErrBeforeReceipt) {
		t.Errorf("status before receipt = %v, want ErrBeforeReceipt", err)
	}
}

// A pause moves the deadline by the days it touched, in the policy's unit (the worked example of the package doc).
func TestPauseMovesDeadline(t *testing.T) {
	alm := almaty(t)
	kz := KazakhstanMicrofinance(alm)
	cal := DefaultPolicy(alm)
	tests := []struct {
		p       Policy
		pause   time.Time
		resume  time.Time
		lastDay sq.Date
		units   int
		reason  string
	}{
		{kz, at(alm, 2026, 3, 5, 16, 0), at(alm, 2026, 3, 9, 10, 0), d(2026, 3, 31), 2,
			"working days touched: Thursday 5 and Friday 6 March (9 March is a day off)"},
		{cal, at(alm, 2026, 3, 5, 16, 0), at(alm, 2026, 3, 9, 10, 0), d(2026, 3, 22), 5,
			"calendar days touched: 5, 6, 7, 8, 9 March"},
		{cal, at(alm, 2026, 3, 5, 10, 0), at(alm, 2026, 3, 5, 11, 0), d(2026, 3, 18), 1, "an hour on one day counts one day"},
		{cal, at(alm, 2026, 3, 5, 10, 0), at(alm, 2026, 3, 6, 0, 0), d(2026, 3, 18), 1, "a pause ending at midnight does not touch the next day"},
		{cal, at(alm, 2026, 3, 5, 10, 0), at(alm, 2026, 3, 5, 10, 0), d(2026, 3, 17), 0, "a pause of no length touches nothing"},
		{cal, at(alm, 2026, 3, 18, 10, 0), at(alm, 2026, 3, 20, 10, 0), d(2026, 3, 17), 0, "a pause after the deadline does not undo the breach"},
	}
	for _, tt := range tests {
		c := newComplaint(t, tt.p, at(alm, 2026, 3, 2, 10, 0))
		c, err := c.Append(Event{Kind: Paused, At: tt.pause, Reason: "documents requested"})
		if err == nil {
			c, err = c.Append(Event{Kind: Resumed, At: tt.resume})
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		s := mustStatus(t, c, tt.resume)
		if s.Due.LastDay != tt.lastDay || s.PausedUnits != tt.units || s.Paused != tt.resume.Sub(tt.pause) {
			t.Errorf("%s: last day %s, paused units %d, paused %v; want %s, %d, %v", tt.reason, s.Due.LastDay,
				s.PausedUnits, s.Paused, tt.lastDay, tt.units, tt.resume.Sub(tt.pause))
		}
	}
}

func TestTwoPausesShareADay(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	c := newComplaint(t, DefaultPolicy(alm), at(alm, 2026, 3, 2, 10, 0))
	steps := []func(Complaint) (Complaint, error){
		func(c Complaint) (Complaint, error) {
			return c.Append(Event{Kind: Paused, At: at(alm, 2026, 3, 5, 9, 0), Reason: "a"})
		},
		func(c Complaint) (Complaint, error) {
			return c.Append(Event{Kind: Resumed, At: at(alm, 2026, 3, 5, 10, 0)})
		},
		func(c Complaint) (Complaint, error) {
			return c.Append(Event{Kind: Paused, At: at(alm, 2026, 3, 5, 15, 0), Reason: "b"})
		},
		func(c Complaint) (Complaint, error) {
			return c.Append(Event{Kind: Resumed, At: at(alm, 2026, 3, 6, 10, 0)})
		},
	}
	for _, step := range steps {
		var err error
		if c, err = step(c); err != nil {
			t.Fatal(err)
		}
	}
	s := mustStatus(t, c, at(alm, 2026, 3, 7, 0, 0))
	if s.PausedUnits != 2 || s.Due.LastDay != d(2026, 3, 19) || s.Paused != 20*time.Hour {
		t.Errorf("two pauses on 5 March and one into 6 March: units %d, last day %s, paused %v; want 2, 2026-03-19, 20h",
			s.PausedUnits, s.Due.LastDay, s.Paused)
	}
	// While paused, the deadline keeps moving with each day touched.
	p, _ := newComplaint(t, DefaultPolicy(alm), at(alm, 2026, 3, 2, 10, 0)).Append(Event{Kind: Paused, At: at(alm, 2026, 3, 16, 12, 0), Reason: "waiting"})
	if s := mustStatus(t, p, at(alm, 2026, 3, 20, 12, 0)); s.State != StatePaused || s.Due.LastDay != d(2026, 3, 22) || s.Breached {
		t.Errorf("paused 16–20 March: state %v, last day %s, breached %v; want paused, 2026-03-22, false", s.State, s.Due.LastDay, s.Breached)
	}
}

func TestExtensionAndMilestones(t *testing.T) {
	alm := almaty(t)
	p := PSD2(Kazakhstan(), alm)
	p.Acknowledge = Milestone{Length: 1, Unit: WorkingDays}
	c := newComplaint(t, p, at(alm, 2026, 3, 2, 10, 0))
	c, err := c.Append(Event{Kind: Acknowledged, At: at(alm, 2026, 3, 4, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	c, err = c.Append(Event{Kind: Extended, At: at(alm, 2026, 3, 20, 10, 0), Length: 20, Reason: "card scheme investigation", NoticeAt: at(alm, 2026, 3, 20, 10, 5)})
	if err != nil {
		t.Fatal(err)
	}
	s := mustStatus(t, c, at(alm, 2026, 3, 30, 9, 0))
	want := MilestoneStatus{Set: true, LastDay: d(2026, 3, 3), Due: at(alm, 2026, 3, 4, 0, 0), Met: true,
		MetAt: at(alm, 2026, 3, 4, 9, 0), Missed: true}
	if diff := cmp.Diff(want, s.Acknowledgement); diff != "" {
		t.Errorf("Acknowledgement mismatch (-want +got):\n%s", diff)
	}
	if !s.HoldingReply.Met || s.HoldingReply.Missed || s.HoldingReply.LastDay != d(2026, 3, 27) {
		t.Errorf("HoldingReply = %+v; want met by the notice of 20 March, last day 27 March", s.HoldingReply)
	}
	// 15 working days end on 27 March; 20 more (Kazakhstan calendar) end on 24 April.
	if s.Extended != 20 || s.Due.LastDay != d(2026, 4, 24) {
		t.Errorf("extended %d, last day %s; want 20, 2026-04-24", s.Extended, s.Due.LastDay)
	}
	r, err := c.Append(Event{Kind: Resolved, At: at(alm, 2026, 4, 10, 12, 0), Reason: "refunded"})
	if err != nil {
		t.Fatal(err)
	}
	r, err = r.Append(Event{Kind: Closed, At: at(alm, 2026, 4, 11, 12, 0)})
	if err != nil {
		t.Fatal(err)
	}
	s = mustStatus(t, r, at(alm, 2026, 6, 1, 0, 0))
	if s.State != StateClosed || !s.OnTime || s.Breached || !s.ResolvedAt.Equal(at(alm, 2026, 4, 10, 12, 0)) {
		t.Errorf("closed: state %v, on time %v, breached %v, resolved %v", s.State, s.OnTime, s.Breached, s.ResolvedAt)
	}
	// The status at an earlier time ignores later events.
	if s := mustStatus(t, r, at(alm, 2026, 3, 10, 0, 0)); s.Extended != 0 || s.State != StateOpen || s.HoldingReply.Met {
		t.Errorf("status before the extension: extended %d, state %v, holding reply met %v", s.Extended, s.State, s.HoldingReply.Met)
	}
}

// Impossible histories are errors, and a failed call leaves the complaint as it was.
func TestImpossibleHistories(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	base := KazakhstanMicrofinance(alm)
	r := at(alm, 2026, 3, 2, 10, 0)
	c0 := newComplaint(t, base, r)
	paused, _ := c0.Append(Event{Kind: Paused, At: r.Add(time.Hour), Reason: "waiting"})
	resolved, _ := c0.Append(Event{Kind: Resolved, At: r.Add(2 * time.Hour), Reason: "done"})
	closed, _ := resolved.Append(Event{Kind: Closed, At: r.Add(3 * time.Hour)})
	extended, _ := c0.Append(Event{Kind: Extended, At: r.Add(time.Hour), Length: 10, Reason: "facts", NoticeAt: r.Add(time.Hour)})
	acked, _ := c0.Append(Event{Kind: Acknowledged, At: r.Add(time.Hour)})
	tests := []struct {
		c      Complaint
		e      Event
		reason string
	}{
		{c0, Event{Kind: Resolved, At: r.Add(-time.Second)}, "resolved before received"},
		{c0, Event{Kind: Resumed, At: r.Add(time.Hour)}, "resume without pause"},
		{paused, Event{Kind: Paused, At: r.Add(2 * time.Hour)}, "pause while paused"},
		{paused, Event{Kind: Resumed, At: r.Add(time.Minute)}, "before the previous event"},
		{resolved, Event{Kind: Resolved, At: r.Add(3 * time.Hour)}, "resolved twice"},
		{resolved, Event{Kind: Paused, At: r.Add(3 * time.Hour)}, "pause after resolution"},
		{closed, Event{Kind: Acknowledged, At: r.Add(4 * time.Hour)}, "anything after closing"},
		{c0, Event{Kind: Closed, At: r.Add(time.Hour)}, "closed before resolution"},
		{acked, Event{Kind: Acknowledged, At: r.Add(2 * time.Hour)}, "acknowledged twice"},
		{extended, Event{Kind: Extended, At: r.Add(2 * time.Hour), Length: 6, Reason: "more", NoticeAt: r.Add(2 * time.Hour)},
			"two extensions beyond the maximum of 15"},
		{c0, Event{Kind: Extended, At: r.Add(time.Hour), Length: 16, Reason: "x", NoticeAt: r}, "one extension beyond the maximum"},
		{c0, Event{Kind: Extended, At: r.Add(time.Hour), Length: 5, NoticeAt: r.Add(time.Hour)}, "extension without the required reason"},
		{c0, Event{Kind: Extended, At: r.Add(time.Hour), Length: 5, Reason: "x"}, "extension without the required notice"},
		{c0, Event{Kind: Extended, At: r.Add(time.Hour), Length: 0, Reason: "x", NoticeAt: r}, "extension of length 0"},
		{c0, Event{Kind: Extended, At: at(alm, 2026, 3, 28, 0, 0), Length: 5, Reason: "x", NoticeAt: r}, "extension after the deadline passed"},
		{c0, Event{Kind: Extended, At: r.Add(time.Hour), Length: 5, Reason: "x", NoticeAt: at(alm, 2026, 3, 28, 0, 0)},
			"notice after the deadline in force"},
		{c0, Event{Kind: Paused, At: r.Add(time.Hour), Length: 3}, "a length on a pause"},
		{c0, Event{Kind: 0, At: r.Add(time.Hour)}, "zero kind"},
		{c0, Event{Kind: Acknowledged}, "zero time"},
		{Complaint{}, Event{Kind: Acknowledged, At: r}, "zero complaint"},
	}
	for _, tt := range tests {
		before := tt.c.Events()
		got, err := tt.c.Append(tt.e)
		if !errors.Is(err, ErrInvalidHistory) && !errors.Is(err, ErrInvalidComplaint) {
			t.Errorf("%s: Append error = %v, want ErrInvalidHistory", tt.reason, err)
		}
		if got.Info().ID != "" {
			t.Errorf("%s: a failed Append returned a complaint", tt.reason)
		}
		if diff := cmp.Diff(before, tt.c.Events(), cmp.Comparer(Event.Equal)); diff != "" {
			t.Errorf("%s: history changed (-want +got):\n%s", tt.reason, diff)
		}
	}
	// The refused event is named by its place in the history, counted from 1, and by its kind and time.
	var se *sq.Error
	_, err := paused.Append(Event{Kind: Resumed, At: r})
	if !errors.As(err, &se) || se.Pkg != "complaints" || se.Path != "events[2]" ||
		se.Value != "resumed at "+r.Format(time.RFC3339) || !errors.Is(err, ErrInvalidHistory) {
		t.Errorf("errors.As *sq.Error = %+v from %v", se, err)
	}
	noExt := DefaultPolicy(alm)
	if _, err := newComplaint(t, noExt, r).Append(Event{Kind: Extended, At: r.Add(time.Hour), Length: 1, Reason: "x", NoticeAt: r}); !errors.Is(err, ErrInvalidHistory) {
		t.Errorf("extension under a policy without one = %v", err)
	}
}

// Appending to a shared complaint never changes the other values built from it.
func TestAppendDoesNotAlias(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	r := at(alm, 2026, 3, 2, 10, 0)
	c := newComplaint(t, DefaultPolicy(alm), r)
	a, _ := c.Append(Event{Kind: Acknowledged, At: r.Add(time.Hour)})
	b1, _ := a.Append(Event{Kind: Paused, At: r.Add(2 * time.Hour), Reason: "one"})
	b2, _ := a.Append(Event{Kind: Resolved, At: r.Add(2 * time.Hour), Reason: "two"})
	if b1.Events()[1].Kind != Paused || b2.Events()[1].Kind != Resolved || len(a.Events()) != 1 || len(c.Events()) != 0 {
		t.Errorf("histories share storage: %v / %v / %v", b1.Events(), b2.Events(), a.Events())
	}
}

func TestNewErrors(t *testing.T) {
	r := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	long := string(make([]byte, 201))
	tests := []struct {
		p      Policy
		info   Info
		want   error
		reason string
	}{
		{DefaultPolicy(time.UTC), Info{ReceivedAt: r}, ErrInvalidComplaint, "empty ID"},
		{DefaultPolicy(time.UTC), Info{ID: "x"}, ErrInvalidComplaint, "zero receipt"},
		{DefaultPolicy(time.UTC), Info{ID: long, ReceivedAt: r}, ErrInvalidComplaint, "ID too long"},
		{DefaultPolicy(time.UTC), Info{ID: "x", Employee: long, ReceivedAt: r}, ErrInvalidComplaint, "employee too long"},
		{Policy{}, Info{ID: "x", ReceivedAt: r}, ErrInvalidPolicy, "invalid policy"},
	}
	for _, tt := range tests {
		if _, err := New(tt.p, tt.info); !errors.Is(err, tt.want) {
			t.Errorf("%s: New error = %v, want %v", tt.reason, err, tt.want)
		}
	}
	var z Complaint
	if _, err := z.Status(r); !errors.Is(err, ErrInvalidComplaint) {
		t.Errorf("zero Complaint Status = %v", err)
	}
}

// TestFarFuture: a pause left open for centuries is refused at once under any unit, and a term that would end
// after the year 9999 is an error rather than an unwritable time.
func TestFarFuture(t *testing.T) {
	utc := time.UTC
	for _, p := range []Policy{
		{Length: 15, Unit: WorkingDays, Location: utc, Calendar: Weekdays()},
		{Length: 15, Unit: CalendarDays, Location: utc},
	} {
		c, err := New(p, Info{ID: "C-1", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, utc)})
		if err != nil {
			t.Fatal(err)
		}
		c, err = c.Append(Event{Kind: Paused, At: time.Date(2026, 3, 5, 10, 0, 0, 0, utc), Reason: "waiting on the client"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Status(time.Date(9999, 12, 31, 0, 0, 0, 0, utc)); !errors.Is(err, ErrInvalidHistory) {
			t.Errorf("%v: status after a pause of 8000 years: error = %v, want ErrInvalidHistory", p.Unit, err)
		}
	}
	if _, err := DefaultPolicy(utc).Deadline(time.Date(9999, 12, 25, 10, 0, 0, 0, utc)); !errors.Is(err, ErrCalendarRange) {
		t.Errorf("deadline in the year 10000: error = %v, want ErrCalendarRange", err)
	}
}
