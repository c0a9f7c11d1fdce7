package complaints

import (
	"encoding/json"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Every decoder either returns a value that encodes and decodes back to itself, or an error wrapping one of the
// package's sentinels; it never panics.

func FuzzPolicyJSON(f *testing.F) {
	for _, s := range []string{
		`{"length":15,"unit":"calendar-days","location":"Asia/Almaty"}`,
		`{"name":"kz","length":15,"unit":"working-days","location":"Asia/Almaty","calendar":"KZ","extension":{"max":15,"reason_required":true,"notice_required":true}}`,
		`{"length":3,"unit":"weeks","location":"UTC","start":"same-day","due_by":"18:00","receipt_cutoff":"17:00","move_to_workday":true,"calendar":"RU"}`,
		`{"length":5,"unit":"working-days","location":"UTC","calendar":{"name":"x","week":["Mon","Sat"],"years":[{"year":2026,"source":"s","holidays":[{"date":"2026-01-05"}],"workdays":[],"shortened":[]}]}}`,
		`{"length":15,"location":"UTC","acknowledge":{"length":2,"unit":"calendar-days"},"holding_reply":{"length":1,"unit":"weeks"},"due_soon":2}`,
		`{"length":1e9}`, `null`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePolicy(b)
		if err != nil {
			checkErrorShape(t, "ParsePolicy", err, ErrInvalidPolicy, ErrInvalidCalendar)
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("a parsed policy does not encode: %v", err)
		}
		back, err := ParsePolicy(out)
		if err != nil || !back.Equal(p) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		if _, err := p.Deadline(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)); err != nil && !errors.Is(err, ErrCalendarRange) &&
			!errors.Is(err, ErrInvalidCalendar) {
			t.Fatalf("Deadline of a valid policy: %v", err)
		}
	})
}

func FuzzCalendarJSON(f *testing.F) {
	b, _ := json.Marshal(Russia())
	f.Add(b)
	for _, s := range []string{
		`{"name":"x","week":["Mon","Tue","Wed","Thu","Fri"],"years":[]}`,
		`{"name":"x","week":["Sun"],"years":[{"year":2026,"source":"s","holidays":[{"date":"2026-01-04","name":"n"}],"workdays":[{"date":"2026-01-05"}],"shortened":[{"date":"2026-01-05"}]}]}`,
		`{"name":"x","week":["Mon"],"years":[{"year":2026,"holidays":[{"date":"2026-02-29"}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCalendar(b)
		if err != nil {
			checkErrorShape(t, "ParseCalendar", err, ErrInvalidCalendar)
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseCalendar(out)
		if err != nil || !back.Equal(c) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		for _, y := range c.Data().Years {
			for _, h := range y.Holidays {
				if c.IsWorkday(noon(h.Date)) {
					t.Fatalf("holiday %s is a working day", h.Date)
				}
			}
			for _, w := range y.Workdays {
				if !c.IsWorkday(noon(w.Date)) {
					t.Fatalf("working day %s is not a working day", w.Date)
				}
			}
		}
	})
}

func FuzzComplaintJSON(f *testing.F) {
	f.Add([]byte(`{"id":"C-1","channel":"email","received_at":"2026-03-02T10:00:00+05:00","events":[]}`))
	f.Add([]byte(`{"id":"C-2","received_at":"2026-03-02T10:00:00+05:00","events":[{"kind":"paused","at":"2026-03-03T10:00:00+05:00","reason":"r"},{"kind":"resumed","at":"2026-03-05T10:00:00+05:00"},{"kind":"extended","at":"2026-03-06T10:00:00+05:00","length":3,"reason":"x","notice_at":"2026-03-06T10:00:00+05:00"},{"kind":"resolved","at":"2026-03-20T10:00:00+05:00"},{"kind":"closed","at":"2026-03-21T10:00:00+05:00"}]}`))
	f.Add([]byte(`{"id":"C-3","received_at":"2026-03-02T10:00:00Z","events":[{"kind":"resumed","at":"2026-03-01T10:00:00Z"}]}`))
	loc, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		f.Fatal(err)
	}
	p := Policy{Length: 15, Unit: WorkingDays, Location: loc, Calendar: Weekdays(), DueSoon: 2,
		Extension: Extension{Max: 10, ReasonRequired: true}, Acknowledge: Milestone{Length: 1}, HoldingReply: Milestone{Length: 15, Unit: WorkingDays}}
	var calls atomic.Int64
	counted := p
	counted.Calendar = countingCalendar{&calls}
	f.Fuzz(func(t *testing.T, b []byte) {
		// The cost of any input is bounded: the calendar is asked about a bounded number of days.
		calls.Store(0)
		if c, err := ParseComplaint(b, counted); err == nil {
			_, _ = c.Status(c.Info().ReceivedAt.Add(24 * time.Hour))
		}
		if n, limit := calls.Load(), int64(4*maxPauseDays+10*maxEvents+maxCountSpan); n > limit {
			t.Fatalf("%d calendar questions for one complaint, at most %d expected", n, limit)
		}
		c, err := ParseComplaint(b, p)
		if err != nil {
			checkErrorShape(t, "ParseComplaint", err, ErrInvalidComplaint, ErrInvalidHistory, ErrCalendarRange)
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseComplaint(out, p)
		if err != nil || !back.Equal(c) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		if again, err := json.Marshal(back); err != nil || string(again) != string(out) {
			t.Fatalf("encode → decode → encode changed the bytes: %v\n%s\n%s", err, out, again)
		}
		if _, err := c.Status(c.Info().ReceivedAt.Add(24 * time.Hour)); err != nil && !errors.Is(err, ErrInvalidHistory) && !errors.Is(err, ErrCalendarRange) {
			t.Fatalf("Status: %v", err)
		}
	})
}

// checkErrorShape fails t unless err is an *sq.Error of this package that wraps sq.ErrMalformed, sq.ErrLimit or
// one of the domain sentinels given.
func checkErrorShape(t *testing.T, what string, err error, sentinels ...error) {
	t.Helper()
	var se *sq.Error
	if !errors.As(err, &se) || se.Pkg != "complaints" && se.Pkg != "sq" {
		t.Fatalf("%s error %v (%T) is not an *sq.Error of complaints", what, err, err)
	}
	for _, s := range append([]error{sq.ErrMalformed, sq.ErrLimit}, sentinels...) {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s error %v wraps none of sq.ErrMalformed, sq.ErrLimit, %v", what, err, sentinels)
}
