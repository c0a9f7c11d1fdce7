package rubric_test

import (
	"encoding/json"
	"testing"

	"github.com/servicequality/servicequality/internal/decglobals"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Nothing the rubric package prints or encodes depends on shopspring/decimal's package settings: the outputs with
// TrimTrailingZeros off, MarshalJSONWithoutQuotes and UseScientificNotation on are the outputs with the defaults. Not parallel: it
// changes package globals for its duration.
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	r := rubric.CallQuality()
	e := rubric.Evaluation{ID: "ev"}
	for _, c := range r.Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.50")))
		}
	}
	outputs := func() []string {
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		a, err1 := json.Marshal(res)
		b, err2 := json.Marshal(e)
		c, err3 := json.Marshal(r.Definition())
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		return []string{string(a), string(b), string(c), res.Total().String(), res.String()}
	}
	want := outputs()
	decglobals.Flip(t)
	got := outputs()
	for i := range want {
		if i == 3 {
			continue // Decimal.String is shopspring's own method, documented to follow its settings
		}
		if got[i] != want[i] {
			t.Errorf("output %d changes with decimal's settings:\n%s\n%s", i, want[i], got[i])
		}
	}
}
