package rubrictest

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// EvalOptions narrows the evaluations EvaluationWith draws.
type EvalOptions struct {
	// NoOverrides: never choose a level with an effect and never raise a violation with an effect, so the total is
	// the plain (rescaled) sum of points.
	NoOverrides bool
	// NoNA: answer every criterion, even where N/A is allowed.
	NoNA bool
	// Shuffle: give the answers in random order instead of the rubric's.
	Shuffle bool
}

// Evaluation returns a generator of valid evaluations of r: every criterion answered with points on its step, a
// level, or N/A where its policy allows; known violations at most once; identifiers and a time set. r.Score
// accepts every evaluation it draws.
func Evaluation(r *rubric.Rubric) *rapid.Generator[rubric.Evaluation] {
	return EvaluationWith(r, EvalOptions{})
}

// EvaluationWith is Evaluation narrowed by o.
func EvaluationWith(r *rubric.Rubric, o EvalOptions) *rapid.Generator[rubric.Evaluation] {
	crits := r.Criteria()
	sections := r.Sections()
	anchor := anchorCriterion(crits, sections, r.Weighted())
	return rapid.Custom(func(t *rapid.T) rubric.Evaluation {
		e := rubric.Evaluation{
			ID:          fmt.Sprintf("ev-%d", rapid.IntRange(1, 1e6).Draw(t, "evID")),
			Rubric:      r.ID(),
			Version:     r.Version(),
			CallID:      fmt.Sprintf("call-%d", rapid.IntRange(1, 1e6).Draw(t, "callID")),
			EmployeeID:  rapid.SampledFrom([]string{"e-1", "e-2", "e-3"}).Draw(t, "employee"),
			EvaluatorID: rapid.SampledFrom([]string{"qa-1", "qa-2"}).Draw(t, "evaluator"),
			At:          time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 365*24).Draw(t, "hour")) * time.Hour),
		}
		for i, c := range crits {
			if !o.NoNA && i != anchor && c.NA != rubric.NAForbidden && rapid.IntRange(0, 3).Draw(t, "na") == 0 {
				e.Answers = append(e.Answers, rubric.NAAnswer(c.ID))
				continue
			}
			e.Answers = append(e.Answers, validAnswer(t, c, o.NoOverrides))
		}
		for _, v := range r.Violations() {
			if o.NoOverrides && v.Effect != rubric.EffectNone {
				continue
			}
			if rapid.IntRange(0, 4).Draw(t, "violation") == 0 {
				e.Violations = append(e.Violations, v.ID)
			}
		}
		if o.Shuffle {
			e.Answers = rapid.Permutation(e.Answers).Draw(t, "order")
		}
		return e
	})
}

// anchorCriterion returns a criterion that is never left out as N/A, so that something always counts: the first
// criterion of the first positively weighted section, or the first criterion.
func anchorCriterion(crits []rubric.Criterion, sections []rubric.Section, weighted bool) int {
	if !weighted {
		return 0
	}
	for _, s := range sections {
		if s.Weight.Sign() <= 0 {
			continue
		}
		for i, c := range crits {
			if c.Section == s.ID {
				return i
			}
		}
	}
	return 0
}

// answerChoice is one valid non-N/A answer on a criterion, with the points it is worth and whether it fires an
// override.
type answerChoice struct {
	answer   rubric.Answer
	points   decimal.Decimal
	override bool
}

func choices(c rubric.Criterion) []answerChoice {
	s := c.Scale
	var out []answerChoice
	switch s.Kind {
	case rubric.Points:
		for p := s.Min; p.LessThanOrEqual(s.Max); p = p.Add(s.Step) {
			out = append(out, answerChoice{answer: rubric.PointsAnswer(c.ID, p), points: p})
		}
	case rubric.Binary:
		out = append(out, answerChoice{rubric.LevelAnswer(c.ID, "fail"), decimal.Zero, false},
			answerChoice{rubric.LevelAnswer(c.ID, "pass"), s.Max, false})
	case rubric.Rating:
		for k := 1; k <= s.Size; k++ {
			p := s.Max.Mul(decimal.NewFromInt(int64(k-1))).DivRound(decimal.NewFromInt(int64(s.Size-1)), 6)
			out = append(out, answerChoice{rubric.LevelAnswer(c.ID, fmt.Sprint(k)), p, false})
		}
	case rubric.Levels:
		for _, l := range s.Levels {
			out = append(out, answerChoice{rubric.LevelAnswer(c.ID, l.ID), l.Points, l.Effect != rubric.EffectNone})
		}
	}
	return out
}

func validAnswer(t *rapid.T, c rubric.Criterion, noOverrides bool) rubric.Answer {
	var ok []answerChoice
	for _, ch := range choices(c) {
		if !(noOverrides && ch.override) {
			ok = append(ok, ch)
		}
	}
	return rapid.SampledFrom(ok).Draw(t, "answer").answer
}

// Raise returns, for the criterion answered at index i of e, the valid answers worth more points than the one
// given that fire no override; empty when there is none (or the answer is N/A).
func Raise(r *rubric.Rubric, e rubric.Evaluation, i int) []rubric.Answer {
	a := e.Answers[i]
	c, ok := r.Criterion(a.Criterion)
	if !ok || a.NA {
		return nil
	}
	var given decimal.Decimal
	found := false
	all := choices(c)
	for _, ch := range all {
		if ch.answer == a || (ch.answer.Level == "" && a.Level == "" && ch.points.Equal(a.Points)) {
			given, found = ch.points, true
		}
	}
	if !found {
		return nil
	}
	var out []rubric.Answer
	for _, ch := range all {
		if !ch.override && ch.points.GreaterThan(given) {
			out = append(out, ch.answer)
		}
	}
	return out
}
