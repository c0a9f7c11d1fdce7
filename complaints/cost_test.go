package complaints

import (
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"
)

// countingCalendar is Monday to Friday with no year limits, counting the questions it is asked.
type countingCalendar struct{ calls *atomic.Int64 }

func (c countingCalendar) IsWorkday(t time.Time) bool {
	c.calls.Add(1)
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

// worstHistory is a complaint at the event limit: 499 pause/resume pairs, the pauses touching almost
// maxPauseDays days in all, on a calendar without year limits.
func worstHistory(t testing.TB, cal Calendar) ([]byte, Policy) {
	p := Policy{Name: "worst", Length: 15, Unit: WorkingDays, Location: time.UTC, Calendar: cal}
	type event struct {
		Kind string    `json:"kind"`
		At   time.Time `json:"at"`
	}
	var events []event
	at := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	for i := 0; i < (maxEvents-1)/2; i++ {
		events = append(events, event{"paused", at})
		at = at.Add(99 * 24 * time.Hour)
		events = append(events, event{"resumed", at})
		at = at.Add(time.Hour)
	}
	b, err := json.Marshal(map[string]any{"id": "W", "received_at": time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC),
		"events": events})
	if err != nil {
		t.Fatal(err)
	}
	return b, p
}

// Decoding a complaint and its status cost O(events + days counted): the calendar is asked about each day a
// bounded number of times, not once per event per day as when every event recounted the whole term.
func TestStatusCostIsLinearInDaysCounted(t *testing.T) {
	var calls atomic.Int64
	b, p := worstHistory(t, countingCalendar{&calls})
	calls.Store(0)
	c, err := ParseComplaint(b, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Status(c.Events()[len(c.Events())-1].At.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Each pause day is counted once while decoding and once more for the status, plus the term itself.
	if n, limit := calls.Load(), int64(4*maxPauseDays+10*maxEvents); n > limit {
		t.Errorf("%d calendar questions for %d events, want at most %d", n, len(c.Events()), limit)
	}
}

// Pauses touching more than maxPauseDays days in all are refused, however they are split.
func TestPausesAreBoundedInAll(t *testing.T) {
	p := Policy{Name: "bounded", Length: 15, Unit: WorkingDays, Location: time.UTC, Calendar: Weekdays()}
	c, err := New(p, Info{ID: "B", ReceivedAt: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	var last error
	for i := 0; i < 12 && last == nil; i++ {
		if c, last = c.Append(Event{Kind: Paused, At: at, Reason: "waiting"}); last != nil {
			break
		}
		at = at.Add(5000 * 24 * time.Hour)
		var next Complaint
		if next, last = c.Append(Event{Kind: Resumed, At: at}); last == nil {
			c = next
		}
		at = at.Add(time.Hour)
	}
	if last == nil {
		t.Fatal("pauses of 60,000 days in all were accepted")
	}
}

func BenchmarkStatusWorstHistory(b *testing.B) {
	data, p := worstHistory(b, CalendarFunc(func(t time.Time) bool {
		return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
	}))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := ParseComplaint(data, p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Status(time.Date(2170, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			b.Fatal(err)
		}
	}
}
