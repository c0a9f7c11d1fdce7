package rubric_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// fullCallJSON answers every criterion of CallQuality well and raises the fatal violation: its total is 0 (SPEC R4).
const fullCallJSON = `{"answers": [{"criterion": "greeting", "points": "0.5"},
  {"criterion": "identification", "points": "0.5"}, {"criterion": "needs", "points": "0.5"},
  {"criterion": "client_focus", "points": "0.5"}, {"criterion": "current_info", "points": "0.5"},
  {"criterion": "objections", "points": "0.5"}, {"criterion": "recording", "points": "0.5"},
  {"criterion": "inappropriate_info", "points": "0.5"}, {"criterion": "business_style", "points": "0.1"},
  {"criterion": "tonality", "level": "green"}], "violations": ["profanity"]`

// TestParseEvaluationExactKeys pins that a key differing from a field only by case or Unicode folding is an
// unknown field: encoding/json alone would let it replace the fatal violation's list and score 4.6 instead of 0
// (SPEC R4: a fatal violation zeroes the call).
func TestParseEvaluationExactKeys(t *testing.T) {
	r := rubric.CallQuality()
	whole, err := rubric.ParseEvaluation([]byte(fullCallJSON + `}`))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := r.Score(whole); err != nil || !res.Total().IsZero() {
		t.Fatalf("Score(with profanity) = %v, %v; want 0 (SPEC R4)", res, err)
	}
	for _, tail := range []string{`, "VIOLATIONS": []}`, `, "Violations": []}`, `, "violationſ": []}`,
		`, "\u0056iolations": []}`} {
		e, err := rubric.ParseEvaluation([]byte(fullCallJSON + tail))
		if !errors.Is(err, sq.ErrMalformed) {
			res, _ := r.Score(e)
			t.Errorf("ParseEvaluation(...%s) = %v with total %s, want ErrSyntax (unknown field)", tail, err, res.Total())
		}
	}
}
