package rubrictest

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// EquateDecimals returns a go-cmp option that compares decimal.Decimal values with Equal, so 0.5 equals 0.50.
func EquateDecimals() cmp.Option {
	return cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
}

// dec returns c·10^-places.
func dec(c int64, places int32) decimal.Decimal { return decimal.New(c, -places) }

func text(s string) rubric.Text { return rubric.Text{"en": s, "ru": s + " (ru)"} }

// Definition returns a generator of valid rubric definitions: 1–12 criteria of every scale kind (points, binary,
// rating, levels), every N/A policy, optional sections (weighted or not), levels and violations with every
// override effect, and bands. New accepts every definition it draws.
func Definition() *rapid.Generator[rubric.Definition] {
	return rapid.Custom(func(t *rapid.T) rubric.Definition {
		d := rubric.Definition{
			ID:      rapid.SampledFrom([]string{"call", "chat-quality", "audit.v2", "R_1"}).Draw(t, "id"),
			Version: rapid.SampledFrom([]string{"1", "2026-01-01", "v3.1"}).Draw(t, "version"),
			Title:   text("Rubric"),
			Max:     rapid.SampledFrom([]decimal.Decimal{dec(5, 0), dec(10, 0), dec(100, 0), dec(1, 0), dec(45, 1)}).Draw(t, "max"),
			Precision: sq.Precision{
				Places:   rapid.SampledFrom([]int32{0, 1, 2, 4, 6}).Draw(t, "places"),
				Rounding: rapid.SampledFrom([]sq.Rounding{sq.HalfUp, sq.HalfEven, sq.Down}).Draw(t, "rounding"),
			},
		}
		nSect := 0
		if rapid.Bool().Draw(t, "sections") {
			nSect = rapid.IntRange(1, 3).Draw(t, "nSections")
		}
		nCrit := rapid.IntRange(max(1, nSect), 12).Draw(t, "nCriteria")
		weighted := nSect > 0 && rapid.Bool().Draw(t, "weighted")
		for i := 0; i < nSect; i++ {
			s := rubric.Section{ID: fmt.Sprintf("s%d", i+1), Title: text(fmt.Sprintf("Section %d", i+1))}
			if weighted {
				s.Weight = rapid.SampledFrom([]decimal.Decimal{dec(0, 0), dec(1, 0), dec(2, 0), dec(5, 1), dec(333, 3)}).Draw(t, "weight")
				if i == 0 && s.Weight.IsZero() {
					s.Weight = dec(1, 0) // at least one positive weight makes the rubric weighted
				}
			}
			d.Sections = append(d.Sections, s)
		}
		for i := 0; i < nCrit; i++ {
			c := rubric.Criterion{
				ID:    fmt.Sprintf("c%d", i+1),
				Title: text(fmt.Sprintf("Criterion %d", i+1)),
				NA:    rapid.SampledFrom([]rubric.NAPolicy{rubric.NAForbidden, rubric.NAExclude, rubric.NAZero, rubric.NAFull}).Draw(t, "na"),
			}
			if nSect > 0 {
				if i < nSect {
					c.Section = d.Sections[i].ID // every section gets a criterion
				} else {
					c.Section = d.Sections[rapid.IntRange(0, nSect-1).Draw(t, "section")].ID
				}
			}
			c.Scale = scale(t, c.Section != "")
			d.Criteria = append(d.Criteria, c)
		}
		d.Violations = violations(t, d)
		d.Bands = bands(t, d.Max)
		return d
	})
}

func scale(t *rapid.T, inSection bool) rubric.Scale {
	switch rapid.IntRange(0, 3).Draw(t, "kind") {
	case 0:
		step := rapid.SampledFrom([]decimal.Decimal{dec(1, 1), dec(25, 2), dec(1, 0), dec(5, 1), dec(2, 0)}).Draw(t, "step")
		min := step.Mul(decimal.NewFromInt(int64(rapid.IntRange(0, 2).Draw(t, "minSteps"))))
		max := min.Add(step.Mul(decimal.NewFromInt(int64(rapid.IntRange(1, 10).Draw(t, "steps")))))
		return rubric.Scale{Kind: rubric.Points, Min: min, Max: max, Step: step}
	case 1:
		return rubric.Scale{Kind: rubric.Binary, Max: rapid.SampledFrom([]decimal.Decimal{dec(1, 0), dec(5, 1), dec(2, 0)}).Draw(t, "binaryMax")}
	case 2:
		size := rapid.IntRange(3, 5).Draw(t, "size")
		unit := rapid.SampledFrom([]decimal.Decimal{dec(1, 1), dec(5, 1), dec(1, 0)}).Draw(t, "ratingStep")
		return rubric.Scale{Kind: rubric.Rating, Size: size, Max: unit.Mul(decimal.NewFromInt(int64(size - 1)))}
	default:
		n := rapid.IntRange(2, 4).Draw(t, "nLevels")
		s := rubric.Scale{Kind: rubric.Levels}
		for j := 0; j < n; j++ {
			l := rubric.Level{
				ID:     fmt.Sprintf("l%d", j+1),
				Title:  text(fmt.Sprintf("Level %d", j+1)),
				Points: dec(int64(rapid.IntRange(0, 10).Draw(t, "levelPoints")), 1),
			}
			if j == 0 && l.Points.IsZero() {
				l.Points = dec(5, 1) // at least one level is worth something
			}
			if j > 0 && rapid.IntRange(0, 3).Draw(t, "hasEffect") == 0 {
				effects := []rubric.Effect{rubric.EffectEvaluation}
				if l.Points.IsZero() {
					effects = append(effects, rubric.EffectCriterion)
				}
				if inSection {
					effects = append(effects, rubric.EffectSection)
				}
				l.Effect = rapid.SampledFrom(effects).Draw(t, "levelEffect")
			}
			s.Levels = append(s.Levels, l)
		}
		return s
	}
}

func violations(t *rapid.T, d rubric.Definition) []rubric.Violation {
	var out []rubric.Violation
	n := rapid.IntRange(0, 3).Draw(t, "nViolations")
	for i := 0; i < n; i++ {
		v := rubric.Violation{ID: fmt.Sprintf("v%d", i+1), Title: text(fmt.Sprintf("Violation %d", i+1))}
		effects := []rubric.Effect{rubric.EffectNone, rubric.EffectCriterion, rubric.EffectEvaluation}
		if len(d.Sections) > 0 {
			effects = append(effects, rubric.EffectSection)
		}
		v.Effect = rapid.SampledFrom(effects).Draw(t, "violationEffect")
		switch v.Effect {
		case rubric.EffectCriterion:
			v.Target = d.Criteria[rapid.IntRange(0, len(d.Criteria)-1).Draw(t, "target")].ID
		case rubric.EffectSection:
			v.Target = d.Sections[rapid.IntRange(0, len(d.Sections)-1).Draw(t, "target")].ID
		}
		out = append(out, v)
	}
	return out
}

func bands(t *rapid.T, top decimal.Decimal) []rubric.Band {
	var out []rubric.Band
	n := rapid.IntRange(0, 3).Draw(t, "nBands")
	prev := decimal.NewFromInt(-1)
	for i := 0; i < n; i++ {
		// Minimums in tenths of the top, strictly increasing.
		tenths := rapid.IntRange(0, 10).Draw(t, "bandMin")
		min := top.Mul(decimal.New(int64(tenths), -1))
		if !min.GreaterThan(prev) {
			continue
		}
		out = append(out, rubric.Band{ID: fmt.Sprintf("b%d", len(out)+1), Title: text(fmt.Sprintf("Band %d", len(out)+1)), Min: min})
		prev = min
	}
	return out
}

// Rubric returns a generator of rubrics built from Definition.
func Rubric() *rapid.Generator[*rubric.Rubric] {
	return rapid.Custom(func(t *rapid.T) *rubric.Rubric {
		d := Definition().Draw(t, "definition")
		r, err := rubric.New(d)
		if err != nil {
			panic(fmt.Sprintf("rubrictest: generated an invalid definition: %v", err))
		}
		return r
	})
}
