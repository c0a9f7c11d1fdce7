package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"math/big"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// row is the scoring state of one criterion packed in eight bytes, so that a result holds the rows of a small
// rubric inline: bits 0–7 are flags, bits 8–15 the index of the chosen level plus one (0 for none), bits 16–63 the
// points as answered (N/A policy applied) in units of the rubric (at most 10^12, well inside 48 bits). The points
// after overrides are the raw points unless fZeroed; the maximum counted is the criterion's unless fExcluded.
type row uint64

func (rw row) flags() uint8 { return uint8(rw) }
func (rw row) level() int   { return int(rw>>8&0xff) - 1 }
func (rw row) raw() int64   { return int64(rw >> 16) }

func (rw *row) set(f uint8)     { *rw |= row(f) }
func (rw *row) clear(f uint8)   { *rw &^= row(f) }
func (rw *row) setLevel(l int)  { *rw = *rw&^(0xff<<8) | row(l+1)<<8 }
func (rw *row) setRaw(u int64)  { *rw = *rw&0xffff | row(u)<<16 }
func (rw row) has(f uint8) bool { return uint8(rw)&f != 0 }

func (rw row) pts() int64 {
	if rw.has(fZeroed) {
		return 0
	}
	return rw.raw()
}

func (rw row) max(c *crit) int64 {
	if rw.has(fExcluded) {
		return 0
	}
	return c.maxU
}

const (
	fAnswered uint8 = 1 << iota
	fNA
	fExcluded
	fZeroed
	fSkipped // a conditional criterion whose condition did not hold; also fNA
)

// violationSet is a bit set of violation indexes.
type violationSet [maxViolations / 64]uint64

func (s *violationSet) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s *violationSet) add(i int)      { s[i/64] |= 1 << (i % 64) }

// Score validates e against the rubric and scores it. Every problem is reported (up to 20 at once), each an
// *sq.Error whose Path names the field, counted from 1 ("answers[8].criterion", "violations[2]", "at") and whose
// Value is what was given (the unknown criterion's ID, the points, the level). It wraps one of the sentinels
// ErrRubricMismatch, ErrUnknownCriterion, ErrDuplicateAnswer, ErrMissingAnswer, ErrInvalidScore, ErrUnknownLevel,
// ErrNotApplicable, ErrInapplicable, ErrUnknownViolation or ErrNothingToScore; sq.ErrLimit for points, comments
// or attributes beyond their limits; sq.ErrInvalid for text that is not valid UTF-8 or a time JSON cannot hold.
//
// Scoring follows the rules in the package documentation: points per criterion (a conditional criterion whose
// condition does not hold counts as N/A by its policy); overrides of levels and violations
// zero a criterion, a section or the whole evaluation; N/A counts by each criterion's policy; the total is rescaled
// to 0–Max, exact when it terminates and otherwise rounded to the rubric's Precision.
//
// Score is safe to call from many goroutines at once. It never changes e and the Result shares no memory with it.
func (r *Rubric) Score(e Evaluation) (res Result, err error) {
	if r == nil || len(r.crits) == 0 {
		return Result{}, fail("", "", "a rubric built by New, Parse or a template", ErrInvalidDefinition)
	}
	var errs errorList
	if e.Rubric != "" && e.Rubric != r.def.ID {
		errs.add(fail("rubric", quote(e.Rubric), "this rubric, "+quote(r.def.ID), ErrRubricMismatch))
	}
	if e.Version != "" && e.Version != r.def.Version {
		errs.add(fail("version", quote(e.Version), "this rubric's version, "+quote(r.def.Version), ErrRubricMismatch))
	}
	if err := checkTime(e.At); err != nil {
		errs.add(err)
	}
	for i, id := range [...]string{e.ID, e.CallID, e.EmployeeID, e.EvaluatorID} {
		if !utf8.ValidString(id) {
			errs.add(fail([...]string{"id", "call", "employee", "evaluator"}[i], quote(id), "valid UTF-8", sq.ErrInvalid))
		}
	}
	if e.Department != "" || e.Comment != "" || len(e.Attributes) > 0 || e.StartedBy != "" {
		checkEvaluationNotes(&e, errs.add)
	}
	rows := res.alloc(len(r.crits))
	// The sums of the raw points and the counted maxima, and whether any override can fire, are gathered on the
	// way, so that the common evaluation (every criterion answered, no override) needs no second pass.
	var sum tally
	ids, hot, scale := r.ids, r.hot, r.scale
	for i := range e.Answers {
		a := &e.Answers[i]
		ci := i
		if i >= len(ids) || !sameString(ids[i], a.Criterion) {
			j, ok := r.critIdx[a.Criterion]
			if !ok {
				errs.add(fail(sq.Index("answers", i)+".criterion", quote(a.Criterion), "one of the criteria of rubric "+quote(r.def.ID), ErrUnknownCriterion))
				continue
			}
			ci = j
		}
		rw := &rows[ci]
		if rw.has(fAnswered) {
			errs.add(fail(sq.Index("answers", i)+".criterion", quote(a.Criterion), "one answer per criterion", ErrDuplicateAnswer))
			continue
		}
		sum.marked++
		if a.Comment != "" {
			if err := checkComment(a.Comment, a.Criterion, i); err != nil {
				errs.add(err)
			}
			res.setComment(ci, a.Comment)
		}
		// The fast path: points on a Points scale, valid. Anything else, or anything wrong, goes through answer,
		// which checks every rule and says what is wrong.
		if h := &hot[ci]; h.points && !a.NA && a.Level == "" {
			if u, ok := dec.Units(a.Points, scale); ok && u >= h.minU && u <= h.maxU && (h.stepU == 1 || (u-h.minU)%h.stepU == 0) {
				*rw = row(u)<<16 | row(fAnswered)
				sum.raw += u
				sum.max += h.maxU
				continue
			}
		}
		rw.set(fAnswered)
		c := &r.crits[ci]
		if err := r.answer(c, a, i, rw); err != nil {
			errs.add(err)
			continue
		}
		sum.raw += rw.raw()
		sum.max += rw.max(c)
		if l := rw.level(); l >= 0 && c.levels[l].effect != EffectNone {
			sum.overrides = true
		}
	}
	if len(r.conds) > 0 {
		r.applyConditions(rows, &sum, &errs)
	}
	for i := 0; sum.marked < len(rows) && i < len(rows); i++ {
		if !rows[i].has(fAnswered) {
			rule := r.crits[i].allowed() + " or N/A"
			if r.crits[i].na == naForbidden {
				rule = r.crits[i].allowed() + ", not N/A"
			}
			errs.add(fail("answers", quote(r.crits[i].id), rule, ErrMissingAnswer))
		}
	}
	var seen violationSet
	for k, id := range e.Violations {
		vi := r.violationIndex(id)
		switch {
		case vi < 0:
			errs.add(fail(sq.Index("violations", k), quote(id), "one of the violations of rubric "+quote(r.def.ID), ErrUnknownViolation))
		case seen.has(vi):
			errs.add(fail(sq.Index("violations", k), quote(id), "each violation at most once", ErrUnknownViolation))
		default:
			seen.add(vi)
			sum.overrides = sum.overrides || r.viols[vi].effect != EffectNone
		}
	}
	if err := errs.err(); err != nil {
		return Result{}, err
	}
	if err := r.finish(&res, &e, rows, &seen, sum); err != nil {
		return Result{}, err
	}
	return res, nil
}

func (r *Rubric) violationIndex(id string) int {
	if len(r.viols) <= 8 {
		for i := range r.viols {
			if r.viols[i].id == id {
				return i
			}
		}
		return -1
	}
	if i, ok := r.violIdx[id]; ok {
		return i
	}
	return -1
}

// answer validates one answer and fills its row.
func (r *Rubric) answer(c *crit, a *Answer, index int, rw *row) error {
	fail := func(field, value string, err error) error { return answerError(c, index, field, value, err) }
	switch {
	case a.NA:
		if a.Level != "" || !a.Points.IsZero() {
			return fail("na", "true", ErrInvalidScore)
		}
		rw.set(fNA)
		switch c.na {
		case naExclude:
			rw.set(fExcluded)
		case naZero:
		case naFull:
			rw.setRaw(c.maxU)
		default:
			return fail("na", "true", ErrNotApplicable)
		}
	case c.points:
		if a.Level != "" {
			return fail("level", quote(a.Level), ErrUnknownLevel)
		}
		u, ok := dec.Units(a.Points, r.scale)
		if !ok {
			if err := dec.Check(a.Points); err != nil {
				return sq.At(err, "rubric", sq.Index("answers", index)+".points")
			}
			return fail("points", a.Points.String(), ErrInvalidScore)
		}
		if u < c.minU || u > c.maxU || (c.stepU != 1 && (u-c.minU)%c.stepU != 0) {
			return fail("points", a.Points.String(), ErrInvalidScore)
		}
		rw.setRaw(u)
	default:
		if !a.Points.IsZero() {
			if err := dec.Check(a.Points); err != nil {
				return sq.At(err, "rubric", sq.Index("answers", index)+".points")
			}
			return fail("points", a.Points.String(), ErrInvalidScore)
		}
		j := -1
		for k := range c.levels {
			if c.levels[k].id == a.Level {
				j = k
				break
			}
		}
		if j < 0 {
			return fail("level", quote(a.Level), ErrUnknownLevel)
		}
		rw.setLevel(j)
		rw.setRaw(c.levels[j].u)
	}
	return nil
}

// sameString reports whether a and b are equal, without a call when they share their bytes, as IDs taken from the
// rubric's own definition do.
func sameString(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// answerError builds the error about one answer: its field (points, level or na), the value given, and what the
// criterion takes; kept out of answer so the valid path stays small.
//
//go:noinline
func answerError(c *crit, index int, field, value string, err error) error {
	rule := "criterion " + quote(c.id) + " takes " + c.allowed()
	switch {
	case field == "na" && err == ErrInvalidScore:
		rule = "N/A alone, without points or a level"
	case field == "na" && c.na == naForbidden:
		rule += ", not N/A"
	}
	return fail(sq.Index("answers", index)+"."+field, value, rule, err)
}

// allowed describes the answers a criterion takes, for error messages.
func (c *crit) allowed() string {
	if c.points {
		return fmt.Sprintf("points from %s to %s in steps of %s", c.num(c.minU), c.num(c.maxU), c.num(c.stepU))
	}
	ids := make([]string, len(c.levels))
	for i, l := range c.levels {
		ids[i] = quote(l.id)
	}
	return "one of the levels " + strings.Join(ids, ", ")
}

// num renders units of the criterion's rubric.
func (c *crit) num(u int64) string { return decimal.New(u, -c.scale).String() }

// tally is what the first pass over the answers of a valid evaluation gathers.
type tally struct {
	marked    int   // criteria with an answer, valid or not
	raw, max  int64 // Σ raw points and Σ counted maxima, in units
	overrides bool  // a chosen level or an observed violation has an effect
}

// finish applies the overrides and computes the totals of a valid evaluation.
func (r *Rubric) finish(res *Result, e *Evaluation, rows []row, seen *violationSet, sum tally) error {
	res.rubric = r
	res.meta = Meta{ID: e.ID, CallID: e.CallID, EmployeeID: e.EmployeeID, EvaluatorID: e.EvaluatorID, At: e.At,
		Department: e.Department, Comment: e.Comment, Unscheduled: e.Unscheduled, StartedBy: e.StartedBy}
	if len(e.Attributes) > 0 {
		res.meta.Attributes = cloneAttributes(e.Attributes)
	}
	res.seen = *seen
	if len(r.bonuses) > 0 {
		// Bonus criteria were summed with the rest on the way; they count apart.
		for _, i := range r.bonuses {
			sum.raw -= rows[i].raw()
			sum.max -= rows[i].max(&r.crits[i])
		}
	}
	p0, m, p := sum.raw, sum.max, sum.raw
	if sum.overrides {
		res.autoFail = r.overrides(rows, seen, nil)
		p = 0
		for i := range rows {
			if !r.crits[i].bonus {
				p += rows[i].pts()
			}
		}
	}
	if len(r.bonuses) > 0 && !res.autoFail {
		for _, i := range r.bonuses {
			res.bonus += rows[i].pts()
		}
		res.bonus = min(res.bonus, r.capU)
	}
	pe := r.places
	var ok bool
	if r.weighted {
		res.raw, _, ok = r.weightedTotal(rows, false, pe)
		res.total, res.exact, _ = r.weightedTotal(rows, true, pe)
	} else {
		ok = m > 0
		res.raw, res.exact = r.plainTotal(p0, m, pe)
		if p != p0 {
			res.total, res.exact = r.plainTotal(p, m, pe)
		} else {
			res.total = res.raw
		}
	}
	if !ok && !res.autoFail {
		return fail("answers", "", "at least one criterion that counts; every one is excluded as N/A", ErrNothingToScore)
	}
	if res.autoFail {
		res.total, res.exact = fixed{scale: r.scale}, true
	}
	res.band = r.bandOf(res.total)
	return nil
}

// overrides applies the effects of the chosen levels (in criterion order) and of the observed violations (in the
// rubric's order) to rows, appends a Reason for each to why when why is not nil, and reports whether the whole
// evaluation was zeroed. Rows zeroed by an auto-fail are marked too.
func (r *Rubric) overrides(rows []row, seen *violationSet, why *[]Reason) (autoFail bool) {
	autoFail = r.applyOverrides(rows, seen, why)
	if autoFail {
		for i := range rows {
			zero(&rows[i])
		}
	}
	return autoFail
}

// applyOverrides is overrides without the final zeroing of every row by an auto-fail: the rows it leaves are what
// the evaluation would have counted had no override zeroed the whole of it.
func (r *Rubric) applyOverrides(rows []row, seen *violationSet, why *[]Reason) (autoFail bool) {
	apply := func(effect Effect, t int, reason Reason) {
		reason.Effect = effect
		switch effect {
		case EffectCriterion:
			zero(&rows[t])
			reason.Target = r.crits[t].id
		case EffectSection:
			for _, ci := range r.sects[t].crits {
				zero(&rows[ci])
			}
			reason.Target = r.sects[t].id
		case EffectEvaluation:
			autoFail = true
		}
		if why != nil {
			*why = append(*why, reason)
		}
	}
	for i := range rows {
		c := &r.crits[i]
		if l := rows[i].level(); l >= 0 && c.levels[l].effect != EffectNone {
			lv := &c.levels[l]
			t := i
			if lv.effect == EffectSection {
				t = c.section
			}
			apply(lv.effect, t, Reason{Criterion: c.id, Level: lv.id})
		}
	}
	for i := range r.viols {
		if v := &r.viols[i]; v.effect != EffectNone && seen.has(i) {
			apply(v.effect, v.target, Reason{Violation: v.id})
		}
	}
	return autoFail
}

// zero marks a row zeroed by an override; an excluded criterion has nothing to zero.
func zero(rw *row) {
	if !rw.has(fExcluded) {
		rw.set(fZeroed)
	}
}

// plainTotal returns Max·p/m on the result scale pe, exact when it terminates within pe places, else rounded, and
// whether it was exact. m == 0 gives 0.
func (r *Rubric) plainTotal(p, m int64, pe int32) (fixed, bool) {
	switch {
	case m == 0:
		return fixed{scale: r.scale}, true
	case m == r.maxU:
		return fixed{u: p, scale: r.scale}, true
	}
	if q, exact, ok := scaledQuo(uint64(r.maxU), uint64(p), pe-r.scale, uint64(m), r.def.Precision.Rounding); ok {
		return fixed{u: int64(q), scale: pe}, exact
	}
	// Within the limits of a definition (values ≤ 10^6 at ≤ 6 places, pe ≤ 12) maxU·10^(pe−scale) ≤ 10^18 and
	// p ≤ m, so the 128-bit path above always succeeds; exact big arithmetic stays as the fallback so that a change
	// of limits can never produce a wrong total. Max·p/m = maxU·p / (m·10^scale).
	num := new(big.Int).Mul(big.NewInt(r.maxU), big.NewInt(p))
	den := new(big.Int).Mul(big.NewInt(m), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(r.scale)), nil))
	return roundFixed(new(big.Rat).SetFrac(num, den), pe, r.def.Precision.Rounding)
}

func roundFixed(x *big.Rat, pe int32, mode sq.Rounding) (fixed, bool) {
	d, exact := dec.RoundRat(x, pe, mode)
	u, _ := dec.Units(d, pe) // fits: the value is at most 10^6 and pe at most 12
	return fixed{u: u, scale: pe}, exact
}

// weightedTotal returns Max·Σ wₛ·pₛ/mₛ / Σ wₛ over the sections with a positive weight and a counted maximum,
// using the points after overrides (after) or as answered, rounded to pe places; exact says whether it terminated,
// ok whether any weighted section was left to count.
func (r *Rubric) weightedTotal(rows []row, after bool, pe int32) (f fixed, exact, ok bool) {
	sum, wsum := new(big.Rat), new(big.Rat)
	for _, s := range r.sects {
		var p, m int64
		for _, ci := range s.crits {
			if after {
				p += rows[ci].pts()
			} else {
				p += rows[ci].raw()
			}
			m += rows[ci].max(&r.crits[ci])
		}
		if m == 0 || s.weight.Sign() == 0 {
			continue
		}
		w := s.weight.Rat()
		wsum.Add(wsum, w)
		sum.Add(sum, w.Mul(w, big.NewRat(p, m)))
	}
	if wsum.Sign() == 0 {
		return fixed{scale: r.scale}, true, false
	}
	x := new(big.Rat).Quo(sum, wsum)
	f, exact = roundFixed(x.Mul(x, r.def.Max.Rat()), pe, r.def.Precision.Rounding)
	return f, exact, true
}

// scaledQuo returns a·b·10^k / d rounded by mode, whether nothing was dropped, and ok = false when an
// intermediate exceeds 128 bits (the caller then uses big arithmetic).
func scaledQuo(a, b uint64, k int32, d uint64, mode sq.Rounding) (q uint64, exact, ok bool) {
	hi, lo := bits.Mul64(a, b)
	p, okp := dec.Pow10(k)
	if !okp {
		return 0, false, false
	}
	h1, l1 := bits.Mul64(lo, uint64(p))
	h2, l2 := bits.Mul64(hi, uint64(p))
	hi, carry := bits.Add64(h1, l2, 0)
	if h2 != 0 || carry != 0 || hi >= d {
		return 0, false, false
	}
	q, rem := bits.Div64(hi, l1, d)
	if rem == 0 {
		return q, true, true
	}
	switch half := d - rem; mode { // rem is above, at or below half of d as rem is above, at or below d−rem
	case dec.Down:
	case dec.HalfEven:
		if rem > half || (rem == half && q%2 == 1) {
			q++
		}
	default:
		if rem >= half {
			q++
		}
	}
	return q, false, true
}

// cmpFixed compares two fixed values; both scales are at most maxPlaces and values at most 10^6, so bringing them
// to the larger scale stays within int64.
func cmpFixed(a, b fixed) int {
	au, bu := a.u, b.u
	if a.scale < b.scale {
		p, _ := dec.Pow10(b.scale - a.scale)
		au *= p
	} else if b.scale < a.scale {
		p, _ := dec.Pow10(a.scale - b.scale)
		bu *= p
	}
	switch {
	case au < bu:
		return -1
	case au > bu:
		return 1
	}
	return 0
}
