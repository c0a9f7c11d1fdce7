package dec

import (
	"fmt"

	"github.com/servicequality/servicequality/internal/round"
	"github.com/servicequality/servicequality/sq"

	"github.com/shopspring/decimal"
)

// Limits on decimals taken from callers; see package sq.
const (
	MaxDigits   = sq.MaxDigits
	MaxScale    = sq.MaxScale
	MaxExponent = sq.MaxExponent
	MaxText     = sq.MaxText
)

// ErrLimit and ErrSyntax are the module's sq.ErrLimit and sq.ErrMalformed.
var (
	ErrLimit  = sq.ErrLimit
	ErrSyntax = sq.ErrMalformed
)

// Check is sq.CheckDecimal.
func Check(d decimal.Decimal) error { return sq.CheckDecimal(d) }

// Parse is sq.ParseDecimal.
func Parse(s string) (decimal.Decimal, error) { return sq.ParseDecimal(s) }

// UnmarshalJSON reads a decimal written as a JSON string ("0.5") or a JSON number (0.5). null, other JSON values
// and text longer than MaxText are errors wrapping ErrSyntax or ErrLimit.
func UnmarshalJSON(b []byte) (decimal.Decimal, error) {
	if len(b) > MaxText {
		return decimal.Decimal{}, fmt.Errorf("JSON value of %d bytes, at most %d allowed: %w", len(b), MaxText, ErrLimit)
	}
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	} else if s == "null" {
		return decimal.Decimal{}, fmt.Errorf("null where a decimal is required: %w", ErrSyntax)
	}
	return Parse(s)
}

// Text returns d in plain decimal notation without trailing zeros after the point ("5", "0.5", "-12.25"),
// whatever decimal.TrimTrailingZeros says: the text this module prints and encodes does not depend on another
// package's global setting.
func Text(d decimal.Decimal) string { return round.Text(d) }

// MarshalJSON writes d as a JSON string, whatever decimal.MarshalJSONWithoutQuotes and decimal.TrimTrailingZeros
// say, so the output of this module does not depend on another package's global settings.
func MarshalJSON(d decimal.Decimal) []byte {
	s := Text(d)
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
