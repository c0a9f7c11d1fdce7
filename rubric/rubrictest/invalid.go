package rubrictest

import (
	"github.com/servicequality/servicequality/sq"
	"slices"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Invalid is an evaluation that scoring must refuse, with the sentinel its error must wrap.
type Invalid struct {
	Evaluation rubric.Evaluation
	// Err is the sentinel (rubric.ErrMissingAnswer, ...) that errors.Is must find in Score's error.
	Err error
	// Why says what was broken, for failure messages.
	Why string
}

// InvalidEvaluation returns a generator of evaluations of r broken in exactly one way: an unknown or repeated
// criterion, a missing answer, points off the scale or of absurd size, an unknown level, N/A where the policy
// forbids it, an unknown or repeated violation, or another rubric's ID. Each comes with the sentinel error
// Score must report.
func InvalidEvaluation(r *rubric.Rubric) *rapid.Generator[Invalid] {
	crits := r.Criteria()
	return rapid.Custom(func(t *rapid.T) Invalid {
		e := EvaluationWith(r, EvalOptions{NoNA: true}).Draw(t, "valid")
		e.Answers = slices.Clone(e.Answers)
		type breaker struct {
			why   string
			err   error
			apply func()
		}
		pick := func(label string, n int) int { return rapid.IntRange(0, n-1).Draw(t, label) }
		breakers := []breaker{
			{"answer for an unknown criterion", rubric.ErrUnknownCriterion, func() {
				e.Answers = append(e.Answers, rubric.PointsAnswer("no-such-criterion", decimal.Zero))
			}},
			{"criterion answered twice", rubric.ErrDuplicateAnswer, func() {
				e.Answers = append(e.Answers, e.Answers[pick("dup", len(e.Answers))])
			}},
			{"answer left out", rubric.ErrMissingAnswer, func() {
				i := pick("drop", len(e.Answers))
				e.Answers = slices.Delete(e.Answers, i, i+1)
			}},
			{"another rubric's ID", rubric.ErrRubricMismatch, func() { e.Rubric = r.ID() + "-other" }},
			{"unknown violation", rubric.ErrUnknownViolation, func() { e.Violations = append(slices.Clone(e.Violations), "no-such-violation") }},
		}
		var points, levels, forbidden []int
		for i, c := range crits {
			if c.Scale.Kind == rubric.Points {
				points = append(points, i)
			} else {
				levels = append(levels, i)
			}
			if c.NA == rubric.NAForbidden {
				forbidden = append(forbidden, i)
			}
		}
		if len(points) > 0 {
			breakers = append(breakers,
				breaker{"points above the maximum", rubric.ErrInvalidScore, func() {
					i := points[pick("crit", len(points))]
					s := crits[i].Scale
					e.Answers[i].Points = s.Max.Add(s.Step)
				}},
				breaker{"points between two steps", rubric.ErrInvalidScore, func() {
					i := points[pick("crit", len(points))]
					s := crits[i].Scale
					e.Answers[i].Points = s.Min.Add(s.Step.Mul(decimal.New(5, -1)))
				}},
				breaker{"points of absurd size", sq.ErrLimit, func() {
					i := points[pick("crit", len(points))]
					e.Answers[i].Points = decimal.New(1, -40)
				}},
				breaker{"level given on a points scale", rubric.ErrUnknownLevel, func() {
					i := points[pick("crit", len(points))]
					e.Answers[i] = rubric.LevelAnswer(crits[i].ID, "pass")
				}},
			)
		}
		if len(levels) > 0 {
			breakers = append(breakers, breaker{"unknown level", rubric.ErrUnknownLevel, func() {
				i := levels[pick("crit", len(levels))]
				e.Answers[i] = rubric.LevelAnswer(crits[i].ID, "no-such-level")
			}})
		}
		if len(forbidden) > 0 {
			breakers = append(breakers, breaker{"N/A where the policy forbids it", rubric.ErrNotApplicable, func() {
				i := forbidden[pick("crit", len(forbidden))]
				e.Answers[i] = rubric.NAAnswer(crits[i].ID)
			}})
		}
		if len(e.Violations) > 0 {
			breakers = append(breakers, breaker{"violation listed twice", rubric.ErrUnknownViolation, func() {
				e.Violations = append(slices.Clone(e.Violations), e.Violations[pick("v", len(e.Violations))])
			}})
		}
		b := rapid.SampledFrom(breakers).Draw(t, "breaker")
		b.apply()
		return Invalid{Evaluation: e, Err: b.err, Why: b.why}
	})
}
