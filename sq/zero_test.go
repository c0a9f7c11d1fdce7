package sq_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/decglobals"
	"github.com/servicequality/servicequality/internal/zerotest"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Every method answers on zero values and nil pointers without panicking.
func TestZeroValues(t *testing.T) {
	for _, zero := range []any{sq.Fraction{}, sq.Precision{}, sq.Rounded{}, sq.Rounding(0), sq.Date{}, sq.Period{},
		sq.Quarter{}, sq.Month{}, &sq.Error{}, (*sq.Error)(nil)} {
		zerotest.CallAll(t, zero)
	}
}

// What sq prints and encodes does not depend on shopspring/decimal's package settings.
func TestDecimalGlobals(t *testing.T) {
	values := func() []any {
		f, _ := sq.ParseFraction("9/2")
		r, _ := sq.FractionOf(decimal.RequireFromString("4.50")).Round(sq.Precision{Places: 3})
		return []any{f, r, sq.FractionOf(decimal.RequireFromString("300.00"))}
	}
	want := decglobals.Outputs(values()...)
	decglobals.Flip(t)
	if diff := cmp.Diff(want, decglobals.Outputs(values()...)); diff != "" {
		t.Errorf("outputs depend on decimal's settings (-default +flipped):\n%s", diff)
	}
}
