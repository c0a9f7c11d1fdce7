package rubric_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// The stored types are database/sql values: compile-time checks.
var (
	_ driver.Valuer = rubric.Evaluation{}
	_ sql.Scanner   = (*rubric.Evaluation)(nil)
	_ driver.Valuer = rubric.Definition{}
	_ sql.Scanner   = (*rubric.Definition)(nil)
	_ driver.Valuer = rubric.Result{}
)

// TestSQLRoundTrip stores an evaluation, a definition and a result as a driver would (a string, read back as
// string or []byte) and reads them back Equal.
func TestSQLRoundTrip(t *testing.T) {
	r := rubric.CallQuality()
	e := call(all("0.4"), "yellow", "profanity")
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, asBytes := range []bool{false, true} {
		column := func(v driver.Valuer) any {
			t.Helper()
			x, err := v.Value()
			if err != nil {
				t.Fatal(err)
			}
			s, ok := x.(string)
			if !ok {
				t.Fatalf("Value() = %T, want a string for a TEXT or JSONB column", x)
			}
			if asBytes {
				return []byte(s)
			}
			return s
		}
		var e2 rubric.Evaluation
		if err := e2.Scan(column(e)); err != nil || !e2.Equal(e) {
			t.Errorf("Evaluation Scan(Value()) = %+v, %v; want %+v", e2, err, e)
		}
		var d2 rubric.Definition
		if err := d2.Scan(column(r.Definition())); err != nil || !d2.Equal(r.Definition()) {
			t.Errorf("Definition Scan(Value()) = %v; want the definition back", err)
		}
		var raw sql.RawBytes // a Result has no Scan: its column is read as text, then against its rubric
		switch v := column(res).(type) {
		case string:
			raw = []byte(v)
		case []byte:
			raw = v
		}
		if id, version, err := rubric.ResultRubric(raw); err != nil || id != r.ID() || version != r.Version() {
			t.Errorf("ResultRubric() = %q, %q, %v; want %q, %q", id, version, err, r.ID(), r.Version())
		}
		if back, err := rubric.ParseResult(r, raw); err != nil || !back.Equal(res) {
			t.Errorf("ParseResult(Value()) = %v, %v; want %v", back, err, res)
		}
	}
}

// TestSQLScanRefuses pins that Scan reads only text and refuses NULL and other types with ErrDatabaseValue,
// leaving its destination unchanged.
func TestSQLScanRefuses(t *testing.T) {
	tests := []struct {
		src    any
		err    error
		reason string
	}{
		{nil, sq.ErrMalformed, "NULL is not an evaluation"},
		{int64(4), sq.ErrMalformed, "a number column"},
		{3.5, sq.ErrMalformed, "a float column"},
		{`{"answers":[],"ANSWERS":[]}`, sq.ErrMalformed, "the JSON is read strictly"},
		{[]byte(`{"answers":[{"criterion":"a","points":"1","na":true}]}`), rubric.ErrInvalidScore, "bytes read like text"},
	}
	for _, tt := range tests {
		want := call(all("0.5"), "green")
		e := call(all("0.5"), "green")
		if err := e.Scan(tt.src); !errors.Is(err, tt.err) {
			t.Errorf("Evaluation.Scan(%v) error = %v, want %v (%s)", tt.src, err, tt.err, tt.reason)
		}
		if !e.Equal(want) {
			t.Errorf("Evaluation.Scan(%v) changed its destination on error (%s)", tt.src, tt.reason)
		}
		var d rubric.Definition
		if err := d.Scan(tt.src); err == nil {
			t.Errorf("Definition.Scan(%v) = nil, want an error (%s)", tt.src, tt.reason)
		}
	}
	if _, err := (rubric.Result{}).Value(); !errors.Is(err, rubric.ErrNoRubric) {
		t.Errorf("zero Result Value() error = %v, want ErrNoRubric", err)
	}
}
