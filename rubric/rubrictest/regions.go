package rubrictest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Region is the part of the space of evaluations a generator favours. Uniform draws rarely reach the corners a
// rubric owner cares about (the top band of the call rubric is reached by about 2 draws in 10,000), so properties
// about high scores, band boundaries or overrides draw from the region they concern.
//
// The zero Region is Anywhere.
type Region int

const (
	// Anywhere: every valid answer of a criterion equally likely, N/A one time in four where allowed, each
	// violation one time in five.
	Anywhere Region = iota
	// HighScores: each criterion at its best answer four times in five and otherwise any answer, no override
	// fired, N/A only where it excludes the criterion or counts it as full. At least 20% of draws on the call
	// rubric reach a total of 4.5 or more (measured: 68.6% of 2,000 draws, against none of 2,000 uniform draws).
	HighScores
	// LowScores: each criterion at its worst answer (that fires no override) four times in five, otherwise any.
	LowScores
	// BandEdges: the evaluations just at and just below a band's minimum, 0 or the maximum, found on a walk from
	// the best answers down to the worst one step at a time in a drawn order of the criteria. No N/A.
	BandEdges
	// Overrides: a draw from Anywhere with at least one override firing (a level or a violation with an effect),
	// when the rubric has any.
	Overrides
)

// Regions returns every Region, in order, in a new slice.
func Regions() []Region { return []Region{Anywhere, HighScores, LowScores, BandEdges, Overrides} }

// regionCount is len(Regions()).
const regionCount = 5

func (g Region) String() string {
	switch g {
	case Anywhere:
		return "anywhere"
	case HighScores:
		return "high scores"
	case LowScores:
		return "low scores"
	case BandEdges:
		return "band edges"
	case Overrides:
		return "overrides"
	}
	return fmt.Sprintf("Region(%d)", int(g))
}

// source draws small integers; the same generator code draws from a *rapid.T (shrinking) or a seeded PRNG
// (conformance vectors).
type source interface {
	intn(label string, n int) int // 0 … n−1
}

type rapidSource struct{ t *rapid.T }

func (s rapidSource) intn(label string, n int) int { return rapid.IntRange(0, n-1).Draw(s.t, label) }

type randSource struct{ r *rand.Rand }

func (s randSource) intn(_ string, n int) int { return s.r.IntN(n) }

// shape is what drawing evaluations of one rubric needs, computed once.
type shape struct {
	r        *rubric.Rubric
	crits    []rubric.Criterion
	choices  [][]answerChoice // per criterion, ascending by points
	plain    [][]answerChoice // per criterion, the choices that fire no override, ascending by points
	anchor   int
	viols    []rubric.Violation
	levelOvr [][2]int // criterion and choice index of every level with an effect
	edges    []rubricTarget
}

// rubricTarget is a total the BandEdges region aims at.
type rubricTarget struct{ name, min string }

func newShape(r *rubric.Rubric) *shape {
	s := &shape{r: r, crits: r.Criteria(), viols: r.Violations()}
	s.anchor = anchorCriterion(s.crits, r.Definition().Sections, weighted(r.Definition().Sections))
	for i, c := range s.crits {
		all := choices(c)
		slices.SortStableFunc(all, func(a, b answerChoice) int { return a.points.Cmp(b.points) })
		var plain []answerChoice
		for j, ch := range all {
			if ch.override {
				s.levelOvr = append(s.levelOvr, [2]int{i, j})
			} else {
				plain = append(plain, ch)
			}
		}
		if len(plain) == 0 { // every level fires an override; keep the rubric drawable
			plain = all
		}
		s.choices, s.plain = append(s.choices, all), append(s.plain, plain)
	}
	s.edges = append(s.edges, rubricTarget{"the maximum", r.Max().String()}, rubricTarget{"0", "0"})
	for _, b := range r.Definition().Bands {
		if b.Min.Sign() > 0 {
			s.edges = append(s.edges, rubricTarget{fmt.Sprintf("band %q", b.ID), b.Min.String()})
		}
	}
	return s
}

// base returns the evaluation answering every criterion with its best answer that fires no override, with no
// N/A and no violation.
func (s *shape) base() rubric.Evaluation {
	e := rubric.Evaluation{Rubric: s.r.ID(), Version: s.r.Version()}
	for i := range s.crits {
		p := s.plain[i]
		e.Answers = append(e.Answers, p[len(p)-1].answer)
	}
	return e
}

// draw draws one valid evaluation of the shape's rubric in region g.
func (s *shape) draw(src source, o EvalOptions) rubric.Evaluation {
	e := rubric.Evaluation{Rubric: s.r.ID(), Version: s.r.Version()}
	switch o.Toward {
	case BandEdges:
		e.Answers = s.edge(src)
	default:
		for i, c := range s.crits {
			e.Answers = append(e.Answers, s.answer(src, i, c, o))
		}
		for _, v := range s.viols {
			if v.Effect != rubric.EffectNone && (o.NoOverrides || o.Toward == HighScores || o.Toward == LowScores) {
				continue
			}
			if src.intn("violation", 5) == 0 {
				e.Violations = append(e.Violations, v.ID)
			}
		}
		if o.Toward == Overrides && !o.NoOverrides {
			s.force(src, &e)
		}
	}
	if o.Shuffle {
		for i := len(e.Answers) - 1; i > 0; i-- {
			j := src.intn("order", i+1)
			e.Answers[i], e.Answers[j] = e.Answers[j], e.Answers[i]
		}
	}
	return e
}

func (s *shape) answer(src source, i int, c rubric.Criterion, o EvalOptions) rubric.Answer {
	na := !o.NoNA && i != s.anchor && c.NA != rubric.NAForbidden
	if o.Toward == HighScores || o.Toward == LowScores {
		na = na && (c.NA == rubric.NAExclude || (o.Toward == HighScores) == (c.NA == rubric.NAFull))
	}
	if na && src.intn("na", 4) == 0 {
		return rubric.NAAnswer(c.ID)
	}
	var ok []answerChoice
	switch o.Toward {
	case HighScores, LowScores:
		ok = s.plain[i]
		// 0–3 pick the extreme, so that rapid shrinks toward it; 4 picks any answer.
		if src.intn("extreme", 5) < 4 {
			if o.Toward == HighScores {
				return ok[len(ok)-1].answer
			}
			return ok[0].answer
		}
	default:
		ok = s.choices[i]
		if o.NoOverrides {
			ok = s.plain[i]
		}
	}
	return ok[src.intn("answer", len(ok))].answer
}

// force makes at least one override fire in e.
func (s *shape) force(src source, e *rubric.Evaluation) {
	var violIdx []int
	for i, v := range s.viols {
		if v.Effect != rubric.EffectNone {
			violIdx = append(violIdx, i)
		}
	}
	n := len(s.levelOvr) + len(violIdx)
	if n == 0 {
		return
	}
	k := src.intn("override", n)
	if k < len(s.levelOvr) {
		ci, j := s.levelOvr[k][0], s.levelOvr[k][1]
		e.Answers[ci] = s.choices[ci][j].answer // answers are in the rubric's order until shuffled
		return
	}
	id := s.viols[violIdx[k-len(s.levelOvr)]].ID
	if !slices.Contains(e.Violations, id) {
		e.Violations = append(slices.Clone(e.Violations), id)
		slices.SortFunc(e.Violations, func(a, b string) int { return s.violIndex(a) - s.violIndex(b) })
	}
}

func (s *shape) violIndex(id string) int {
	return slices.IndexFunc(s.viols, func(v rubric.Violation) bool { return v.ID == id })
}

// walk returns the evaluations met going from the best answers (that fire no override) down to the worst, one
// step of one criterion at a time, criteria taken in the given order, with their totals; stop ends the walk early
// at the first total below it (nil: walk to the end).
func (s *shape) walk(order []int, stop func(total rubric.Result) bool) [][]rubric.Answer {
	cur := make([]int, len(s.crits))
	for i := range cur {
		cur[i] = len(s.plain[i]) - 1
	}
	answers := func() []rubric.Answer {
		out := make([]rubric.Answer, len(cur))
		for i, j := range cur {
			out[i] = s.plain[i][j].answer
		}
		return out
	}
	steps := [][]rubric.Answer{answers()}
	for _, ci := range order {
		for cur[ci] > 0 {
			cur[ci]--
			a := answers()
			steps = append(steps, a)
			if stop != nil {
				if res, err := s.r.Score(rubric.Evaluation{Answers: a}); err == nil && stop(res) {
					return steps
				}
			}
		}
	}
	return steps
}

// edge draws the answers of an evaluation at or just below one of the rubric's edges.
func (s *shape) edge(src source) []rubric.Answer {
	order := make([]int, len(s.crits))
	for i := range order {
		order[i] = i
	}
	for i := len(order) - 1; i > 0; i-- {
		j := src.intn("walk", i+1)
		order[i], order[j] = order[j], order[i]
	}
	target := s.edges[src.intn("edge", len(s.edges))]
	min := mustDecimal(target.min)
	steps := s.walk(order, func(res rubric.Result) bool { return res.Total().LessThan(min) })
	// steps ends with the first evaluation below the target (or the worst one); the one before reaches it.
	k := len(steps) - 1
	if k > 0 && src.intn("side", 2) == 0 {
		k--
	}
	return steps[k]
}

// identify sets identifiers and a time on e, as a quality specialist's form would.
func identify(src source, e *rubric.Evaluation) {
	e.ID = fmt.Sprintf("ev-%d", src.intn("evID", 1e6)+1)
	e.CallID = fmt.Sprintf("call-%d", src.intn("callID", 1e6)+1)
	e.EmployeeID = []string{"e-1", "e-2", "e-3"}[src.intn("employee", 3)]
	e.EvaluatorID = []string{"qa-1", "qa-2"}[src.intn("evaluator", 2)]
	e.At = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(src.intn("hour", 365*24)) * time.Hour)
}

func mustDecimal(s string) decimal.Decimal { return decimal.RequireFromString(s) }
