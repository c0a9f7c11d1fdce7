package rubric

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Meta carries the identifiers and notes of a scored evaluation, copied from the Evaluation. Result.Meta returns a
// fresh copy of Attributes (nil when there are none).
type Meta struct {
	ID          string
	CallID      string
	EmployeeID  string
	EvaluatorID string
	At          time.Time
	Department  string
	Comment     string
	Attributes  map[string]string
	Unscheduled bool
	StartedBy   string
}

// Reason records one override that fired, in order: level overrides in criterion order, then violations in the
// rubric's order.
type Reason struct {
	// Effect is what was zeroed: EffectCriterion, EffectSection or EffectEvaluation.
	Effect Effect
	// Criterion and Level name the level that fired, or Violation the violation; the other fields are empty.
	Criterion string
	Level     string
	Violation string
	// Target is the criterion or section zeroed; empty for EffectEvaluation.
	Target string
}

// String explains the reason in English, for example
// `level "red" of criterion "tonality" zeroes the whole evaluation`.
func (why Reason) String() string {
	var src string
	if why.Violation != "" {
		src = fmt.Sprintf("violation %q", why.Violation)
	} else {
		src = fmt.Sprintf("level %q of criterion %q", why.Level, why.Criterion)
	}
	switch why.Effect {
	case EffectCriterion:
		return fmt.Sprintf("%s zeroes criterion %q", src, why.Target)
	case EffectSection:
		return fmt.Sprintf("%s zeroes section %q", src, why.Target)
	default:
		return src + " zeroes the whole evaluation"
	}
}

// Result is a scored evaluation: the total on 0–Max, the raw total before overrides, the breakdown per criterion
// and section, the reasons, and the band.
//
// A Result is an immutable value, safe to copy and to use from several goroutines. Its methods return fresh
// copies. The zero Result belongs to no rubric: its totals are 0 and its lists empty.
type Result struct {
	rubric   *Rubric
	meta     Meta
	n        int             // number of criteria
	small    [inlineRows]row // their rows when n ≤ inlineRows, so a result of a small rubric needs no allocation
	big      []row           // their rows otherwise
	seen     violationSet
	comments []string // the answers' comments by criterion; nil when no answer has one
	reasons  []Reason
	total    fixed
	raw      fixed
	exact    bool
	autoFail bool
	band     int
	bonus    int64 // the bonus in units of the rubric, capped
}

// inlineRows is the number of criteria whose rows a Result holds inline.
const inlineRows = 16

// alloc returns zeroed rows for n criteria, inline when they fit.
func (res *Result) alloc(n int) []row {
	res.n = n
	if n <= inlineRows {
		return res.small[:n]
	}
	res.big = make([]row, n)
	return res.big
}

// rows returns the rows of the result.
func (res *Result) rows() []row {
	if res.big != nil {
		return res.big
	}
	return res.small[:res.n]
}

// Rubric returns the rubric the result was scored on.
func (res Result) Rubric() *Rubric { return res.rubric }

// Meta returns the identifiers and notes copied from the evaluation.
func (res Result) Meta() Meta {
	m := res.meta
	m.Attributes = cloneAttributes(m.Attributes)
	return m
}

// setComment records the comment of the answer on criterion ci.
func (res *Result) setComment(ci int, c string) {
	if res.comments == nil {
		res.comments = make([]string, res.n)
	}
	res.comments[ci] = c
}

// Total returns the score on the scale 0 to Max, after overrides. It is exact when Exact reports true; otherwise it
// was rounded by the rubric's Precision (at least the places of its point values).
func (res Result) Total() decimal.Decimal { return res.total.decimal() }

// TotalUnits returns Total as an integer number of units of 10^-scale (Total = units·10^-scale), exactly and
// without building a decimal: the fast way to stream many results into accumulators (rating.Accumulator.AddUnits).
func (res Result) TotalUnits() (units int64, scale int32) { return res.total.u, res.total.scale }

// RawTotal returns the score the evaluation would have had without any override (no level or violation zeroing a
// criterion, a section or the evaluation), on the same scale and with the same rounding as Total. It is kept for
// analytics: how good was the call apart from the fatal moment?
func (res Result) RawTotal() decimal.Decimal { return res.raw.decimal() }

// Bonus returns the points the bonus criteria added for exceptional work, beyond Total: their points after
// overrides, at most the rubric's BonusCap, and 0 for an auto-failed evaluation or a rubric without bonus
// criteria. Total, RawTotal, the band, Losses and Rescaled never include it.
func (res Result) Bonus() decimal.Decimal {
	if res.rubric == nil {
		return decimal.Zero
	}
	return decimal.New(res.bonus, -res.rubric.scale)
}

// Max returns the top of the scale, the rubric's Max.
func (res Result) Max() decimal.Decimal {
	if res.rubric == nil {
		return decimal.Zero
	}
	return res.rubric.def.Max
}

// Exact reports whether Total is exact, with no digits dropped by rounding.
func (res Result) Exact() bool { return res.exact || res.rubric == nil }

// AutoFail reports whether an override zeroed the whole evaluation.
func (res Result) AutoFail() bool { return res.autoFail }

// Band returns the band the total falls in, and false when the rubric has no bands or the total is below the first.
func (res Result) Band() (Band, bool) {
	if res.rubric == nil || res.band < 0 {
		return Band{}, false
	}
	b := res.rubric.def.Bands[res.band]
	b.Title = b.Title.clone()
	return b, true
}

// Reasons returns the overrides that fired, in order. Scoring records them as the chosen levels and the observed
// violations; Reasons replays the overrides to explain them, so it costs a little work on each call.
func (res Result) Reasons() []Reason {
	if res.rubric == nil {
		return nil
	}
	rows := slices.Clone(res.rows())
	for i := range rows {
		rows[i].clear(fZeroed)
	}
	var why []Reason
	res.rubric.overrides(rows, &res.seen, &why)
	return why
}

// Violations returns the IDs of the violations observed, in the rubric's order.
func (res Result) Violations() []string {
	var out []string
	if res.rubric == nil {
		return out
	}
	for i, v := range res.rubric.viols {
		if res.seen.has(i) {
			out = append(out, v.id)
		}
	}
	return out
}

// CriterionResult is the outcome on one criterion.
type CriterionResult struct {
	ID      string
	Section string // the criterion's section, if any
	// Level is the level chosen, empty for a Points scale or N/A.
	Level string
	// NA reports an N/A answer; Excluded that N/A left the criterion out of the total (NAExclude).
	NA, Excluded bool
	// Zeroed reports that an override set Points to 0.
	Zeroed bool
	// Raw is what the answer was worth before overrides, Points what counted after them, Max the maximum counted
	// (zero when excluded). All in the criterion's own points, not rescaled.
	Raw, Points, Max decimal.Decimal
	// Comment is the evaluator's note on the answer, if any.
	Comment string
	// Bonus reports a bonus criterion: its Points count in Result.Bonus, not in the total.
	Bonus bool
	// Inapplicable reports a conditional criterion whose condition did not hold; it is also NA.
	Inapplicable bool
}

// Criteria returns the outcome on every criterion, in the rubric's order.
func (res Result) Criteria() []CriterionResult {
	if res.rubric == nil {
		return nil
	}
	out := make([]CriterionResult, res.n)
	for i := range out {
		out[i] = res.criterion(i)
	}
	return out
}

// Criterion returns the outcome on the criterion with the given ID.
func (res Result) Criterion(id string) (CriterionResult, bool) {
	if res.rubric == nil {
		return CriterionResult{}, false
	}
	i, ok := res.rubric.critIdx[id]
	if !ok {
		return CriterionResult{}, false
	}
	return res.criterion(i), true
}

func (res Result) criterion(i int) CriterionResult {
	r, rw, c := res.rubric, res.rows()[i], &res.rubric.crits[i]
	out := CriterionResult{
		ID:           c.id,
		NA:           rw.has(fNA),
		Excluded:     rw.has(fExcluded),
		Zeroed:       rw.has(fZeroed),
		Raw:          decimal.New(rw.raw(), -r.scale),
		Points:       decimal.New(rw.pts(), -r.scale),
		Max:          decimal.New(rw.max(c), -r.scale),
		Bonus:        c.bonus,
		Inapplicable: rw.has(fSkipped),
	}
	if c.section >= 0 {
		out.Section = r.sects[c.section].id
	}
	if l := rw.level(); l >= 0 {
		out.Level = c.levels[l].id
	}
	if res.comments != nil {
		out.Comment = res.comments[i]
	}
	return out
}

// SectionResult is the outcome on one section: the sums of its criteria's points.
type SectionResult struct {
	ID string
	// Weight is the section's weight as defined (zero in an unweighted rubric).
	Weight decimal.Decimal
	// Raw, Points and Max sum the section's criteria (see CriterionResult).
	Raw, Points, Max decimal.Decimal
	// Zeroed reports that an override zeroed at least one of the section's criteria.
	Zeroed bool
}

// Sections returns the outcome on every section, in the rubric's order; nil when the rubric has none.
func (res Result) Sections() []SectionResult {
	if res.rubric == nil || len(res.rubric.sects) == 0 {
		return nil
	}
	r := res.rubric
	out := make([]SectionResult, len(r.sects))
	for i, s := range r.sects {
		var raw, pts, m int64
		zeroed := false
		for _, ci := range s.crits {
			rw := res.rows()[ci]
			raw, pts, m = raw+rw.raw(), pts+rw.pts(), m+rw.max(&r.crits[ci])
			zeroed = zeroed || rw.has(fZeroed)
		}
		out[i] = SectionResult{
			ID: s.id, Weight: s.weight, Zeroed: zeroed,
			Raw: decimal.New(raw, -r.scale), Points: decimal.New(pts, -r.scale), Max: decimal.New(m, -r.scale),
		}
	}
	return out
}

// Equal reports whether two results hold the same scores, breakdown, reasons, band and identifiers on Equal
// rubrics.
func (res Result) Equal(other Result) bool {
	return res.rubric.Equal(other.rubric) && res.meta.ID == other.meta.ID && res.meta.CallID == other.meta.CallID &&
		res.meta.EmployeeID == other.meta.EmployeeID && res.meta.EvaluatorID == other.meta.EvaluatorID &&
		res.meta.At.Equal(other.meta.At) && res.meta.Department == other.meta.Department &&
		res.meta.Comment == other.meta.Comment && maps.Equal(res.meta.Attributes, other.meta.Attributes) &&
		res.meta.Unscheduled == other.meta.Unscheduled && res.meta.StartedBy == other.meta.StartedBy &&
		res.commentsEqual(other) &&
		slices.Equal(res.rows(), other.rows()) && res.seen == other.seen && cmpFixed(res.total, other.total) == 0 &&
		cmpFixed(res.raw, other.raw) == 0 && res.exact == other.exact && res.autoFail == other.autoFail &&
		res.band == other.band && res.bonus == other.bonus
}

// commentsEqual reports whether the answers' comments of two results of one rubric are the same.
func (res Result) commentsEqual(other Result) bool {
	for i := range max(len(res.comments), len(other.comments)) {
		var a, b string
		if i < len(res.comments) {
			a = res.comments[i]
		}
		if i < len(other.comments) {
			b = other.comments[i]
		}
		if a != b {
			return false
		}
	}
	return true
}

// String returns a one-line summary such as "4.5 of 5 (call-quality 2023-03-01)" or
// "0 of 5, auto-fail (raw 4.6)".
func (res Result) String() string {
	if res.rubric == nil {
		return "no result"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s of %s", dec.Text(res.Total()), dec.Text(res.Max()))
	if !res.Exact() {
		fmt.Fprintf(&b, " (rounded %s to %d places)", res.rubric.def.Precision.Rounding, res.rubric.places)
	}
	if res.bonus > 0 {
		fmt.Fprintf(&b, " + bonus %s", dec.Text(res.Bonus()))
	}
	if res.autoFail {
		fmt.Fprintf(&b, ", auto-fail (raw %s)", dec.Text(res.RawTotal()))
	}
	if band, ok := res.Band(); ok {
		fmt.Fprintf(&b, ", band %s", band.ID)
	}
	return b.String()
}
