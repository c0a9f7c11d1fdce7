package rating

import (
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// CallScoreOf returns the CallScore of a scored evaluation: its total, and the evaluation ID, employee ID and time
// the evaluation carried, with the department given, or, when departmentID is empty, the one the evaluation
// carried (rubric.Evaluation.Department); two different departments are an error wrapping ErrInvalidInput. The
// rubric must be on the 5-point scale of the ratings
// (Max 5, SPEC R9); a rubric on another scale is an error wrapping ErrOutOfRange rather than a silent rescaling
// (RescaledCallScoreOf rescales it explicitly), and missing identifiers or time are errors wrapping
// ErrInvalidInput.
func CallScoreOf(res rubric.Result, departmentID string) (CallScore, error) {
	if res.Rubric() == nil {
		return CallScore{}, errorf("call score of an empty result (no rubric): %w", ErrInvalidInput)
	}
	if max := res.Max(); !max.Equal(decimal.New(5, 0)) {
		return CallScore{}, errorf("evaluation %q is on rubric %q with scale 0–%s; ratings take totals on 0–5: %w",
			res.Meta().ID, res.Rubric().ID(), max, ErrOutOfRange)
	}
	return callScore(res, departmentID, res.Total())
}

// callScore builds and checks the CallScore of res with the given total and department (see CallScoreOf).
func callScore(res rubric.Result, departmentID string, total decimal.Decimal) (CallScore, error) {
	m := res.Meta()
	switch {
	case departmentID == "":
		departmentID = m.Department
	case m.Department != "" && m.Department != departmentID:
		return CallScore{}, errorf("evaluation %q is of department %q, not %q: %w", m.ID, m.Department, departmentID, ErrInvalidInput)
	}
	c := CallScore{EvaluationID: m.ID, EmployeeID: m.EmployeeID, DepartmentID: departmentID, At: m.At, Total: total,
		Unscheduled: m.Unscheduled}
	if err := c.validate(0); err != nil {
		return CallScore{}, err
	}
	return c, nil
}

// Rescaling records how RescaledCallScoreOf brought a total to the 5-point scale. The zero Rescaling records
// nothing.
type Rescaling struct {
	// Total and Max are the evaluation's total and its rubric's maximum, as scored (for example 87 of 100).
	Total, Max decimal.Decimal
	// Exact reports that the CallScore's Total is exactly Total·5/Max (always, on a rubric with Max 5).
	Exact bool
}

// RescaledCallScoreOf is CallScoreOf for a rubric on any maximum (100, 10, 5, ...): the CallScore's Total is the
// evaluation's total on the 5-point scale of the ratings (SPEC R9), total · 5 / Max, and Rescaling records the
// original total and maximum.
//
// The rule: on a rubric with Max 5 the total is taken as it is, as CallScoreOf does. Otherwise total · 5 / Max is
// computed from the exact, unrounded total of the evaluation (rubric.Result.Rescaled), kept exact when it
// terminates within StoredPlaces (10) digits after the point (87 of 100 gives 4.35) and otherwise rounded once,
// half-even, to StoredPlaces digits (2 of 3 gives 3.3333333333), the precision ratings store. An auto-failed
// evaluation is 0 on every scale. The department, and missing identifiers or time, are as for CallScoreOf.
func RescaledCallScoreOf(res rubric.Result, departmentID string) (CallScore, Rescaling, error) {
	if res.Rubric() == nil {
		return CallScore{}, Rescaling{}, errorf("call score of an empty result (no rubric): %w", ErrInvalidInput)
	}
	rs := Rescaling{Total: res.Total(), Max: res.Max(), Exact: true}
	total := res.Total()
	if !rs.Max.Equal(decimal.New(5, 0)) {
		exact, err := res.Rescaled(decimal.New(5, 0))
		var r sq.Rounded
		if err == nil {
			r, err = exact.Round(sq.Precision{Places: StoredPlaces, Rounding: StoredRounding})
		}
		if err != nil { // unreachable: 5, StoredPlaces and StoredRounding are valid
			return CallScore{}, Rescaling{}, errorf("evaluation %q: %v: %w", res.Meta().ID, err, ErrInvalidInput)
		}
		total, rs.Exact = r.Value, !r.Inexact
	}
	c, err := callScore(res, departmentID, total)
	if err != nil {
		return CallScore{}, Rescaling{}, err
	}
	if !rs.Max.Equal(decimal.New(5, 0)) {
		c.Scale = rs.Max
	}
	return c, rs, nil
}

// SurveyOf returns the Survey index of a group's clients from its survey tallies and coverage: the CSI (SPEC R11)
// and the yes/no NPS on 5 points (SPEC R12–R13), each rounded half-even to StoredPlaces digits when it does not
// terminate (so the index carries no more than the ratings keep), and the coverage counts for the 4% rule
// (SPEC R14). A metric with no answers is left out (Valid false) rather than counted as zero.
func SurveyOf(t survey.Tallies, c survey.Share) (Survey, error) {
	s := Survey{Surveyed: c.Hits(), Clients: c.Total()}
	if t.CSI.Total() != 0 {
		v, err := storedSurvey(t.CSI.Mean())
		if err != nil {
			return Survey{}, errorf("survey CSI: %v: %w", err, ErrInvalidInput)
		}
		s.CSI = decimal.NewNullDecimal(v)
	}
	if t.Recommend.Total() != 0 {
		v, err := storedSurvey(t.Recommend.Points())
		if err != nil {
			return Survey{}, errorf("survey NPS: %v: %w", err, ErrInvalidInput)
		}
		s.NPS = decimal.NewNullDecimal(v)
	}
	return s, nil
}

// storedSurvey rounds an exact survey index half-even to StoredPlaces digits.
func storedSurvey(f sq.Fraction, err error) (decimal.Decimal, error) {
	if err != nil {
		return decimal.Decimal{}, err
	}
	r, err := f.Round(sq.Precision{Places: StoredPlaces, Rounding: sq.HalfEven})
	return r.Value, err
}
