package rubric

import (
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Definition is the plain-data description of a rubric: what a quality specialist scores and how the score is
// counted. Build a usable, validated *Rubric from it with New, or load one from JSON with Parse.
//
// Limits, which keep every total exact in 64-bit integers and every hostile definition cheap: at most 256
// criteria, 64 sections, 256 violations, 16 bands and 32 levels per scale; points, Max, weights and band bounds at
// most 10^6 with at most 6 digits after the point; texts at most 4096 bytes.
//
// The zero Definition is not a valid rubric: it has no ID, version, title or criteria.
type Definition struct {
	// ID names the rubric, for example "call-quality". 1–64 characters of A–Z a–z 0–9 _ . -
	ID string
	// Version distinguishes revisions of a rubric with one ID, for example "2023-03-01". Same characters as ID.
	Version string
	// Title and Description are localized. Title needs at least one language.
	Title       Text
	Description Text
	// Max is the top of the target scale: totals run from 0 to Max (the source's call rubric: 5). Positive.
	Max decimal.Decimal
	// Precision says how a total that does not come out exact when rescaled to 0–Max (N/A exclusions, weighted
	// sections, criteria whose points do not add up to Max) is rounded: to Places digits after the point, 1–12,
	// zero meaning 4, by Rounding (half-up by default). Exact totals are never rounded. In JSON the two are the
	// keys "places" and "rounding" of the definition.
	Precision sq.Precision
	// Sections group criteria. Optional; when present, every criterion names one.
	Sections []Section
	// Criteria in the order they are shown and scored. 1–256 of them.
	Criteria []Criterion
	// Violations are flags an evaluator can raise, such as the fatal violations of SPEC R4.
	Violations []Violation
	// Bands name ranges of the total, such as "needs improvement" / "meets" / "exceeds". Optional.
	Bands []Band
	// BonusCap is the most points the bonus criteria can add beyond the total (see Criterion.Bonus): positive
	// when the rubric has bonus criteria, zero otherwise.
	BonusCap decimal.Decimal
}

// Section groups criteria. When at least one section has a positive Weight the rubric is weighted: each section
// contributes Weight/ΣWeight of Max in proportion to the share of its points it earned. When every weight is zero,
// sections only group and the total is the plain sum of points.
type Section struct {
	ID          string
	Title       Text
	Description Text
	Weight      decimal.Decimal
}

// Criterion is one line of the rubric.
type Criterion struct {
	ID          string
	Title       Text
	Description Text
	// Section is the ID of the section the criterion belongs to; empty when the rubric has no sections.
	Section string
	// Scale says what an answer can be and what it is worth.
	Scale Scale
	// NA says whether the criterion may be answered "not applicable" and what that counts as. The zero value,
	// NAForbidden, does not allow N/A.
	NA NAPolicy
	// Bonus makes the criterion a bonus for exceptional work: its points, on the total's own scale and not
	// rescaled, add up with the other bonus criteria's to the Result's Bonus, at most the rubric's BonusCap. A
	// bonus criterion never counts in Total, its maximum or the bands, and an auto-fail zeroes it with the rest. It
	// names no section, its N/A may be forbidden, excluded or zero (each worth no bonus) but not full, and a rubric
	// needs at least one criterion that is not a bonus.
	Bonus bool
	// When makes the criterion conditional: it applies only when the criterion When names was answered with the
	// level When gives ("offered alternatives" only when "product in stock" is "no"). The zero Condition means
	// always. See Condition for what an inapplicable criterion counts as.
	When Condition
}

// Condition says when a criterion applies: when the criterion Criterion was answered with the level Level. The
// zero Condition always holds.
//
// Criterion names another criterion of the rubric, one answered by level (binary, rating or levels), and Level
// one of its levels; conditions may chain but not loop. A conditional criterion needs an N/A policy other than
// NAForbidden: when its condition does not hold (the other criterion has another level, is N/A, or does not apply
// itself) it counts as N/A by that policy, and the evaluation may leave it out or answer it N/A. Points or a level
// given for it then are refused with ErrInapplicable, rather than silently ignored.
type Condition struct {
	Criterion string
	Level     string
}

// ScaleKind is the kind of a criterion's scale.
type ScaleKind string

const (
	// Points: a number of points from Min to Max in steps of Step (the source's call rubric: 0–0.5 step 0.1).
	Points ScaleKind = "points"
	// Binary: two levels, "pass" (worth Max) and "fail" (worth 0), or the labels the scale gives them instead
	// (Scale.Pass and Scale.Fail: "yes"/"no", "met"/"not_met").
	Binary ScaleKind = "binary"
	// Rating: the levels "1" … "N" of an N-point rating (N = Size: 3, 4 or 5); level k is worth
	// Max·(k−1)/(N−1), so "1" is worth 0 and "N" is worth Max. Max must divide into N−1 equal steps exactly
	// (0.3 or 0.6 on a 4-point rating, not 0.5).
	Rating ScaleKind = "rating"
	// Levels: named levels, each with its points and optionally an override (tonality is one).
	Levels ScaleKind = "levels"
)

// Scale describes what a criterion's answer can be. Which fields apply depends on Kind; the others must be zero.
type Scale struct {
	Kind ScaleKind
	// Min, Max, Step: Points uses all three (0 ≤ Min < Max, Step > 0 dividing Max−Min).
	// Binary and Rating use Max. Levels uses none: its maximum is its best level.
	Min, Max, Step decimal.Decimal
	// Size is the number of levels of a Rating scale: 3, 4 or 5.
	Size int
	// Levels lists the levels of a Levels scale, at least two.
	Levels []Level
	// Pass and Fail are the labels of the two levels of a Binary scale, the level IDs answers give and results
	// show: "yes" and "no", "met" and "not_met". Both or neither; distinct IDs. Empty means "pass" and "fail".
	Pass, Fail string
}

// Labels returns the IDs of the two levels of a Binary scale: Pass and Fail, or "pass" and "fail" when they are
// empty. For the other kinds it returns two empty strings.
func (s Scale) Labels() (pass, fail string) {
	switch {
	case s.Kind != Binary:
		return "", ""
	case s.Pass == "" && s.Fail == "":
		return "pass", "fail"
	}
	return s.Pass, s.Fail
}

// Level is one named level of a Levels scale.
type Level struct {
	ID          string
	Title       Text
	Description Text
	// Points the level is worth, 0 ≤ Points.
	Points decimal.Decimal
	// Effect zeroes more than the criterion's own points when the level is chosen: EffectSection zeroes the
	// criterion's section, EffectEvaluation the whole evaluation (auto-fail). EffectCriterion is allowed only on a
	// level worth 0 points and records the zeroing as a reason.
	Effect Effect
}

// NAPolicy says what "not applicable" means for a criterion.
type NAPolicy string

const (
	// NAForbidden (the zero value): the criterion must be scored.
	NAForbidden NAPolicy = ""
	// NAExclude: the criterion is left out and the remaining ones are rescaled to 0–Max.
	NAExclude NAPolicy = "exclude"
	// NAZero: N/A counts as 0 points out of the criterion's maximum.
	NAZero NAPolicy = "zero"
	// NAFull: N/A counts as the criterion's maximum.
	NAFull NAPolicy = "full"
)

// Effect is what an override zeroes.
type Effect string

const (
	// EffectNone (the zero value): no override; a violation with no effect is only recorded.
	EffectNone Effect = ""
	// EffectCriterion zeroes one criterion.
	EffectCriterion Effect = "criterion"
	// EffectSection zeroes every criterion of one section.
	EffectSection Effect = "section"
	// EffectEvaluation zeroes the whole evaluation: the total is 0 whatever else was scored (auto-fail).
	EffectEvaluation Effect = "evaluation"
)

// Violation is a flag an evaluator raises when something happened on the call, such as profanity (SPEC R4).
type Violation struct {
	ID          string
	Title       Text
	Description Text
	// Effect is what the violation zeroes; Target names the criterion (EffectCriterion) or section
	// (EffectSection) and is empty otherwise.
	Effect Effect
	Target string
}

// Band names the totals from its lower bound up to the next band's. Bands are listed in strictly increasing
// order of their bounds, from 0 to the rubric's Max. A total below the first band's bound has no band.
//
// The bound is Min points of the total, or Min percent of the rubric's Max when Percent is set (0–100, at most 4
// digits after the point: 90 means 0.9·Max, exactly). It is inclusive (the total reaches Min) unless Above is set,
// when the band starts just above Min and a total equal to Min belongs to the band below. "Below 70%", "70–90%"
// and "above 90%" are the bands {Min 0, Percent}, {Min 70, Percent} and {Min 90, Percent, Above}: 90% exactly is
// in the middle band. Two bands may share a bound only when the first is inclusive and the second Above (the first
// then holds that one total); an Above band at Max would be empty and is refused.
//
// The zero Band has no ID and is not valid; its zero Percent and Above mean an inclusive bound in points.
type Band struct {
	ID      string
	Title   Text
	Min     decimal.Decimal
	Percent bool // Min is a percent of the rubric's Max
	Above   bool // the band starts just above Min (an exclusive bound)
}
