package rubrictest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

// FuzzVector proves the vector reader against its writer: whatever UnmarshalJSON accepts, MarshalJSON writes
// back, and that reads back Equal and writes the same bytes again.
func FuzzVector(f *testing.F) {
	var buf bytes.Buffer
	if err := rubrictest.WriteVectors(&buf, rubric.CallQuality(), 1, 5); err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f.Add(bytes.Clone(sc.Bytes()))
	}
	f.Add([]byte(`{"case":"x","evaluation":{"answers":[]},"total":"1","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[],"Case":"y"}`))
	f.Add([]byte(`{"case":"x","evaluation":{"answers":[]},"total":"1e400","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v rubrictest.Vector
		if err := json.Unmarshal(data, &v); err != nil {
			return
		}
		b, err := v.MarshalJSON()
		if err != nil {
			t.Fatalf("a vector read from %q has no JSON form: %v", data, err)
		}
		var back rubrictest.Vector
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(v) {
			t.Fatalf("%s reads back as %+v (error %v), want %+v", b, back, err, v)
		}
		if b2, err := back.MarshalJSON(); err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("written again: %s (error %v), first %s", b2, err, b)
		}
	})
}

// TestVectorRefuses pins what the vector reader refuses, each with a reason.
func TestVectorRefuses(t *testing.T) {
	ok := `"evaluation":{"answers":[]},"total":"1","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]`
	for _, tt := range []struct {
		in     string
		reason string
	}{
		{`{"case":"x",` + ok + `,"Case":"y"}`, "a key differing only in case"},
		{`{"case":"x","case":"y",` + ok + `}`, "a repeated key"},
		{`{"case":"x",` + ok + `,"extra":1}`, "an unknown key"},
		{`{"case":"x","evaluation":{"answers":[]},"raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]}`, "no total"},
		{`{"case":"x","evaluation":{"answers":[]},"total":"1","raw_total":"1","exact":true,"auto_fail":false,"band":""}`, "no reasons"},
		{`{"case":"x","evaluation":{"answers":[]},"total":"1.2.3","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]}`, "a total that is no decimal"},
		{`{"case":"x","evaluation":{"answers":[]},"total":"` + string(bytes.Repeat([]byte("1"), 41)) + `","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]}`, "a total of 41 digits"},
		{`{"case":"x","evaluation":{"answers":[{"criterion":"a"}]},"total":"1","raw_total":"1","exact":true,"auto_fail":false,"band":"","reasons":[]}`, "an answer with nothing"},
		{`{"case":null,` + ok + `}`, "null"},
	} {
		var v rubrictest.Vector
		if err := json.Unmarshal([]byte(tt.in), &v); err == nil {
			t.Errorf("Vector.UnmarshalJSON(%s) (%s): no error", tt.in, tt.reason)
		}
	}
}
