package rating_test

import (
	"errors"
	"github.com/servicequality/servicequality/rating"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

// d parses a decimal literal of a test.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// nd is a present survey value: the exact decimal s.
func nd(s string) *sq.Fraction {
	f := sq.FractionOf(d(s))
	return &f
}

// day returns midnight UTC of the date.
func day(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

// frac is an exact fraction a/b of small integers.
func frac(t tb, a, b int64) sq.Fraction {
	t.Helper()
	f, err := sq.NewFraction(decimal.NewFromInt(a), decimal.NewFromInt(b))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// wantErr checks that err wraps want (nil: no error).
func wantErr(t tb, err, want error, reason string) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Errorf("%s: unexpected error %v", reason, err)
	case want != nil && !errors.Is(err, want):
		t.Errorf("%s: error = %v, want one wrapping %v", reason, err, want)
	}
}

// genScore draws a score on 0–5 with 0 to 3 digits after the point.
func genScore(t *rapid.T, label string) decimal.Decimal {
	places := rapid.Int32Range(0, 3).Draw(t, label+".places")
	var limit int64 = 5
	for i := int32(0); i < places; i++ {
		limit *= 10
	}
	return decimal.New(rapid.Int64Range(0, limit).Draw(t, label), -places)
}

// genWeight draws a non-negative weight with up to 2 digits after the point.
func genWeight(t *rapid.T, label string) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 1000).Draw(t, label), -rapid.Int32Range(0, 2).Draw(t, label+".places"))
}

// has reports whether r breaks the rule code.
func has(r rating.Rating, code rating.ReasonCode) bool {
	for _, x := range r.Reasons() {
		if x.Code == code {
			return true
		}
	}
	return false
}

// keysOf returns the keys of g in the order All yields them.
func keysOf(g *rating.Grouped) []string {
	var keys []string
	for k := range g.All() {
		keys = append(keys, k)
	}
	return keys
}

// lenOf returns the number of groups of g, counted through All, and checks Len against it.
func lenOf(g *rating.Grouped) int {
	n := len(keysOf(g))
	if g.Len() != n {
		panic("Len disagrees with All")
	}
	return n
}

// cloneOf returns an independent copy of g, merged into an empty Grouped.
func cloneOf(g *rating.Grouped) *rating.Grouped {
	c := new(rating.Grouped)
	if err := c.Merge(g); err != nil {
		panic(err)
	}
	return c
}
