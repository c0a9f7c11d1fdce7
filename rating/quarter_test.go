package rating_test

import (
	"errors"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rating"
	"pgregory.net/rapid"
)

var almaty = time.FixedZone("UTC+5", 5*3600)

// TestQuarterOf pins quarter boundaries in explicit locations (SPEC R6 counts evaluations per quarter).
func TestQuarterOf(t *testing.T) {
	tests := []struct {
		at     time.Time
		loc    *time.Location
		want   rating.Quarter
		reason string
	}{
		{day(2024, 1, 1), time.UTC, rating.Quarter{2024, 1}, "first instant of Q1"},
		{day(2024, 4, 1).Add(-time.Nanosecond), time.UTC, rating.Quarter{2024, 1}, "last instant of Q1"},
		{day(2024, 4, 1), time.UTC, rating.Quarter{2024, 2}, "first instant of Q2"},
		{time.Date(2024, 3, 31, 20, 0, 0, 0, time.UTC), almaty, rating.Quarter{2024, 2}, "already April 1 in UTC+5"},
		{time.Date(2024, 3, 31, 20, 0, 0, 0, time.UTC), time.UTC, rating.Quarter{2024, 1}, "still March 31 in UTC"},
		{time.Date(2023, 12, 31, 23, 0, 0, 0, time.UTC), almaty, rating.Quarter{2024, 1}, "a new year in UTC+5"},
		{day(2024, 11, 15), nil, rating.Quarter{2024, 4}, "nil location is UTC"},
	}
	for _, tt := range tests {
		if got := rating.QuarterOf(tt.at, tt.loc); got != tt.want {
			t.Errorf("%s: QuarterOf(%s) = %v, want %v", tt.reason, tt.at, got, tt.want)
		}
	}
}

func TestQuarterBounds(t *testing.T) {
	q := rating.Quarter{Year: 2024, Q: 4}
	if got, want := q.Start(almaty), time.Date(2024, 10, 1, 0, 0, 0, 0, almaty); !got.Equal(want) {
		t.Errorf("Start = %s, want %s", got, want)
	}
	if got, want := q.End(almaty), time.Date(2025, 1, 1, 0, 0, 0, 0, almaty); !got.Equal(want) {
		t.Errorf("End = %s, want %s", got, want)
	}
	if !q.Contains(q.Start(almaty), almaty) || q.Contains(q.End(almaty), almaty) {
		t.Error("a quarter is [Start, End)")
	}
	if got := q.Next(); got != (rating.Quarter{2025, 1}) {
		t.Errorf("Next = %v", got)
	}
	if got := (rating.Quarter{2025, 1}).Prev(); got != q {
		t.Errorf("Prev = %v", got)
	}
	p := q.Period(time.UTC)
	if !p.Contains(day(2024, 12, 31)) || p.Contains(day(2025, 1, 1)) || p.Contains(day(2024, 9, 30)) {
		t.Errorf("Period %s contains the wrong days", p)
	}
	for _, bad := range []rating.Quarter{{}, {2024, 0}, {2024, 5}, {0, 1}, {10000, 1}} {
		if err := bad.Validate(); !errors.Is(err, rating.ErrInvalidQuarter) {
			t.Errorf("Validate(%v) = %v, want ErrInvalidQuarter", bad, err)
		}
		if !bad.Start(time.UTC).IsZero() || !bad.End(time.UTC).IsZero() || bad.Contains(day(2024, 1, 1), time.UTC) {
			t.Errorf("invalid quarter %v has bounds", bad)
		}
	}
}

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		in     string
		want   rating.Quarter
		err    error
		reason string
	}{
		{"2024-Q3", rating.Quarter{2024, 3}, nil, "String form"},
		{"0001-Q1", rating.Quarter{1, 1}, nil, "first quarter supported"},
		{"2024-Q5", rating.Quarter{}, rating.ErrInvalidQuarter, "no fifth quarter"},
		{"0000-Q1", rating.Quarter{}, rating.ErrInvalidQuarter, "no year 0"},
		{"2024Q3", rating.Quarter{}, rating.ErrInvalidQuarter, "dash missing"},
		{"2024-q3", rating.Quarter{}, rating.ErrInvalidQuarter, "lower-case q"},
		{"24-Q3", rating.Quarter{}, rating.ErrInvalidQuarter, "two-digit year"},
		{"+024-Q3", rating.Quarter{}, rating.ErrInvalidQuarter, "sign in the year"},
		{"", rating.Quarter{}, rating.ErrInvalidQuarter, "empty"},
	}
	for _, tt := range tests {
		got, err := rating.ParseQuarter(tt.in)
		wantErr(t, err, tt.err, tt.reason)
		if err == nil && got != tt.want {
			t.Errorf("%s: ParseQuarter(%q) = %v, want %v", tt.reason, tt.in, got, tt.want)
		}
	}
	var q rating.Quarter
	if err := q.UnmarshalText([]byte("2023-Q2")); err != nil || q != (rating.Quarter{2023, 2}) {
		t.Errorf("UnmarshalText = %v, %v", q, err)
	}
	if _, err := (rating.Quarter{2023, 9}).MarshalText(); !errors.Is(err, rating.ErrInvalidQuarter) {
		t.Errorf("MarshalText of an invalid quarter: %v", err)
	}
}

// TestQuarterProperties: every instant lies in its quarter, between Start and End, in any location.
func TestQuarterProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := time.Unix(rapid.Int64Range(-2e9, 8e9).Draw(t, "unix"), 0)
		loc := time.FixedZone("z", rapid.IntRange(-12, 14).Draw(t, "offset")*3600)
		q := rating.QuarterOf(at, loc)
		if !q.Contains(at, loc) || at.Before(q.Start(loc)) || !at.Before(q.End(loc)) {
			t.Fatalf("%s not in %v [%s, %s)", at, q, q.Start(loc), q.End(loc))
		}
		if !q.End(loc).Equal(q.Next().Start(loc)) || q.Next().Prev() != q || !q.Before(q.Next()) {
			t.Fatalf("%v: Next and Prev disagree", q)
		}
		back, err := rating.ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("ParseQuarter(%q) = %v, %v", q.String(), back, err)
		}
	})
}

func TestPeriod(t *testing.T) {
	since := rating.Since(day(2023, 6, 1))
	if !since.Contains(day(2023, 6, 1)) || since.Contains(day(2023, 5, 31)) || !since.Contains(day(2099, 1, 1)) {
		t.Errorf("Since contains the wrong days")
	}
	var all rating.Period
	if !all.IsZero() || !all.Contains(day(1900, 1, 1)) {
		t.Error("the zero Period contains every instant")
	}
	bad := rating.Period{From: day(2024, 2, 1), To: day(2024, 2, 1)}
	wantErr(t, bad.Validate(), rating.ErrInvalidSetting, "empty period")
	if got, want := since.String(), "[2023-06-01T00:00:00Z, …)"; got != want {
		t.Errorf("String = %s, want %s", got, want)
	}
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2024-Q3", "0000-Q1", "9999-Q4", "2024-Q0", "abcd-Qe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := rating.ParseQuarter(s)
		if err != nil {
			if !errors.Is(err, rating.ErrInvalidQuarter) {
				t.Fatalf("error %v does not wrap ErrInvalidQuarter", err)
			}
			return
		}
		if q.Validate() != nil || q.String() != s {
			t.Fatalf("ParseQuarter(%q) = %v, which writes back as %q", s, q, q.String())
		}
	})
}
