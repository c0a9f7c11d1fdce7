package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"maps"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// noted returns the call rubric's evaluation with the given notes.
func noted(comment string, attrs map[string]string, answerComment string) rubric.Evaluation {
	e := callAnswers("green", map[string]string{"needs": "0.3"})
	e.ID, e.EmployeeID, e.Department, e.Comment, e.Attributes = "ev-1", "anna", "sales-1", comment, attrs
	e.Answers[2].Comment = answerComment
	return e
}

// TestNotes pins the comments and CRM attributes of an evaluation: carried to the result and through JSON, within
// documented limits, refused beyond them by Score, ParseEvaluation and MarshalJSON alike.
func TestNotes(t *testing.T) {
	many := map[string]string{}
	for i := range rubric.MaxAttributes + 1 {
		many[fmt.Sprintf("k%d", i)] = "v"
	}
	tests := []struct {
		e      rubric.Evaluation
		err    error
		reason string
	}{
		{noted("good call", map[string]string{"ticket": "T-1", "queue": "billing", "lang": "ru"}, "did not offer related products"), nil, "the usual notes"},
		{noted(strings.Repeat("я", rubric.MaxCommentLen/2), nil, strings.Repeat("x", rubric.MaxCommentLen)), nil, "comments at the limit"},
		{noted(strings.Repeat("x", rubric.MaxCommentLen+1), nil, ""), sq.ErrLimit, "an evaluation comment over the limit"},
		{noted("", nil, strings.Repeat("x", rubric.MaxCommentLen+1)), sq.ErrLimit, "an answer comment over the limit"},
		{noted("\xff", nil, ""), sq.ErrInvalid, "a comment that is not UTF-8"},
		{noted("", nil, "\xff"), sq.ErrInvalid, "an answer comment that is not UTF-8"},
		{noted("", many, ""), sq.ErrLimit, "too many attributes"},
		{noted("", map[string]string{"ticket id": "1"}, ""), sq.ErrInvalid, "a key that is not an ID"},
		{noted("", map[string]string{strings.Repeat("k", rubric.MaxAttributeKeyLen+1): "1"}, ""), sq.ErrLimit, "a key too long"},
		{noted("", map[string]string{"k": strings.Repeat("v", rubric.MaxAttributeValueLen+1)}, ""), sq.ErrLimit, "a value too long"},
		{noted("", map[string]string{"k": "\xff"}, ""), sq.ErrInvalid, "a value that is not UTF-8"},
		{noted("", map[string]string{"k": ""}, ""), nil, "an empty value is a value"},
	}
	r := rubric.CallQuality()
	for _, tt := range tests {
		res, err := r.Score(tt.e)
		if !errors.Is(err, tt.err) {
			t.Errorf("Score() error = %v, want %v: %s", err, tt.err, tt.reason)
		}
		data, merr := tt.e.MarshalJSON()
		if !errors.Is(merr, tt.err) {
			t.Errorf("MarshalJSON() error = %v, want %v: %s", merr, tt.err, tt.reason)
		}
		if err != nil {
			continue
		}
		m := res.Meta()
		if m.Comment != tt.e.Comment || m.Department != tt.e.Department || !maps.Equal(m.Attributes, tt.e.Attributes) {
			t.Errorf("Meta() = %+v, want the evaluation's notes: %s", m, tt.reason)
		}
		if c, _ := res.Criterion("needs"); c.Comment != tt.e.Answers[2].Comment {
			t.Errorf("Criterion(needs).Comment = %q, want %q: %s", c.Comment, tt.e.Answers[2].Comment, tt.reason)
		}
		back, err := rubric.ParseEvaluation(data)
		if err != nil || !back.Equal(tt.e) {
			t.Errorf("ParseEvaluation(%s) = %+v, %v; want Equal: %s", data, back, err, tt.reason)
		}
		stored, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if again, err := rubric.ParseResult(r, stored); err != nil || !again.Equal(res) {
			t.Errorf("ParseResult(%s) = %v, %v; want Equal: %s", stored, again, err, tt.reason)
		}
	}
}

// TestNotesJSONStrict: the notes' JSON is read strictly: exact keys, no null, no repeated key, no other type, and
// a document beyond the limits is refused as Score refuses it.
func TestNotesJSONStrict(t *testing.T) {
	tests := []struct {
		json   string
		err    error
		reason string
	}{
		{`{"answers":[],"attributes":{"ticket":"T-1","ticket":"T-2"}}`, sq.ErrMalformed, "a repeated attribute"},
		{`{"answers":[],"attributes":{"ticket":null}}`, sq.ErrMalformed, "a null attribute"},
		{`{"answers":[],"attributes":{"ticket":1}}`, sq.ErrMalformed, "a number where a string belongs"},
		{`{"answers":[],"attributes":null}`, sq.ErrMalformed, "null attributes"},
		{`{"answers":[],"Comment":"x"}`, sq.ErrMalformed, "a key in the wrong case"},
		{`{"answers":[],"ticket":"T-1"}`, sq.ErrMalformed, "an extra field: attributes are the place for it"},
		{`{"answers":[],"attributes":{"a b":"1"}}`, sq.ErrInvalid, "a key that is not an ID"},
		{`{"answers":[{"criterion":"a","level":"x","comment":"` + strings.Repeat("x", rubric.MaxCommentLen+1) + `"}]}`, sq.ErrLimit, "a comment over the limit"},
	}
	for _, tt := range tests {
		if _, err := rubric.ParseEvaluation([]byte(tt.json)); !errors.Is(err, tt.err) {
			t.Errorf("ParseEvaluation(%.80s) error = %v, want %v: %s", tt.json, err, tt.err, tt.reason)
		}
	}
}

// TestMetaIsACopy: changing the attributes Meta returns does not change the result.
func TestMetaIsACopy(t *testing.T) {
	e := noted("", map[string]string{"ticket": "T-1"}, "")
	res, err := rubric.CallQuality().Score(e)
	if err != nil {
		t.Fatal(err)
	}
	e.Attributes["ticket"] = "changed by the caller"
	res.Meta().Attributes["ticket"] = "changed by a reader"
	if got := res.Meta().Attributes["ticket"]; got != "T-1" {
		t.Errorf("Meta().Attributes[ticket] = %q, want T-1", got)
	}
}

// TestPropertyNotesRoundTrip: any valid notes survive Score, the evaluation's JSON (byte for byte) and the stored
// result.
func TestPropertyNotesRoundTrip(t *testing.T) {
	text := rapid.StringMatching(`[a-zA-Zа-я0-9 .,!?\n"\\]{0,40}`)
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		e.Comment = text.Draw(t, "comment")
		e.Department = rapid.StringMatching(`[a-z0-9-]{0,12}`).Draw(t, "department")
		e.Attributes = rapid.MapOfN(rapid.StringMatching(`[A-Za-z0-9_.-]{1,64}`), text, 0, rubric.MaxAttributes).Draw(t, "attributes")
		for i := range e.Answers {
			e.Answers[i].Comment = text.Draw(t, "answer comment")
		}
		data, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseEvaluation(data)
		if err != nil || !back.Equal(e) {
			t.Fatalf("ParseEvaluation(%s) = %+v, %v; want Equal", data, back, err)
		}
		if again, _ := back.MarshalJSON(); !bytes.Equal(again, data) {
			t.Fatalf("second MarshalJSON() = %s, want %s", again, data)
		}
		res, err := r.Score(e)
		if errors.Is(err, rubric.ErrNothingToScore) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
		for _, a := range e.Answers {
			if c, _ := res.Criterion(a.Criterion); c.Comment != a.Comment {
				t.Fatalf("Criterion(%q).Comment = %q, want %q", a.Criterion, c.Comment, a.Comment)
			}
		}
		stored, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		got, err := rubric.ParseResult(r, stored)
		if err != nil || !got.Equal(res) {
			t.Fatalf("ParseResult(%s) = %v, %v; want Equal", stored, got, err)
		}
		if again, _ := got.MarshalJSON(); !bytes.Equal(again, stored) {
			t.Fatalf("second Result.MarshalJSON() = %s, want %s", again, stored)
		}
	})
}

// A CRM attaches its ticket, queue and language; the evaluator comments on an answer and on the call.
func ExampleEvaluation_attributes() {
	e := callAnswers("green", map[string]string{"needs": "0.3"})
	e.Answers[2].Comment = "did not offer related products"
	e.Comment = "polite, solved the issue"
	e.Attributes = map[string]string{"ticket": "T-4471", "queue": "billing", "lang": "ru"}
	res, _ := rubric.CallQuality().Score(e)
	c, _ := res.Criterion("needs")
	fmt.Println(res.Total(), "-", res.Meta().Comment)
	fmt.Println(c.ID, c.Points, "-", c.Comment)
	fmt.Println(res.Meta().Attributes["ticket"])
	data, _ := rubric.Evaluation{Answers: []rubric.Answer{}, Comment: "ok", Attributes: map[string]string{"ticket": "T-4471", "lang": "ru"}}.MarshalJSON()
	fmt.Println(string(data))
	// Output:
	// 4.8 - polite, solved the issue
	// needs 0.3 - did not offer related products
	// T-4471
	// {"answers":[],"comment":"ok","attributes":{"lang":"ru","ticket":"T-4471"}}
}
