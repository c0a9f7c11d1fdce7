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

// The presets keep giving deadlines after the official data ends, and say when they rest on provisional data.
func TestDeadlineBasisProvisional(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	msk := mustLoc(t, "Europe/Moscow")
	tests := []struct {
		p           Policy
		received    time.Time
		provisional bool
		reason      string
	}{
		{KazakhstanMicrofinance(alm), at(alm, 2026, 3, 2, 10, 0), false, "a 2026 term counts on official data only"},
		{KazakhstanMicrofinance(alm), at(alm, 2026, 12, 10, 10, 0), true, "received 2026-12-10: the term runs into provisional 2027"},
		{RussiaFinancialOrganisations(msk), at(msk, 2028, 6, 1, 10, 0), true, "a 2028 term"},
		{KazakhstanMicrofinance(alm), at(alm, provisionalLastYear, 6, 1, 10, 0), true, "the last provisional year"},
		{DefaultPolicy(alm), at(alm, 2040, 6, 1, 10, 0), false, "a calendar-day policy asks no calendar"},
	}
	for _, tt := range tests {
		dl, err := tt.p.Deadline(tt.received)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if dl.Basis.IsProvisional() != tt.provisional {
			t.Errorf("%s: basis %s, provisional = %v, want %v", tt.reason, dl.Basis, dl.Basis.IsProvisional(), tt.provisional)
		}
		if cal, ok := tt.p.Calendar.(*WorkCalendar); ok && (dl.Basis.Calendar != cal.Name() || dl.Basis.Version != cal.Version()) {
			t.Errorf("%s: basis %s does not name the calendar %s %s", tt.reason, dl.Basis, cal.Name(), cal.Version())
		}
	}
	dl, err := KazakhstanMicrofinance(alm).Deadline(at(alm, 2026, 12, 10, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2027}, dl.Basis.Provisional); diff != "" {
		t.Errorf("Basis.Provisional mismatch (-want +got):\n%s", diff)
	}

	strict := KazakhstanMicrofinance(alm)
	strict.OfficialDataOnly = true
	if _, err := strict.Deadline(at(alm, 2026, 12, 10, 10, 0)); !errors.Is(err, ErrProvisional) ||
		!strings.Contains(err.Error(), "provisional data for 2027") {
		t.Errorf("official data only, a term into 2027: %v, want ErrProvisional naming 2027", err)
	}
	if _, err := strict.Deadline(at(alm, 2026, 3, 2, 10, 0)); err != nil {
		t.Errorf("official data only, a 2026 term: %v", err)
	}
	if _, err := KazakhstanMicrofinance(alm).Deadline(at(alm, provisionalLastYear, 12, 20, 10, 0)); !errors.Is(err, ErrCalendarRange) ||
		!strings.Contains(err.Error(), "Overlay") {
		t.Errorf("a term past the provisional years: %v, want ErrCalendarRange saying how to add the year", err)
	}
}

// The 2026 Constitution of Kazakhstan moved Constitution Day from 30 August to 15 March: Monday 31 August 2026 is
// a working day, so a complaint received Monday 10 August has its 15th working day on 31 August (SPEC R16).
func TestKazakhstan2026ConstitutionDay(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	dl, err := KazakhstanMicrofinance(alm).Deadline(at(alm, 2026, 8, 10, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	if dl.LastDay != d(2026, 8, 31) || dl.Basis.IsProvisional() {
		t.Errorf("last day %s (basis %s), want 2026-08-31 on official data", dl.LastDay, dl.Basis)
	}
}

// A calendar covering 2026 only, for complaints whose later status cannot be computed.
func only2026(t *testing.T) *WorkCalendar {
	t.Helper()
	c, err := NewCalendar(CalendarData{Name: "only 2026", Week: mondayToFriday(), Years: []Year{{Year: 2026, Source: "test"}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// New and Extend refuse a state whose deadline cannot be counted, with an error that says how to fix it.
func TestNewAndExtendRefuseUncountableDeadlines(t *testing.T) {
	p := Policy{Name: "a policy whose name is long enough that it used to be cut in the middle of error messages",
		Length: 15, Unit: WorkingDays, Location: time.UTC, Calendar: only2026(t), Extension: Extension{Max: 30}}
	_, err := New(p, Info{ID: "late", ReceivedAt: time.Date(2026, 12, 20, 10, 0, 0, 0, time.UTC)})
	if !errors.Is(err, ErrCalendarRange) || !strings.Contains(err.Error(), "no data for 2027") ||
		!strings.Contains(err.Error(), "Overlay") || !strings.Contains(err.Error(), p.Name) {
		t.Errorf("New with a term into 2027 = %v; want ErrCalendarRange naming 2027, the fix and the whole policy name", err)
	}
	c, err := New(p, Info{ID: "early", ReceivedAt: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Append(Event{Kind: Extended, At: time.Date(2026, 11, 5, 10, 0, 0, 0, time.UTC), Length: 30, Reason: "documents"})
	var se *sq.Error
	if !errors.As(err, &se) || se.Path != "events[1]" || !errors.Is(err, ErrInvalidHistory) || !errors.Is(err, ErrCalendarRange) {
		t.Fatalf("an extension into 2027 = %v; want an *sq.Error at events[1] wrapping ErrInvalidHistory and ErrCalendarRange", err)
	}
	if len(c.Events()) != 0 {
		t.Error("the refused extension changed the complaint")
	}
	if _, err := c.Deadline(); err != nil {
		t.Errorf("the complaint's deadline after the refused extension: %v", err)
	}
}

// One complaint whose status cannot be computed does not take the register down with it.
func TestReportListsFailuresAndReportsTheRest(t *testing.T) {
	p := Policy{Name: "2026 only", Length: 15, Unit: WorkingDays, Location: time.UTC, Calendar: only2026(t)}
	good, err := New(DefaultPolicy(time.UTC), Info{ID: "good", ReceivedAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	// Overdue in 2027: its days late cannot be counted on a calendar without 2027.
	broken, err := New(p, Info{ID: "broken", ReceivedAt: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	r, err := NewReport([]Complaint{good, broken, good, {}}, now, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 1 || len(r.Rows) != 1 || r.Rows[0].Info.ID != "good" {
		t.Errorf("reported %d complaints (%v), want the good one", r.Total, r.Rows)
	}
	want := []struct {
		index int
		id    string
		err   error
	}{{2, "broken", ErrCalendarRange}, {3, "good", ErrInvalidComplaint}, {4, "", ErrInvalidComplaint}}
	if len(r.Failed) != len(want) {
		t.Fatalf("Failed = %v, want %d entries", r.Failed, len(want))
	}
	for i, w := range want {
		f := r.Failed[i]
		if f.Index != w.index || f.ID != w.id || !errors.Is(f.Err, w.err) {
			t.Errorf("Failed[%d] = %+v, want index %d, ID %q, %v", i, f, w.index, w.id, w.err)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"failed":[{"index":2,"id":"broken","error":"complaints: policy \"2026 only\": 2027-01-01`) {
		t.Errorf("report JSON does not list the failure: %.400s", b)
	}
}

// The status of each reported complaint is in the report, with the provisional count and the pause start.
func TestReportRowsAndProvisionalCount(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	p := KazakhstanMicrofinance(alm)
	a, err := New(p, Info{ID: "A", ReceivedAt: at(alm, 2026, 12, 10, 10, 0)})
	if err != nil {
		t.Fatal(err)
	}
	pausedAt := at(alm, 2026, 12, 14, 9, 0)
	if a, err = a.Append(Event{Kind: Paused, At: pausedAt, Reason: "documents requested"}); err != nil {
		t.Fatal(err)
	}
	b, err := New(p, Info{ID: "B", ReceivedAt: at(alm, 2026, 11, 2, 10, 0)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReport([]Complaint{b, a}, at(alm, 2026, 12, 15, 9, 0), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Provisional != 1 || len(r.Rows) != 2 || r.Rows[0].Info.ID != "A" || !r.Rows[0].PausedSince.Equal(pausedAt) {
		t.Errorf("provisional %d, rows %+v; want 1 provisional and A paused since %s", r.Provisional, r.Rows, pausedAt)
	}
}

// Cut-off and due-by times inside a clock change: the earliest instant at which the local clock reads that time.
func TestCutoffAndDueByInClockChanges(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	berlin := mustLoc(t, "Europe/Berlin")
	alm := mustLoc(t, "Asia/Almaty")
	sp := mustLoc(t, "America/Sao_Paulo")
	if _, off := time.Date(2024, 3, 1, 12, 0, 0, 0, alm).Zone(); off != 5*3600 {
		t.Fatalf("this machine's time-zone data predates Almaty's move to UTC+5 on 2024-03-01 (tzdata 2024a)")
	}
	hm := func(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }
	tests := []struct {
		loc        *time.Location
		received   time.Time
		cutoff     time.Duration
		registered sq.Date
		reason     string
	}{
		{ny, time.Date(2024, 3, 10, 1, 45, 0, 0, ny), hm(2, 30), d(2024, 3, 10),
			"New York: 01:45 EST is before 02:30, which the clock skips: the same day"},
		{ny, time.Date(2024, 3, 10, 7, 0, 0, 0, time.UTC).In(ny), hm(2, 30), d(2024, 3, 11),
			"New York: 03:00 EDT, the instant the clock jumps past 02:30: the next day"},
		{berlin, time.Date(2024, 3, 31, 3, 10, 0, 0, berlin), hm(2, 30), d(2024, 4, 1),
			"Berlin: 03:10 CEST is after 02:30, which the clock skips: the next day"},
		{berlin, time.Date(2024, 3, 31, 0, 59, 0, 0, time.UTC).In(berlin), hm(2, 30), d(2024, 3, 31),
			"Berlin: 01:59 CET is before the gap: the same day"},
		{ny, time.Date(2024, 11, 3, 5, 45, 0, 0, time.UTC).In(ny), hm(1, 30), d(2024, 11, 4),
			"New York fall back: 01:45 EDT is after the first 01:30: the next day"},
		{ny, time.Date(2024, 11, 3, 6, 10, 0, 0, time.UTC).In(ny), hm(1, 30), d(2024, 11, 4),
			"New York fall back: 01:10 EST comes after the first 01:30: the next day, never earlier than a receipt before it"},
		{alm, time.Date(2024, 2, 29, 17, 45, 0, 0, time.UTC).In(alm), hm(23, 30), d(2024, 3, 1),
			"Almaty: 23:45 +06 on 29 February is after 23:30: the next day"},
		{alm, time.Date(2024, 2, 29, 18, 15, 0, 0, time.UTC).In(alm), hm(23, 30), d(2024, 3, 1),
			"Almaty: 23:15 +05, the hour repeated by the move to UTC+5, comes after the first 23:30: the next day"},
		{alm, time.Date(2024, 2, 29, 17, 15, 0, 0, time.UTC).In(alm), hm(23, 30), d(2024, 2, 29),
			"Almaty: 23:15 +06 is before 23:30: the same day"},
		{sp, time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC).In(sp), hm(0, 30), d(2018, 11, 4),
			"São Paulo skipped midnight 2018-11-04: 01:00 -02 is the instant the clock jumps past 00:30: the next day"},
	}
	for _, tt := range tests {
		tt := tt
		p := Policy{Name: "cut-off", Length: 1, Location: tt.loc, ReceiptCutoff: tt.cutoff}
		dl, err := p.Deadline(tt.received)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if dl.Registered != tt.registered && !(tt.loc == sp && dl.Registered == d(2018, 11, 5)) {
			t.Errorf("%s: registered %s, want %s", tt.reason, dl.Registered, tt.registered)
		}
	}

	dueBy := []struct {
		loc    *time.Location
		day    sq.Date
		tod    time.Duration
		want   time.Time
		reason string
	}{
		{ny, d(2024, 3, 10), hm(2, 30), time.Date(2024, 3, 10, 7, 0, 0, 0, time.UTC),
			"a due-by time the clock skips ends the term when the clock jumps past it (03:00 EDT)"},
		{ny, d(2024, 11, 3), hm(1, 30), time.Date(2024, 11, 3, 5, 30, 0, 0, time.UTC),
			"a due-by time that happens twice ends the term at its first occurrence (01:30 EDT)"},
		{berlin, d(2024, 3, 31), hm(2, 30), time.Date(2024, 3, 31, 1, 0, 0, 0, time.UTC),
			"Berlin: 02:30 is skipped; the term ends at 03:00 CEST"},
		{alm, d(2024, 2, 29), hm(23, 30), time.Date(2024, 2, 29, 17, 30, 0, 0, time.UTC),
			"Almaty: 23:30 happens at +06 and again at +05; the first"},
		{sp, d(2018, 11, 4), hm(0, 30), time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC),
			"São Paulo: midnight to 01:00 is skipped; 00:30 is the jump at 01:00 -02"},
		{berlin, d(2024, 7, 1), hm(18, 0), time.Date(2024, 7, 1, 16, 0, 0, 0, time.UTC),
			"an ordinary day: 18:00 CEST"},
	}
	for _, tt := range dueBy {
		if got := tt.day.At(tt.tod, tt.loc); !got.Equal(tt.want) {
			t.Errorf("%s: At = %s, want %s", tt.reason, got, tt.want.In(tt.loc))
		}
		p := Policy{Name: "due-by", Length: 1, Location: tt.loc, DueBy: tt.tod}
		dl, err := p.Deadline(tt.day.AddDays(-1).At(12*time.Hour, tt.loc))
		if err != nil || !dl.At.Equal(tt.want) {
			t.Errorf("%s: the term ends at %s (%v), want %s", tt.reason, dl.At, err, tt.want.In(tt.loc))
		}
	}
}

// When official data replaces provisional data, recomputing shows how the deadline moved and why.
func TestRecomputeShowsTheMove(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	c, err := New(KazakhstanMicrofinance(alm), Info{ID: "C-7", ReceivedAt: at(alm, 2026, 12, 28, 10, 0)})
	if err != nil {
		t.Fatal(err)
	}
	before, err := c.Deadline()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := json.Marshal(before)
	if err != nil {
		t.Fatal(err)
	}
	newer, err := Kazakhstan().Overlay(official2027(t))
	if err != nil {
		t.Fatal(err)
	}
	n, ch, err := c.Recompute(newer)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Moved() || ch.After.LastDay != ch.Before.LastDay.AddDays(1) && ch.After.LastDay.Weekday() != time.Monday {
		t.Errorf("the day off on 5 January 2027 should move the last day: %s", ch)
	}
	if ch.Before.Basis.IsProvisional() == false || ch.After.Basis.IsProvisional() {
		t.Errorf("bases: before %s, after %s; want provisional before, official after", ch.Before.Basis, ch.After.Basis)
	}
	if len(ch.Days) != 1 || ch.Days[0].Date != d(2027, 1, 5) || ch.Days[0].IsWorkday ||
		!strings.Contains(ch.Days[0].Why, "official 2027 data") {
		t.Errorf("Days = %+v, want 2027-01-05 now a day off from the official 2027 data", ch.Days)
	}
	if !strings.Contains(ch.String(), "C-7: last day") {
		t.Errorf("String() = %s", ch)
	}
	if n.Policy().Calendar != Calendar(newer) || c.Policy().Calendar != Calendar(Kazakhstan()) {
		t.Error("Recompute must use the new calendar and leave the receiver as it was")
	}

	// A deadline stored as JSON, compared with the complaint counted on the newer data.
	var old Deadline
	if err := json.Unmarshal(stored, &old); err != nil {
		t.Fatal(err)
	}
	if !old.Equal(before) {
		t.Errorf("Deadline JSON round trip changed it: %s", stored)
	}
	ch2, err := CompareDeadline(old, n)
	if err != nil || !ch2.Moved() || ch2.After.LastDay != ch.After.LastDay {
		t.Errorf("CompareDeadline = %s, %v", ch2, err)
	}
}

// Statuses of every policy write to JSON (milestones or not) and never read back as a stored value.
func TestStatusJSON(t *testing.T) {
	c, err := New(DefaultPolicy(time.UTC), Info{ID: "S", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Status(time.Date(2026, 3, 30, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("Status of a policy without milestones: %v", err)
	}
	for _, want := range []string{`"state":"open"`, `"remaining":"-298h0m0s"`, `"remaining_units":-13`, `"last_day":"2026-03-17"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("status JSON lacks %s: %s", want, b)
		}
	}
	if err := json.Unmarshal(b, &s); !errors.Is(err, sq.ErrInvalid) || !strings.Contains(err.Error(), "computed, not stored") {
		t.Errorf("reading a Status = %v, want sq.ErrInvalid: computed, not stored", err)
	}
	var r Report
	if err := json.Unmarshal([]byte(`{}`), &r); !errors.Is(err, sq.ErrInvalid) || !strings.Contains(err.Error(), "computed, not stored") {
		t.Errorf("reading a Report = %v, want sq.ErrInvalid: computed, not stored", err)
	}
	var dl Deadline
	if err := json.Unmarshal([]byte(`{"received":"2026-03-02T10:00:00Z","registered":"2026-03-02","first_day":"2026-03-03","last_day":"2026-03-17","at":"2026-03-18T00:00:00Z","extra":1}`), &dl); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("a deadline with an unknown field = %v, want sq.ErrMalformed", err)
	}
	if _, err := json.Marshal(Deadline{}); err == nil {
		t.Error("the zero Deadline was written")
	}
}
