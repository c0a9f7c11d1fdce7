package sq_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

func TestPeriodContains(t *testing.T) {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feb := jan.AddDate(0, 1, 0)
	tests := []struct {
		p      sq.Period
		t      time.Time
		want   bool
		reason string
	}{
		{sq.Period{}, time.Time{}, true, "the zero Period is all time"},
		{sq.Period{From: jan, To: feb}, jan, true, "From is inside"},
		{sq.Period{From: jan, To: feb}, feb, false, "To is outside"},
		{sq.Period{From: jan}, feb.AddDate(100, 0, 0), true, "no end"},
		{sq.Period{To: feb}, jan.AddDate(-100, 0, 0), true, "no start"},
		{sq.Period{From: jan, To: feb}, jan.Add(-time.Nanosecond), false, "just before"},
	}
	for _, tt := range tests {
		if got := tt.p.Contains(tt.t); got != tt.want {
			t.Errorf("%s.Contains(%s) = %v (%s)", tt.p, tt.t, got, tt.reason)
		}
	}
	if err := (sq.Period{From: feb, To: jan}).Validate(); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("a backwards period validates: %v", err)
	}
}

func TestPeriodText(t *testing.T) {
	almaty := time.FixedZone("+05", 5*3600)
	p := sq.Period{From: time.Date(2026, 1, 1, 0, 0, 0, 0, almaty)}
	b, err := json.Marshal(p)
	if err != nil || string(b) != `"2026-01-01T00:00:00+05:00/.."` {
		t.Fatalf("json.Marshal = %s, %v", b, err)
	}
	var q sq.Period
	if err := json.Unmarshal(b, &q); err != nil || !q.Equal(p) {
		t.Fatalf("read back %v, %v", q, err)
	}
	for _, bad := range []string{`"2026-01-01/.."`, `"../../.."`, `".."`, `null`, `"2026-02-01T00:00:00Z/2026-01-01T00:00:00Z"`} {
		if err := json.Unmarshal([]byte(bad), &q); err == nil {
			t.Errorf("Period JSON %s was read", bad)
		}
	}
	if v, err := (sq.Period{}).Value(); err != nil || v != "../.." {
		t.Errorf("all time stored as %v, %v", v, err)
	}
}

func TestQuarterAndMonth(t *testing.T) {
	q, err := sq.ParseQuarter("2026-Q4")
	if err != nil {
		t.Fatal(err)
	}
	m, err := sq.ParseMonth("2026-12")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{q.Next().String(), q.Prev().String(), m.Next().String(), m.Prev().String(),
		q.Period(time.UTC).String(), m.Period(time.UTC).String()}
	want := []string{"2027-Q1", "2026-Q3", "2027-01", "2026-11",
		"2026-10-01T00:00:00Z/2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z/2027-01-01T00:00:00Z"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quarter and month mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"2026-Q5", "2026-Q0", "0000-Q1", "2026-13", "2026-00", "26-Q1", "2026-1"} {
		_, qe := sq.ParseQuarter(bad)
		_, me := sq.ParseMonth(bad)
		if qe == nil || me == nil {
			t.Errorf("%q read as a quarter (%v) or a month (%v)", bad, qe, me)
		}
	}
}

// TestQuartersAndMonthsTile: the quarters and months of a period follow each other without gaps, the first holds
// its start, the last holds its end, and every month lies in a listed quarter.
func TestQuartersAndMonthsTile(t *testing.T) {
	loc := time.FixedZone("+06", 6*3600)
	rapid.Check(t, func(t *rapid.T) {
		from := time.Date(2000, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rapid.Int64Range(0, 30*365*24).Draw(t, "from")) * time.Hour)
		to := from.Add(time.Duration(rapid.Int64Range(1, 5*365*24).Draw(t, "len")) * time.Hour)
		p := sq.Period{From: from, To: to}
		qs, err := sq.Quarters(p, loc)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := sq.Months(p, loc)
		if err != nil {
			t.Fatal(err)
		}
		if !qs[0].Period(loc).Contains(from) || !qs[len(qs)-1].Period(loc).Contains(to.Add(-time.Nanosecond)) {
			t.Fatalf("quarters %v do not cover %s", qs, p)
		}
		if !ms[0].Period(loc).Contains(from) || !ms[len(ms)-1].Period(loc).Contains(to.Add(-time.Nanosecond)) {
			t.Fatalf("months %v do not cover %s", ms, p)
		}
		for i := 1; i < len(qs); i++ {
			if !qs[i-1].Period(loc).To.Equal(qs[i].Period(loc).From) {
				t.Fatalf("gap between %s and %s", qs[i-1], qs[i])
			}
		}
		for i := 1; i < len(ms); i++ {
			if ms[i-1].Next() != ms[i] {
				t.Fatalf("%s is not followed by %s", ms[i-1], ms[i])
			}
		}
		in := map[sq.Quarter]bool{}
		for _, q := range qs {
			in[q] = true
		}
		for _, m := range ms {
			if !in[sq.QuarterOf(m.Period(loc).From, loc)] {
				t.Fatalf("month %s is in no listed quarter", m)
			}
		}
	})
	if _, err := sq.Months(sq.Period{From: time.Now()}, nil); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("Months of an unbounded period = %v", err)
	}
	long := sq.Period{From: time.Date(2, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := sq.Months(long, nil); !errors.Is(err, sq.ErrLimit) {
		t.Errorf("Months of 9,998 years = %v, want ErrLimit", err)
	}
}
