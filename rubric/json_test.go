package rubric_test

import (
	"bytes"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

const miniJSON = `{
  "id": "mini", "version": "1", "title": {"en": "Mini"}, "max": "5",
  "criteria": [
    {"id": "a", "title": {"en": "A"}, "scale": {"kind": "points", "min": "0", "max": "1", "step": "0.5"}},
    {"id": "b", "title": {"en": "B"}, "scale": {"kind": "binary", "max": "1"}, "na": "exclude"}
  ]
}`

// TestParseStrict checks that definition JSON is decoded strictly: unknown fields, repeated keys, null decimals,
// absurd numbers and trailing data are errors, never silently repaired.
func TestParseStrict(t *testing.T) {
	if _, err := rubric.Parse([]byte(miniJSON)); err != nil {
		t.Fatalf("Parse(valid) = %v", err)
	}
	tests := []struct {
		name   string
		json   string
		err    error
		want   string
		reason string
	}{
		{"unknown field", strings.Replace(miniJSON, `"max": "5"`, `"max": "5", "maxx": "6"`, 1), sq.ErrMalformed,
			`unknown field "maxx"`, "typos are not ignored"},
		{"repeated key", strings.Replace(miniJSON, `"max": "5"`, `"max": "5", "max": "4"`, 1), sq.ErrMalformed,
			`key "max" appears twice in one object`, "the last value does not silently win"},
		{"null decimal", strings.Replace(miniJSON, `"max": "5"`, `"max": null`, 1), sq.ErrMalformed,
			`field "max" is null; leave it out instead`, "null is not zero"},
		{"absurd number", strings.Replace(miniJSON, `"max": "5"`, `"max": "1e999999999"`, 1), sq.ErrLimit,
			`exponent far outside the supported size`, "hostile exponents are refused before parsing"},
		{"long number", strings.Replace(miniJSON, `"max": "5"`, `"max": "`+strings.Repeat("9", 100000)+`"`, 1), sq.ErrLimit,
			`at most 80 allowed`, "a 100,000-digit number is refused by length"},
		{"trailing data", miniJSON + ` {}`, sq.ErrMalformed, `data after the JSON value`, "one document"},
		{"wrong type", strings.Replace(miniJSON, `"version": "1"`, `"version": 1`, 1), sq.ErrMalformed,
			`field "version": JSON number where a string is expected`, "types are checked"},
		{"duplicate criterion", strings.Replace(miniJSON, `"id": "b"`, `"id": "a"`, 1), rubric.ErrInvalidDefinition,
			`rubric: criteria[2].id "a": repeats the ID of an earlier criterion`, "duplicate IDs"},
		{"bad step", strings.Replace(miniJSON, `"step": "0.5"`, `"step": "0.3"`, 1), rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.step 0.3: does not divide the range 0–1 into whole steps`, "bad steps"},
		{"bad rounding", strings.Replace(miniJSON, `"max": "5"`, `"max": "5", "rounding": "nearest"`, 1), sq.ErrMalformed,
			`rubric: rounding "nearest": one of half-up, half-even, down`, "known rounding rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rubric.Parse([]byte(tt.json))
			if !errors.Is(err, tt.err) {
				t.Fatalf("Parse() error = %v, want %v (%s)", err, tt.err, tt.reason)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "rubric: ") {
				t.Errorf("Parse() error = %s, want it to start with \"rubric: \" and contain %s (%s)", err, tt.want, tt.reason)
			}
		})
	}
}

// TestTemplatesRoundTrip checks every built-in template: valid, and JSON → Rubric → JSON is a fixed point.
func TestTemplatesRoundTrip(t *testing.T) {
	for _, id := range rubric.Templates() {
		t.Run(id, func(t *testing.T) {
			data, err := rubric.TemplateJSON(id)
			if err != nil {
				t.Fatal(err)
			}
			r, err := rubric.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			back, err := rubric.Parse(out)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r.Definition(), back.Definition(), rubrictest.EquateDecimals()); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			again, _ := back.MarshalJSON()
			if !bytes.Equal(out, again) {
				t.Errorf("canonical JSON is not a fixed point:\n%s\n%s", out, again)
			}
			tmpl, _ := rubric.Template(id)
			if diff := cmp.Diff(tmpl.Definition(), r.Definition(), rubrictest.EquateDecimals()); diff != "" {
				t.Errorf("Template(%q) differs from its JSON (-want +got):\n%s", id, diff)
			}
		})
	}
	if _, err := rubric.Template("nope"); !errors.Is(err, rubric.ErrUnknownTemplate) {
		t.Errorf("Template(nope) error = %v", err)
	}
	if _, err := rubric.TemplateJSON("nope"); !errors.Is(err, rubric.ErrUnknownTemplate) {
		t.Errorf("TemplateJSON(nope) error = %v", err)
	}
}

func TestParseEvaluation(t *testing.T) {
	in := `{"id": "ev-1", "rubric": "call-quality", "call": "c-77", "employee": "e-12", "evaluator": "qa-3",
	  "at": "2026-03-02T10:00:00+05:00",
	  "answers": [{"criterion": "greeting", "points": "0.5"}, {"criterion": "tonality", "level": "green"},
	              {"criterion": "needs", "na": true}, {"criterion": "objections", "points": 0.3}],
	  "violations": ["profanity"]}`
	got, err := rubric.ParseEvaluation([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := rubric.Evaluation{
		ID: "ev-1", Rubric: "call-quality", CallID: "c-77", EmployeeID: "e-12", EvaluatorID: "qa-3",
		At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("", 5*3600)),
		Answers: []rubric.Answer{rubric.PointsAnswer("greeting", d("0.5")), rubric.LevelAnswer("tonality", "green"),
			rubric.NAAnswer("needs"), rubric.PointsAnswer("objections", d("0.3"))},
		Violations: []string{"profanity"},
	}
	if diff := cmp.Diff(want, got, rubrictest.EquateDecimals(), cmpopts.EquateApproxTime(0)); diff != "" {
		t.Errorf("ParseEvaluation() mismatch (-want +got):\n%s", diff)
	}
	bad := []struct {
		json   string
		err    error
		reason string
	}{
		{`{"answers": [{"criterion": "a"}]}`, rubric.ErrInvalidScore, "an answer with nothing"},
		{`{"answers": [{"criterion": "a", "points": "0.5", "level": "x"}]}`, rubric.ErrInvalidScore, "points and a level"},
		{`{"answers": [{"criterion": "a", "na": true, "level": "x"}]}`, rubric.ErrInvalidScore, "N/A and a level"},
		{`{"answers": [{"criterion": "a", "points": "0.5", "note": "x"}]}`, sq.ErrMalformed, "unknown field inside an answer"},
		{`{"answers": [{"criterion": "a", "points": "1e-50"}]}`, sq.ErrLimit, "absurd points"},
		{`{"answers": [], "at": "yesterday"}`, sq.ErrMalformed, "bad time"},
		{`{"answers": [], "answers": []}`, sq.ErrMalformed, "repeated key"},
	}
	for _, tt := range bad {
		if _, err := rubric.ParseEvaluation([]byte(tt.json)); !errors.Is(err, tt.err) {
			t.Errorf("ParseEvaluation(%s) error = %v, want %v (%s)", tt.json, err, tt.err, tt.reason)
		}
	}
}

// FuzzParse feeds arbitrary bytes to the definition parser: it must never panic, every error must wrap a sentinel,
// and whatever it accepts must survive a JSON round trip unchanged.
func FuzzParse(f *testing.F) {
	f.Add([]byte(miniJSON))
	for _, id := range rubric.Templates() {
		data, _ := rubric.TemplateJSON(id)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"x","version":"1","title":{"en":"x"},"max":"5","criteria":[{"id":"r","title":{"en":"r"},"scale":{"kind":"rating","size":4,"max":"3"}}]}`))
	f.Add([]byte(`{"id":"x","version":"1","title":{"en":"x"},"max":"5","bonus_cap":"0.5","criteria":[` +
		`{"id":"s","title":{"en":"s"},"scale":{"kind":"binary","max":"1","pass":"yes","fail":"no"}},` +
		`{"id":"a","title":{"en":"a"},"scale":{"kind":"points","min":"0","max":"1","step":"0.5"},"na":"exclude","when":{"criterion":"s","level":"no"}},` +
		`{"id":"b","title":{"en":"b"},"scale":{"kind":"binary","max":"0.5"},"bonus":true}],` +
		`"bands":[{"id":"lo","title":{"en":"lo"},"min":"0","percent":true},{"id":"hi","title":{"en":"hi"},"min":"90","percent":true,"above":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := rubric.Parse(data)
		if err != nil {
			if !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, rubric.ErrInvalidDefinition) && !errors.Is(err, sq.ErrLimit) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		out, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if diff := cmp.Diff(r.Definition(), back.Definition(), rubrictest.EquateDecimals()); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// FuzzParseEvaluation feeds arbitrary bytes to the evaluation parser and scores what it accepts on the source's
// rubric and on the naive all-decimal reference scorer (naive_test.go), which shares no code with Score: both
// refuse or both accept, with the same total, raw total, exactness, auto-fail and reasons. Errors wrap a sentinel,
// and what the parser accepts is written back to JSON that reads back Equal.
func FuzzParseEvaluation(f *testing.F) {
	f.Add([]byte(`{"answers":[{"criterion":"greeting","points":"0.5"},{"criterion":"tonality","level":"red"}],"violations":["profanity"]}`))
	f.Add([]byte(`{"id":"x","at":"2026-03-02T10:00:00Z","answers":[{"criterion":"needs","na":true}]}`))
	f.Add([]byte(`{"answers":[{"criterion":"greeting","points":1e-30}]}`))
	f.Add([]byte(fullCallJSON + `}`))
	f.Add([]byte(fullCallJSON + `, "VIOLATIONS": []}`))
	f.Add([]byte(fullCallJSON + `, "comment": "polite", "department": "sales", "attributes": {"ticket": "T-1", "lang": "ru"}}`))
	f.Add([]byte(`{"answers":[{"criterion":"greeting","points":"0.5","comment":"ok"}],"attributes":{"a b":"1"}}`))
	f.Add([]byte(`{"answers":[{"criterion":"greeting","points":"0.5"},{"criterion":"identification","points":"0.4"},
	  {"criterion":"needs","points":"0.3"},{"criterion":"client_focus","points":"0.2"},{"criterion":"current_info","points":"0.1"},
	  {"criterion":"objections","points":"0"},{"criterion":"recording","points":"0.5"},{"criterion":"inappropriate_info","points":"0.50"},
	  {"criterion":"business_style","points":5e-1},{"criterion":"tonality","level":"yellow"}],"violations":["promise_not_kept"]}`))
	r := rubric.CallQuality()
	naive := newNaive(r)
	sentinels := []error{sq.ErrMalformed, sq.ErrLimit, rubric.ErrInvalidScore, rubric.ErrUnknownCriterion,
		rubric.ErrDuplicateAnswer, rubric.ErrMissingAnswer, rubric.ErrUnknownLevel, rubric.ErrNotApplicable,
		rubric.ErrUnknownViolation, rubric.ErrRubricMismatch, rubric.ErrNothingToScore, sq.ErrInvalid}
	wraps := func(err error) bool {
		var se *sq.Error
		if !errors.As(err, &se) {
			return false // every refusal is an *sq.Error naming the field
		}
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return true
			}
		}
		return false
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := rubric.ParseEvaluation(data)
		if err != nil {
			if !wraps(err) {
				t.Fatalf("parse error wraps no sentinel: %v", err)
			}
			return
		}
		out, err := e.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a parsed evaluation: %v", err)
		}
		if back, err := rubric.ParseEvaluation(out); err != nil || !back.Equal(e) {
			t.Fatalf("ParseEvaluation(MarshalJSON()) = %+v, %v; want %+v", back, err, e)
		}
		res, err := r.Score(e)
		want, nerr := naive.score(e)
		if (err == nil) != (nerr == nil) {
			t.Fatalf("Score error %v, naive reference error %v", err, nerr)
		}
		if err != nil {
			if !wraps(err) {
				t.Fatalf("score error wraps no sentinel: %v", err)
			}
			return
		}
		if !res.Total().Equal(want.total) || !res.RawTotal().Equal(want.raw) || res.Exact() != want.exact ||
			res.AutoFail() != want.autoFail {
			t.Fatalf("Score = %s raw %s exact %v auto-fail %v; naive = %s raw %s exact %v auto-fail %v",
				res.Total(), res.RawTotal(), res.Exact(), res.AutoFail(), want.total, want.raw, want.exact, want.autoFail)
		}
		if diff := cmp.Diff(want.reasons, res.Reasons()); diff != "" {
			t.Fatalf("Reasons() mismatch (-naive +got):\n%s", diff)
		}
	})
}
