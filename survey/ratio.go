package survey

import (
	"fmt"
	"math"
	"math/big"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// MaxCount is the largest number of answers (or clients) a tally may hold. It keeps every sum of this package
// inside int64 and every count exactly representable as a float64 for the statistics.
const MaxCount int64 = 1_000_000_000_000_000

// checkCount validates one count given by a caller.
func checkCount(field string, n int64) error {
	if n < 0 {
		return problem(ErrInvalidCount, field, fmt.Sprint(n), "not negative")
	}
	if n > MaxCount {
		return problem(sq.ErrLimit, field, fmt.Sprint(n), fmt.Sprintf("at most %d", MaxCount))
	}
	return nil
}

// checkPart validates a part-of-whole pair of counts, such as yes out of total.
func checkPart(partName string, part int64, wholeName string, whole int64) error {
	if err := checkCount(partName, part); err != nil {
		return err
	}
	if err := checkCount(wholeName, whole); err != nil {
		return err
	}
	if part > whole {
		return problem(ErrInvalidCount, partName, fmt.Sprint(part), fmt.Sprintf("at most the %s, %d", wholeName, whole))
	}
	return nil
}

// addCounts adds two totals of tallies being merged, refusing a sum above MaxCount.
func addCounts(metric string, a, b int64) (int64, error) {
	if a > MaxCount-b {
		return 0, problem(sq.ErrLimit, metric, fmt.Sprintf("%d + %d answers", a, b), fmt.Sprintf("at most %d merged", MaxCount))
	}
	return a + b, nil
}

// errEmpty is the error for a metric asked of a sample with no answers.
func errEmpty(metric string) error {
	return problem(ErrEmpty, metric, "", "a sample with answers")
}

// ratio returns the exact num × scale / den of counts: den > 0, |num| ≤ 7 × MaxCount and scale a small factor (a
// power of ten, 5). It takes the cheap int64 path when num × scale fits.
func ratio(num, scale, den int64) sq.Fraction {
	if num <= math.MaxInt64/scale && num >= math.MinInt64/scale {
		f, _ := sq.Ratio(num*scale, den) // den > 0
		return f
	}
	f, err := sq.NewFraction(decimal.NewFromInt(num).Mul(decimal.NewFromInt(scale)), decimal.NewFromInt(den))
	if err != nil {
		panic("survey: " + err.Error()) // unreachable: at most 20 digits each
	}
	return f
}

// ratFloat returns num/den as the nearest float64.
func ratFloat(num, den *big.Int) float64 {
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}

// decText returns d in plain notation without trailing zeros ("4.5", "300"), whatever shopspring/decimal's package
// settings (TrimTrailingZeros, UseScientificNotation) say.
func decText(d decimal.Decimal) string { return d.StringFixed(dec.Places(d)) }

// decJSON returns d as a JSON string in the form of decText, whatever decimal.MarshalJSONWithoutQuotes says.
func decJSON(d decimal.Decimal) []byte { return []byte(`"` + decText(d) + `"`) }

// clip quotes a caller's string for an error message, shortened.
func clip(s string) string { return sq.Quote(s) }
