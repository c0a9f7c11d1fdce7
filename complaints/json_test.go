package complaints

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
)

func TestPolicyJSON(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	custom, err := NewCalendar(CalendarData{Name: "office", Week: mondayToFriday(),
		Years: []Year{{Year: 2026, Holidays: []Day{{Date: d(2026, 3, 20), Name: "closed"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	withAll := Policy{Name: "all", Length: 10, Unit: WorkingDays, Location: alm, Calendar: custom, SameDay: true,
		RegisterOnWorkday: true, ReceiptCutoff: 17*time.Hour + 30*time.Minute, DueBy: 18 * time.Hour, MoveToWorkday: true,
		Extension: Extension{Max: 5, ReasonRequired: true, NoticeRequired: true}, Acknowledge: Milestone{2, WorkingDays},
		HoldingReply: Milestone{10, WorkingDays}, DueSoon: 3}
	for _, p := range []Policy{DefaultPolicy(alm), KazakhstanMicrofinance(alm), PSD2(Weekdays(), time.UTC), FCA(time.UTC),
		CFPB(time.UTC), RussiaFinancialOrganisations(alm), RussiaCitizenAppeals(alm), withAll} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		back, err := ParsePolicy(b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", p.Name, err, b)
		}
		if !back.Equal(p) {
			t.Errorf("%s: JSON round trip differs:\n%s", p.Name, b)
		}
	}
	b, _ := json.Marshal(KazakhstanMicrofinance(alm))
	if want := `"calendar":"KZ"`; !strings.Contains(string(b), want) {
		t.Errorf("built-in calendar is not written by name: %s", b)
	}
	if _, err := json.Marshal(Policy{Length: 1, Unit: WorkingDays, Location: time.UTC, Calendar: CalendarFunc(nil)}); err == nil {
		t.Error("a policy with a calendar of another type was written as JSON")
	}
	bad := []struct {
		in     string
		want   error
		reason string
	}{
		{`{"length":15,"unit":"calendar-days","location":"Asia/Almaty","extra":true}`, sq.ErrMalformed, "unknown field"},
		{`{"length":15,"unit":"days","location":"Asia/Almaty"}`, sq.ErrMalformed, "unknown unit"},
		{`{"length":15,"location":"Local"}`, sq.ErrMalformed, "Local time zone"},
		{`{"length":15}`, sq.ErrMalformed, "no location"},
		{`{"length":15,"location":"Mars/Olympus"}`, sq.ErrMalformed, "unknown time zone"},
		{`{"length":0,"location":"UTC"}`, ErrInvalidPolicy, "length 0"},
		{`{"length":15,"unit":"working-days","location":"UTC"}`, ErrInvalidPolicy, "working days without a calendar"},
		{`{"length":15,"location":"UTC","calendar":"XX"}`, sq.ErrMalformed, "unknown built-in calendar"},
		{`{"length":15,"location":"UTC","calendar":{"name":"x","week":[]}}`, ErrInvalidCalendar, "empty week"},
		{`{"length":15,"location":"UTC","due_by":"25:00"}`, sq.ErrMalformed, "bad time of day"},
		{`{"length":15,"location":"UTC","due_by":"9:00"}`, sq.ErrMalformed, "time of day without two digits"},
		{`{"length":15,"location":"UTC"} x`, sq.ErrMalformed, "trailing data"},
		{`[1]`, sq.ErrMalformed, "not an object"},
	}
	for _, tt := range bad {
		p := DefaultPolicy(time.UTC)
		if err := p.UnmarshalJSON([]byte(tt.in)); !errors.Is(err, tt.want) {
			t.Errorf("%s: Unmarshal error = %v, want %v", tt.reason, err, tt.want)
		}
		if !p.Equal(DefaultPolicy(time.UTC)) {
			t.Errorf("%s: a failed Unmarshal changed the policy", tt.reason)
		}
	}
}

func TestComplaintJSON(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	p := KazakhstanMicrofinance(alm)
	r := at(alm, 2026, 3, 2, 10, 0)
	c := newComplaint(t, p, r)
	var err error
	for _, e := range []Event{{Kind: Acknowledged, At: r.Add(time.Hour)}, {Kind: Paused, At: r.Add(2 * time.Hour), Reason: "documents"},
		{Kind: Resumed, At: r.Add(50 * time.Hour)}, {Kind: Extended, At: r.Add(60 * time.Hour), Length: 5, Reason: "facts", NoticeAt: r.Add(61 * time.Hour)},
		{Kind: Resolved, At: r.Add(200 * time.Hour), Reason: "refund"}, {Kind: Closed, At: r.Add(201 * time.Hour)}} {
		if c, err = c.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseComplaint(b, p)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if !back.Equal(c) {
		t.Errorf("complaint JSON round trip mismatch (-want +got):\n%s", cmp.Diff(c.Events(), back.Events(), cmp.Comparer(Event.Equal)))
	}
	bad := []struct {
		in     string
		want   error
		reason string
	}{
		{`{"id":"x","received_at":"2026-03-02T10:00:00+05:00","events":[],"x":1}`, sq.ErrMalformed, "unknown field"},
		{`{"id":"","received_at":"2026-03-02T10:00:00+05:00","events":[]}`, ErrInvalidComplaint, "empty ID"},
		{`{"id":"x","received_at":"2026-03-02T10:00:00+05:00","events":[{"kind":"resumed","at":"2026-03-03T10:00:00+05:00"}]}`,
			ErrInvalidHistory, "resume without pause"},
		{`{"id":"x","received_at":"2026-03-02T10:00:00+05:00","events":[{"kind":"resolved","at":"2026-03-01T10:00:00+05:00"}]}`,
			ErrInvalidHistory, "resolved before received"},
		{`{"id":"x","received_at":"2026-03-02T10:00:00+05:00","events":[{"kind":"solved","at":"2026-03-03T10:00:00+05:00"}]}`,
			sq.ErrMalformed, "unknown kind"},
		{`{"id":"x","received_at":"2026-03-02","events":[]}`, sq.ErrMalformed, "a date is not a time"},
	}
	for _, tt := range bad {
		if _, err := ParseComplaint([]byte(tt.in), p); !errors.Is(err, tt.want) {
			t.Errorf("%s: ParseComplaint error = %v, want %v", tt.reason, err, tt.want)
		}
	}
}

// Every error for bad input is an *sq.Error of this package that errors.Is matches to exactly one of sq's three
// kinds: bad JSON is sq.ErrMalformed, a limit sq.ErrLimit, a broken rule a domain sentinel (sq.ErrInvalid).
func TestErrorKinds(t *testing.T) {
	utc := time.UTC
	p := DefaultPolicy(utc)
	events := make([]string, maxEvents+1)
	for i := range events {
		events[i] = `{"kind":"responded","at":"2026-03-02T11:00:00Z"}`
	}
	tests := []struct {
		err    error
		want   error
		reason string
	}{
		{func() error {
			_, err := ParsePolicy([]byte(`{"length":15,"location":"UTC","Unit":"weeks"}`))
			return err
		}(),
			sq.ErrMalformed, "a key in the wrong case"},
		{func() error { _, err := ParsePolicy([]byte(`{"length":0,"location":"UTC"}`)); return err }(),
			ErrInvalidPolicy, "a zero length"},
		{func() error {
			_, err := ParseComplaint([]byte(`{"id":"C","received_at":"2026-03-02T10:00:00Z","events":[`+
				strings.Join(events, ",")+`]}`), p)
			return err
		}(), sq.ErrLimit, "more than 1000 events"},
		{func() error { _, err := New(p, Info{ReceivedAt: time.Now()}); return err }(), ErrInvalidComplaint, "no ID"},
	}
	for _, tt := range tests {
		var se *sq.Error
		if !errors.As(tt.err, &se) || se.Pkg != "complaints" || !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: %v, want an *sq.Error of complaints wrapping %v", tt.reason, tt.err, tt.want)
			continue
		}
		kinds := 0
		for _, k := range []error{sq.ErrMalformed, sq.ErrLimit, sq.ErrInvalid} {
			if errors.Is(tt.err, k) {
				kinds++
			}
		}
		if kinds != 1 {
			t.Errorf("%s: %v matches %d of sq's kinds, want exactly 1", tt.reason, tt.err, kinds)
		}
	}
}
