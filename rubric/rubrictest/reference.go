package rubrictest

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"math/big"
	"slices"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// expected is what the rules of package rubric give for a valid evaluation, computed here independently of
// rubric.Score: exact rationals, rounded once at the end.
type expected struct {
	total, raw decimal.Decimal
	exact      bool
	autoFail   bool
	band       string // "" when the total is in no band
}

// reference computes the expected result of e on r by the rules in package rubric's documentation, with
// math/big and none of the library's scoring code. It reports an error for an evaluation with nothing to score.
// It assumes e is valid (drawn by this package).
func reference(r *rubric.Rubric, e rubric.Evaluation) (expected, error) {
	d := r.Definition()
	answers := map[string]rubric.Answer{}
	for _, a := range e.Answers {
		answers[a.Criterion] = a
	}
	n := len(d.Criteria)
	raw, maxs := make([]*big.Rat, n), make([]*big.Rat, n)
	excluded, zeroed := make([]bool, n), make([]bool, n)
	level := make([]rubric.Level, n)
	for i, c := range d.Criteria {
		a := answers[c.ID]
		maxs[i] = c.MaxPoints().Rat()
		switch {
		case a.NA:
			switch c.NA {
			case rubric.NAExclude:
				excluded[i], raw[i], maxs[i] = true, new(big.Rat), new(big.Rat)
			case rubric.NAFull:
				raw[i] = new(big.Rat).Set(maxs[i])
			default:
				raw[i] = new(big.Rat)
			}
		case c.Scale.Kind == rubric.Points:
			raw[i] = a.Points.Rat()
		case c.Scale.Kind == rubric.Binary:
			raw[i] = new(big.Rat)
			if a.Level == "pass" {
				raw[i] = c.Scale.Max.Rat()
			}
		case c.Scale.Kind == rubric.Rating:
			var k int64
			fmt.Sscan(a.Level, &k)
			raw[i] = new(big.Rat).Mul(c.Scale.Max.Rat(), big.NewRat(k-1, int64(c.Scale.Size-1)))
		default:
			j := slices.IndexFunc(c.Scale.Levels, func(l rubric.Level) bool { return l.ID == a.Level })
			if j < 0 {
				return expected{}, fmt.Errorf("criterion %q: level %q not found", c.ID, a.Level)
			}
			level[i] = c.Scale.Levels[j]
			raw[i] = level[i].Points.Rat()
		}
	}
	// Overrides: levels in criterion order, then violations in the rubric's order.
	autoFail := false
	apply := func(effect rubric.Effect, crit int, target string) {
		switch effect {
		case rubric.EffectCriterion:
			if crit < 0 {
				crit = slices.IndexFunc(d.Criteria, func(c rubric.Criterion) bool { return c.ID == target })
			}
			zeroed[crit] = true
		case rubric.EffectSection:
			for k, c := range d.Criteria {
				if c.Section == target {
					zeroed[k] = true
				}
			}
		case rubric.EffectEvaluation:
			autoFail = true
		}
	}
	for i, c := range d.Criteria {
		if l := level[i]; l.Effect != rubric.EffectNone {
			apply(l.Effect, i, c.Section)
		}
	}
	for _, v := range d.Violations {
		if v.Effect != rubric.EffectNone && slices.Contains(e.Violations, v.ID) {
			apply(v.Effect, -1, v.Target)
		}
	}
	pts := make([]*big.Rat, n)
	for i := range pts {
		pts[i] = raw[i]
		if zeroed[i] || autoFail {
			pts[i] = new(big.Rat)
		}
	}
	rawX, okRaw := ratio(d, raw, maxs)
	totX, _ := ratio(d, pts, maxs)
	if !okRaw && !autoFail {
		return expected{}, fmt.Errorf("nothing to score: every criterion that counts is excluded")
	}
	places := r.Precision().Places
	var out expected
	out.raw, _ = roundRat(rawX, places, d.Precision.Rounding)
	out.total, out.exact = roundRat(totX, places, d.Precision.Rounding)
	if autoFail {
		out.total, out.exact, out.autoFail = decimal.Zero, true, true
	}
	for _, b := range d.Bands {
		if out.total.GreaterThanOrEqual(b.Min) {
			out.band = b.ID
		}
	}
	return out, nil
}

// ratio returns Max·Σp/Σm (unweighted) or Max·Σ wₛ·pₛ/mₛ / Σ wₛ over the weighted sections that count, and
// whether anything counted.
func ratio(d rubric.Definition, pts, maxs []*big.Rat) (*big.Rat, bool) {
	weighted := slices.ContainsFunc(d.Sections, func(s rubric.Section) bool { return s.Weight.Sign() > 0 })
	if !weighted {
		p, m := new(big.Rat), new(big.Rat)
		for i := range pts {
			p.Add(p, pts[i])
			m.Add(m, maxs[i])
		}
		if m.Sign() == 0 {
			return new(big.Rat), false
		}
		return p.Mul(p.Quo(p, m), d.Max.Rat()), true
	}
	sum, wsum := new(big.Rat), new(big.Rat)
	for _, s := range d.Sections {
		p, m := new(big.Rat), new(big.Rat)
		for i, c := range d.Criteria {
			if c.Section == s.ID {
				p.Add(p, pts[i])
				m.Add(m, maxs[i])
			}
		}
		if m.Sign() == 0 || s.Weight.Sign() == 0 {
			continue
		}
		w := s.Weight.Rat()
		wsum.Add(wsum, w)
		sum.Add(sum, w.Mul(w, p.Quo(p, m)))
	}
	if wsum.Sign() == 0 {
		return new(big.Rat), false
	}
	sum.Quo(sum, wsum)
	return sum.Mul(sum, d.Max.Rat()), true
}

// roundRat rounds x ≥ 0 to places digits by mode, and reports whether nothing was dropped.
func roundRat(x *big.Rat, places int32, mode sq.Rounding) (decimal.Decimal, bool) {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(x.Num(), scale)
	q, rem := new(big.Int).QuoRem(num, x.Denom(), new(big.Int))
	if rem.Sign() == 0 {
		return decimal.NewFromBigInt(q, -places), true
	}
	c := new(big.Int).Lsh(rem, 1).Cmp(x.Denom())
	switch mode {
	case sq.Down:
	case sq.HalfEven:
		if c > 0 || (c == 0 && q.Bit(0) == 1) {
			q.Add(q, big.NewInt(1))
		}
	default:
		if c >= 0 {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(q, -places), false
}
