package rubric_test

// A naive reference implementation of scoring that does every step with shopspring/decimal operations and ID
// lookups in maps, written straight from the package documentation. It lives only in test code: the benchmarks
// compare Score against it, and TestPropertyMatchesNaive checks on random rubrics and evaluations that Score gives
// identical results.

import (
	"errors"
	"github.com/servicequality/servicequality/sq"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

type naiveRubric struct {
	def      rubric.Definition
	crit     map[string]rubric.Criterion
	levels   map[string]map[string]rubric.Level
	viol     map[string]rubric.Violation
	places   int32
	weighted bool
}

type naiveResult struct {
	total, raw decimal.Decimal
	exact      bool
	autoFail   bool
	reasons    []rubric.Reason
}

var errNaive = errors.New("naive: invalid evaluation")

func newNaive(r *rubric.Rubric) *naiveRubric {
	n := &naiveRubric{def: r.Definition(), crit: map[string]rubric.Criterion{}, levels: map[string]map[string]rubric.Level{},
		viol: map[string]rubric.Violation{}, places: r.Precision().Places}
	for _, c := range n.def.Criteria {
		n.crit[c.ID] = c
		n.levels[c.ID] = levelPoints(c)
	}
	for _, v := range n.def.Violations {
		n.viol[v.ID] = v
	}
	for _, s := range n.def.Sections {
		n.weighted = n.weighted || s.Weight.Sign() > 0
	}
	return n
}

// levelPoints returns the levels of a criterion with their points, computing rating levels with decimals.
func levelPoints(c rubric.Criterion) map[string]rubric.Level {
	out := map[string]rubric.Level{}
	s := c.Scale
	switch s.Kind {
	case rubric.Binary:
		out["pass"] = rubric.Level{ID: "pass", Points: s.Max}
		out["fail"] = rubric.Level{ID: "fail", Points: decimal.Zero}
	case rubric.Rating:
		for k := 1; k <= s.Size; k++ {
			q, _ := s.Max.Mul(decimal.NewFromInt(int64(k-1))).QuoRem(decimal.NewFromInt(int64(s.Size-1)), 6)
			out[decimal.NewFromInt(int64(k)).String()] = rubric.Level{ID: decimal.NewFromInt(int64(k)).String(), Points: q}
		}
	case rubric.Levels:
		for _, l := range s.Levels {
			out[l.ID] = l
		}
	}
	return out
}

func (n *naiveRubric) score(e rubric.Evaluation) (naiveResult, error) {
	if (e.Rubric != "" && e.Rubric != n.def.ID) || (e.Version != "" && e.Version != n.def.Version) {
		return naiveResult{}, errNaive
	}
	type state struct {
		raw, max decimal.Decimal
		level    rubric.Level
		zeroed   bool
	}
	st := map[string]*state{}
	for _, a := range e.Answers {
		c, ok := n.crit[a.Criterion]
		if !ok || st[a.Criterion] != nil {
			return naiveResult{}, errNaive
		}
		s := &state{max: c.MaxPoints()}
		switch {
		case a.NA:
			if a.Level != "" || !a.Points.IsZero() {
				return naiveResult{}, errNaive
			}
			switch c.NA {
			case rubric.NAExclude:
				s.max = decimal.Zero
			case rubric.NAZero:
			case rubric.NAFull:
				s.raw = s.max
			default:
				return naiveResult{}, errNaive
			}
		case c.Scale.Kind == rubric.Points:
			p := a.Points
			if a.Level != "" || p.Exponent() < -18 || p.NumDigits() > 30 || p.LessThan(c.Scale.Min) || p.GreaterThan(c.Scale.Max) ||
				!p.Sub(c.Scale.Min).Mod(c.Scale.Step).IsZero() {
				return naiveResult{}, errNaive
			}
			s.raw = p
		default:
			l, ok := n.levels[c.ID][a.Level]
			if !ok || !a.Points.IsZero() {
				return naiveResult{}, errNaive
			}
			s.raw, s.level = l.Points, l
		}
		st[a.Criterion] = s
	}
	if len(st) != len(n.def.Criteria) {
		return naiveResult{}, errNaive
	}
	seen := map[string]bool{}
	for _, v := range e.Violations {
		if _, ok := n.viol[v]; !ok || seen[v] {
			return naiveResult{}, errNaive
		}
		seen[v] = true
	}
	var res naiveResult
	zero := func(id string) {
		if s := st[id]; !s.max.IsZero() {
			s.zeroed = true
		}
	}
	zeroSection := func(sec string) {
		for _, c := range n.def.Criteria {
			if c.Section == sec {
				zero(c.ID)
			}
		}
	}
	fire := func(effect rubric.Effect, target string, why rubric.Reason) {
		why.Effect = effect
		switch effect {
		case rubric.EffectCriterion:
			zero(target)
			why.Target = target
		case rubric.EffectSection:
			zeroSection(target)
			why.Target = target
		case rubric.EffectEvaluation:
			res.autoFail = true
		}
		res.reasons = append(res.reasons, why)
	}
	for _, c := range n.def.Criteria {
		if l := st[c.ID].level; l.Effect != rubric.EffectNone {
			target := c.ID
			if l.Effect == rubric.EffectSection {
				target = c.Section
			}
			fire(l.Effect, target, rubric.Reason{Criterion: c.ID, Level: l.ID})
		}
	}
	for _, v := range n.def.Violations {
		if seen[v.ID] && v.Effect != rubric.EffectNone {
			fire(v.Effect, v.Target, rubric.Reason{Violation: v.ID})
		}
	}
	points := func(s *state, after bool) decimal.Decimal {
		if after && (s.zeroed || res.autoFail) {
			return decimal.Zero
		}
		return s.raw
	}
	total := func(after bool) (decimal.Decimal, bool, bool) {
		if !n.weighted {
			p, m := decimal.Zero, decimal.Zero
			for _, c := range n.def.Criteria {
				p, m = p.Add(points(st[c.ID], after)), m.Add(st[c.ID].max)
			}
			if m.IsZero() {
				return decimal.Zero, true, false
			}
			q, exact := roundQuo(n.def.Max.Mul(p), m, n.places, n.def.Precision.Rounding)
			return q, exact, true
		}
		// Σ wₛ·pₛ/mₛ over a common denominator, all in decimals.
		type part struct{ w, p, m decimal.Decimal }
		var parts []part
		for _, s := range n.def.Sections {
			p, m := decimal.Zero, decimal.Zero
			for _, c := range n.def.Criteria {
				if c.Section == s.ID {
					p, m = p.Add(points(st[c.ID], after)), m.Add(st[c.ID].max)
				}
			}
			if !m.IsZero() && s.Weight.Sign() > 0 {
				parts = append(parts, part{s.Weight, p, m})
			}
		}
		if len(parts) == 0 {
			return decimal.Zero, true, false
		}
		num, den, wsum := decimal.Zero, decimal.NewFromInt(1), decimal.Zero
		for i, x := range parts {
			term := x.w.Mul(x.p)
			for j, y := range parts {
				if j != i {
					term = term.Mul(y.m)
				}
			}
			num = num.Add(term)
			den = den.Mul(x.m)
			wsum = wsum.Add(x.w)
		}
		q, exact := roundQuo(n.def.Max.Mul(num), den.Mul(wsum), n.places, n.def.Precision.Rounding)
		return q, exact, true
	}
	var ok bool
	res.raw, _, ok = total(false)
	res.total, res.exact, _ = total(true)
	if !ok && !res.autoFail {
		return naiveResult{}, errNaive
	}
	if res.autoFail {
		res.total, res.exact = decimal.Zero, true
	}
	return res, nil
}

// roundQuo returns num/den (both non-negative) rounded to places by mode with decimal operations only, and whether
// the quotient was exact.
func roundQuo(num, den decimal.Decimal, places int32, mode sq.Rounding) (decimal.Decimal, bool) {
	q, r := num.QuoRem(den, places)
	if r.IsZero() {
		return q, true
	}
	unit := decimal.New(1, -places)
	twice, scaled := r.Mul(decimal.NewFromInt(2)), den.Mul(unit)
	switch c := twice.Cmp(scaled); mode {
	case sq.HalfUp:
		if c >= 0 {
			q = q.Add(unit)
		}
	case sq.HalfEven:
		if c > 0 || (c == 0 && q.Shift(places).Mod(decimal.NewFromInt(2)).Equal(decimal.NewFromInt(1))) {
			q = q.Add(unit)
		}
	}
	return q, false
}
