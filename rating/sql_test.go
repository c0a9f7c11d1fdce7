package rating_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

var (
	_ driver.Valuer = rating.Accumulator{}
	_ sql.Scanner   = (*rating.Accumulator)(nil)
	_ driver.Valuer = rating.Grouped{}
	_ sql.Scanner   = (*rating.Grouped)(nil)
	_ driver.Valuer = sq.Fraction{}
	_ sql.Scanner   = (*sq.Fraction)(nil)
	_ driver.Valuer = sq.Quarter{}
	_ sql.Scanner   = (*sq.Quarter)(nil)
	_ driver.Valuer = sq.Period{}
	_ sql.Scanner   = (*sq.Period)(nil)
)

// dbValue converts v as database/sql does before handing it to a driver, and checks the result is a driver.Value.
func dbValue(t tb, v driver.Valuer) driver.Value {
	t.Helper()
	dv, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil {
		t.Fatalf("%T: converting for the driver: %v", v, err)
	}
	if !driver.IsValue(dv) {
		t.Fatalf("%T: %v (%T) is not a driver.Value", v, dv, dv)
	}
	return dv
}

// asDriverGives returns the forms a driver may give back for a stored value: text comes back as string or []byte.
func asDriverGives(dv driver.Value) []driver.Value {
	switch v := dv.(type) {
	case string:
		return []driver.Value{v, []byte(v)}
	case []byte:
		return []driver.Value{v}
	}
	return []driver.Value{dv}
}

// checkSQLRoundTrip stores v as a driver.Value and scans it back into a new T, which must be Equal.
func checkSQLRoundTrip[T interface {
	driver.Valuer
	equaler[T]
}, PT interface {
	*T
	sql.Scanner
}](t tb, v T) {
	t.Helper()
	for _, back := range asDriverGives(dbValue(t, v)) {
		got := PT(new(T))
		if err := got.Scan(back); err != nil {
			t.Fatalf("%T: Scan(%v): %v", v, back, err)
		}
		if !(*got).Equal(v) {
			t.Fatalf("%T: scanned value is not Equal to the stored one (driver value %v)", v, back)
		}
	}
}

// TestSQLRoundTrip: every stored value reads back Equal through its driver.Value (no real database: the values go
// through database/sql's own conversion and come back as a driver gives them).
func TestSQLRoundTrip(t *testing.T) {
	pr := personalRater(t, nil)
	rapid.Check(t, func(t *rapid.T) {
		values := genValues(t)
		var a rating.Accumulator
		var g rating.Grouped
		for i, x := range values {
			if err := a.Add(x); err != nil {
				t.Fatal(err)
			}
			if err := g.Add(fmt.Sprintf("e%d", i%3), x); err != nil {
				t.Fatal(err)
			}
		}
		checkSQLRoundTrip(t, a)
		for _, back := range asDriverGives(dbValue(t, g)) {
			var got rating.Grouped
			if err := got.Scan(back); err != nil || !got.Equal(&g) {
				t.Fatalf("grouped: Scan gave %v", err)
			}
		}
		if m, err := a.Mean(); err == nil {
			checkSQLRoundTrip(t, m)
		}
		checkJSONRoundTrip(t, a)
		if len(values) > 0 {
			totals := make([]string, len(values))
			for i, x := range values {
				totals[i] = x.String()
			}
			p, err := pr.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 1, 1), totals...), Survey: goodSurvey})
			if err != nil {
				t.Fatal(err)
			}
			checkSQLRoundTrip(t, p.Calls)
		}
	})
}

// TestRatingValueIsStored: a rating is stored as its JSON (jsonb), and a NUMERIC column of its exact value,
// 4.455, scans back into a Fraction exactly; a bare Rating or Personal has no column form (a driver refuses it).
func TestRatingValueIsStored(t *testing.T) {
	p := staff(t)[0]
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back rating.Personal
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(p) {
		t.Errorf("Personal: the jsonb column reads back %v", err)
	}
	if _, err := driver.DefaultParameterConverter.ConvertValue(p); err == nil {
		t.Error("a driver converts a Personal; want a refusal: store its JSON")
	}
	if _, err := driver.DefaultParameterConverter.ConvertValue(p.Rating); err == nil {
		t.Error("a driver converts a bare Rating; want a refusal: store a Personal or Department")
	}
	var f sq.Fraction
	if err := f.Scan("4.4550000000"); err != nil || !f.Equal(p.Exact()) {
		t.Errorf("Fraction.Scan(NUMERIC text) = %s, %v; want %s", f.Rat().RatString(), err, p.Exact().Rat().RatString())
	}
}

// TestScanRefuses: values a column of the documented type cannot hold exactly, or NULL, are refused with ErrScan;
// malformed ones with ErrDecode or the type's own sentinel.
func TestScanRefuses(t *testing.T) {
	tests := []struct {
		dst    sql.Scanner
		src    any
		want   error
		reason string
	}{
		{new(rating.Accumulator), int64(3), sq.ErrMalformed, "an accumulator is bytea"},
		{new(rating.Accumulator), []byte{1}, sq.ErrMalformed, "truncated"},
		{new(rating.Accumulator), nil, sq.ErrMalformed, "NULL"},
		{new(rating.Accumulator), []byte{1, 0, 0x80, 0x00, 0, 0}, sq.ErrMalformed, "count not in its shortest form"},
		{new(rating.Grouped), 1.5, sq.ErrMalformed, "float"},
	}
	for _, tt := range tests {
		wantErr(t, tt.dst.Scan(tt.src), tt.want, fmt.Sprintf("%T.Scan(%v): %s", tt.dst, tt.src, tt.reason))
	}
}

// TestNewAccumulator: an accumulator from SELECT COUNT(*), SUM(score) equals the one that took the values, and
// impossible aggregates are refused.
func TestNewAccumulator(t *testing.T) {
	tests := []struct {
		count  int64
		sum    string
		want   error
		reason string
	}{
		{3, "13.05", nil, "three calls"},
		{0, "0", nil, "no calls"},
		{2, "10.000", nil, "NUMERIC sum with trailing zeros"},
		{-1, "0", rating.ErrOutOfRange, "negative count"},
		{0, "1", rating.ErrOutOfRange, "a sum of no values"},
		{2, "10.01", rating.ErrOutOfRange, "above 5 × count"},
		{2, "-1", rating.ErrOutOfRange, "negative sum"},
		{2, "0.1234567890123456789", sq.ErrLimit, "19 digits after the point"},
		{2, "1e30", sq.ErrLimit, "huge exponent"},
	}
	for _, tt := range tests {
		a, err := rating.NewAccumulator(tt.count, d(tt.sum))
		wantErr(t, err, tt.want, tt.reason)
		if tt.want == nil && (a.Count() != tt.count || !a.Sum().Equal(d(tt.sum))) {
			t.Errorf("NewAccumulator(%d, %s) = %v (%s)", tt.count, tt.sum, a, tt.reason)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var a rating.Accumulator
		for _, x := range genValues(t) {
			if err := a.Add(x); err != nil {
				t.Fatal(err)
			}
		}
		b, err := rating.NewAccumulator(a.Count(), a.Sum())
		if err != nil || !b.Equal(a) {
			t.Fatalf("NewAccumulator(%d, %s) = %v, %v; want %v", a.Count(), a.Sum(), b, err, a)
		}
		var g rating.Grouped
		if err := g.AddAccumulator("e1", a); err != nil {
			t.Fatal(err)
		}
		if err := g.AddAccumulator("e1", b); err != nil {
			t.Fatal(err)
		}
		want := a
		if err := want.Merge(b); err != nil {
			t.Fatal(err)
		}
		if got, _ := g.Get("e1"); !got.Equal(want) {
			t.Fatalf("AddAccumulator twice gave %v, want %v", got, want)
		}
	})
	var g rating.Grouped
	wantErr(t, g.AddAccumulator("", rating.Accumulator{}), sq.ErrInvalid, "empty key")
}
