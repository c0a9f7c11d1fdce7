package survey

import (
	"math/big"
	"unicode/utf8"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Rounding is the rule for dropping digits from a result that does not terminate at the requested places.
// The zero value is HalfUp.
type Rounding = dec.Rounding

// The rounding rules.
const (
	// HalfUp rounds to the nearest value, ties away from zero: 4.45 → 4.5. The usual rule on reports.
	HalfUp = dec.HalfUp
	// HalfEven rounds to the nearest value, ties to the even digit: 4.45 → 4.4, 4.55 → 4.6.
	HalfEven = dec.HalfEven
	// Down drops the digits (toward zero): 4.49 → 4.4.
	Down = dec.Down
)

// MaxPlaces is the largest number of digits after the point a result may be rounded to.
const MaxPlaces = dec.MaxScale

// MaxCount is the largest number of answers (or clients) a tally may hold. It keeps every sum of this package
// inside int64 and every count exactly representable as a float64 for the statistics.
const MaxCount int64 = 1_000_000_000_000_000

// checkPrecision validates the places and rounding rule of a call.
func checkPrecision(places int32, r Rounding) error {
	if places < 0 || places > MaxPlaces {
		return fail(ErrInvalidPrecision, "places %d outside 0–%d", places, MaxPlaces)
	}
	if !r.Valid() {
		return fail(ErrInvalidPrecision, "rounding %d is not one of half-up, half-even, down", uint8(r))
	}
	return nil
}

// checkCount validates one count given by a caller.
func checkCount(field string, n int64) error {
	if n < 0 {
		return fail(ErrInvalidCount, "%s %d is negative", field, n)
	}
	if n > MaxCount {
		return fail(ErrInvalidCount, "%s %d exceeds the maximum %d", field, n, MaxCount)
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
		return fail(ErrInvalidCount, "%s %d exceeds %s %d", partName, part, wholeName, whole)
	}
	return nil
}

// addCounts adds two totals of tallies being merged, refusing a sum above MaxCount.
func addCounts(metric string, a, b int64) (int64, error) {
	if a > MaxCount-b {
		return 0, fail(ErrInvalidCount, "merged %s tally of %d + %d answers exceeds the maximum %d", metric, a, b, MaxCount)
	}
	return a + b, nil
}

// errEmpty is the error for a metric asked of a sample with no answers.
func errEmpty(metric string) error {
	return fail(ErrEmpty, "%s: the sample has no answers", metric)
}

// ratio returns num/den rounded to places by r, and whether it is exact. den must be positive; callers check
// precision first.
func ratio(num, den int64, places int32, r Rounding) (decimal.Decimal, bool) {
	return dec.Quo(decimal.NewFromInt(num), decimal.NewFromInt(den), places, r)
}

// bigRatio is ratio for numerators and denominators that may not fit an int64.
func bigRatio(num, den *big.Int, places int32, r Rounding) (decimal.Decimal, bool) {
	return dec.Quo(decimal.NewFromBigInt(num, 0), decimal.NewFromBigInt(den, 0), places, r)
}

// decText returns d in plain notation without trailing zeros ("4.5", "300"), whatever shopspring/decimal's package
// settings (TrimTrailingZeros, UseScientificNotation) say.
func decText(d decimal.Decimal) string { return d.StringFixed(dec.Places(d)) }

// decJSON returns d as a JSON string in the form of decText, whatever decimal.MarshalJSONWithoutQuotes says.
func decJSON(d decimal.Decimal) []byte { return []byte(`"` + decText(d) + `"`) }

// clip shortens a caller's string for an error message.
func clip(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
