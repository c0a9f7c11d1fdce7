package complaints

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
)

// d is the date y-m-d; at is a wall-clock time in loc.
func d(y int, m time.Month, day int) sq.Date { return sq.NewDate(y, m, day) }

func at(loc *time.Location, y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, loc)
}

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return l
}

// almaty loads Asia/Almaty and skips when the machine's time-zone data predates its move to UTC+5 (tzdata 2024a).
func almaty(t testing.TB) *time.Location {
	t.Helper()
	l := mustLoc(t, "Asia/Almaty")
	if _, off := time.Date(2024, 3, 2, 12, 0, 0, 0, l).Zone(); off != 5*3600 {
		t.Skipf("time-zone data on this machine has Asia/Almaty at UTC%+d on 2024-03-02; tzdata 2024a or later is needed", off/3600)
	}
	return l
}

// SPEC R16: the default term is 15 calendar days counted from the day after receipt.
func TestDeadlineHandChecked(t *testing.T) {
	alm := almaty(t)
	msk := mustLoc(t, "Europe/Moscow")
	kzWD := Policy{Length: 15, Unit: WorkingDays, Location: alm, Calendar: Kazakhstan()}
	ruWD := Policy{Length: 15, Unit: WorkingDays, Location: msk, Calendar: Russia()}
	tests := []struct {
		p        Policy
		received time.Time
		lastDay  sq.Date
		at       time.Time
		reason   string
	}{
		{DefaultPolicy(alm), at(alm, 2026, 3, 2, 10, 0), d(2026, 3, 17), at(alm, 2026, 3, 18, 0, 0),
			"SPEC R16 source case: day 1 is 03-03, day 15 is 03-17, due at its end"},
		{DefaultPolicy(alm), at(alm, 2026, 3, 2, 23, 59), d(2026, 3, 17), at(alm, 2026, 3, 18, 0, 0),
			"the hour of receipt does not matter"},
		{DefaultPolicy(alm), at(time.UTC, 2026, 3, 2, 19, 30), d(2026, 3, 18), at(alm, 2026, 3, 19, 0, 0),
			"19:30 UTC is already 03-03 00:30 in Almaty: the policy's zone decides the day"},
		{Policy{Length: 15, Location: alm, SameDay: true}, at(alm, 2026, 3, 2, 10, 0), d(2026, 3, 16), at(alm, 2026, 3, 17, 0, 0),
			"same-day start counts the day of receipt"},
		{Policy{Length: 15, Location: alm, DueBy: 18 * time.Hour}, at(alm, 2026, 3, 2, 10, 0), d(2026, 3, 17), at(alm, 2026, 3, 17, 18, 0),
			"a cut-off time ends the term at 18:00 of the last day"},
		{kzWD, at(alm, 2026, 3, 2, 10, 0), d(2026, 3, 27), at(alm, 2026, 3, 28, 0, 0),
			"KZ working days skip the weekends, 9 March and Nauryz 23–25 March 2026"},
		{kzWD, at(alm, 2025, 3, 5, 10, 0), d(2025, 4, 1), at(alm, 2025, 4, 2, 0, 0),
			"KZ 2025: 10 March and Nauryz 21, 24, 25 March are days off"},
		{kzWD, at(alm, 2024, 12, 25, 9, 0), d(2025, 1, 20), at(alm, 2025, 1, 21, 0, 0),
			"across the year: 1–3 and 7 January are off, Sunday 5 January 2025 is a working day"},
		{ruWD, at(msk, 2025, 12, 24, 9, 0), d(2026, 1, 26), at(msk, 2026, 1, 27, 0, 0),
			"RU: 31 December 2025 and 1–9 January 2026 are off"},
		{ruWD, at(msk, 2024, 4, 22, 9, 0), d(2024, 5, 17), at(msk, 2024, 5, 18, 0, 0),
			"RU 2024: Saturday 27 April works; 29 April–1 May and 9–10 May are off"},
		{Policy{Length: 15, Location: alm, Calendar: Kazakhstan(), MoveToWorkday: true}, at(alm, 2026, 3, 6, 12, 0),
			d(2026, 3, 26), at(alm, 2026, 3, 27, 0, 0), "day 15 is Saturday 21 March; Nauryz days off push it to Thursday 26"},
		{Policy{Length: 15, Location: alm, Calendar: Kazakhstan(), RegisterOnWorkday: true}, at(alm, 2026, 3, 7, 12, 0),
			d(2026, 3, 25), at(alm, 2026, 3, 26, 0, 0), "received Saturday, registered Tuesday 10 March (9 March is off)"},
		{Policy{Length: 15, Location: alm, ReceiptCutoff: 18 * time.Hour}, at(alm, 2026, 3, 2, 18, 0), d(2026, 3, 18), at(alm, 2026, 3, 19, 0, 0),
			"received at the cut-off counts as received the next day"},
		{Policy{Length: 15, Location: alm, ReceiptCutoff: 18 * time.Hour}, at(alm, 2026, 3, 2, 17, 59), d(2026, 3, 17), at(alm, 2026, 3, 18, 0, 0),
			"received a minute before the cut-off counts that day"},
		{FCA(time.UTC), at(time.UTC, 2026, 3, 2, 9, 0), d(2026, 4, 27), at(time.UTC, 2026, 4, 28, 0, 0),
			"eight weeks after Monday 2 March is Monday 27 April"},
	}
	for _, tt := range tests {
		got, err := tt.p.Deadline(tt.received)
		if err != nil {
			t.Errorf("%s: Deadline(%v) error: %v", tt.reason, tt.received, err)
			continue
		}
		if got.LastDay != tt.lastDay || !got.At.Equal(tt.at) {
			t.Errorf("%s: Deadline(%v) = last day %s, at %v; want %s, %v", tt.reason, tt.received, got.LastDay, got.At,
				tt.lastDay, tt.at)
		}
	}
}

// Days follow the local calendar across daylight-saving changes and Almaty's change of offset.
func TestDeadlineTimeZones(t *testing.T) {
	alm := almaty(t)
	ny := mustLoc(t, "America/New_York")
	lon := mustLoc(t, "Europe/London")
	scl := mustLoc(t, "America/Santiago")
	tests := []struct {
		p        Policy
		received time.Time
		atUTC    string
		reason   string
	}{
		{DefaultPolicy(alm), at(alm, 2024, 2, 20, 10, 0), "2024-03-06T19:00:00Z",
			"received at UTC+6, due at UTC+5: the end of 6 March Almaty time is 19:00 UTC"},
		{DefaultPolicy(alm), at(alm, 2024, 2, 10, 10, 0), "2024-02-25T18:00:00Z", "before the change: UTC+6"},
		{DefaultPolicy(ny), at(ny, 2026, 3, 1, 10, 0), "2026-03-17T04:00:00Z",
			"spring forward on 8 March: the end of 16 March is 00:00 EDT"},
		{DefaultPolicy(ny), at(ny, 2026, 10, 25, 10, 0), "2026-11-10T05:00:00Z", "fall back on 1 November: 00:00 EST"},
		{DefaultPolicy(lon), at(lon, 2026, 3, 20, 10, 0), "2026-04-04T23:00:00Z", "BST from 29 March"},
		{DefaultPolicy(scl), at(scl, 2024, 8, 23, 10, 0), "2024-09-08T04:00:00Z",
			"Santiago skips midnight on 8 September: 7 September ends when its clock would strike 24:00"},
	}
	for _, tt := range tests {
		got, err := tt.p.Deadline(tt.received)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		want, _ := time.Parse(time.RFC3339, tt.atUTC)
		if !got.At.Equal(want) {
			t.Errorf("%s: Deadline(%v).At = %v (%v UTC), want %v", tt.reason, tt.received, got.At, got.At.UTC(), want)
		}
		if sq.DateOf(got.At.Add(-time.Nanosecond), tt.p.Location) != got.LastDay || sq.DateOf(got.At, tt.p.Location) == got.LastDay {
			t.Errorf("%s: At %v is not the end of %s", tt.reason, got.At, got.LastDay)
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	utc := time.UTC
	tests := []struct {
		p      Policy
		reason string
	}{
		{Policy{}, "zero policy"},
		{Policy{Length: 15}, "no location"},
		{Policy{Length: 15, Location: time.Local}, "time.Local depends on the machine"},
		{Policy{Length: 0, Location: utc}, "length 0"},
		{Policy{Length: maxLength + 1, Location: utc}, "length over the limit"},
		{Policy{Length: 15, Location: utc, Unit: 9}, "unknown unit"},
		{Policy{Length: 15, Location: utc, Unit: WorkingDays}, "working days without a calendar"},
		{Policy{Length: 15, Location: utc, MoveToWorkday: true}, "moving without a calendar"},
		{Policy{Length: 15, Location: utc, RegisterOnWorkday: true}, "registering without a calendar"},
		{Policy{Length: 15, Location: utc, DueBy: 24 * time.Hour}, "due-by of 24:00"},
		{Policy{Length: 15, Location: utc, ReceiptCutoff: -time.Minute}, "negative cut-off"},
		{Policy{Length: 15, Location: utc, Extension: Extension{Max: -1}}, "negative extension"},
		{Policy{Length: 15, Location: utc, DueSoon: -1}, "negative due-soon"},
		{Policy{Length: 1, Location: utc, SameDay: true, DueBy: 12 * time.Hour}, "same day, due-by, no cut-off: due before receipt"},
		{Policy{Length: 1, Location: utc, SameDay: true, DueBy: 12 * time.Hour, ReceiptCutoff: 13 * time.Hour}, "cut-off after due-by"},
		{Policy{Length: 15, Location: utc, Acknowledge: Milestone{Length: 2, Unit: WorkingDays}}, "working-day milestone without a calendar"},
		{Policy{Length: 15, Location: utc, HoldingReply: Milestone{Length: -2}}, "negative milestone"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidPolicy", tt.reason, err)
			continue
		}
		if _, err2 := tt.p.Deadline(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err2, ErrInvalidPolicy) {
			t.Errorf("%s: Deadline error = %v, want ErrInvalidPolicy", tt.reason, err2)
		}
	}
	if err := DefaultPolicy(utc).Validate(); err != nil {
		t.Errorf("DefaultPolicy(UTC).Validate() = %v", err)
	}
}

func TestDeadlineCalendarRange(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	p := KazakhstanMicrofinance(alm)
	if _, err := p.Deadline(at(alm, provisionalLastYear, 12, 10, 10, 0)); !errors.Is(err, ErrCalendarRange) {
		t.Errorf("a term running past the provisional years = %v, want ErrCalendarRange", err)
	}
	if _, err := p.Deadline(at(alm, 2023, 6, 1, 10, 0)); !errors.Is(err, ErrCalendarRange) {
		t.Errorf("a term in 2023 = %v, want ErrCalendarRange", err)
	}
	if _, err := p.Deadline(time.Time{}); !errors.Is(err, ErrInvalidComplaint) {
		t.Errorf("zero receipt = %v, want ErrInvalidComplaint", err)
	}
	never := CalendarFunc(func(time.Time) bool { return false })
	q := Policy{Length: 1, Unit: WorkingDays, Location: time.UTC, Calendar: never}
	if _, err := q.Deadline(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrInvalidCalendar) {
		t.Errorf("a calendar without working days = %v, want ErrInvalidCalendar", err)
	}
}

// CalendarFunc adapts a function to Calendar, for tests.
type CalendarFunc func(time.Time) bool

func (f CalendarFunc) IsWorkday(t time.Time) bool { return f(t) }

func TestDeadlineEqual(t *testing.T) {
	p := DefaultPolicy(time.UTC)
	a, _ := p.Deadline(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	b, _ := p.Deadline(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).In(time.FixedZone("x", 3600)))
	if !a.Equal(b) {
		t.Errorf("Deadline mismatch (-want +got):\n%s", cmp.Diff(a, b))
	}
	c, _ := p.Deadline(time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	if a.Equal(c) {
		t.Errorf("deadlines of different receipts are Equal: %v", c)
	}
}
