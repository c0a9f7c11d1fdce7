package rating

import (
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// CallScoreOf returns the CallScore of a scored evaluation: its total, and the evaluation ID, employee ID,
// department and time the evaluation carried (rubric.Evaluation.Department; when the evaluation has none,
// CallScore.DepartmentID stays empty: set it before grouping by department). The rubric must be on the 5-point
// scale of the ratings (Max 5, SPEC R9); a rubric on another scale is an error wrapping ErrOutOfRange rather than
// a silent rescaling (RescaledCallScoreOf rescales it explicitly), and missing identifiers or time are errors
// wrapping sq.ErrInvalid.
func CallScoreOf(res rubric.Result) (CallScore, error) {
	if res.Rubric() == nil {
		return CallScore{}, errorf("call score of an empty result (no rubric): %w", errInvalidInput)
	}
	if max := res.Max(); !max.Equal(decimal.New(5, 0)) {
		return CallScore{}, errorf("evaluation %q is on rubric %q with scale 0–%s; ratings take totals on 0–5: %w",
			res.Meta().ID, res.Rubric().ID(), max, ErrOutOfRange)
	}
	return callScore(res, res.Total())
}

// callScore builds and checks the CallScore of res with the given total (see CallScoreOf).
func callScore(res rubric.Result, total decimal.Decimal) (CallScore, error) {
	m := res.Meta()
	c := CallScore{EvaluationID: m.ID, EmployeeID: m.EmployeeID, DepartmentID: m.Department, At: m.At, Total: total,
		Unscheduled: m.Unscheduled}
	if err := c.validate(0); err != nil {
		return CallScore{}, err
	}
	return c, nil
}

// RescaledCallScoreOf is CallScoreOf for a rubric on any maximum (100, 10, 5, ...): the CallScore's Total is the
// evaluation's total on the 5-point scale of the ratings (SPEC R9), total · 5 / Max, and its Scale records the
// original maximum (res.Total() and res.Max() are the original total and maximum).
//
// The rule: on a rubric with Max 5 the total is taken as it is, as CallScoreOf does. Otherwise total · 5 / Max is
// computed from the exact, unrounded total of the evaluation (rubric.Result.Rescaled), kept exact when it
// terminates within 10 digits after the point (87 of 100 gives 4.35) and otherwise rounded once, half-even, to 10
// digits (2 of 3 gives 3.3333333333), the stored precision (sq.StoredPrecision). An auto-failed evaluation is 0
// on every scale. The department, identifiers and time are as for CallScoreOf.
func RescaledCallScoreOf(res rubric.Result) (CallScore, error) {
	if res.Rubric() == nil {
		return CallScore{}, errorf("call score of an empty result (no rubric): %w", errInvalidInput)
	}
	total, max := res.Total(), res.Max()
	if !max.Equal(decimal.New(5, 0)) {
		exact, err := res.Rescaled(decimal.New(5, 0))
		var r sq.Rounded
		if err == nil {
			r, err = exact.Round(sq.StoredPrecision())
		}
		if err != nil { // unreachable: 5 and the stored precision are valid
			return CallScore{}, errorf("evaluation %q: %v: %w", res.Meta().ID, err, errInvalidInput)
		}
		total = r.Value
	}
	c, err := callScore(res, total)
	if err != nil {
		return CallScore{}, err
	}
	if !max.Equal(decimal.New(5, 0)) {
		c.Scale = max
	}
	return c, nil
}

// SurveyOf returns the Survey index of a group's clients from its survey tallies and coverage, exactly: the CSI
// (SPEC R11, the mean answer on 1–5) and the yes/no NPS on 5 points (SPEC R12–R13: the share of "yes" × 5), and the
// coverage counts for the 4% rule (SPEC R14). A metric with no answers is left out (nil) rather than counted as
// zero. Nothing is rounded.
func SurveyOf(t survey.Tallies, c survey.Share) (Survey, error) {
	s := Survey{Surveyed: c.Hits(), Clients: c.Total()}
	if t.CSI.Total() > 0 {
		csi, err := t.CSI.Mean()
		if err != nil {
			return Survey{}, within("survey CSI", err)
		}
		s.CSI = &csi
	}
	if t.Recommend.Total() > 0 {
		nps, err := t.Recommend.Points()
		if err != nil {
			return Survey{}, within("survey NPS", err)
		}
		s.NPS = &nps
	}
	return s, nil
}
