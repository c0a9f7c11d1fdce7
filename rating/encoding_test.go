package rating_test

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

var (
	_ json.Marshaler             = rating.Accumulator{}
	_ json.Unmarshaler           = (*rating.Accumulator)(nil)
	_ encoding.BinaryMarshaler   = rating.Accumulator{}
	_ encoding.BinaryUnmarshaler = (*rating.Accumulator)(nil)
	_ json.Marshaler             = rating.Grouped{}
	_ json.Unmarshaler           = (*rating.Grouped)(nil)
	_ encoding.BinaryMarshaler   = rating.Grouped{}
	_ encoding.BinaryUnmarshaler = (*rating.Grouped)(nil)
)

// TestAccumulatorJSON pins the JSON form: stored and resumed accumulators (SPEC R10).
func TestAccumulatorJSON(t *testing.T) {
	a := accOf(t, "4", "4.5", "4.55")
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"count":3,"sum":"13.05"}`; got != want {
		t.Errorf("MarshalJSON = %s, want %s", got, want)
	}
	var back rating.Accumulator
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(a) {
		t.Fatalf("round trip gave %v, %v", back, err)
	}
	// A resumed accumulator keeps accumulating as the original would.
	if err := back.Add(d("3.33")); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(d("3.33")); err != nil || !back.Equal(a) {
		t.Errorf("after resuming: %v, original %v", back, a)
	}
	var empty rating.Accumulator
	if b, _ := json.Marshal(empty); string(b) != `{"count":0,"sum":"0"}` {
		t.Errorf("empty accumulator JSON = %s", b)
	}
}

func TestAccumulatorJSONStrict(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{`null`, "null is not an empty accumulator"},
		{`{"count":1}`, "sum missing"},
		{`{"sum":"1"}`, "count missing"},
		{`{"count":1,"sum":"1","mean":"1"}`, "unknown field"},
		{`{"count":1,"sum":"1","count":2}`, "field twice"},
		{`{"Count":1,"sum":"1"}`, "field name in another case"},
		{`{"count":1e0,"sum":"1"}`, "count in exponent form"},
		{`{"count":null,"sum":"1"}`, "count null"},
		{`{"count":1,"sum":"1"`, "unterminated object"},
		{``, "no data"},
		{`{"count":1,"sum":1}`, "sum as a number"},
		{`{"count":1,"sum":null}`, "sum null"},
		{`{"count":-1,"sum":"0"}`, "negative count"},
		{`{"count":1.5,"sum":"1"}`, "fractional count"},
		{`{"count":"1","sum":"1"}`, "count as a string"},
		{`{"count":2,"sum":"10.01"}`, "sum above 5 × count"},
		{`{"count":0,"sum":"0.1"}`, "a sum of no values"},
		{`{"count":1,"sum":"-0.1"}`, "negative sum"},
		{`{"count":1,"sum":"0.0000000000000000001"}`, "19 places"},
		{`{"count":1,"sum":"abc"}`, "not a decimal"},
		{`{"count":1,"sum":"1"} {}`, "trailing data"},
		{`{"count":1,"sum":"1"}x`, "trailing garbage"},
		{`[1,2]`, "not an object"},
		{`{"count":9223372036854775808,"sum":"1"}`, "count above int64"},
		{`{"count":1,"sum":"` + strings.Repeat("9", 100) + `"}`, "sum text too long"},
	}
	for _, tt := range tests {
		a := accOf(t, "4")
		err := a.UnmarshalJSON([]byte(tt.in))
		wantErr(t, err, sq.ErrMalformed, tt.reason)
		if err != nil && !strings.HasPrefix(err.Error(), "rating: accumulator JSON: ") {
			t.Errorf("%s: message %q", tt.reason, err)
		}
		if !a.Equal(accOf(t, "4")) {
			t.Errorf("%s: a failed UnmarshalJSON changed the accumulator to %v", tt.reason, a)
		}
	}
}

func TestAccumulatorBinary(t *testing.T) {
	a := accOf(t, "4", "4.5", "4.55")
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// version 1, scale 2, count 3, hi 0, lo 1305
	want := []byte{1, 2, 3, 0}
	want = binary.AppendUvarint(want, 1305)
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("MarshalBinary mismatch (-want +got):\n%s", diff)
	}
	var back rating.Accumulator
	if err := back.UnmarshalBinary(b); err != nil || !back.Equal(a) {
		t.Fatalf("round trip gave %v, %v", back, err)
	}
	bad := []struct {
		in     []byte
		reason string
	}{
		{nil, "empty"},
		{[]byte{2, 0, 0, 0, 0}, "unknown version"},
		{[]byte{1}, "no scale"},
		{[]byte{1, 0, 1}, "truncated"},
		{[]byte{1, 0, 1, 0, 5, 0}, "trailing byte"},
		{[]byte{1, 19, 0, 0, 0}, "scale 19"},
		{[]byte{1, 0, 1, 0, 6}, "sum above 5 × count"},
		{[]byte{1, 0, 0, 0, 1}, "a sum of no values"},
		{append([]byte{1, 0}, binary.AppendUvarint(nil, 1<<63)...), "count above int64"},
		{[]byte{1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0, 0}, "varint overflow"},
		{append(append([]byte{1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, binary.AppendUvarint(nil, 1<<40)...), 0), "sum of 10^30 or more"},
	}
	for _, tt := range bad {
		a := accOf(t, "4")
		err := a.UnmarshalBinary(tt.in)
		wantErr(t, err, sq.ErrMalformed, tt.reason)
		if !a.Equal(accOf(t, "4")) {
			t.Errorf("%s: a failed UnmarshalBinary changed the accumulator", tt.reason)
		}
	}
}

func TestGroupedEncoding(t *testing.T) {
	var g rating.Grouped
	for _, x := range []struct{ k, v string }{{"bob", "4"}, {"alice", "5"}, {"bob", "4.25"}, {"Čapek", "3"}} {
		if err := g.Add(x.k, d(x.v)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(&g)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"groups":[{"key":"alice","count":1,"sum":"5"},{"key":"bob","count":2,"sum":"8.25"},{"key":"Čapek","count":1,"sum":"3"}]}`
	if string(b) != want {
		t.Errorf("MarshalJSON =\n%s\nwant\n%s", b, want)
	}
	// Held by value in a struct, it encodes the same.
	if inner, err := json.Marshal(struct{ G rating.Grouped }{g}); err != nil || string(inner) != `{"G":`+want+`}` {
		t.Errorf("Grouped in a struct encodes as %s, %v", inner, err)
	}
	var back rating.Grouped
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(&g) {
		t.Fatalf("JSON round trip: %v", err)
	}
	bin, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back2 rating.Grouped
	if err := back2.UnmarshalBinary(bin); err != nil || !back2.Equal(&g) {
		t.Fatalf("binary round trip: %v", err)
	}
	if err := back2.UnmarshalBinary(bin[:len(bin)-1]); !errors.Is(err, sq.ErrMalformed) || !back2.Equal(&g) {
		t.Errorf("truncated binary: %v", err)
	}
	badJSON := []struct {
		in     string
		reason string
	}{
		{`{}`, "groups missing"},
		{`{"groups":null}`, "groups null"},
		{`{"groups":[{"count":1,"sum":"1"}]}`, "key missing"},
		{`{"groups":[{"key":"","count":1,"sum":"1"}]}`, "empty key"},
		{`{"groups":[{"key":"a","count":1,"sum":"1"},{"key":"a","count":1,"sum":"1"}]}`, "duplicate key"},
		{`{"groups":[{"key":"a","count":1,"sum":"6"}]}`, "bad group"},
		{`{"groups":[{"key":"a","count":1,"sum":"1","extra":1}]}`, "unknown field in a group"},
		{`{"groups":[],"total":1}`, "unknown field"},
		{`{"groups":[],"groups":[]}`, "groups twice"},
		{`{"groups":{}}`, "groups not an array"},
		{`{"groups":[{"key":1,"count":1,"sum":"1"}]}`, "key not a string"},
		{`{"groups":[{"key":"a","key":"b","count":1,"sum":"1"}]}`, "key twice"},
		{`{"groups":[1]}`, "group not an object"},
		{`{"groups":[{"key":"a","count":1,"sum":"1"}]]}`, "malformed array"},
	}
	for _, tt := range badJSON {
		c := cloneOf(&g)
		err := c.UnmarshalJSON([]byte(tt.in))
		wantErr(t, err, sq.ErrMalformed, tt.reason)
		if !c.Equal(&g) {
			t.Errorf("%s: a failed UnmarshalJSON changed the groups", tt.reason)
		}
	}
	var empty rating.Grouped
	if err := empty.UnmarshalJSON([]byte(`{"groups":[]}`)); err != nil || lenOf(&empty) != 0 {
		t.Errorf("empty groups: %v", err)
	}
	badBinary := []struct {
		in     []byte
		reason string
	}{
		{[]byte{1, 2, 1, 'a', 0, 0, 0, 0}, "two groups announced, one given"},
		{[]byte{1, 200, 1}, "more groups than bytes"},
		{[]byte{1, 1, 9, 'a', 0, 0, 0, 0}, "key longer than the data"},
		{[]byte{1, 1, 0, 0, 0, 0, 0}, "empty key"},
		{[]byte{1, 2, 1, 'a', 0, 0, 0, 0, 1, 'a', 0, 0, 0, 0}, "duplicate key"},
		{[]byte{1, 1, 1, 0xff, 0, 0, 0, 0}, "key not UTF-8"},
	}
	for _, tt := range badBinary {
		var c rating.Grouped
		wantErr(t, c.UnmarshalBinary(tt.in), sq.ErrMalformed, tt.reason)
	}
}

// TestEncodingRoundTrip: every accumulator survives JSON and binary encoding.
func TestEncodingRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var a rating.Accumulator
		for _, v := range genValues(t) {
			if err := a.Add(v); err != nil {
				t.Fatal(err)
			}
		}
		checkRoundTrip(t, a)
	})
}

func checkRoundTrip(t tb, a rating.Accumulator) {
	t.Helper()
	j, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON rating.Accumulator
	if err := fromJSON.UnmarshalJSON(j); err != nil || !fromJSON.Equal(a) {
		t.Fatalf("JSON round trip of %v gave %v, %v", a, fromJSON, err)
	}
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var fromBinary rating.Accumulator
	if err := fromBinary.UnmarshalBinary(b); err != nil || !fromBinary.Equal(a) {
		t.Fatalf("binary round trip of %v gave %v, %v", a, fromBinary, err)
	}
	if a.Count() > 0 {
		m, err := a.Mean()
		if err != nil || m.Cmp(sq.FractionOf(d("0"))) < 0 || m.Cmp(sq.FractionOf(d("5"))) > 0 {
			t.Fatalf("decoded accumulator %v has mean %s outside 0–5 (%v)", a, m.Rat().RatString(), err)
		}
	}
}

func checkGroupedRoundTrip(t *testing.T, g *rating.Grouped) {
	j, err := g.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON rating.Grouped
	if err := fromJSON.UnmarshalJSON(j); err != nil || !fromJSON.Equal(g) {
		t.Fatalf("JSON round trip gave %v", err)
	}
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var fromBinary rating.Grouped
	if err := fromBinary.UnmarshalBinary(b); err != nil || !fromBinary.Equal(g) {
		t.Fatalf("binary round trip gave %v", err)
	}
	for _, a := range g.All() {
		checkRoundTrip(t, a)
	}
}

func FuzzAccumulatorJSON(f *testing.F) {
	for _, s := range []string{`{"count":3,"sum":"13.05"}`, `{"count":0,"sum":"0"}`, `{"count":1,"sum":"5"}`,
		`{"count":1,"sum":"1e1"}`, `{"count":2,"sum":"0.000000000000000001"}`, `null`, `{"count":1,"sum":6}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a rating.Accumulator
		if err := a.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrDecode", err)
			}
			if a != (rating.Accumulator{}) {
				t.Fatal("a failed decode changed the accumulator")
			}
			return
		}
		checkRoundTrip(t, a)
	})
}

func FuzzAccumulatorBinary(f *testing.F) {
	for _, s := range []string{"4", "4.5", "0.000000000000000001"} {
		b, _ := accOf(f, s, s).MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{1, 0, 0, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var a rating.Accumulator
		if err := a.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrDecode", err)
			}
			return
		}
		checkRoundTrip(t, a)
	})
}

func FuzzGroupedJSON(f *testing.F) {
	f.Add([]byte(`{"groups":[{"key":"alice","count":1,"sum":"5"},{"key":"bob","count":2,"sum":"8.25"}]}`))
	f.Add([]byte(`{"groups":[]}`))
	f.Add([]byte(`{"groups":[{"key":"a","count":1,"sum":"1"},{"key":"a","count":1,"sum":"1"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var g rating.Grouped
		if err := g.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrDecode", err)
			}
			return
		}
		checkGroupedRoundTrip(t, &g)
	})
}

func FuzzGroupedBinary(f *testing.F) {
	var g rating.Grouped
	_ = g.Add("alice", d("5"))
	_ = g.Add("bob", d("4.25"))
	b, _ := g.MarshalBinary()
	f.Add(b)
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var g rating.Grouped
		if err := g.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrDecode", err)
			}
			return
		}
		checkGroupedRoundTrip(t, &g)
	})
}
