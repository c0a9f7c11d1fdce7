package rubric

import "fmt"

// bonus checks the bonus criteria and the cap on their points.
func (b *builder) bonus() {
	d := &b.def
	n := 0
	for _, c := range d.Criteria {
		if !c.Bonus {
			continue
		}
		n++
		if c.NA == NAFull {
			b.fail(fmt.Sprintf("criteria[%q].na", c.ID), `"full"`, "would give a bonus for N/A; a bonus criterion's N/A is forbidden, excluded or zero")
		}
	}
	if !b.value("bonus_cap", d.BonusCap, false) {
		return
	}
	switch {
	case n > 0 && n == len(d.Criteria):
		b.fail("criteria", "", "are all bonus criteria; at least one must count in the total")
	case n > 0 && d.BonusCap.IsZero():
		b.fail("bonus_cap", "", "is missing; a rubric with bonus criteria needs a positive cap on their points")
	case n == 0 && !d.BonusCap.IsZero():
		b.fail("bonus_cap", d.BonusCap.String(), "caps bonus criteria, but the rubric has none")
	}
}
