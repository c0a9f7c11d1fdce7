package rubric

import (
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Limits on a definition. They keep every total exact in 64-bit integers and every hostile definition cheap.
const (
	maxCriteria   = 256     // criteria per rubric
	maxLevels     = 32      // levels per Levels scale
	maxSections   = 64      // sections per rubric
	maxViolations = 256     // violations per rubric
	maxBands      = 16      // bands per rubric
	maxPctPlaces  = 4       // digits after the point of a band's percent
	maxPlaces     = 12      // Definition.Precision.Places
	defaultPlaces = 4       // Definition.Precision.Places when zero
	maxValue      = 1000000 // points, Max, weights and band minimums are at most 10^6 ...
	maxScale      = 6       // ... with at most 6 digits after the point
	maxIDLen      = 64
	maxTextLen    = 4096
)

// Rubric is a validated, compiled rubric. Build one with New, Parse or a template function.
//
// A Rubric never changes after it is built and is safe for concurrent use by multiple goroutines; share one
// *Rubric between all the evaluations scored on it. The zero Rubric and a nil *Rubric are not usable: their
// accessors return zero values (empty ID, no criteria), Score reports ErrInvalidDefinition and MarshalJSON
// ErrNoRubric.
type Rubric struct {
	def      Definition // a private deep copy, returned as a copy by Definition
	scale    int32      // digits after the point of every point value of the rubric
	maxU     int64      // Max in units of 10^-scale
	sumMaxU  int64      // Σ criterion maxima in units
	places   int32      // Places, with the default applied
	weighted bool       // at least one section has a positive weight
	crits    []crit
	ids      []string  // criterion IDs, and hot the numbers scoring needs first, kept apart from crits so that
	hot      []hotCrit // the scoring loop reads two small arrays
	critIdx  map[string]int
	sects    []sect
	sectIdx  map[string]int
	viols    []viol
	violIdx  map[string]int
	bands    []bound // band bounds in points
	bonuses  []int   // indexes of the bonus criteria
	conds    []cond  // the conditional criteria, each after the criterion its condition names when that is one
	capU     int64   // BonusCap in units
}

type crit struct {
	id      string
	points  bool  // a Points scale (answered in points); the other kinds are answered by level
	minU    int64 // Points: Min, Max, Step in units; other kinds: 0, best level, 0
	maxU    int64
	stepU   int64
	levels  []lvl
	na      naCode
	bonus   bool
	section int   // index into sects, or -1
	scale   int32 // the rubric's scale, for messages
}

// naCode is an NAPolicy as a small integer, so that scoring compares no strings.
type naCode uint8

const (
	naForbidden naCode = iota
	naExclude
	naZero
	naFull
)

func naCodeOf(p NAPolicy) naCode {
	switch p {
	case NAExclude:
		return naExclude
	case NAZero:
		return naZero
	case NAFull:
		return naFull
	}
	return naForbidden
}

// hotCrit holds what scoring reads for every answer of a Points scale, in 32 bytes.
type hotCrit struct {
	minU, maxU, stepU int64
	points            bool
}

type lvl struct {
	id     string
	u      int64
	effect Effect
}

type sect struct {
	id     string
	weight decimal.Decimal
	crits  []int
}

type viol struct {
	id     string
	effect Effect
	target int // criterion or section index, or -1
}

// cond is a compiled Condition: criterion crit applies when criterion src has level index level.
type cond struct {
	crit, src, level int
}

// bound is a band's lower bound in points: the totals it holds are at least min, or above min when above.
type bound struct {
	min   fixed
	above bool
}

// fixed is an exact value u·10^-scale, the form results keep so that scoring allocates nothing for them.
type fixed struct {
	u     int64
	scale int32
}

func (f fixed) decimal() decimal.Decimal { return decimal.New(f.u, -f.scale) }

// emptyDefinition is what the accessors of a nil *Rubric read.
var emptyDefinition Definition

// definition returns the rubric's definition, or an empty one for a nil *Rubric.
func (r *Rubric) definition() *Definition {
	if r == nil {
		return &emptyDefinition
	}
	return &r.def
}

// ID returns the rubric's ID.
func (r *Rubric) ID() string { return r.definition().ID }

// Version returns the rubric's version.
func (r *Rubric) Version() string { return r.definition().Version }

// Max returns the top of the target scale: totals run from 0 to Max.
func (r *Rubric) Max() decimal.Decimal { return r.definition().Max }

// Precision returns how a total that does not come out exact is rounded: the definition's Precision with the
// default applied (4 places when zero), and more places when the rubric's point values have more, so that
// rounding can never carry a total past Max. The zero Precision for a nil *Rubric.
func (r *Rubric) Precision() sq.Precision {
	if r == nil {
		return sq.Precision{}
	}
	return sq.Precision{Places: r.places, Rounding: r.def.Precision.Rounding}
}

// Definition returns a copy of the definition the rubric was built from, with empty texts and lists as nil and
// Precision as given (zero places when the default applies). Changing the copy does not change the rubric.
func (r *Rubric) Definition() Definition { return r.definition().clone() }

// Criteria returns a copy of the rubric's criteria in order.
func (r *Rubric) Criteria() []Criterion { return r.Definition().Criteria }

// Criterion returns a copy of the criterion with the given ID.
func (r *Rubric) Criterion(id string) (Criterion, bool) {
	if r == nil {
		return Criterion{}, false
	}
	i, ok := r.critIdx[id]
	if !ok {
		return Criterion{}, false
	}
	return r.def.Criteria[i].clone(), true
}

// Violations returns a copy of the violations the rubric lists.
func (r *Rubric) Violations() []Violation { return r.Definition().Violations }

// MaxPoints returns the criterion's maximum: Max of a Points, Binary or Rating scale, the best level of a Levels
// scale.
func (c Criterion) MaxPoints() decimal.Decimal {
	if c.Scale.Kind != Levels {
		return c.Scale.Max
	}
	best := decimal.Zero
	for _, l := range c.Scale.Levels {
		if l.Points.GreaterThan(best) {
			best = l.Points
		}
	}
	return best
}

// clone returns a deep copy of d sharing no maps or slices with it.
func (d Definition) clone() Definition {
	out := d
	out.Title, out.Description = d.Title.clone(), d.Description.clone()
	out.Sections = cloneEach(d.Sections, func(s Section) Section {
		s.Title, s.Description = s.Title.clone(), s.Description.clone()
		return s
	})
	out.Criteria = cloneEach(d.Criteria, Criterion.clone)
	out.Violations = cloneEach(d.Violations, func(v Violation) Violation {
		v.Title, v.Description = v.Title.clone(), v.Description.clone()
		return v
	})
	out.Bands = cloneEach(d.Bands, func(b Band) Band {
		b.Title = b.Title.clone()
		return b
	})
	return out
}

func (c Criterion) clone() Criterion {
	c.Title, c.Description = c.Title.clone(), c.Description.clone()
	c.Scale.Levels = cloneEach(c.Scale.Levels, func(l Level) Level {
		l.Title, l.Description = l.Title.clone(), l.Description.clone()
		return l
	})
	return c
}

func cloneEach[T any](in []T, f func(T) T) []T {
	if len(in) == 0 {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
