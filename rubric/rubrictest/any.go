package rubrictest

import (
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// AnyEvaluation returns a generator of evaluations of any shape, valid for no rubric in particular: arbitrary
// identifiers (any strings, invalid UTF-8 included), answers with points of any size and places, levels, N/A or
// several of them at once, repeated violations, and times from any year with any offset, seconds included. It is
// for properties of the edges: whatever MarshalJSON writes must read back Equal, and what it cannot write it must
// refuse.
func AnyEvaluation() *rapid.Generator[rubric.Evaluation] {
	str := rapid.OneOf(rapid.SampledFrom([]string{"", "ev-1", "c-77", "greeting", "tonality", "green", "ſ", "\ufffd", `\ufffd`}),
		rapid.String(), rapid.Map(rapid.StringN(0, 8, -1), func(s string) string { return s + "\xff" }))
	return rapid.Custom(func(t *rapid.T) rubric.Evaluation {
		e := rubric.Evaluation{
			ID: str.Draw(t, "id"), Rubric: str.Draw(t, "rubric"), Version: str.Draw(t, "version"),
			CallID: str.Draw(t, "call"), EmployeeID: str.Draw(t, "employee"), EvaluatorID: str.Draw(t, "evaluator"),
		}
		if rapid.Bool().Draw(t, "hasTime") {
			sec := rapid.Int64Range(-70000000000, 260000000000).Draw(t, "unix")
			nsec := rapid.Int64Range(0, 999999999).Draw(t, "nsec")
			off := rapid.OneOf(rapid.Map(rapid.IntRange(-1439, 1439), func(m int) int { return m * 60 }),
				rapid.IntRange(-100000, 100000)).Draw(t, "offset")
			e.At = time.Unix(sec, nsec).In(time.FixedZone("", off))
		}
		n := rapid.IntRange(0, 6).Draw(t, "answers")
		for range n {
			a := rubric.Answer{Criterion: str.Draw(t, "criterion")}
			switch rapid.IntRange(0, 4).Draw(t, "kind") {
			case 0:
				a.Level = str.Draw(t, "level")
			case 1:
				a.NA = true
			case 2: // several at once
				a.Level, a.NA = str.Draw(t, "level"), rapid.Bool().Draw(t, "na")
				a.Points = decimal.New(rapid.Int64().Draw(t, "coef"), rapid.Int32Range(-25, 25).Draw(t, "exp"))
			default:
				a.Points = decimal.New(rapid.Int64().Draw(t, "coef"), rapid.Int32Range(-25, 25).Draw(t, "exp"))
			}
			e.Answers = append(e.Answers, a)
		}
		for range rapid.IntRange(0, 3).Draw(t, "violations") {
			e.Violations = append(e.Violations, str.Draw(t, "violation"))
		}
		return e
	})
}
