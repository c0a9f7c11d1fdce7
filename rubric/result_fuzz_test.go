package rubric_test

import (
	"bytes"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// FuzzParseResult feeds arbitrary bytes to the stored-result reader on the source's call rubric: it never panics,
// every error wraps a sentinel, and what it accepts is a result that writes a stored form which reads back Equal
// and writes the same bytes again (losses, bonus, comments and attributes included).
func FuzzParseResult(f *testing.F) {
	r := rubric.CallQuality()
	for _, e := range []rubric.Evaluation{
		callAnswers("green", nil),
		callAnswers("yellow", map[string]string{"needs": "0.3"}),
		callAnswers("green", map[string]string{"needs": "0"}, "profanity"),
		noted("good call", map[string]string{"ticket": "T-1", "lang": "ru"}, "no related products"),
	} {
		res, err := r.Score(e)
		if err != nil {
			f.Fatal(err)
		}
		data, err := res.MarshalJSON()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	sentinels := []error{sq.ErrMalformed, sq.ErrLimit, rubric.ErrNoRubric, rubric.ErrRubricMismatch, rubric.ErrResultMismatch,
		sq.ErrInvalid, sq.ErrLimit}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := rubric.ParseResult(r, data)
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		out, err := res.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a read result: %v", err)
		}
		back, err := rubric.ParseResult(r, out)
		if err != nil || !back.Equal(res) {
			t.Fatalf("ParseResult(MarshalJSON()) = %v, %v; want Equal to %v", back, err, res)
		}
		if again, _ := back.MarshalJSON(); !bytes.Equal(again, out) {
			t.Fatalf("MarshalJSON() again = %s, want %s", again, out)
		}
	})
}
