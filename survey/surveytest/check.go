package surveytest

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Names of the invariants Check proves, for Skip and for reading failure messages.
const (
	InvRange  = "range"  // every exact rate lies on its scale (0–100%, 1–5, 0–5, −100…100, 1–7); an empty tally has none
	InvMerge  = "merge"  // merging is associative and commutative, with the empty tally as identity
	InvJSON   = "json"   // every tally reads back Equal from its JSON form
	InvBinary = "binary" // every tally with a binary form (Tallies) reads back Equal from it
)

// Option tunes Check. Options are inert values, safe to share and reuse.
type Option interface{ apply(*config) }

type config struct {
	draws    int
	maxTotal int64
	skip     map[string]bool
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

func newConfig(opts []Option) *config {
	c := &config{draws: 1, maxTotal: 1000, skip: map[string]bool{}}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	return c
}

// Draws makes every rapid case draw n sets of tallies instead of one (n < 1 counts as 1). The number of cases is
// rapid's: 100 unless the test runs with -rapid.checks=N.
func Draws(n int) Option { return optionFunc(func(c *config) { c.draws = max(n, 1) }) }

// Skip leaves out the named invariants (InvBinary, ...).
func Skip(names ...string) Option {
	return optionFunc(func(c *config) {
		for _, n := range names {
			c.skip[n] = true
		}
	})
}

// MaxTotal draws tallies of up to n answers each (n < 1 counts as 1; the default is 1000); survey.MaxCount is the
// most a tally holds, and larger n tests the arithmetic near it.
func MaxTotal(n int64) Option { return optionFunc(func(c *config) { c.maxTotal = max(n, 1) }) }

// tally is what every tally of package survey has.
type tally[T any] interface {
	Equal(T) bool
	Merge(T) (T, error)
}

// rate is one rate of a tally and the scale it lies on.
type rate[T any] struct {
	name   string
	lo, hi int64
	f      func(T) (sq.Fraction, error)
}

// kind checks one tally type: its generator, its merge and its rates.
type kind struct {
	name  string
	check func(t *rapid.T, c *config) (inv, msg string)
}

func newKind[T tally[T]](name string, gen func(maxTotal int64) *rapid.Generator[T], merge func(a, b T) (T, error),
	empty func(T) bool, rates ...rate[T]) kind {
	return kind{name: name, check: func(t *rapid.T, c *config) (string, string) {
		g := gen(c.maxTotal)
		a, b, x := g.Draw(t, name+"A"), g.Draw(t, name+"B"), g.Draw(t, name+"C")
		if !c.skip[InvRange] {
			for _, r := range rates {
				v, err := r.f(a)
				switch {
				case empty(a) && !errors.Is(err, survey.ErrEmpty):
					return InvRange, fmt.Sprintf("%s %s of the empty tally gives %s (error %v), want an error wrapping ErrEmpty", name, r.name, v, err)
				case empty(a):
				case err != nil:
					return InvRange, fmt.Sprintf("%s %s of %s refused: %v", name, r.name, show(a), err)
				case v.Cmp(whole(r.lo)) < 0 || v.Cmp(whole(r.hi)) > 0:
					return InvRange, fmt.Sprintf("%s %s of %s is %s, outside %d…%d", name, r.name, show(a), v, r.lo, r.hi)
				}
			}
		}
		if !c.skip[InvMerge] {
			m := func(p, q T) T {
				s, err := merge(p, q)
				if err != nil {
					t.Fatalf("surveytest: %s: merge of %s and %s refused: %v", name, show(p), show(q), err)
				}
				return s
			}
			var zero T
			if ab, ba := m(a, b), m(b, a); !ab.Equal(ba) {
				return InvMerge, fmt.Sprintf("%s: a merged with b gives %s, b merged with a gives %s (a %s, b %s)", name, show(ab), show(ba), show(a), show(b))
			}
			if l, r := m(m(a, b), x), m(a, m(b, x)); !l.Equal(r) {
				return InvMerge, fmt.Sprintf("%s: (a+b)+c gives %s, a+(b+c) gives %s (a %s, b %s, c %s)", name, show(l), show(r), show(a), show(b), show(x))
			}
			if z, y := m(a, zero), m(zero, a); !z.Equal(a) || !y.Equal(a) {
				return InvMerge, fmt.Sprintf("%s: %s merged with the empty tally gives %s and %s", name, show(a), show(z), show(y))
			}
		}
		if !c.skip[InvJSON] {
			var back T
			data, err := json.Marshal(a)
			if err == nil {
				err = json.Unmarshal(data, &back)
			}
			if err != nil || !back.Equal(a) {
				return InvJSON, fmt.Sprintf("%s %s reads back from %s as %s (error %v)", name, show(a), data, show(back), err)
			}
		}
		if bm, ok := any(a).(encoding.BinaryMarshaler); ok && !c.skip[InvBinary] {
			var back T
			data, err := bm.MarshalBinary()
			if err == nil {
				err = any(&back).(encoding.BinaryUnmarshaler).UnmarshalBinary(data)
			}
			if err != nil || !back.Equal(a) {
				return InvBinary, fmt.Sprintf("%s %s reads back from its binary form %x as %s (error %v)", name, show(a), data, show(back), err)
			}
		}
		return "", ""
	}}
}

// show writes a tally as its JSON form, which names every count.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

func kinds() []kind {
	empty := func(n int64) bool { return n == 0 }
	return []kind{
		newKind("CSI", csiTotal, survey.CSI.Merge, func(c survey.CSI) bool { return empty(c.Total()) },
			rate[survey.CSI]{"mean", 1, 5, survey.CSI.Mean}),
		newKind("Share", Share, survey.Share.Merge, func(s survey.Share) bool { return empty(s.Total()) },
			rate[survey.Share]{"percent", 0, 100, survey.Share.Percent},
			rate[survey.Share]{"points", 0, 5, survey.Share.Points}),
		newKind("ClassicNPS", ClassicNPS, survey.ClassicNPS.Merge, func(c survey.ClassicNPS) bool { return empty(c.Total()) },
			rate[survey.ClassicNPS]{"score", -100, 100, survey.ClassicNPS.Score},
			rate[survey.ClassicNPS]{"variance", 0, 1, survey.ClassicNPS.Variance}),
		newKind("CES", cesTotal, survey.CES.Merge, func(c survey.CES) bool { return empty(c.Total()) },
			rate[survey.CES]{"mean", 1, 7, survey.CES.Mean}),
		newKind("Tallies", Tallies, survey.Tallies.Merge, func(survey.Tallies) bool { return false }),
	}
}

// whole returns n as a Fraction.
func whole(n int64) sq.Fraction { return sq.FractionOf(decimal.NewFromInt(n)) }

// csiTotal draws CSI tallies of about maxTotal answers in all (CSI takes the most of each answer value).
func csiTotal(maxTotal int64) *rapid.Generator[survey.CSI] { return CSI(max(maxTotal/5, 1)) }

// cesTotal draws CES tallies of about maxTotal answers in all (CES takes the most of each answer value).
func cesTotal(maxTotal int64) *rapid.Generator[survey.CES] { return CES(max(maxTotal/7, 1)) }

// Check proves in one line of a test the invariants of every tally of package survey (CSI, Share, ClassicNPS, CES
// and Tallies), and fails t with the broken one in words and the
// tallies that show it:
//
//   - InvRange: every rate, exact, lies on its scale — percentages on 0–100, the CSI mean on 1–5, the 5-point index
//     on 0–5, the classic NPS on −100…100 and its variance on 0–1, the CES mean on 1–7 — and the rates of an empty
//     tally are errors wrapping survey.ErrEmpty;
//   - InvMerge: Merge is commutative and associative, and the zero value (the empty sample) is its identity;
//   - InvJSON: every tally reads back Equal from its JSON form;
//   - InvBinary: every tally with a binary form (Tallies) reads back Equal from it.
//
// Tallies are drawn by the generators of this package, 100 cases unless -rapid.checks says otherwise (see Draws
// and MaxTotal), and a failure shrinks to small tallies. Check calls t's methods only from the calling goroutine.
// It is what a team that builds on package survey, or a fork of it, runs in CI.
func Check(t testing.TB, opts ...Option) {
	t.Helper()
	check(t, newConfig(opts), kinds())
}

func check(t testing.TB, c *config, ks []kind) {
	t.Helper()
	rapid.Check(t, func(rt *rapid.T) {
		for range c.draws {
			for _, k := range ks {
				if inv, msg := k.check(rt, c); msg != "" {
					rt.Fatalf("surveytest: %s: %s", inv, msg)
				}
			}
		}
	})
}
