package rating_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// TestCallScoreOf links a scored call of the source's call rubric (SPEC R1–R4) to the ratings (SPEC R5).
func TestCallScoreOf(t *testing.T) {
	r := rubric.CallQuality()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	e := rubric.Evaluation{ID: "ev-1", EmployeeID: "anna", At: at}
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
	got, err := rating.CallScoreOf(res, "sales-1")
	if err != nil {
		t.Fatal(err)
	}
	want := rating.CallScore{EvaluationID: "ev-1", EmployeeID: "anna", DepartmentID: "sales-1", At: at, Total: decimal.RequireFromString("4.5")}
	if diff := cmp.Diff(want, got, rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("CallScoreOf() mismatch (-want +got):\n%s", diff)
	}

	e.At = time.Time{}
	res, _ = r.Score(e)
	if _, err := rating.CallScoreOf(res, ""); !errors.Is(err, rating.ErrInvalidInput) {
		t.Errorf("no time: error = %v, want ErrInvalidInput", err)
	}
	hundred := rubric.MustNew(rubric.Definition{ID: "pct", Version: "1", Title: rubric.Text{"en": "Percent"}, Max: decimal.NewFromInt(100),
		Criteria: []rubric.Criterion{{ID: "x", Title: rubric.Text{"en": "X"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: decimal.NewFromInt(1)}}}})
	res, _ = hundred.Score(rubric.Evaluation{ID: "ev-2", EmployeeID: "anna", At: at, Answers: []rubric.Answer{rubric.LevelAnswer("x", "pass")}})
	if _, err := rating.CallScoreOf(res, ""); !errors.Is(err, rating.ErrOutOfRange) {
		t.Errorf("0–100 rubric: error = %v, want ErrOutOfRange", err)
	}
	if _, err := rating.CallScoreOf(rubric.Result{}, ""); !errors.Is(err, rating.ErrInvalidInput) {
		t.Errorf("zero result: error = %v, want ErrInvalidInput", err)
	}
}

// TestSurveyOf links survey tallies to the ratings: CSI (SPEC R11), yes/no NPS on 5 points (R12–R13: 9 of 10 yes
// = 4.5) and coverage (R14).
func TestSurveyOf(t *testing.T) {
	csi, _ := survey.NewCSI([5]int64{0, 0, 1, 1, 1}) // mean (3+4+5)/3 = 4
	share, _ := survey.NewRecommendShare(9, 10)
	cov, _ := survey.NewCoverage(12, 200)
	got, err := rating.SurveyOf(survey.Tallies{CSI: csi, Recommend: share}, cov)
	if err != nil {
		t.Fatal(err)
	}
	want := rating.Survey{CSI: decimal.NewNullDecimal(decimal.NewFromInt(4)), NPS: decimal.NewNullDecimal(decimal.RequireFromString("4.5")), Surveyed: 12, Clients: 200}
	if diff := cmp.Diff(want, got, rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("SurveyOf() mismatch (-want +got):\n%s", diff)
	}
	thirds, _ := survey.NewCSI([5]int64{0, 0, 0, 2, 1}) // 13/3 = 4.333…
	got, _ = rating.SurveyOf(survey.Tallies{CSI: thirds}, survey.Coverage{})
	if !got.CSI.Valid || !got.CSI.Decimal.Equal(decimal.RequireFromString("4.3333333333")) || got.NPS.Valid {
		t.Errorf("SurveyOf(thirds) = %+v, want CSI 4.3333333333 and no NPS", got)
	}
}
