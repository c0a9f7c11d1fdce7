package rubric_test

import (
	"bytes"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// TestPropertyEvaluationJSONLossless: an evaluation of any shape either refuses to be written, with a named
// error, or reads back Equal and writes again byte for byte the same.
func TestPropertyEvaluationJSONLossless(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := rubrictest.AnyEvaluation().Draw(t, "evaluation")
		data, err := e.MarshalJSON()
		if err != nil {
			if !errors.Is(err, rubric.ErrInvalidScore) && !errors.Is(err, sq.ErrLimit) &&
				!errors.Is(err, sq.ErrInvalid) && !errors.Is(err, sq.ErrMalformed) {
				t.Fatalf("MarshalJSON error wraps no sentinel: %v", err)
			}
			return
		}
		back, err := rubric.ParseEvaluation(data)
		if err != nil {
			t.Fatalf("ParseEvaluation(%s) = %v; MarshalJSON wrote what its reader refuses", data, err)
		}
		if !back.Equal(e) {
			t.Fatalf("ParseEvaluation(%s) = %+v, want Equal to %+v", data, back, e)
		}
		again, err := back.MarshalJSON()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("second MarshalJSON = %s, %v; want %s", again, err, data)
		}
	})
}

// TestPropertyDefinitionJSONLossless: a definition and its rubric read back Equal from their JSON, and the JSON is
// a fixed point.
func TestPropertyDefinitionJSONLossless(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := rubrictest.Definition().Draw(t, "definition")
		data, err := def.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseDefinition(data)
		if err != nil || !back.Equal(def) {
			t.Fatalf("ParseDefinition(%s) = %+v, %v; want Equal to %+v", data, back, err, def)
		}
		if again, err := back.MarshalJSON(); err != nil || !bytes.Equal(again, data) {
			t.Fatalf("second MarshalJSON = %s, %v; want %s", again, err, data)
		}
		r, err := rubric.New(def)
		if err != nil {
			t.Fatal(err)
		}
		rdata, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		r2, err := rubric.Parse(rdata)
		if err != nil || !r2.Equal(r) {
			t.Fatalf("Parse(%s) = %v; want a rubric Equal to the first", rdata, err)
		}
		if again, err := r2.MarshalJSON(); err != nil || !bytes.Equal(again, rdata) {
			t.Fatalf("second Rubric.MarshalJSON = %s, %v; want %s", again, err, rdata)
		}
	})
}

// TestPropertyResultJSONLossless: a result reads back from its stored form, against its rubric (or a rubric
// parsed again from the same JSON), to an Equal result, and its JSON is a fixed point.
func TestPropertyResultJSONLossless(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{Shuffle: rapid.Bool().Draw(t, "shuffle")}).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			return // N/A left nothing to score
		}
		data, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		rdata, _ := r.MarshalJSON()
		same, err := rubric.Parse(rdata)
		if err != nil {
			t.Fatal(err)
		}
		for _, on := range []*rubric.Rubric{r, same} {
			back, err := rubric.ParseResult(on, data)
			if err != nil || !back.Equal(res) {
				t.Fatalf("ParseResult(%s) = %v, %v; want Equal to %v", data, back, err, res)
			}
			if again, err := back.MarshalJSON(); err != nil || !bytes.Equal(again, data) {
				t.Fatalf("second MarshalJSON = %s, %v; want %s", again, err, data)
			}
		}
	})
}
