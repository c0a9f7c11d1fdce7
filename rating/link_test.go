package rating_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestCallScoreOf links a scored call of the source's call rubric (SPEC R1–R4) to the ratings (SPEC R5).
func TestCallScoreOf(t *testing.T) {
	r := rubric.CallQuality()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	e := rubric.Evaluation{ID: "ev-1", EmployeeID: "anna", Department: "sales-1", At: at}
	for _, c := range r.Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "yellow"))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.5")))
		}
	}
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := rating.CallScoreOf(res)
	if err != nil {
		t.Fatal(err)
	}
	want := rating.CallScore{EvaluationID: "ev-1", EmployeeID: "anna", DepartmentID: "sales-1", At: at, Total: decimal.RequireFromString("4.5")}
	if diff := cmp.Diff(want, got, rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("CallScoreOf() mismatch (-want +got):\n%s", diff)
	}

	e.At = time.Time{}
	res, _ = r.Score(e)
	if _, err := rating.CallScoreOf(res); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("no time: error = %v, want ErrInvalidInput", err)
	}
	hundred := rubric.MustNew(rubric.Definition{ID: "pct", Version: "1", Title: rubric.Text{"en": "Percent"}, Max: decimal.NewFromInt(100),
		Criteria: []rubric.Criterion{{ID: "x", Title: rubric.Text{"en": "X"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: decimal.NewFromInt(1)}}}})
	res, _ = hundred.Score(rubric.Evaluation{ID: "ev-2", EmployeeID: "anna", At: at, Answers: []rubric.Answer{rubric.LevelAnswer("x", "pass")}})
	if _, err := rating.CallScoreOf(res); !errors.Is(err, rating.ErrOutOfRange) {
		t.Errorf("0–100 rubric: error = %v, want ErrOutOfRange", err)
	}
	if _, err := rating.CallScoreOf(rubric.Result{}); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("zero result: error = %v, want ErrInvalidInput", err)
	}
}

// TestCallScoreOfDepartment: the department is the one the evaluation carries; without one the call score's
// department stays empty (departments not rated), never guessed.
func TestCallScoreOfDepartment(t *testing.T) {
	r := yesNo(1, "5")
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for _, dept := range []string{"sales-2", ""} {
		res, err := r.Score(rubric.Evaluation{ID: "ev-1", EmployeeID: "anna", At: at, Department: dept,
			Answers: []rubric.Answer{rubric.LevelAnswer("c0", "pass")}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := rating.CallScoreOf(res)
		if err != nil || got.DepartmentID != dept {
			t.Errorf("CallScoreOf() department = %q, %v; want %q", got.DepartmentID, err, dept)
		}
		rescaled, err := rating.RescaledCallScoreOf(res)
		if err != nil || rescaled.DepartmentID != dept {
			t.Errorf("RescaledCallScoreOf() department = %q, %v; want %q", rescaled.DepartmentID, err, dept)
		}
	}
}

// TestSurveyOf links survey tallies to the ratings: CSI (SPEC R11), yes/no NPS on 5 points (R12–R13: 9 of 10 yes
// = 4.5) and coverage (R14).
func TestSurveyOf(t *testing.T) {
	csi, _ := survey.NewCSI([5]int64{0, 0, 1, 1, 1}) // mean (3+4+5)/3 = 4
	share, _ := survey.NewShare(9, 10)
	cov, _ := survey.NewShare(12, 200)
	got, err := rating.SurveyOf(survey.Tallies{CSI: csi, Recommend: share}, cov)
	if err != nil {
		t.Fatal(err)
	}
	want := rating.Survey{CSI: nd("4"), NPS: nd("4.5"), Surveyed: 12, Clients: 200}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SurveyOf() mismatch (-want +got):\n%s", diff)
	}
	thirds, _ := survey.NewCSI([5]int64{0, 0, 0, 2, 1}) // 13/3 = 4.333…, kept exact
	got, _ = rating.SurveyOf(survey.Tallies{CSI: thirds}, survey.Share{})
	if got.CSI == nil || got.CSI.Rat().RatString() != "13/3" || got.NPS != nil {
		t.Errorf("SurveyOf(thirds) = %+v, want CSI 13/3 exactly and no NPS", got)
	}
}

// yesNo returns a rubric of n pass/fail items worth one point each on 0–max.
func yesNo(n int, max string) *rubric.Rubric {
	def := rubric.Definition{ID: "yes-no", Version: "1", Title: rubric.Text{"en": "Checklist"}, Max: decimal.RequireFromString(max)}
	for i := range n {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: fmt.Sprintf("c%d", i), Title: rubric.Text{"en": "Item"},
			Scale: rubric.Scale{Kind: rubric.Binary, Max: decimal.NewFromInt(1)}})
	}
	return rubric.MustNew(def)
}

// scoreYesNo scores pass of the n items as passed.
func scoreYesNo(t *testing.T, r *rubric.Rubric, pass int) rubric.Result {
	t.Helper()
	e := rubric.Evaluation{ID: "ev-1", EmployeeID: "anna", At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	for i, c := range r.Criteria() {
		level := "fail"
		if i < pass {
			level = "pass"
		}
		e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, level))
	}
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRescaledCallScoreOf: a rubric on any maximum feeds the 5-point ratings (SPEC R9) by total · 5 / Max, exact
// or rounded once half-even to 10 places, with the original maximum recorded in Scale.
func TestRescaledCallScoreOf(t *testing.T) {
	tests := []struct {
		r      *rubric.Rubric
		pass   int
		want   string
		reason string
	}{
		{yesNo(4, "100"), 3, "3.75", "75 of 100"},
		{yesNo(10, "10"), 7, "3.5", "7 of 10"},
		{yesNo(3, "3"), 2, "3.3333333333", "2 of 3: rounded half-even to 10 places"},
		{yesNo(3, "5"), 2, "3.3333", "a 5-point rubric: its total as it is, as CallScoreOf gives it"},
	}
	for _, tt := range tests {
		res := scoreYesNo(t, tt.r, tt.pass)
		got, err := rating.RescaledCallScoreOf(res)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		want := rating.CallScore{EvaluationID: "ev-1", EmployeeID: "anna", At: res.Meta().At, Total: decimal.RequireFromString(tt.want)}
		if !tt.r.Max().Equal(decimal.NewFromInt(5)) {
			want.Scale = tt.r.Max() // the call score records the original scale
		}
		if diff := cmp.Diff(want, got, rubrictest.EquateDecimals()); diff != "" {
			t.Errorf("RescaledCallScoreOf() mismatch (-want +got): %s\n%s", tt.reason, diff)
		}
		if tt.r.Max().Equal(decimal.NewFromInt(5)) {
			plain, err := rating.CallScoreOf(res)
			if diff := cmp.Diff(got, plain, rubrictest.EquateDecimals()); err != nil || diff != "" {
				t.Errorf("CallScoreOf() differs from RescaledCallScoreOf (%v): %s\n%s", err, tt.reason, diff)
			}
		}
	}
	if _, err := rating.RescaledCallScoreOf(rubric.Result{}); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("zero result: error = %v, want sq.ErrInvalid", err)
	}
	r := yesNo(1, "100")
	noTime, err := r.Score(rubric.Evaluation{ID: "ev-2", EmployeeID: "anna", Answers: []rubric.Answer{rubric.LevelAnswer("c0", "pass")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rating.RescaledCallScoreOf(noTime); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("no time: error = %v, want sq.ErrInvalid", err)
	}
}

// A 0–100 checklist feeds the 5-point ratings through an explicit rescale that records the original scale.
func ExampleRescaledCallScoreOf() {
	r := rubric.MustNew(rubric.Definition{ID: "branch-check", Version: "1", Title: rubric.Text{"en": "Branch checklist"},
		Max: decimal.NewFromInt(100), Criteria: []rubric.Criterion{{ID: "score", Title: rubric.Text{"en": "Score"},
			Scale: rubric.Scale{Kind: rubric.Points, Max: decimal.NewFromInt(100), Step: decimal.NewFromInt(1)}}}})
	res, _ := r.Score(rubric.Evaluation{ID: "ev-9", EmployeeID: "anna", At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		Answers: []rubric.Answer{rubric.PointsAnswer("score", decimal.NewFromInt(87))}})
	c, err := rating.RescaledCallScoreOf(res)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Total, "of 5, from", res.Total(), "of", c.Scale)
	// Output:
	// 4.35 of 5, from 87 of 100
}

// TestPropertyRescaledCallScoreOf: the rescaled total lies on 0–5 and is the exact total · 5 / Max rounded once,
// half-even, to 10 places (SPEC R9), against a big.Rat reference.
func TestPropertyRescaledCallScoreOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "items")
		max := rapid.SampledFrom([]string{"1", "3", "5", "7", "10", "100", "12.5"}).Draw(t, "max")
		r := yesNo(n, max)
		e := rubric.Evaluation{ID: "ev", EmployeeID: "anna", At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
		pass := rapid.IntRange(0, n).Draw(t, "pass")
		for i, c := range r.Criteria() {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, map[bool]string{true: "pass", false: "fail"}[i < pass]))
		}
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		c, err := rating.RescaledCallScoreOf(res)
		if err != nil {
			t.Fatal(err)
		}
		five := decimal.NewFromInt(5)
		if c.Total.Sign() < 0 || c.Total.GreaterThan(five) {
			t.Fatalf("total %s outside 0–5", c.Total)
		}
		if !res.Exact() || res.Max().Equal(five) {
			return
		}
		// Reference: the exact total · 5 / max, rounded half-even to 10 places with big.Rat.
		ref := new(big.Rat).Mul(res.Total().Rat(), big.NewRat(5, 1))
		ref.Quo(ref, res.Max().Rat())
		scaled := new(big.Rat).Mul(ref, new(big.Rat).SetInt64(10_000_000_000))
		q, rem := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
		switch c := new(big.Int).Mul(rem, big.NewInt(2)).Cmp(scaled.Denom()); {
		case c > 0, c == 0 && q.Bit(0) == 1:
			q.Add(q, big.NewInt(1))
		}
		want := decimal.NewFromBigInt(q, -10)
		if !c.Total.Equal(want) {
			t.Fatalf("%d of %d items on 0–%s: total %s, reference %s", pass, n, max, c.Total, want)
		}
	})
}
