package rubric

import (
	"slices"

	"github.com/shopspring/decimal"
)

// Equal reports whether d and other describe the same rubric: the same fields, decimals compared by value (0.5
// equals 0.50), texts by content, lists in the same order; a nil and an empty list or text are equal.
func (d Definition) Equal(other Definition) bool {
	return d.ID == other.ID && d.Version == other.Version && d.Title.Equal(other.Title) &&
		d.Description.Equal(other.Description) && d.Max.Equal(other.Max) && d.Precision == other.Precision &&
		d.BonusCap.Equal(other.BonusCap) &&
		slices.EqualFunc(d.Sections, other.Sections, func(a, b Section) bool {
			return a.ID == b.ID && a.Title.Equal(b.Title) && a.Description.Equal(b.Description) && a.Weight.Equal(b.Weight)
		}) &&
		slices.EqualFunc(d.Criteria, other.Criteria, Criterion.equal) &&
		slices.EqualFunc(d.Violations, other.Violations, func(a, b Violation) bool {
			return a.ID == b.ID && a.Title.Equal(b.Title) && a.Description.Equal(b.Description) && a.Effect == b.Effect &&
				a.Target == b.Target
		}) &&
		slices.EqualFunc(d.Bands, other.Bands, func(a, b Band) bool {
			return a.ID == b.ID && a.Title.Equal(b.Title) && a.Min.Equal(b.Min) && a.Percent == b.Percent && a.Above == b.Above
		})
}

// equal reports whether c and other are the same criterion, as Definition.Equal compares them.
func (c Criterion) equal(other Criterion) bool {
	s, o := c.Scale, other.Scale
	return c.ID == other.ID && c.Title.Equal(other.Title) && c.Description.Equal(other.Description) &&
		c.Section == other.Section && c.NA == other.NA && c.Bonus == other.Bonus && c.When == other.When && s.Kind == o.Kind && eq(s.Min, o.Min) && eq(s.Max, o.Max) &&
		eq(s.Step, o.Step) && s.Size == o.Size && s.Pass == o.Pass && s.Fail == o.Fail &&
		slices.EqualFunc(s.Levels, o.Levels, func(a, b Level) bool {
			return a.ID == b.ID && a.Title.Equal(b.Title) && a.Description.Equal(b.Description) && a.Points.Equal(b.Points) &&
				a.Effect == b.Effect
		})
}

func eq(a, b decimal.Decimal) bool { return a.Equal(b) }

// Equal reports whether r and other were built from Equal definitions, so that they score every evaluation alike.
// Two nil rubrics are equal; a nil and a non-nil one are not.
func (r *Rubric) Equal(other *Rubric) bool {
	if r == nil || other == nil {
		return r == other
	}
	return r == other || r.def.Equal(other.def)
}
