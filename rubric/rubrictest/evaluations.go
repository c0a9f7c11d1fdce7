package rubrictest

import (
	"fmt"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// EvalOptions narrows the evaluations EvaluationWith draws. The zero EvalOptions draws any valid evaluation.
type EvalOptions struct {
	// NoOverrides: never choose a level with an effect and never raise a violation with an effect, so the total is
	// the plain (rescaled) sum of points.
	NoOverrides bool
	// NoNA: answer every criterion, even where N/A is allowed.
	NoNA bool
	// Shuffle: give the answers in random order instead of the rubric's.
	Shuffle bool
	// Toward is the region of evaluations to favour (see Region): Anywhere (the zero value), HighScores,
	// LowScores, BandEdges or Overrides. Overrides with NoOverrides draws from Anywhere.
	Toward Region
}

// Evaluation returns a generator of valid evaluations of r: every criterion answered with points on its step, a
// level, or N/A where its policy allows; known violations at most once; identifiers and a time set. r.Score
// accepts every evaluation it draws.
func Evaluation(r *rubric.Rubric) *rapid.Generator[rubric.Evaluation] {
	return EvaluationWith(r, EvalOptions{})
}

// EvaluationWith is Evaluation narrowed by o.
func EvaluationWith(r *rubric.Rubric, o EvalOptions) *rapid.Generator[rubric.Evaluation] {
	s := newShape(r)
	return rapid.Custom(func(t *rapid.T) rubric.Evaluation {
		src := rapidSource{t}
		e := rubric.Evaluation{}
		identify(src, &e)
		d := s.draw(src, o)
		e.Rubric, e.Version, e.Answers, e.Violations = d.Rubric, d.Version, d.Answers, d.Violations
		return e
	})
}

// AnyRegion returns a generator of valid evaluations of r drawn from every Region in turn, the mix the checkers
// of this package use.
func AnyRegion(r *rubric.Rubric) *rapid.Generator[rubric.Evaluation] {
	return mixed(r, Regions())
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
