package rubric_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// sameAsStrict fails unless the general strict decoder accepts data, reads it to an evaluation Equal to e, and
// the two evaluations write the same bytes.
func sameAsStrict(t interface {
	Helper()
	Fatalf(string, ...any)
}, data []byte, e rubric.Evaluation) {
	t.Helper()
	want, err := rubric.ParseEvaluationStrict(data)
	if err != nil {
		t.Fatalf("the fast reader accepts %q, the strict decoder refuses it: %v", data, err)
	}
	if !e.Equal(want) {
		t.Fatalf("readers disagree on %q:\nfast   %+v\nstrict %+v", data, e, want)
	}
	a, errA := e.MarshalJSON()
	b, errB := want.MarshalJSON()
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		t.Fatalf("readers' evaluations write differently: %s (%v) vs %s (%v)", a, errA, b, errB)
	}
}

// TestFastEvaluation pins which documents take the one-pass reader and that it reads them as the strict decoder
// does; what it leaves to the strict decoder is refused or read there.
func TestFastEvaluation(t *testing.T) {
	for _, tt := range fastCases {
		e, ok := rubric.FastEvaluation([]byte(tt.json))
		if ok != tt.fast {
			t.Errorf("FastEvaluation(%s) ok = %v, want %v (%s)", tt.json, ok, tt.fast, tt.reason)
		}
		if ok {
			sameAsStrict(t, []byte(tt.json), e)
		}
	}
}

var fastCases = []struct {
	json   string
	fast   bool
	reason string
}{
	{fullCallJSON + `}`, true, "the common document"},
	{`{"answers":[{"criterion":"a","points":0.5},{"criterion":"b","points":"5e-1"},{"criterion":"c","points":"1.50E1"}]}`, true, "numbers and strings"},
	{`{"answers":[{"criterion":"a","points":"-0"},{"criterion":"b","points":"007"},{"criterion":"c","points":"999999999999e18"}]}`, true, "edges within the limits"},
	{` { "id" : "ев-1" , "at" : "2026-03-02T10:00:00.5+05:30" , "answers" : [ ] , "violations" : [ "x" ] } `, true, "spaces, UTF-8, fractions of a second"},
	{`{"answers":[{"criterion":"a","points":"0.5","comment":"ok"}]}`, false, "an answer's comment: left to the strict decoder"},
	{`{"answers":[],"comment":"ok","department":"sales"}`, false, "the evaluation's comment and department: left to the strict decoder"},
	{`{"answers":[],"attributes":{"ticket":"T-1"}}`, false, "attributes: left to the strict decoder"},
	{`{"answers":[{"criterion":"a","na":true,"level":"","points":"1"}]}`, false, "N/A and points"},
	{`{"answers":[{"criterion":"a","points":"1","level":"x"}]}`, false, "points and a level"},
	{`{"answers":[{"criterion":"a","points":01}]}`, false, "a JSON number with a leading zero"},
	{`{"answers":[{"criterion":"a","points":"9999999999999e18"}]}`, false, "31 digits written out"},
	{`{"answers":[{"criterion":"a","points":"1e-19"}]}`, false, "19 places"},
	{`{"answers":[{"criterion":"a","points":"+1"}]}`, false, "a sign the one-pass reader leaves to the decoder"},
	{`{"id":"a\"b","answers":[]}`, false, "escapes"},
	{`{"id":"a","ID":"b","answers":[]}`, false, "a case variant"},
	{`{"id":"a","id":"b"}`, false, "a repeated key"},
	{`{"id":null}`, false, "null"},
	{"{\"id\":\"\xff\"}", false, "invalid UTF-8"},
	{`{"at":"10000-01-01T00:00:00Z"}`, false, "a year beyond 9999"},
	{`{"answers":[]} {}`, false, "trailing data"},
	{`{"answers":[{"criterion":"a","na":truex}]}`, false, "a broken literal"},
}

// TestPropertyFastEvaluation: what MarshalJSON writes for an evaluation of any shape, the one-pass reader either
// leaves to the strict decoder or reads as the strict decoder does; the evaluations of a rubric always take it.
func TestPropertyFastEvaluation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		valid := rapid.Bool().Draw(t, "valid")
		var e rubric.Evaluation
		if valid {
			r := rubrictest.Rubric().Draw(t, "rubric")
			e = rubrictest.Evaluation(r).Draw(t, "evaluation")
		} else {
			e = rubrictest.AnyEvaluation().Draw(t, "any")
		}
		data, err := e.MarshalJSON()
		if err != nil {
			return
		}
		got, ok := rubric.FastEvaluation(data)
		if !ok {
			if valid {
				t.Fatalf("FastEvaluation(%s) left an evaluation of a rubric to the strict decoder", data)
			}
			return
		}
		sameAsStrict(t, data, got)
	})
}

// FuzzFastEvaluation: whatever the one-pass reader accepts, the strict decoder accepts and reads the same.
func FuzzFastEvaluation(f *testing.F) {
	for _, tt := range fastCases {
		f.Add([]byte(tt.json))
	}
	f.Add([]byte(`{"id":"x","at":"2026-03-02T10:00:00Z","answers":[{"criterion":"needs","na":true},{"criterion":"a","points":1e-3}]}`))
	f.Add([]byte(`{"answers":[{"criterion":"a","points":"0.50"},{"criterion":"b","level":"green"}],"violations":["p","q"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if e, ok := rubric.FastEvaluation(data); ok {
			sameAsStrict(t, data, e)
		}
	})
}

// TestParseEvaluationCostBounded pins that the memory ParseEvaluation allocates is linear in the document, with a
// bounded factor, whatever its shape: braces inside strings do not size the answers, and many answers or
// violations cost in proportion. The factor allows for the worst shape, violations of one letter: 4 bytes of
// JSON become a 16-byte string header, in a slice grown by append.
func TestParseEvaluationCostBounded(t *testing.T) {
	n := 200000
	docs := map[string]string{
		"braces in a string": `{"answers":[{"criterion":"` + strings.Repeat("{", n) + `","na":true}]}`,
		"many answers":       `{"answers":[` + strings.Repeat(`{"criterion":"a","na":true},`, n/30) + `{"criterion":"a","na":true}]}`,
		"many violations":    `{"answers":[],"violations":[` + strings.Repeat(`"v",`, n/4) + `"v"]}`,
	}
	for name, doc := range docs {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := rubric.ParseEvaluation([]byte(doc))
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(32*len(doc)+1<<16); got > limit {
			t.Errorf("%s: ParseEvaluation of %d bytes allocated %d bytes, want at most %d", name, len(doc), got, limit)
		}
	}
}
