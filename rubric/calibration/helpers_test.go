package calibration_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

var d = decimal.RequireFromString

// fr reads an exact value written as a fraction or a decimal ("2/11", "-1", "0.52"); it panics on anything else.
func fr(s string) sq.Fraction {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("fr: " + s)
	}
	f, err := sq.FractionOf(decimal.NewFromBigInt(r.Num(), 0)).Quo(sq.FractionOf(decimal.NewFromBigInt(r.Denom(), 0)))
	if err != nil {
		panic(err)
	}
	return f
}

// round rounds f half-up to places, as a caller does at the edge, and returns its text.
func round(f sq.Fraction, places int32) string {
	r, err := f.Round(sq.Precision{Places: places})
	if err != nil {
		panic(err)
	}
	return r.Fixed(places)
}

// matrix reads a reliability data matrix written as in Krippendorff (2011): one line per observer, values
// separated by spaces, "." for a missing value.
func matrix(rows ...string) [][]decimal.NullDecimal {
	out := make([][]decimal.NullDecimal, len(rows))
	for i, row := range rows {
		for _, f := range strings.Fields(row) {
			if f == "." {
				out[i] = append(out[i], decimal.NullDecimal{})
			} else {
				out[i] = append(out[i], decimal.NewNullDecimal(d(f)))
			}
		}
	}
	return out
}

// callCriteria are the nine points criteria of the built-in call rubric (SPEC R2), tonality is the tenth.
var callCriteria = []string{"greeting", "identification", "needs", "client_focus", "current_info", "objections",
	"recording", "inappropriate_info", "business_style"}

// call returns an evaluation of the built-in call rubric: points holds the nine points answers in order (a single
// value fills all nine), tonality the level of criterion 10.
func call(callID, evaluator, points, tonality string, violations ...string) rubric.Evaluation {
	ps := strings.Fields(points)
	if len(ps) == 1 {
		ps = strings.Fields(strings.Repeat(ps[0]+" ", len(callCriteria)))
	}
	e := rubric.Evaluation{ID: callID + "/" + evaluator, CallID: callID, EmployeeID: "aigerim", EvaluatorID: evaluator, Violations: violations}
	for i, id := range callCriteria {
		e.Answers = append(e.Answers, rubric.PointsAnswer(id, d(ps[i])))
	}
	e.Answers = append(e.Answers, rubric.LevelAnswer("tonality", tonality))
	return e
}

// score scores every evaluation on r.
func score(t testing.TB, r *rubric.Rubric, evals ...rubric.Evaluation) []rubric.Result {
	t.Helper()
	out := make([]rubric.Result, len(evals))
	for i, e := range evals {
		res, err := r.Score(e)
		if err != nil {
			t.Fatalf("Score(%s): %v", e.ID, err)
		}
		out[i] = res
	}
	return out
}

// session scores the evaluations on the built-in call rubric and builds a session with the default config.
func session(t testing.TB, evals ...rubric.Evaluation) *calibration.Session {
	t.Helper()
	s, err := calibration.New(score(t, rubric.CallQuality(), evals...), calibration.Config{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}
