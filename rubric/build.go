package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"strconv"
	"unicode/utf8"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// New validates def and builds a Rubric from a private copy of it; def itself is never changed or kept.
// All problems found are reported together (up to 20), each an *sq.Error naming the field path (such as
// "criteria[3].scale.step", counted from 1) and wrapping ErrInvalidDefinition, or sq.ErrLimit for a decimal beyond
// the limits.
func New(def Definition) (*Rubric, error) {
	b := builder{def: def.clone()}
	b.build()
	if err := b.errs.err(); err != nil {
		return nil, err
	}
	return b.r, nil
}

// MustNew is like New but panics on an invalid definition. Use it only for definitions fixed in the program.
func MustNew(def Definition) *Rubric {
	r, err := New(def)
	if err != nil {
		panic(err)
	}
	return r
}

type builder struct {
	def  Definition
	r    *Rubric
	errs errorList
}

func (b *builder) fail(field, value, rule string) {
	b.errs.add(fail(field, value, rule, ErrInvalidDefinition))
}

func (b *builder) build() {
	d := &b.def
	normalizeTexts(d)
	r := &Rubric{def: *d, critIdx: map[string]int{}, sectIdx: map[string]int{}, violIdx: map[string]int{}}
	b.r = r
	b.id("id", d.ID)
	b.id("version", d.Version)
	b.text("title", d.Title, true)
	b.text("description", d.Description, false)
	b.value("max", d.Max, true)
	switch {
	case d.Precision.Places == 0:
		r.places = defaultPlaces
	case d.Precision.Places < 1 || d.Precision.Places > maxPlaces:
		b.fail("places", strconv.Itoa(int(d.Precision.Places)), fmt.Sprintf("1–%d (0 means %d)", maxPlaces, defaultPlaces))
	default:
		r.places = d.Precision.Places
	}
	if !d.Precision.Rounding.Valid() {
		b.fail("rounding", d.Precision.Rounding.String(), "one of half-up, half-even, down")
	}
	b.sections()
	b.criteria()
	b.bonus()
	b.conditions()
	b.violations()
	b.bands()
	if b.errs.err() != nil {
		return
	}
	b.compile()
	// An inexact total keeps at least the places of the point values, so rounding never carries it past Max.
	r.places = max(r.places, r.scale)
}

// normalizeTexts turns empty texts and lists into nil so that a definition and its JSON round trip compare equal.
func normalizeTexts(d *Definition) {
	norm := func(t *Text) {
		if len(*t) == 0 {
			*t = nil
		}
	}
	norm(&d.Title)
	norm(&d.Description)
	for i := range d.Sections {
		norm(&d.Sections[i].Title)
		norm(&d.Sections[i].Description)
	}
	for i := range d.Criteria {
		c := &d.Criteria[i]
		norm(&c.Title)
		norm(&c.Description)
		for j := range c.Scale.Levels {
			norm(&c.Scale.Levels[j].Title)
			norm(&c.Scale.Levels[j].Description)
		}
	}
	for i := range d.Violations {
		norm(&d.Violations[i].Title)
		norm(&d.Violations[i].Description)
	}
	for i := range d.Bands {
		norm(&d.Bands[i].Title)
	}
}

func validID(s string) bool {
	if s == "" || len(s) > maxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

const idRule = "is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -"

func (b *builder) id(field, s string) bool {
	if !validID(s) {
		b.fail(field, quote(s), idRule)
		return false
	}
	return true
}

// uniqueID checks that id is an ID not seen before among the rubric's things of one kind, records it in index at
// position i, and reports whether it is a valid ID.
func (b *builder) uniqueID(field, id, kind string, index map[string]int, i int) bool {
	if !b.id(field, id) {
		return false
	}
	if _, dup := index[id]; dup {
		b.fail(field, quote(id), "repeats the ID of an earlier "+kind)
	}
	index[id] = i
	return true
}

func (b *builder) text(field string, t Text, required bool) {
	if required && len(t) == 0 {
		b.fail(field, "", "needs a text in at least one language")
	}
	for _, lang := range t.languages() {
		switch s := t[lang]; {
		case !validLang(lang):
			b.fail(field, quote(lang), `is not a lowercase language tag such as "ru", "en", "kk"`)
		case s == "":
			b.fail(field+"."+lang, "", "is empty; leave the language out instead")
		case !utf8.ValidString(s):
			b.fail(field+"."+lang, "", "is not valid UTF-8")
		case len(s) > maxTextLen:
			b.fail(field+"."+lang, "", fmt.Sprintf("is %d bytes long, at most %d allowed", len(s), maxTextLen))
		}
	}
}

// value checks a points value, Max, weight or band minimum: within the decimal limits, 0 ≤ v ≤ 10^6, at most
// maxScale places; positive when required. It reports whether v is usable.
func (b *builder) value(field string, v decimal.Decimal, positive bool) bool {
	if err := dec.Check(v); err != nil {
		b.errs.add(sq.At(err, "rubric", field))
		return false
	}
	switch {
	case v.Sign() < 0 || (positive && v.Sign() == 0):
		rule := "is negative; at least 0 is allowed"
		if positive {
			rule = "must be positive"
		}
		b.fail(field, v.String(), rule)
	case v.GreaterThan(decimal.New(maxValue, 0)):
		b.fail(field, v.String(), fmt.Sprintf("exceeds %d", maxValue))
	case dec.Places(v) > maxScale:
		b.fail(field, v.String(), fmt.Sprintf("has more than %d digits after the point", maxScale))
	default:
		return true
	}
	return false
}

func (b *builder) sections() {
	d := &b.def
	if len(d.Sections) > maxSections {
		b.fail("sections", strconv.Itoa(len(d.Sections)), fmt.Sprintf("sections; at most %d allowed", maxSections))
		return
	}
	for i, s := range d.Sections {
		f := sq.Index("sections", i)
		b.uniqueID(f+".id", s.ID, "section", b.r.sectIdx, i)
		b.text(f+".title", s.Title, true)
		b.text(f+".description", s.Description, false)
		if b.value(f+".weight", s.Weight, false) && s.Weight.Sign() > 0 {
			b.r.weighted = true
		}
		b.r.sects = append(b.r.sects, sect{id: s.ID, weight: s.Weight})
	}
}

func (b *builder) criteria() {
	d := &b.def
	switch n := len(d.Criteria); {
	case n == 0:
		b.fail("criteria", "", "is empty; a rubric needs at least one criterion")
		return
	case n > maxCriteria:
		b.fail("criteria", strconv.Itoa(n), fmt.Sprintf("criteria; at most %d allowed", maxCriteria))
		return
	}
	for i, c := range d.Criteria {
		f := sq.Index("criteria", i)
		if b.uniqueID(f+".id", c.ID, "criterion", b.r.critIdx, i) {
			f = fmt.Sprintf("criteria[%q]", c.ID)
		}
		b.text(f+".title", c.Title, true)
		b.text(f+".description", c.Description, false)
		cr := crit{id: c.ID, points: c.Scale.Kind == Points, na: naCodeOf(c.NA), section: -1, bonus: c.Bonus}
		switch {
		case c.Bonus && c.Section != "":
			b.fail(f+".section", quote(c.Section), "names a section, but a bonus criterion counts in none")
		case c.Bonus:
		case len(d.Sections) == 0 && c.Section != "":
			b.fail(f+".section", quote(c.Section), "names a section, but the rubric has none")
		case len(d.Sections) > 0:
			if si, ok := b.r.sectIdx[c.Section]; ok {
				cr.section = si
				b.r.sects[si].crits = append(b.r.sects[si].crits, i)
			} else {
				b.fail(f+".section", quote(c.Section), "is not a section of the rubric; every criterion needs one")
			}
		}
		switch c.NA {
		case NAForbidden, NAExclude, NAZero, NAFull:
		default:
			b.fail(f+".na", quote(string(c.NA)), `is not one of "" (not allowed), "exclude", "zero", "full"`)
		}
		b.scale(f+".scale", c, &cr)
		b.r.crits = append(b.r.crits, cr)
	}
	for _, s := range b.r.sects {
		if len(s.crits) == 0 {
			b.fail(fmt.Sprintf("sections[%q]", s.id), "", "has no criteria")
		}
	}
}

// scale checks a criterion's scale; cr.levels collects the levels of the level kinds with their points still as
// decimals in lvlPoints, converted to units by compile.
func (b *builder) scale(f string, c Criterion, cr *crit) {
	s := c.Scale
	notFor := func(field string, set bool) {
		if set {
			b.fail(f+"."+field, "", fmt.Sprintf("does not apply to a %s scale", s.Kind))
		}
	}
	if s.Kind != Binary {
		notFor("pass", s.Pass != "")
		notFor("fail", s.Fail != "")
	}
	switch s.Kind {
	case Points:
		notFor("size", s.Size != 0)
		notFor("levels", len(s.Levels) > 0)
		okMin := b.value(f+".min", s.Min, false)
		okMax := b.value(f+".max", s.Max, true)
		okStep := b.value(f+".step", s.Step, true)
		if okMin && okMax && okStep {
			span := s.Max.Sub(s.Min)
			switch {
			case span.Sign() <= 0:
				b.fail(f+".min", s.Min.String(), "must be below max "+s.Max.String())
			case !span.Mod(s.Step).IsZero():
				b.fail(f+".step", s.Step.String(), fmt.Sprintf("does not divide the range %s–%s into whole steps", s.Min, s.Max))
			}
		}
	case Binary:
		notFor("min", !s.Min.IsZero())
		notFor("step", !s.Step.IsZero())
		notFor("size", s.Size != 0)
		notFor("levels", len(s.Levels) > 0)
		b.value(f+".max", s.Max, true)
		if s.Pass != "" || s.Fail != "" {
			okPass, okFail := b.id(f+".pass", s.Pass), b.id(f+".fail", s.Fail)
			if okPass && okFail && s.Pass == s.Fail {
				b.fail(f+".fail", quote(s.Fail), "is also the pass label; the two labels must differ")
			}
		}
	case Rating:
		notFor("min", !s.Min.IsZero())
		notFor("step", !s.Step.IsZero())
		notFor("levels", len(s.Levels) > 0)
		if s.Size < 3 || s.Size > 5 {
			b.fail(f+".size", strconv.Itoa(s.Size), "is not 3, 4 or 5")
		} else if b.value(f+".max", s.Max, true) {
			step, exact := dec.Quo(s.Max, decimal.NewFromInt(int64(s.Size-1)), maxScale, dec.HalfUp)
			if !exact {
				b.fail(f+".max", s.Max.String(), fmt.Sprintf("does not divide into %d equal steps exactly (%s/%d); pick a max that does, or use a levels scale", s.Size-1, s.Max, s.Size-1))
			} else if dec.Places(step) > maxScale {
				b.fail(f+".max", s.Max.String(), "gives steps with too many digits")
			}
		}
	case Levels:
		notFor("min", !s.Min.IsZero())
		notFor("max", !s.Max.IsZero())
		notFor("step", !s.Step.IsZero())
		notFor("size", s.Size != 0)
		b.levels(f, c, cr)
	default:
		b.fail(f+".kind", quote(string(s.Kind)), `is not one of "points", "binary", "rating", "levels"`)
	}
}

func (b *builder) levels(f string, c Criterion, cr *crit) {
	ls := c.Scale.Levels
	if len(ls) < 2 || len(ls) > maxLevels {
		b.fail(f+".levels", strconv.Itoa(len(ls)), fmt.Sprintf("levels; 2–%d allowed", maxLevels))
		return
	}
	seen := map[string]int{}
	positive := false
	for j, l := range ls {
		lf := sq.Index(f+".levels", j)
		if b.uniqueID(lf+".id", l.ID, "level", seen, j) {
			lf = fmt.Sprintf("%s.levels[%q]", f, l.ID)
		}
		b.text(lf+".title", l.Title, true)
		b.text(lf+".description", l.Description, false)
		if b.value(lf+".points", l.Points, false) && l.Points.Sign() > 0 {
			positive = true
		}
		switch l.Effect {
		case EffectNone, EffectEvaluation:
		case EffectCriterion:
			if !l.Points.IsZero() {
				b.fail(lf+".effect", `"criterion"`, "zeroes the criterion, so the level must be worth 0 points, not "+l.Points.String())
			}
		case EffectSection:
			if c.Section == "" {
				b.fail(lf+".effect", `"section"`, "zeroes the criterion's section, but the criterion has none")
			}
		default:
			b.fail(lf+".effect", quote(string(l.Effect)), `is not one of "" (none), "criterion", "section", "evaluation"`)
		}
	}
	if !positive {
		b.fail(f+".levels", "", "are all worth 0 points; at least one must be worth more")
	}
}

func (b *builder) violations() {
	d := &b.def
	if len(d.Violations) > maxViolations {
		b.fail("violations", strconv.Itoa(len(d.Violations)), fmt.Sprintf("violations; at most %d allowed", maxViolations))
		return
	}
	for i, v := range d.Violations {
		f := sq.Index("violations", i)
		if b.uniqueID(f+".id", v.ID, "violation", b.r.violIdx, i) {
			f = fmt.Sprintf("violations[%q]", v.ID)
		}
		b.text(f+".title", v.Title, true)
		b.text(f+".description", v.Description, false)
		vi := viol{id: v.ID, effect: v.Effect, target: -1}
		switch v.Effect {
		case EffectNone, EffectEvaluation:
			if v.Target != "" {
				b.fail(f+".target", quote(v.Target), fmt.Sprintf("must be empty for effect %q", v.Effect))
			}
		case EffectCriterion:
			if ci, ok := b.r.critIdx[v.Target]; ok {
				vi.target = ci
			} else {
				b.fail(f+".target", quote(v.Target), "is not a criterion of the rubric")
			}
		case EffectSection:
			if si, ok := b.r.sectIdx[v.Target]; ok {
				vi.target = si
			} else {
				b.fail(f+".target", quote(v.Target), "is not a section of the rubric")
			}
		default:
			b.fail(f+".effect", quote(string(v.Effect)), `is not one of "" (none), "criterion", "section", "evaluation"`)
		}
		b.r.viols = append(b.r.viols, vi)
	}
}

// compile converts every point value to integer units once the definition is known to be valid.
func (b *builder) compile() {
	d, r := &b.def, b.r
	// The scale is the largest number of places among all point values, so every one is a whole number of units.
	r.scale = max(dec.Places(d.Max), dec.Places(d.BonusCap))
	each := func(f func(decimal.Decimal)) {
		for _, c := range d.Criteria {
			s := c.Scale
			for _, v := range []decimal.Decimal{s.Min, s.Max, s.Step} {
				f(v)
			}
			if s.Kind == Rating {
				for k := 1; k < s.Size; k++ {
					f(ratingPoints(s, k))
				}
			}
			for _, l := range s.Levels {
				f(l.Points)
			}
		}
	}
	each(func(v decimal.Decimal) { r.scale = max(r.scale, dec.Places(v)) })
	units := func(v decimal.Decimal) int64 {
		u, ok := dec.Units(v, r.scale)
		if !ok { // unreachable: values are ≤ 10^6 with ≤ 6 places
			b.errs.add(fail("scale", v.String(), "fits the rubric's units", sq.ErrLimit))
		}
		return u
	}
	r.maxU = units(d.Max)
	r.capU = units(d.BonusCap)
	for i, c := range d.Criteria {
		cr := &r.crits[i]
		cr.scale = r.scale
		s := c.Scale
		switch s.Kind {
		case Points:
			cr.minU, cr.maxU, cr.stepU = units(s.Min), units(s.Max), units(s.Step)
		case Binary:
			pass, fail := s.Labels()
			cr.levels = []lvl{{id: pass, u: units(s.Max)}, {id: fail}}
		case Rating:
			for k := 1; k <= s.Size; k++ {
				cr.levels = append(cr.levels, lvl{id: strconv.Itoa(k), u: units(ratingPoints(s, k-1))})
			}
		case Levels:
			for _, l := range s.Levels {
				cr.levels = append(cr.levels, lvl{id: l.ID, u: units(l.Points), effect: l.Effect})
			}
		}
		if !cr.points {
			for _, l := range cr.levels {
				cr.maxU = max(cr.maxU, l.u)
			}
		}
		if cr.bonus {
			r.bonuses = append(r.bonuses, i)
		} else {
			r.sumMaxU += cr.maxU
		}
		r.ids = append(r.ids, cr.id)
		r.hot = append(r.hot, hotCrit{minU: cr.minU, maxU: cr.maxU, stepU: cr.stepU, points: cr.points})
	}
	for _, band := range d.Bands {
		// A bound has at most 6 places in points, or 4 + 6 + 2 = 12 as a percent; at most 10^6, so its units fit.
		m := bandPoints(band, d.Max)
		scale := max(dec.Places(m), 0)
		u, _ := dec.Units(m, scale)
		r.bands = append(r.bands, bound{min: fixed{u: u, scale: scale}, above: band.Above})
	}
}

// ratingPoints returns the points of the level worth k steps (k = 0 … Size−1) of a Rating scale.
func ratingPoints(s Scale, k int) decimal.Decimal {
	if k >= s.Size-1 {
		return s.Max
	}
	q, _ := dec.Quo(s.Max.Mul(decimal.NewFromInt(int64(k))), decimal.NewFromInt(int64(s.Size-1)), maxScale, dec.HalfUp)
	return q
}
