package rubric_test

import (
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// callAnswers answers the call rubric (SPEC R1–R2) with 0.5 everywhere except the points in low, and tonality.
func callAnswers(tonality string, low map[string]string, violations ...string) rubric.Evaluation {
	e := rubric.Evaluation{Violations: violations}
	for _, c := range rubric.CallQuality().Criteria() {
		switch {
		case c.ID == "tonality":
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, tonality))
		case low[c.ID] != "":
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, d(low[c.ID])))
		default:
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, d("0.5")))
		}
	}
	return e
}

// lossText renders the non-zero losses, for comparing in tables.
func lossText(ls []rubric.Loss) string {
	var parts []string
	for _, l := range ls {
		if !l.Points.IsZero() {
			parts = append(parts, l.String())
		}
	}
	return strings.Join(parts, "; ")
}

// TestLosses pins the points lost per criterion on the total's scale (SPEC R1–R4 for the call rubric): the
// shortfall rescaled as the total is, overrides counted where they zero, an auto-fail named as its own cause.
func TestLosses(t *testing.T) {
	call := rubric.CallQuality()
	tests := []struct {
		r      *rubric.Rubric
		e      rubric.Evaluation
		want   string
		reason string
	}{
		{call, callAnswers("green", nil), "", "a perfect call loses nothing"},
		{call, callAnswers("green", map[string]string{"needs": "0.3", "objections": "0.4"}),
			`criterion "needs" lost 0.2; criterion "objections" lost 0.1`,
			"points add up to Max (SPEC R1): each criterion loses its shortfall as it is"},
		{call, callAnswers("yellow", map[string]string{"needs": "0.3"}),
			`criterion "needs" lost 0.2; criterion "tonality" lost 0.5`,
			"yellow tonality zeroes tonality only (SPEC R3): its 0.5 is lost"},
		{call, callAnswers("red", map[string]string{"needs": "0.3"}),
			`criterion "needs" lost 0.2; criterion "tonality" lost 0.5; level "red" of criterion "tonality" zeroes the whole evaluation: lost 4.3`,
			"red tonality (SPEC R3) is worth 0 itself; the call would have had 4.3, which the auto-fail cost"},
		{call, callAnswers("green", map[string]string{"needs": "0"}, "profanity"),
			`criterion "needs" lost 0.5; violation "profanity" zeroes the whole evaluation: lost 4.5`,
			"profanity (SPEC R4) names the violation as the cause"},
		{binaries(3, "5", 0, sq.HalfUp, rubric.NAForbidden), answers(binaries(3, "5", 0, sq.HalfUp, rubric.NAForbidden), 1, 0),
			`criterion "c2" lost 1.6667; criterion "c3" lost 1.6666`,
			"5/3 each does not terminate: cut to 4 places, the missing unit to the earlier of equal remainders; total 1.6667"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude), answers(binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude), 2, 1),
			`criterion "c4" lost 1.67`,
			"N/A excluded loses nothing; the one fail carries all of 5 − 3.33"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAZero), answers(binaries(4, "5", 2, sq.HalfUp, rubric.NAZero), 2, 1),
			`criterion "c3" lost 1.25; criterion "c4" lost 1.25`,
			"N/A counted as zero loses its whole share"},
		{binaries(4, "100", 0, sq.HalfUp, rubric.NAForbidden), answers(binaries(4, "100", 0, sq.HalfUp, rubric.NAForbidden), 3, 0),
			`criterion "c4" lost 25`, "a 0–100 rubric loses on its own scale"},
	}
	for _, tt := range tests {
		res, err := tt.r.Score(tt.e)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if diff := cmp.Diff(tt.want, lossText(res.Losses())); diff != "" {
			t.Errorf("Losses() mismatch (-want +got): %s\n%s", tt.reason, diff)
		}
	}
}

// TestLossesWeighted: in a weighted rubric a criterion's loss is its section's weight share of its shortfall.
func TestLossesWeighted(t *testing.T) {
	r := rubric.BranchAudit()
	var e rubric.Evaluation
	for _, c := range r.Criteria() {
		level := "pass"
		if c.ID == "politeness" || c.ID == "confidentiality" {
			level = "fail"
		}
		e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, level))
	}
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	// Total 4.3333: each failure costs 5 · 1/3 · 1/5 = 1/3, cut to 0.3333, and one has the unit rounding left.
	want := `criterion "politeness" lost 0.3334; criterion "confidentiality" lost 0.3333`
	if diff := cmp.Diff(want, lossText(res.Losses())); diff != "" {
		t.Errorf("Losses() mismatch (-want +got):\n%s", diff)
	}
}

// TestPropertyLossesSum: the losses are non-negative, within Max and the rubric's places, one per criterion in
// order plus one for an auto-fail, and add up exactly to Max − Total; each is its exact share when that terminates.
func TestPropertyLossesSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		res, err := r.Score(e)
		if errors.Is(err, rubric.ErrNothingToScore) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
		ls := res.Losses()
		n := len(r.Criteria())
		if res.AutoFail() {
			n++
		}
		if len(ls) != n {
			t.Fatalf("%d losses, want %d", len(ls), n)
		}
		sum := decimal.Zero
		for i, l := range ls {
			if l.Points.Sign() < 0 || l.Points.GreaterThan(r.Max()) || -l.Points.Exponent() > r.Precision().Places {
				t.Fatalf("loss %v outside [0, %s] or with more than %d places", l, r.Max(), r.Precision().Places)
			}
			if i < len(r.Criteria()) && l.Criterion != r.Criteria()[i].ID {
				t.Fatalf("loss %d names %q, want %q", i, l.Criterion, r.Criteria()[i].ID)
			}
			if i == len(r.Criteria()) && l.Cause.Effect != rubric.EffectEvaluation {
				t.Fatalf("auto-fail loss %v does not name its cause", l)
			}
			sum = sum.Add(l.Points)
		}
		if want := r.Max().Sub(res.Total()); !sum.Equal(want) {
			t.Fatalf("losses %v add up to %s, want Max − Total = %s", ls, sum, want)
		}
	})
}

// TestPropertyLossesUnweightedShare: without sections, overrides and N/A, a criterion's loss is
// Max·(maxᵢ − pointsᵢ)/Σmax, exactly when that fits the rubric's places.
func TestPropertyLossesUnweightedShare(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		if weighted(r) {
			return
		}
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{NoOverrides: true}).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			return
		}
		sumMax := new(big.Rat)
		for _, c := range res.Criteria() {
			sumMax.Add(sumMax, c.Max.Rat())
		}
		if sumMax.Sign() == 0 {
			return
		}
		for i, c := range res.Criteria() {
			x := new(big.Rat).Sub(c.Max.Rat(), c.Points.Rat())
			x.Mul(x, r.Max().Rat()).Quo(x, sumMax)
			got := res.Losses()[i].Points.Rat()
			if x.IsInt() || new(big.Rat).Mul(x, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(r.Precision().Places)), nil))).IsInt() {
				if got.Cmp(x) != 0 {
					t.Fatalf("criterion %q lost %s, want exactly %s", c.ID, got.FloatString(12), x.FloatString(12))
				}
			} else if diff := new(big.Rat).Sub(got, x); diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("criterion %q lost %s, far from %s", c.ID, got.FloatString(12), x.FloatString(12))
			}
		}
	})
}

// The points each criterion lost on the total's scale explain the total without re-deriving the formula.
func ExampleResult_Losses() {
	r := rubric.CallQuality()
	p := decimal.RequireFromString
	res, _ := r.Score(rubric.Evaluation{Answers: []rubric.Answer{
		rubric.PointsAnswer("greeting", p("0.5")),
		rubric.PointsAnswer("identification", p("0.4")),
		rubric.PointsAnswer("needs", p("0.3")),
		rubric.PointsAnswer("client_focus", p("0.5")),
		rubric.PointsAnswer("current_info", p("0.5")),
		rubric.PointsAnswer("objections", p("0.5")),
		rubric.PointsAnswer("recording", p("0.5")),
		rubric.PointsAnswer("inappropriate_info", p("0.5")),
		rubric.PointsAnswer("business_style", p("0.5")),
		rubric.LevelAnswer("tonality", "yellow"),
	}})
	fmt.Println(res.Total(), "of", res.Max())
	for _, l := range res.Losses() {
		if !l.Points.IsZero() {
			fmt.Println(l)
		}
	}
	// Output:
	// 4.2 of 5
	// criterion "identification" lost 0.1
	// criterion "needs" lost 0.2
	// criterion "tonality" lost 0.5
}

// TestLossesStored: the stored form of a result carries the losses ("lost", "auto_fail_lost"), checks them on
// reading, and still reads a result stored before they were written.
func TestLossesStored(t *testing.T) {
	r := rubric.CallQuality()
	res, err := r.Score(callAnswers("green", map[string]string{"needs": "0.3"}, "profanity"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := res.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"auto_fail_lost":"4.8"`, `"id":"needs","zeroed":true,"raw":"0.3","points":"0","max":"0.5","lost":"0.2"`} {
		if !strings.Contains(string(data), part) {
			t.Errorf("MarshalJSON() = %s, want it to contain %s", data, part)
		}
	}
	tests := []struct {
		doc    string
		err    error
		reason string
	}{
		{string(data), nil, "as written"},
		{strings.NewReplacer(`,"lost":"0.2"`, "", `"auto_fail_lost":"4.8",`, "").Replace(string(data)), nil,
			"stored before losses were written: read, losses derived"},
		{strings.Replace(string(data), `"lost":"0.2"`, `"lost":"0.3"`, 1), rubric.ErrResultMismatch, "an edited loss"},
		{strings.Replace(string(data), `"auto_fail_lost":"4.8",`, "", 1), rubric.ErrResultMismatch,
			"some losses but not all: not an older form"},
	}
	for _, tt := range tests {
		back, err := rubric.ParseResult(r, []byte(tt.doc))
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseResult() error = %v, want %v: %s", err, tt.err, tt.reason)
			continue
		}
		if err == nil && !back.Equal(res) {
			t.Errorf("ParseResult() = %v, want %v: %s", back, res, tt.reason)
		}
	}
}
