package survey_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// SPEC R15: "keep 90% of clients who complained", measured after a window, against a target, with its interval.
func TestRetention(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	window := 90 * 24 * time.Hour
	outcomes := []survey.Outcome{
		{Complainant: "a", Complained: day(0), Observed: day(90), StillClient: true},  // exactly the window: counted
		{Complainant: "b", Complained: day(0), Observed: day(120), StillClient: true}, // counted
		{Complainant: "c", Complained: day(10), Observed: day(150), StillClient: false},
		{Complainant: "d", Complained: day(0), Observed: day(95), StillClient: true},
		{Complainant: "e", Complained: day(60), Observed: day(100), StillClient: false}, // within the window: pending
	}
	r, pending, err := survey.RetentionFromOutcomes(outcomes, window)
	if err != nil {
		t.Fatal(err)
	}
	if r.Hits() != 3 || r.Total() != 4 || pending != 1 {
		t.Fatalf("retained %d of %d, pending %d; want 3 of 4, 1 pending", r.Hits(), r.Total(), pending)
	}
	pct, exact, err := rounded(1, sq.HalfUp)(r.Percent())
	if err != nil || !exact || !pct.Equal(decimal.NewFromInt(75)) {
		t.Errorf("Percent = %s %v %v, want exactly 75", pct, exact, err)
	}
	target := survey.Target{Metric: "complainants kept, %", Compare: survey.AtLeast, Value: decimal.NewFromInt(90)}
	a, err := target.Assess(pct)
	if err != nil || a.Met {
		t.Errorf("75%% against a target of 90%%: met = %v (%v), want not met", a.Met, err)
	}
	iv, err := r.Wilson(decimal.RequireFromString("0.95"), 4)
	if err != nil || !within(iv, d("0.75")) {
		t.Errorf("Wilson = %v, %v; want an interval around 0.75", iv, err)
	}
	for _, bad := range [][]survey.Outcome{
		{{Complainant: "", Complained: day(0), Observed: day(1)}},
		{{Complainant: "a", Complained: day(0), Observed: day(1)}, {Complainant: "a", Complained: day(0), Observed: day(2)}},
		{{Complainant: "a", Complained: day(5), Observed: day(1)}},
		{{Complainant: "a", Observed: day(1)}},
	} {
		if _, _, err := survey.RetentionFromOutcomes(bad, window); !errors.Is(err, survey.ErrInvalidAnswer) {
			t.Errorf("outcomes %+v: %v, want ErrInvalidAnswer", bad, err)
		}
	}
	if _, err := survey.NewShare(5, 4); !errors.Is(err, survey.ErrInvalidCount) {
		t.Errorf("5 retained of 4: %v", err)
	}
	if _, _, err := rounded(2, sq.HalfUp)((survey.Share{}).Percent()); !errors.Is(err, survey.ErrEmpty) {
		t.Errorf("empty retention: %v", err)
	}
}

// Merging is associative and commutative with the zero value as identity; JSON round-trips.
func TestPropRetention(t *testing.T) {
	gen := rapid.Custom(func(t *rapid.T) survey.Share {
		n := rapid.Int64Range(0, 1000).Draw(t, "total")
		r, err := survey.NewShare(rapid.Int64Range(0, n).Draw(t, "retained"), n)
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := gen.Draw(t, "a"), gen.Draw(t, "b"), gen.Draw(t, "c")
		ab, _ := a.Merge(b)
		ba, _ := b.Merge(a)
		abc1, _ := ab.Merge(c)
		bc, _ := b.Merge(c)
		abc2, _ := a.Merge(bc)
		az, _ := a.Merge(survey.Share{})
		if !ab.Equal(ba) || !abc1.Equal(abc2) || !az.Equal(a) {
			t.Fatalf("merge laws broken: %v %v %v %v", ab, ba, abc1, abc2)
		}
		js, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back survey.Share
		if err := json.Unmarshal(js, &back); err != nil || !back.Equal(a) {
			t.Fatalf("JSON round trip %s: %v", js, err)
		}
	})
	var r survey.Share
	if err := json.Unmarshal([]byte(`{"retained":1,"total":2,"Total":3}`), &r); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("a case-variant key: %v", err)
	}
}
