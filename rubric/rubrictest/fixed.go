package rubrictest

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// fixedChecks proves the invariants that hold of the rubric as a whole: reachability, the maximum, bands,
// overrides, shares and the definition's JSON. They are decided by a few dozen evaluations built on purpose.
func fixedChecks(s *shape, c *config) []problem {
	var out []problem
	add := func(inv, format string, args ...any) {
		if !c.skip[inv] {
			out = append(out, problem{inv, fmt.Sprintf(format, args...)})
		}
	}
	r := s.r
	base := s.base()
	top, err := r.Score(base)
	if err != nil {
		add(InvMaximum, "the best answers are refused: %v", err)
		return out
	}
	if !top.Total().Equal(r.Max()) {
		add(InvMaximum, "the maximum %s can never be reached: the best answers that fire no override give %s", r.Max(), top.Total())
	}
	checkReachable(s, base, top, add)
	checkOverrides(s, base, add)
	checkBands(s, add)
	if !c.share.IsZero() {
		for _, sh := range shares(r) {
			if sh.share.GreaterThan(c.share) {
				add(InvShare, "criterion %q weighs %s%% of the total, more than the %s%% allowed", sh.id,
					pct(sh.share), pct(c.share))
			}
		}
	}
	checkDefinitionJSON(r, add)
	return out
}

func pct(d decimal.Decimal) string { return d.Shift(2).Round(2).String() }

func checkReachable(s *shape, base rubric.Evaluation, top rubric.Result, add func(string, string, ...any)) {
	r := s.r
	for i, c := range s.crits {
		for _, ch := range s.choices[i] {
			e := with(base, i, ch.answer)
			res, err := r.Score(e)
			if err != nil {
				add(InvReachable, "criterion %q can never be answered %s: %v", c.ID, answerString(ch.answer), err)
				continue
			}
			if got, _ := res.Criterion(c.ID); !got.Raw.Equal(ch.points) {
				add(InvReachable, "criterion %q answered %s counts %s, not the %s it is worth", c.ID,
					answerString(ch.answer), got.Raw, ch.points)
			}
		}
		if c.NA != rubric.NAForbidden && len(s.crits) > 1 {
			if _, err := r.Score(with(base, i, rubric.NAAnswer(c.ID))); err != nil {
				add(InvReachable, "criterion %q can never be answered N/A: %v", c.ID, err)
			}
		}
		plain := s.plain[i]
		if lo, hi := plain[0], plain[len(plain)-1]; lo.points.LessThan(hi.points) {
			low, err := r.Score(with(base, i, lo.answer))
			if err == nil && low.Total().Equal(top.Total()) {
				add(InvReachable, "criterion %q can never change the total: answered %s or %s, the total is %s either way",
					c.ID, answerString(lo.answer), answerString(hi.answer), top.Total())
			}
		}
	}
}

func checkOverrides(s *shape, base rubric.Evaluation, add func(string, string, ...any)) {
	r := s.r
	try := func(what string, e rubric.Evaluation, want rubric.Reason, effect rubric.Effect, target string, noOverride rubric.Evaluation) {
		res, err := r.Score(e)
		if err != nil {
			add(InvOverrides, "%s can never fire: %v", what, err)
			return
		}
		if !slices.ContainsFunc(res.Reasons(), func(why rubric.Reason) bool {
			return why.Effect == want.Effect && why.Criterion == want.Criterion && why.Level == want.Level &&
				why.Violation == want.Violation && why.Target == want.Target
		}) {
			add(InvOverrides, "%s fires but is not among the reasons %v", what, res.Reasons())
		}
		switch effect {
		case rubric.EffectCriterion:
			if got, _ := res.Criterion(target); !zeroish(got.Points) {
				add(InvOverrides, "%s does not zero criterion %q: it still counts %s", what, target, got.Points)
			}
		case rubric.EffectSection:
			for _, cr := range res.Criteria() {
				if cr.Section == target && !zeroish(cr.Points) {
					add(InvOverrides, "%s does not zero section %q: criterion %q still counts %s", what, target, cr.ID, cr.Points)
				}
			}
		case rubric.EffectEvaluation:
			if !res.AutoFail() || !zeroish(res.Total()) {
				add(InvOverrides, "%s does not zero the whole evaluation: total %s, auto-fail %t", what, res.Total(), res.AutoFail())
			}
			if want, err := reference(r, e); err == nil && !res.RawTotal().Equal(want.raw) {
				add(InvOverrides, "%s loses the raw total: %s, scored %s", what, res.RawTotal(), want.raw)
			}
			if noOverride.Answers != nil {
				if plain, err := r.Score(noOverride); err == nil && !plain.Total().Equal(res.RawTotal()) {
					add(InvOverrides, "%s: raw total %s, but the same evaluation without it scores %s", what, res.RawTotal(), plain.Total())
				}
			}
		}
	}
	for _, lc := range s.levelOvr {
		ci := lc[0]
		c, ch := s.crits[ci], s.choices[ci][lc[1]]
		lv := c.Scale.Levels[slices.IndexFunc(c.Scale.Levels, func(l rubric.Level) bool { return l.ID == ch.answer.Level })]
		target := c.ID
		if lv.Effect == rubric.EffectSection {
			target = c.Section
		}
		want := rubric.Reason{Effect: lv.Effect, Criterion: c.ID, Level: lv.ID}
		if lv.Effect != rubric.EffectEvaluation {
			want.Target = target
		}
		try(fmt.Sprintf("level %q of criterion %q", lv.ID, c.ID), with(base, ci, ch.answer), want, lv.Effect, target, rubric.Evaluation{})
	}
	for _, v := range s.viols {
		if v.Effect == rubric.EffectNone {
			continue
		}
		e := base
		e.Violations = []string{v.ID}
		want := rubric.Reason{Effect: v.Effect, Violation: v.ID, Target: v.Target}
		try(fmt.Sprintf("violation %q", v.ID), e, want, v.Effect, v.Target, base)
	}
}

// checkBands proves that the first band starts at 0 and that every band is reached by some evaluation: the
// walks from the best answers to the worst (in the rubric's order and in reverse), every single answer, and 500
// draws from every region with a fixed seed.
func checkBands(s *shape, add func(string, string, ...any)) {
	r := s.r
	bands := r.Definition().Bands
	if len(bands) == 0 {
		return
	}
	if bands[0].Min.Sign() > 0 {
		add(InvBands, "totals from 0 up to %s fall in no band: the first band, %q, starts at %s", bands[0].Min, bands[0].ID, bands[0].Min)
	}
	var totals []decimal.Decimal
	score := func(e rubric.Evaluation) {
		if res, err := r.Score(e); err == nil {
			totals = append(totals, res.Total())
		}
	}
	order := make([]int, len(s.crits))
	for i := range order {
		order[i] = i
	}
	for range 2 {
		for _, a := range s.walk(order, nil) {
			score(rubric.Evaluation{Answers: a})
		}
		slices.Reverse(order)
	}
	src := randSource{rand.New(rand.NewPCG(1, 2))}
	for k := range 500 {
		score(s.draw(src, EvalOptions{Toward: Regions()[k%regionCount]}))
	}
	for i, b := range bands {
		hi := r.Max()
		last := i == len(bands)-1
		if !last {
			hi = bands[i+1].Min
		}
		var below, above *decimal.Decimal
		hit := false
		for k := range totals {
			t := totals[k]
			in := t.GreaterThanOrEqual(b.Min) && (t.LessThan(hi) || (last && t.LessThanOrEqual(hi)))
			switch {
			case in:
				hit = true
			case t.LessThan(b.Min) && (below == nil || t.GreaterThan(*below)):
				below = &t
			case !t.LessThan(hi) && (above == nil || t.LessThan(*above)):
				above = &t
			}
		}
		if hit {
			continue
		}
		msg := fmt.Sprintf("band %q (from %s to %s) is never reached", b.ID, b.Min, hi)
		if below != nil && above != nil {
			msg += fmt.Sprintf(": it lies in the gap between the totals %s and %s that evaluations reach", *below, *above)
		}
		add(InvBands, "%s (%d evaluations tried, the walks from the best answers to the worst among them)", msg, len(totals))
	}
}

// share is one criterion's share of the total.
type share struct {
	id    string
	share decimal.Decimal
}

// shares returns each criterion's share of the total, as an exact fraction rounded to 6 places.
func shares(r *rubric.Rubric) []share {
	crits, sections := r.Criteria(), r.Definition().Sections
	var out []share
	if !weighted(sections) {
		sum := decimal.Zero
		for _, c := range crits {
			sum = sum.Add(c.MaxPoints())
		}
		for _, c := range crits {
			out = append(out, share{c.ID, c.MaxPoints().DivRound(sum, 6)})
		}
		return out
	}
	wsum := decimal.Zero
	for _, s := range sections {
		wsum = wsum.Add(s.Weight)
	}
	for _, s := range sections {
		m := decimal.Zero
		for _, c := range crits {
			if c.Section == s.ID {
				m = m.Add(c.MaxPoints())
			}
		}
		for _, c := range crits {
			if c.Section == s.ID && m.Sign() > 0 {
				out = append(out, share{c.ID, s.Weight.Mul(c.MaxPoints()).DivRound(wsum.Mul(m), 6)})
			}
		}
	}
	return out
}

func checkDefinitionJSON(r *rubric.Rubric, add func(string, string, ...any)) {
	d := r.Definition()
	b, err := d.MarshalJSON()
	if err != nil {
		add(InvJSON, "the definition has no JSON form: %v", err)
		return
	}
	back, err := rubric.ParseDefinition(b)
	if err != nil || !back.Equal(d) {
		add(InvJSON, "the definition does not read back Equal from its JSON (error %v)", err)
	}
	rb, err := r.MarshalJSON()
	if err != nil {
		add(InvJSON, "the rubric has no JSON form: %v", err)
		return
	}
	again, err := rubric.Parse(rb)
	if err != nil || !again.Equal(r) {
		add(InvJSON, "the rubric does not read back Equal from its JSON (error %v)", err)
	}
}

// weighted reports whether a rubric with these sections is weighted: at least one section has a positive weight.
func weighted(sections []rubric.Section) bool {
	return slices.ContainsFunc(sections, func(s rubric.Section) bool { return s.Weight.IsPositive() })
}
