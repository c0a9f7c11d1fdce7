package sq_test

import (
	"errors"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// TestDateArithmetic: AddDays, DaysUntil, Compare and Weekday agree with time.Time at noon UTC, for dates across
// the years 1–9999.
func TestDateArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC)
		i := rapid.IntRange(0, 3_652_000).Draw(t, "i")
		n := rapid.IntRange(-100_000, 100_000).Draw(t, "n")
		ti := base.AddDate(0, 0, i)
		d := sq.DateOf(ti, time.UTC)
		e := d.AddDays(n)
		te := ti.AddDate(0, 0, n)
		if e != sq.DateOf(te, nil) {
			t.Fatalf("%s.AddDays(%d) = %s, time says %s", d, n, e, te.Format(time.DateOnly))
		}
		if got := d.DaysUntil(e); got != n {
			t.Fatalf("%s.DaysUntil(%s) = %d, want %d", d, e, got, n)
		}
		if d.Weekday() != ti.Weekday() || d.Compare(e) != ti.Compare(te) || d.Before(e) != ti.Before(te) || d.After(e) != ti.After(te) {
			t.Fatalf("%s vs %s: weekday or order disagrees with time", d, e)
		}
		if back, err := sq.ParseDate(d.String()); d.Year <= 9999 && (err != nil || back != d) {
			t.Fatalf("ParseDate(%s) = %s, %v", d, back, err)
		}
	})
}

func TestDateText(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		reason string
	}{
		{"2026-02-28", true, "a date"},
		{"2024-02-29", true, "a leap day"},
		{"2026-02-30", false, "30 February"},
		{"2026-2-3", false, "digits missing"},
		{"2026-02-03T00:00:00Z", false, "a time is not a date"},
		{"", false, "empty"},
	}
	for _, tt := range tests {
		var d sq.Date
		err := d.UnmarshalText([]byte(tt.in))
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, sq.ErrMalformed)) {
			t.Errorf("UnmarshalText(%q) = %v, want ok %v (%s)", tt.in, err, tt.ok, tt.reason)
		}
	}
	if _, err := (sq.Date{}).MarshalText(); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("MarshalText of the zero Date = %v, want ErrInvalid", err)
	}
	if got := sq.NewDate(2026, 3, 32); got != sq.NewDate(2026, 4, 1) {
		t.Errorf("NewDate(2026, 3, 32) = %s, want the normalised 2026-04-01", got)
	}
}

func TestDateSQL(t *testing.T) {
	tests := []struct {
		src    any
		want   sq.Date
		ok     bool
		reason string
	}{
		{"2026-03-02", sq.NewDate(2026, 3, 2), true, "text from a TEXT column"},
		{[]byte("2026-03-02"), sq.NewDate(2026, 3, 2), true, "bytes from a driver"},
		{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), sq.NewDate(2026, 3, 2), true, "a DATE column read as time.Time"},
		{nil, sq.Date{}, true, "NULL is the zero Date"},
		{"2026-02-30", sq.Date{}, false, "not a date"},
		{int64(20260302), sq.Date{}, false, "a number is not a date"},
	}
	for _, tt := range tests {
		var d sq.Date
		err := d.Scan(tt.src)
		if (err == nil) != tt.ok || d != tt.want {
			t.Errorf("%s: Scan(%v) = %s, %v", tt.reason, tt.src, d, err)
		}
	}
	if v, err := sq.NewDate(2026, 3, 2).Value(); err != nil || v != "2026-03-02" {
		t.Errorf("Value = %v, %v", v, err)
	}
	if v, err := (sq.Date{}).Value(); v != nil || err != nil {
		t.Errorf("the zero Date's Value = %v, %v; want NULL", v, err)
	}
	if _, err := (sq.Date{Year: 2026, Month: 2, Day: 30}).Value(); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("an invalid date was stored: %v", err)
	}
	if got := sq.NewDate(2026, 3, 2).Start(nil); !got.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Start(nil) = %s, want UTC midnight", got)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time-zone data for %s: %v", name, err)
	}
	return loc
}

// TestDateAtClockChanges: At and Start pick the earliest instant the local clock reads the time, across skipped
// and repeated hours and a skipped midnight.
func TestDateAtClockChanges(t *testing.T) {
	ny, hav, sp := mustLoc(t, "America/New_York"), mustLoc(t, "America/Havana"), mustLoc(t, "America/Sao_Paulo")
	tests := []struct {
		got    time.Time
		want   string
		reason string
	}{
		{sq.NewDate(2024, 3, 10).At(2*time.Hour+30*time.Minute, ny), "2024-03-10T07:00:00Z", "02:30 is skipped in New York: the instant the clock jumps to 03:00"},
		{sq.NewDate(2024, 11, 3).At(time.Hour+30*time.Minute, ny), "2024-11-03T05:30:00Z", "01:30 happens twice in New York: the first"},
		{sq.NewDate(2024, 11, 3).Start(hav), "2024-11-03T04:00:00Z", "Havana's midnight happens twice: the day starts at the first"},
		{sq.NewDate(2018, 11, 4).Start(sp), "2018-11-04T03:00:00Z", "São Paulo skipped midnight: the day starts at 01:00"},
		{sq.NewDate(2026, 3, 2).At(time.Hour, nil), "2026-03-02T01:00:00Z", "a nil location is UTC"},
	}
	for _, tt := range tests {
		want, _ := time.Parse(time.RFC3339, tt.want)
		if !tt.got.Equal(want) {
			t.Errorf("%s: got %s, want %s", tt.reason, tt.got.UTC().Format(time.RFC3339), tt.want)
		}
	}
}
