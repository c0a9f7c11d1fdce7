package rubric

import (
	"fmt"
	"slices"
	"strconv"
)

// conditions checks the conditions of criteria and orders them so that a condition on a conditional criterion
// comes after that criterion's own: self-reference, unknown criteria or levels, criteria answered in points and
// loops are refused.
func (b *builder) conditions() {
	d := &b.def
	deps := map[int]int{} // conditional criterion → the criterion its condition names
	var conds []cond
	for i, c := range d.Criteria {
		if c.When == (Condition{}) {
			continue
		}
		f := fmt.Sprintf("criteria[%q].when", c.ID)
		src, ok := b.r.critIdx[c.When.Criterion]
		if c.NA == NAForbidden {
			b.fail(f, "", "makes the criterion conditional, so it needs an N/A policy (exclude, zero or full) to count by when the condition does not hold")
		}
		switch {
		case c.When.Criterion == c.ID:
			b.fail(f+".criterion", quote(c.When.Criterion), "is the criterion itself; a condition names another criterion")
			continue
		case !ok:
			b.fail(f+".criterion", quote(c.When.Criterion), "is not a criterion of the rubric")
			continue
		}
		s := d.Criteria[src].Scale
		var levels []string
		switch s.Kind {
		case Binary:
			p, fl := s.Labels()
			levels = []string{p, fl}
		case Rating:
			for k := 1; k <= s.Size; k++ {
				levels = append(levels, strconv.Itoa(k))
			}
		case Levels:
			for _, l := range s.Levels {
				levels = append(levels, l.ID)
			}
		default:
			b.fail(f+".criterion", quote(c.When.Criterion), "is answered in points; a condition names a criterion answered by level")
			continue
		}
		level := slices.Index(levels, c.When.Level)
		if level < 0 {
			b.fail(f+".level", quote(c.When.Level), fmt.Sprintf("is not a level of criterion %s", quote(c.When.Criterion)))
			continue
		}
		deps[i] = src
		conds = append(conds, cond{crit: i, src: src, level: level})
	}
	// Order: a criterion's depth is the length of its chain of conditions; a loop never ends and is refused.
	depth := map[int]int{}
	for _, c := range conds {
		n, at := 0, c.crit
		for {
			next, ok := deps[at]
			if !ok {
				break
			}
			n++
			at = next
			if n > len(conds) {
				b.fail(fmt.Sprintf("criteria[%q].when", d.Criteria[c.crit].ID), "", "is part of a loop of conditions; a chain of conditions must end at an unconditional criterion")
				return
			}
		}
		depth[c.crit] = n
	}
	slices.SortStableFunc(conds, func(x, y cond) int { return depth[x.crit] - depth[y.crit] })
	b.r.conds = conds
}

// applyConditions marks the conditional criteria whose condition does not hold as N/A by their policy, refusing
// points or a level given for one; the conditions are in an order where each comes after the one its criterion
// depends on.
func (r *Rubric) applyConditions(rows []row, sum *tally, errs *errorList) {
	for _, cd := range r.conds {
		src := rows[cd.src]
		if src.has(fAnswered) && !src.has(fNA) && src.level() == cd.level {
			continue
		}
		rw, c := &rows[cd.crit], &r.crits[cd.crit]
		switch {
		case rw.has(fAnswered) && !rw.has(fNA):
			s := &r.crits[cd.src]
			errs.add(fail("answers", quote(c.id), fmt.Sprintf("no answer but N/A: the criterion applies only when criterion %s is %s",
				quote(s.id), quote(s.levels[cd.level].id)), ErrInapplicable))
			continue
		case rw.has(fAnswered): // answered N/A: counted by its policy already
		default:
			sum.marked++
			rw.set(fAnswered | fNA)
			switch c.na {
			case naExclude:
				rw.set(fExcluded)
			case naZero:
				sum.max += c.maxU
			case naFull:
				rw.setRaw(c.maxU)
				sum.raw += c.maxU
				sum.max += c.maxU
			}
		}
		rw.set(fSkipped)
	}
}
