package rating

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
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

// MaxFractionText is the longest text form of a Fraction ("num/den") that MarshalText writes and UnmarshalText
// and Scan read. Every fraction this package computes from inputs within the module's limits fits.
const MaxFractionText = 1000

// MarshalText writes the exact value as "num/den" in lowest terms, or "num" when it is a whole number: "13/3",
// "9/2", "4", "0". A value whose text would exceed MaxFractionText is an error wrapping ErrLimit.
func (f Fraction) MarshalText() ([]byte, error) {
	s := f.RatString()
	if len(s) > MaxFractionText {
		return nil, errorf("fraction of %d characters, at most %d allowed: %w", len(s), MaxFractionText, ErrLimit)
	}
	return []byte(s), nil
}

// UnmarshalText reads the form MarshalText writes, and only it: digits without sign or leading zeros, a
// denominator above 1 and prime to the numerator. Errors wrap ErrDecode or ErrLimit; on error f is unchanged.
func (f *Fraction) UnmarshalText(b []byte) error {
	g, err := parseFraction(b)
	if err != nil {
		return err
	}
	*f = g
	return nil
}

// parseFraction reads the canonical text of a fraction.
func parseFraction(b []byte) (Fraction, error) {
	if len(b) > MaxFractionText {
		return Fraction{}, errorf("fraction of %d characters, at most %d allowed: %w", len(b), MaxFractionText, ErrLimit)
	}
	num, den := b, []byte(nil)
	for i, c := range b {
		if c == '/' {
			num, den = b[:i], b[i+1:]
			break
		}
	}
	n, ok := parseNatural(num)
	if !ok {
		return Fraction{}, errorf("fraction %q: want digits without sign or leading zeros, as in 13/3: %w", clip(string(b)), ErrDecode)
	}
	if den == nil {
		return Fraction{r: nilIfZero(new(big.Rat).SetInt(n))}, nil
	}
	m, ok := parseNatural(den)
	if !ok || m.Cmp(big.NewInt(1)) <= 0 {
		return Fraction{}, errorf("fraction %q: the denominator must be digits above 1: %w", clip(string(b)), ErrDecode)
	}
	if new(big.Int).GCD(nil, nil, n, m).Cmp(big.NewInt(1)) != 0 {
		return Fraction{}, errorf("fraction %q is not in lowest terms: %w", clip(string(b)), ErrDecode)
	}
	return Fraction{r: new(big.Rat).SetFrac(n, m)}, nil
}

// nilIfZero returns nil for 0, so that decoded zeros are the zero Fraction.
func nilIfZero(r *big.Rat) *big.Rat {
	if r.Sign() == 0 {
		return nil
	}
	return r
}

// parseNatural reads digits without sign or leading zeros ("0" alone is allowed).
func parseNatural(b []byte) (*big.Int, bool) {
	if len(b) == 0 || (b[0] == '0' && len(b) > 1) {
		return nil, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return nil, false
		}
	}
	return new(big.Int).SetString(string(b), 10)
}

// MarshalJSON writes the text form as a JSON string: "13/3".
func (f Fraction) MarshalJSON() ([]byte, error) {
	t, err := f.MarshalText()
	if err != nil {
		return nil, err
	}
	return strconv.AppendQuote(make([]byte, 0, len(t)+2), string(t)), nil
}

// UnmarshalJSON reads a JSON string holding the text form; null and numbers are errors wrapping ErrDecode.
func (f *Fraction) UnmarshalJSON(b []byte) error {
	g, err := fractionJSON(b)
	if err != nil {
		return err
	}
	*f = g
	return nil
}

func fractionJSON(b []byte) (Fraction, error) {
	var s string
	if len(b) == 0 || b[0] != '"' || json.Unmarshal(b, &s) != nil {
		return Fraction{}, errorf("fraction JSON %.40q: want a string such as \"13/3\": %w", b, ErrDecode)
	}
	return parseFraction([]byte(s))
}

// Value stores the text form (column type TEXT): "13/3". It implements driver.Valuer.
func (f Fraction) Value() (driver.Value, error) {
	t, err := f.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(t), nil
}

// Scan reads a TEXT column written by Value, a NUMERIC column (decimal text such as "4.4550000000", read
// exactly), or an integer (int64). NULL (use sql.Null[Fraction] for a nullable column), float64 (never exact),
// negative values and other types are errors wrapping ErrScan. It implements sql.Scanner; on error f is
// unchanged.
func (f *Fraction) Scan(src any) error {
	var text []byte
	switch v := src.(type) {
	case int64:
		if v < 0 {
			return errorf("scan fraction: %d is negative: %w", v, ErrScan)
		}
		*f = fracInt(v)
		return nil
	case string:
		text = []byte(v)
	case []byte:
		text = v
	default:
		return scanTypeError("fraction", src, "TEXT or NUMERIC")
	}
	if g, err := parseFraction(text); err == nil {
		*f = g
		return nil
	}
	d, err := dec.Parse(string(text))
	if err != nil || d.Sign() < 0 {
		return errorf("scan fraction: %q is neither a fraction such as 13/3 nor a non-negative decimal: %w", clip(string(text)), ErrScan)
	}
	*f = FractionOf(d)
	return nil
}

// scanTypeError is the error for a database value of a type Scan does not take.
func scanTypeError(what string, src any, column string) error {
	if src == nil {
		return errorf("scan %s: NULL; use sql.Null for a nullable column: %w", what, ErrScan)
	}
	if _, ok := src.(float64); ok {
		return errorf("scan %s: a float64 is not exact; store it in a %s column: %w", what, column, ErrScan)
	}
	return errorf("scan %s: database value of type %T; store it in a %s column: %w", what, src, column, ErrScan)
}
