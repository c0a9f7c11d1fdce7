package rating

import (
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Exact arithmetic on sq.Fraction inside the package; every operand is a value this package checked, so no
// division is by zero and no rounding fails.

func fracAdd(a, b sq.Fraction) sq.Fraction { return a.Add(b) }
func fracMul(a, b sq.Fraction) sq.Fraction { return a.Mul(b) }

// fracQuo returns a/b; b is never zero where the package calls it.
func fracQuo(a, b sq.Fraction) sq.Fraction {
	q, _ := a.Quo(b)
	return q
}

// fracInt returns the whole number n.
func fracInt(n int64) sq.Fraction {
	f, _ := sq.Ratio(n, 1)
	return f
}

// round returns f rounded by p, a valid precision.
func round(f sq.Fraction, p sq.Precision) decimal.Decimal {
	r, _ := f.Round(p)
	return r.Value
}

// stored is f rounded as values are stored and compared in text: sq.StoredPrecision (10 places, half-even).
func stored(f sq.Fraction) decimal.Decimal { return round(f, sq.StoredPrecision()) }

// shown is f rounded as people see it: sq.DisplayPrecision (1 place, half-up), in text with that one place.
func shown(f sq.Fraction) string {
	p := sq.DisplayPrecision()
	return round(f, p).StringFixed(p.Places)
}
