package rubric_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var callCriteria = []string{"greeting", "identification", "needs", "client_focus", "current_info", "objections",
	"recording", "inappropriate_info", "business_style"}

// call builds an evaluation of the source's call rubric: the nine points criteria in order with the given points (a single
// value repeats), the tonality level, and the violations.
func call(points []string, tonality string, violations ...string) rubric.Evaluation {
	e := rubric.Evaluation{ID: "ev", Violations: violations}
	for i, id := range callCriteria {
		p := points[0]
		if len(points) > 1 {
			p = points[i]
		}
		e.Answers = append(e.Answers, rubric.PointsAnswer(id, d(p)))
	}
	e.Answers = append(e.Answers, rubric.LevelAnswer("tonality", tonality))
	return e
}

func all(p string) []string { return []string{p} }

// TestCallQualityRules pins the source's call rubric: SPEC R1 (10 criteria of 0–0.5 step 0.1, maximum 5), R3
// (tonality) and R4 (fatal violations).
func TestCallQualityRules(t *testing.T) {
	r := rubric.CallQuality()
	tests := []struct {
		name     string
		e        rubric.Evaluation
		total    string
		raw      string
		autoFail bool
		reasons  []rubric.Reason
		reason   string
	}{
		{"R1 all full, green", call(all("0.5"), "green"), "5", "5", false, nil,
			"nine criteria at 0.5 and green tonality (0.5) reach the maximum 5"},
		{"R1 all zero, green", call(all("0"), "green"), "0.5", "0.5", false, nil,
			"only tonality scores"},
		{"R1 mixed steps", call([]string{"0.5", "0.4", "0.3", "0.2", "0.1", "0", "0.5", "0.5", "0.5"}, "green"), "3.5", "3.5", false, nil,
			"points add up exactly: 3.0 + 0.5"},
		{"R3 yellow", call(all("0.5"), "yellow"), "4.5", "4.5", false,
			[]rubric.Reason{{Effect: rubric.EffectCriterion, Criterion: "tonality", Level: "yellow", Target: "tonality"}},
			"yellow zeroes criterion 10 only"},
		{"R3 red", call(all("0.5"), "red"), "0", "4.5", true,
			[]rubric.Reason{{Effect: rubric.EffectEvaluation, Criterion: "tonality", Level: "red"}},
			"red zeroes the whole call; the raw total keeps what the rest was worth"},
		{"R4 profanity", call(all("0.5"), "green", "profanity"), "0", "5", true,
			[]rubric.Reason{{Effect: rubric.EffectEvaluation, Violation: "profanity"}},
			"profanity zeroes the whole call"},
		{"R4 promise not kept", call(all("0.3"), "green", "promise_not_kept"), "0", "3.2", true,
			[]rubric.Reason{{Effect: rubric.EffectEvaluation, Violation: "promise_not_kept"}},
			"a promise not kept zeroes the whole call"},
		{"R4 both violations and red", call(all("0.5"), "red", "profanity", "promise_not_kept"), "0", "4.5", true,
			[]rubric.Reason{
				{Effect: rubric.EffectEvaluation, Criterion: "tonality", Level: "red"},
				{Effect: rubric.EffectEvaluation, Violation: "promise_not_kept"},
				{Effect: rubric.EffectEvaluation, Violation: "profanity"},
			},
			"reasons come in order: levels by criterion, then violations in the rubric's order"},
		{"R3 yellow with R4 violation", call(all("0.4"), "yellow", "profanity"), "0", "3.6", true,
			[]rubric.Reason{
				{Effect: rubric.EffectCriterion, Criterion: "tonality", Level: "yellow", Target: "tonality"},
				{Effect: rubric.EffectEvaluation, Violation: "profanity"},
			},
			"both overrides are explained"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Score(tt.e)
			if err != nil {
				t.Fatalf("Score: %v (%s)", err, tt.reason)
			}
			if !res.Total().Equal(d(tt.total)) || !res.RawTotal().Equal(d(tt.raw)) || res.AutoFail() != tt.autoFail {
				t.Errorf("Score() = total %s, raw %s, auto-fail %v; want %s, %s, %v (%s)",
					res.Total(), res.RawTotal(), res.AutoFail(), tt.total, tt.raw, tt.autoFail, tt.reason)
			}
			if !res.Exact() || !res.Max().Equal(d("5")) {
				t.Errorf("Score() exact = %v, max = %s; want exact, 5", res.Exact(), res.Max())
			}
			if diff := cmp.Diff(tt.reasons, res.Reasons()); diff != "" {
				t.Errorf("Reasons() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCallQualityBreakdown checks the per-criterion breakdown after a red tonality (SPEC R3): every criterion shows
// what it was worth and that it was zeroed.
func TestCallQualityBreakdown(t *testing.T) {
	res, err := rubric.CallQuality().Score(call([]string{"0.5", "0.4", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5"}, "red"))
	if err != nil {
		t.Fatal(err)
	}
	got := res.Criteria()
	if len(got) != 10 {
		t.Fatalf("Criteria() has %d rows, want 10", len(got))
	}
	want1 := rubric.CriterionResult{ID: "identification", Zeroed: true, Raw: d("0.4"), Points: d("0"), Max: d("0.5")}
	if diff := cmp.Diff(want1, got[1], rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("Criteria()[1] mismatch (-want +got):\n%s", diff)
	}
	want9 := rubric.CriterionResult{ID: "tonality", Level: "red", Zeroed: true, Raw: d("0"), Points: d("0"), Max: d("0.5")}
	if diff := cmp.Diff(want9, got[9], rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("Criteria()[9] mismatch (-want +got):\n%s", diff)
	}
	if got := res.String(); got != "0 of 5, auto-fail (raw 4.4)" {
		t.Errorf("String() = %q", got)
	}
}

// TestScoreErrors checks that bad evaluations of the source's call rubric are refused with a clear, wrapped error that names
// the criterion, the value and the rule (SPEC R1: 0–0.5 in steps of 0.1).
func TestScoreErrors(t *testing.T) {
	r := rubric.CallQuality()
	with := func(f func(*rubric.Evaluation)) rubric.Evaluation {
		e := call(all("0.5"), "green")
		f(&e)
		return e
	}
	tests := []struct {
		name    string
		e       rubric.Evaluation
		err     error
		message string
		reason  string
	}{
		{"R1 0.55", with(func(e *rubric.Evaluation) { e.Answers[0].Points = d("0.55") }), rubric.ErrInvalidScore,
			`rubric: answers[1].points 0.55: criterion "greeting" takes points from 0 to 0.5 in steps of 0.1: invalid score`,
			"finer than the 0.1 step"},
		{"R1 0.35", with(func(e *rubric.Evaluation) { e.Answers[3].Points = d("0.35") }), rubric.ErrInvalidScore,
			`rubric: answers[4].points 0.35: criterion "client_focus" takes points from 0 to 0.5 in steps of 0.1: invalid score`,
			"between two steps"},
		{"R1 0.6", with(func(e *rubric.Evaluation) { e.Answers[2].Points = d("0.6") }), rubric.ErrInvalidScore,
			`rubric: answers[3].points 0.6: criterion "needs" takes points from 0 to 0.5 in steps of 0.1: invalid score`,
			"above the maximum"},
		{"R1 negative", with(func(e *rubric.Evaluation) { e.Answers[2].Points = d("-0.1") }), rubric.ErrInvalidScore,
			`rubric: answers[3].points -0.1: criterion "needs" takes points from 0 to 0.5 in steps of 0.1: invalid score`,
			"below the minimum"},
		{"absurd exponent", with(func(e *rubric.Evaluation) { e.Answers[0].Points = decimal.New(1, -100) }), sq.ErrLimit,
			`rubric: answers[1].points 1e-100: 100 digits after the point, at most 18 allowed: over a limit`,
			"bounded decimal size"},
		{"R3 unknown tonality", with(func(e *rubric.Evaluation) { e.Answers[9].Level = "blue" }), rubric.ErrUnknownLevel,
			`rubric: answers[10].level "blue": criterion "tonality" takes one of the levels "green", "yellow", "red": unknown level`,
			"only green, yellow, red"},
		{"R3 tonality as points", with(func(e *rubric.Evaluation) { e.Answers[9] = rubric.PointsAnswer("tonality", d("0.5")) }), rubric.ErrInvalidScore,
			`rubric: answers[10].points 0.5: criterion "tonality" takes one of the levels "green", "yellow", "red": invalid score`,
			"tonality takes a level"},
		{"level on points", with(func(e *rubric.Evaluation) { e.Answers[0] = rubric.LevelAnswer("greeting", "green") }), rubric.ErrUnknownLevel,
			`rubric: answers[1].level "green": criterion "greeting" takes points from 0 to 0.5 in steps of 0.1: unknown level`,
			"greeting takes points"},
		{"N/A forbidden", with(func(e *rubric.Evaluation) { e.Answers[4] = rubric.NAAnswer("current_info") }), rubric.ErrNotApplicable,
			`rubric: answers[5].na true: criterion "current_info" takes points from 0 to 0.5 in steps of 0.1, not N/A: N/A not allowed`,
			"the source allows no N/A"},
		{"missing", with(func(e *rubric.Evaluation) { e.Answers = e.Answers[1:] }), rubric.ErrMissingAnswer,
			`rubric: answers "greeting": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered`,
			"every criterion is answered"},
		{"duplicate", with(func(e *rubric.Evaluation) { e.Answers = append(e.Answers, e.Answers[0]) }), rubric.ErrDuplicateAnswer,
			`rubric: answers[11].criterion "greeting": one answer per criterion: criterion answered twice`,
			"one answer per criterion"},
		{"unknown criterion", with(func(e *rubric.Evaluation) {
			e.Answers = append(e.Answers, rubric.PointsAnswer("smile", d("0.5")))
		}), rubric.ErrUnknownCriterion,
			`rubric: answers[11].criterion "smile": one of the criteria of rubric "call-quality": unknown criterion`,
			"unknown criterion IDs are refused"},
		{"unknown violation", with(func(e *rubric.Evaluation) { e.Violations = []string{"late"} }), rubric.ErrUnknownViolation,
			`rubric: violations[1] "late": one of the violations of rubric "call-quality": unknown violation`,
			"unknown violation IDs are refused"},
		{"repeated violation", with(func(e *rubric.Evaluation) { e.Violations = []string{"profanity", "profanity"} }), rubric.ErrUnknownViolation,
			`rubric: violations[2] "profanity": each violation at most once: unknown violation`,
			"each violation at most once"},
		{"other rubric", with(func(e *rubric.Evaluation) { e.Rubric = "chat" }), rubric.ErrRubricMismatch,
			`rubric: rubric "chat": this rubric, "call-quality": evaluation is for another rubric`,
			"an evaluation made on another rubric"},
		{"other version", with(func(e *rubric.Evaluation) { e.Version = "2022" }), rubric.ErrRubricMismatch,
			`rubric: version "2022": this rubric's version, "2023-03-01": evaluation is for another rubric`,
			"an evaluation made on another version"},
		{"N/A with points", with(func(e *rubric.Evaluation) { e.Answers[0].NA = true }), rubric.ErrInvalidScore,
			`rubric: answers[1].na true: N/A alone, without points or a level: invalid score`,
			"ambiguous answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := tt.e.MarshalJSON()
			_, err := r.Score(tt.e)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Score() error = %v, want %v (%s)", err, tt.err, tt.reason)
			}
			if err.Error() != tt.message {
				t.Errorf("Score() error message mismatch (%s):\n got %s\nwant %s", tt.reason, err, tt.message)
			}
			var ee *sq.Error
			if !errors.As(err, &ee) {
				t.Errorf("Score() error %T is not an *EvaluationError", err)
			}
			if after, _ := tt.e.MarshalJSON(); string(after) != string(before) {
				t.Errorf("Score changed the evaluation")
			}
		})
	}
}

// TestScoreReportsEveryProblem checks that one call reports all problems of an evaluation, each findable.
func TestScoreReportsEveryProblem(t *testing.T) {
	e := call(all("0.5"), "purple", "swearing")
	e.Answers[0].Points = d("0.7")
	_, err := rubric.CallQuality().Score(e)
	for _, want := range []error{rubric.ErrInvalidScore, rubric.ErrUnknownLevel, rubric.ErrUnknownViolation} {
		if !errors.Is(err, want) {
			t.Errorf("error %v does not wrap %v", err, want)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("error has %d lines, want 3:\n%v", n, err)
	}
	// A problem outside the answers does not hide a missing one.
	e = call(all("0.5"), "green")
	e.Rubric, e.Answers = "chat", e.Answers[1:]
	_, err = rubric.CallQuality().Score(e)
	if !errors.Is(err, rubric.ErrRubricMismatch) || !errors.Is(err, rubric.ErrMissingAnswer) {
		t.Errorf("error %v does not report both the other rubric and the missing answer", err)
	}
	// Nor does a bad answer.
	e = call(all("0.5"), "green")
	e.Answers[1].Points = d("0.7")
	e.Answers = e.Answers[:9]
	_, err = rubric.CallQuality().Score(e)
	if !errors.Is(err, rubric.ErrInvalidScore) || !errors.Is(err, rubric.ErrMissingAnswer) {
		t.Errorf("error %v does not report both the bad score and the missing answer", err)
	}
}

func TestZeroRubric(t *testing.T) {
	var r rubric.Rubric
	if _, err := r.Score(rubric.Evaluation{}); !errors.Is(err, rubric.ErrInvalidDefinition) {
		t.Errorf("Score on a zero Rubric: error = %v, want ErrInvalidDefinition", err)
	}
	var res rubric.Result
	if !res.Total().IsZero() || res.Criteria() != nil || res.Reasons() != nil || res.String() != "no result" {
		t.Errorf("zero Result is not empty: %v", res)
	}
}

// TestScoreErrorFields: the *sq.Error of a problem names the answer counted from 1 in Path and carries what was
// given in Value, so that a CRM can point at the field: the unknown criterion's ID, the points off the scale.
func TestScoreErrorFields(t *testing.T) {
	r := rubric.CallQuality()
	tests := []struct {
		edit        func(e *rubric.Evaluation)
		path, value string
		err         error
		reason      string
	}{
		{func(e *rubric.Evaluation) { e.Answers[7].Criterion = "smile" }, "answers[8].criterion", `"smile"`, rubric.ErrUnknownCriterion,
			"the 8th answer names an unknown criterion"},
		{func(e *rubric.Evaluation) { e.Answers[0].Points = d("0.55") }, "answers[1].points", "0.55", rubric.ErrInvalidScore,
			"the first answer is off the 0.1 steps"},
		{func(e *rubric.Evaluation) { e.Violations = []string{"profanity", "late"} }, "violations[2]", `"late"`, rubric.ErrUnknownViolation,
			"the second violation is not the rubric's"},
	}
	for _, tt := range tests {
		e := call(all("0.5"), "green")
		tt.edit(&e)
		_, err := r.Score(e)
		var se *sq.Error
		if !errors.As(err, &se) || !errors.Is(err, tt.err) {
			t.Fatalf("Score() error = %v, want an *sq.Error wrapping %v (%s)", err, tt.err, tt.reason)
		}
		// An unknown criterion also leaves its criterion unanswered: the first error is the answer's.
		if se.Pkg != "rubric" || se.Path != tt.path || se.Value != tt.value {
			t.Errorf("Score() error fields = %q %q %q, want rubric %q %q (%s)", se.Pkg, se.Path, se.Value, tt.path, tt.value, tt.reason)
		}
	}
}
