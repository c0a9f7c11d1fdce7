package rating

import (
	"encoding/json"
	"fmt"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Text forms of decimals and fractions. Nothing here calls Decimal.String or Decimal.MarshalJSON, whose output
// depends on shopspring/decimal's package settings (TrimTrailingZeros, MarshalJSONWithoutQuotes,
// UseScientificNotation): what this package prints, encodes and stores is the same whatever they say.

// decText returns d in plain notation without trailing zeros: "4.5", "300", "0".
func decText(d decimal.Decimal) string { return d.StringFixed(dec.Places(d)) }

// appendDecJSON appends d as a JSON string in the form of decText.
func appendDecJSON(b []byte, d decimal.Decimal) []byte {
	b = append(b, '"')
	b = append(b, decText(d)...)
	return append(b, '"')
}

// parseDecJSON reads a decimal written as a JSON string within the module's limits. A JSON number, null or any
// other value is an error: decimals are stored as strings so no reader takes them for floats.
func parseDecJSON(raw json.RawMessage) (decimal.Decimal, error) {
	if len(raw) < 2 || raw[0] != '"' {
		return decimal.Decimal{}, fmt.Errorf("want a decimal string, got %.40s", raw)
	}
	return dec.UnmarshalJSON(raw)
}

// fractionJSON reads an exact value written as a JSON string ("4.5" or "13/3"); null and numbers are errors.
func fractionJSON(b []byte) (sq.Fraction, error) {
	var f sq.Fraction
	if len(b) == 0 || b[0] != '"' {
		return f, fmt.Errorf("want an exact value as a string such as \"13/3\", got %.40s", b)
	}
	err := f.UnmarshalJSON(b)
	return f, err
}

// scanTypeError is the error for a database value of a type Scan does not take.
func scanTypeError(what string, src any, column string) error {
	if src == nil {
		return errorf("scan %s: NULL; use sql.Null for a nullable column: %w", what, errScan)
	}
	if _, ok := src.(float64); ok {
		return errorf("scan %s: a float64 is not exact; store it in a %s column: %w", what, column, errScan)
	}
	return errorf("scan %s: database value of type %T; store it in a %s column: %w", what, src, column, errScan)
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
