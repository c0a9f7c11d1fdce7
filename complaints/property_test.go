package complaints

import (
	"errors"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// Generators for the property tests.

var testZones = []string{"UTC", "Asia/Almaty", "Europe/Moscow", "America/New_York", "Europe/London", "America/Santiago",
	"Australia/Lord_Howe"}

func genLocation(t *rapid.T) *time.Location {
	name := rapid.SampledFrom(testZones).Draw(t, "zone")
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return l
}

// genPolicy draws a valid policy. Calendars with year data are used only where the dates stay within their years.
func genPolicy(t *rapid.T) Policy {
	loc := genLocation(t)
	cals := []*WorkCalendar{Weekdays(), Kazakhstan(), Russia()}
	p := Policy{
		Length:            rapid.IntRange(1, 40).Draw(t, "length"),
		Unit:              Unit(rapid.IntRange(0, 2).Draw(t, "unit")),
		Location:          loc,
		Calendar:          cals[rapid.IntRange(0, 2).Draw(t, "calendar")],
		SameDay:           rapid.Bool().Draw(t, "same day"),
		RegisterOnWorkday: rapid.Bool().Draw(t, "register"),
		MoveToWorkday:     rapid.Bool().Draw(t, "move"),
		Extension:         Extension{Max: rapid.IntRange(0, 20).Draw(t, "extMax")},
		DueSoon:           rapid.IntRange(0, 5).Draw(t, "dueSoon"),
	}
	if rapid.Bool().Draw(t, "hasDueBy") {
		p.DueBy = time.Duration(rapid.IntRange(1, 24*60-1).Draw(t, "dueBy")) * time.Minute
	}
	if rapid.Bool().Draw(t, "hasCutoff") {
		p.ReceiptCutoff = time.Duration(rapid.IntRange(1, 24*60-1).Draw(t, "cutoff")) * time.Minute
	}
	if p.SameDay && p.DueBy > 0 && (p.ReceiptCutoff == 0 || p.ReceiptCutoff > p.DueBy) {
		p.ReceiptCutoff = time.Duration(rapid.Int64Range(1, int64(p.DueBy/time.Minute)).Draw(t, "cutoff≤dueBy")) * time.Minute
	}
	return p
}

// genReceipt draws a receipt from 3 January 2024 to 30 November 2025, so every term of genPolicy ends within the built-in calendars' years.
func genReceipt(t *rapid.T, label string) time.Time {
	start := time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC).Unix()
	end := time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC).Unix()
	return time.Unix(rapid.Int64Range(start, end).Draw(t, label), 0).UTC()
}

func deadlineOf(t *rapid.T, p Policy, r time.Time) Deadline {
	dl, err := p.Deadline(r)
	if err != nil {
		t.Fatalf("Deadline(%v) under %+v: %v", r, p, err)
	}
	return dl
}

// The deadline is never before receipt; its end is the end of its last day (or DueBy on it).
func TestPropDeadlineAfterReceipt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		r := genReceipt(t, "received")
		dl := deadlineOf(t, p, r)
		if !dl.At.After(r) {
			t.Fatalf("deadline %v is not after receipt %v", dl.At, r)
		}
		if dl.LastDay.Before(sq.DateOf(r, p.Location)) || dl.FirstDay.After(dl.LastDay) {
			t.Fatalf("last day %s, first day %s, receipt %v", dl.LastDay, dl.FirstDay, r.In(p.Location))
		}
		if p.DueBy == 0 && (sq.DateOf(dl.At.Add(-time.Nanosecond), p.Location) != dl.LastDay || sq.DateOf(dl.At, p.Location) == dl.LastDay) {
			t.Fatalf("At %v is not the end of %s", dl.At, dl.LastDay)
		}
	})
}

// A working-day deadline always falls on a working day, and so does a moved one.
func TestPropWorkingDayDeadline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		if p.Unit != WorkingDays && !p.MoveToWorkday {
			p.Unit = WorkingDays
		}
		dl := deadlineOf(t, p, genReceipt(t, "received"))
		if !p.Calendar.IsWorkday(time.Date(dl.LastDay.Year, dl.LastDay.Month, dl.LastDay.Day, 12, 0, 0, 0, p.Location)) {
			t.Fatalf("last day %s is not a working day", dl.LastDay)
		}
	})
}

// A later receipt never gives an earlier deadline.
func TestPropMonotoneInReceipt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		a := genReceipt(t, "a")
		b := a.Add(time.Duration(rapid.Int64Range(0, int64(20*24*time.Hour)).Draw(t, "later")))
		if da, db := deadlineOf(t, p, a), deadlineOf(t, p, b); db.At.Before(da.At) {
			t.Fatalf("received %v: due %v; received later %v: due earlier %v", a, da.At, b, db.At)
		}
	})
}

// Pausing and extending never make a deadline earlier.
func TestPropPauseAndExtendNeverEarlier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		p.Extension.Max = 20
		r := genReceipt(t, "received")
		c, err := New(p, Info{ID: "x", ReceivedAt: r})
		if err != nil {
			t.Fatal(err)
		}
		before, err := c.Deadline()
		if err != nil {
			t.Fatal(err)
		}
		at := r.Add(time.Duration(rapid.Int64Range(0, int64(before.At.Sub(r))).Draw(t, "at")))
		var next Complaint
		if rapid.Bool().Draw(t, "extend") {
			next, err = c.Append(Event{Kind: Extended, At: at, Length: rapid.IntRange(1, 20).Draw(t, "ext"), Reason: ""})
		} else {
			next, err = c.Append(Event{Kind: Paused, At: at, Reason: ""})
			if err == nil {
				next, err = next.Append(Event{Kind: Resumed, At: at.Add(time.Duration(rapid.Int64Range(0, int64(10*24*time.Hour)).Draw(t, "pause")))})
			}
		}
		if errors.Is(err, ErrInvalidHistory) && !at.Before(before.At) {
			return // extending at the deadline itself is refused
		}
		if err != nil {
			t.Fatal(err)
		}
		after, err := next.Deadline()
		if err != nil {
			t.Fatal(err)
		}
		if after.At.Before(before.At) {
			t.Fatalf("deadline %v became earlier: %v", before.At, after.At)
		}
	})
}

// complaintMachine drives random lifecycles and checks the invariants after every step.
type complaintMachine struct {
	p       Policy
	c       Complaint
	now     time.Time
	model   modelState
	prevDue time.Time
}

type modelState struct {
	paused, resolved, closed, acked bool
	ext                             int
	events                          int
}

func (m *complaintMachine) step(t *rapid.T) time.Time {
	m.now = m.now.Add(time.Duration(rapid.Int64Range(0, int64(4*24*time.Hour)).Draw(t, "step")))
	return m.now
}

// try appends e and checks that success matches the model and that a failure leaves the complaint as it was.
func (m *complaintMachine) try(t *rapid.T, e Event, allowed bool) bool {
	before := m.c
	next, err := m.c.Append(e)
	if !before.Equal(m.c) {
		t.Fatal("Append changed its receiver")
	}
	if err != nil {
		if !errors.Is(err, ErrInvalidHistory) {
			t.Fatalf("%s: error %v does not wrap ErrInvalidHistory", e.Kind, err)
		}
		if allowed {
			t.Fatalf("%s at %v refused though the model allows it: %v", e.Kind, e.At, err)
		}
		return false
	}
	if !allowed {
		t.Fatalf("%s at %v accepted though the model forbids it", e.Kind, e.At)
	}
	m.c = next
	m.model.events++
	return true
}

func (m *complaintMachine) Check(t *rapid.T) {
	if len(m.c.Events()) != m.model.events {
		t.Fatalf("%d events, model has %d", len(m.c.Events()), m.model.events)
	}
	s, err := m.c.Status(m.now)
	if err != nil {
		t.Fatal(err)
	}
	wantState := StateOpen
	switch {
	case m.model.closed:
		wantState = StateClosed
	case m.model.resolved:
		wantState = StateResolved
	case m.model.paused:
		wantState = StatePaused
	}
	if s.State != wantState || s.Extended != m.model.ext || s.Extended > m.p.Extension.Max {
		t.Fatalf("status %v, extended %d; model %v, %d", s.State, s.Extended, wantState, m.model.ext)
	}
	if s.Due.At.Before(m.prevDue) {
		t.Fatalf("the deadline moved earlier: %v -> %v", m.prevDue, s.Due.At)
	}
	m.prevDue = s.Due.At
	if s.Breached != (s.Remaining <= 0) {
		t.Fatalf("breached %v with remaining %v", s.Breached, s.Remaining)
	}
	if s.Paused < 0 || s.PausedUnits < 0 {
		t.Fatalf("negative pause: %v, %d", s.Paused, s.PausedUnits)
	}
	back, err := ParseComplaint(mustJSON(t, m.c), m.p)
	if err != nil || !back.Equal(m.c) {
		t.Fatalf("JSON round trip: %v", err)
	}
}

func mustJSON(t *rapid.T, c Complaint) []byte {
	b, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStateMachineLifecycle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		p.Extension = Extension{Max: rapid.IntRange(0, 10).Draw(t, "max"), ReasonRequired: true}
		if rapid.Bool().Draw(t, "weekdays") {
			p.Calendar = Weekdays() // covers every year, so long lifecycles never leave the calendar
		}
		r := genReceipt(t, "received")
		c, err := New(p, Info{ID: "sm", ReceivedAt: r})
		if err != nil {
			t.Fatal(err)
		}
		m := &complaintMachine{p: p, c: c, now: r}
		t.Repeat(map[string]func(*rapid.T){
			"acknowledge": func(t *rapid.T) {
				ok := m.try(t, Event{Kind: Acknowledged, At: m.step(t)}, !m.model.acked && !m.model.resolved)
				m.model.acked = m.model.acked || ok
			},
			"pause": func(t *rapid.T) {
				if m.try(t, Event{Kind: Paused, At: m.step(t), Reason: "waiting"}, !m.model.paused && !m.model.resolved) {
					m.model.paused = true
				}
			},
			"resume": func(t *rapid.T) {
				if m.try(t, Event{Kind: Resumed, At: m.step(t)}, m.model.paused) {
					m.model.paused = false
				}
			},
			"extend": func(t *rapid.T) {
				at := m.step(t)
				n := rapid.IntRange(0, 6).Draw(t, "length")
				h, err := m.c.replay(time.Time{}, false)
				if err != nil {
					t.Fatal(err)
				}
				due, err := h.due(at)
				if err != nil {
					t.Fatal(err)
				}
				allowed := !m.model.resolved && n >= 1 && m.model.ext+n <= p.Extension.Max && at.Before(due.At)
				if m.try(t, Event{Kind: Extended, At: at, Length: n, Reason: "facts"}, allowed) {
					m.model.ext += n
				}
			},
			"resolve": func(t *rapid.T) {
				if m.try(t, Event{Kind: Resolved, At: m.step(t)}, !m.model.resolved) {
					m.model.resolved, m.model.paused = true, false
				}
			},
			"close": func(t *rapid.T) {
				if m.try(t, Event{Kind: Closed, At: m.step(t)}, m.model.resolved && !m.model.closed) {
					m.model.closed = true
				}
			},
			"earlier event": func(t *rapid.T) {
				if m.model.events == 0 {
					t.Skip("no event yet")
				}
				last := m.c.Events()[m.model.events-1].At
				m.try(t, Event{Kind: Acknowledged, At: last.Add(-time.Second)}, false)
			},
			"": m.Check,
		})
	})
}
