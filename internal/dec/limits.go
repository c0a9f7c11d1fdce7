package dec

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits on decimals taken from callers. A score, weight, rating or count of this library never needs more; the
// limits keep a hostile value (1e999999999, a coefficient of a million digits) from costing time or memory in
// later arithmetic.
const (
	// MaxDigits is the largest number of significant digits in a coefficient.
	MaxDigits = 30
	// MaxScale is the largest number of digits after the decimal point (the exponent is at least -MaxScale).
	MaxScale = 18
	// MaxExponent is the largest exponent, so the largest magnitude is below 10^(MaxDigits+MaxExponent).
	MaxExponent = 18
	// MaxText is the longest text accepted by Parse and UnmarshalJSON, quotes included.
	MaxText = 80
)

// ErrLimit is wrapped by every error about a decimal outside the limits above.
var ErrLimit = errors.New("decimal outside the supported size")

// ErrSyntax is wrapped by every error about text that is not a decimal.
var ErrSyntax = errors.New("not a decimal")

// Check reports an error wrapping ErrLimit when d has more than MaxDigits significant digits, more than MaxScale
// digits after the point, or an exponent above MaxExponent. Trailing zeros count as written: 0.50 has two places.
// The zero Decimal passes.
func Check(d decimal.Decimal) error {
	exp := d.Exponent()
	if exp < -MaxScale {
		return fmt.Errorf("%s has %d digits after the point, at most %d allowed: %w", short(d), -exp, MaxScale, ErrLimit)
	}
	if exp > MaxExponent {
		return fmt.Errorf("%s has exponent %d, at most %d allowed: %w", short(d), exp, MaxExponent, ErrLimit)
	}
	if n := d.NumDigits(); n > MaxDigits {
		return fmt.Errorf("%s has %d digits, at most %d allowed: %w", short(d), n, MaxDigits, ErrLimit)
	}
	return nil
}

// short renders d for an error message in at most about 35 characters: as written when short, else in
// scientific notation with the leading digits ("1e-100", "1.2345…e+40").
func short(d decimal.Decimal) string {
	n := d.NumDigits()
	if e := int(d.Exponent()); n+max(e, -e) <= 24 {
		return d.String()
	}
	if n > 1000 {
		return fmt.Sprintf("a number of %d digits", n)
	}
	cs := d.Coefficient().String()
	sign := ""
	if cs[0] == '-' {
		sign, cs = "-", cs[1:]
	}
	e := int(d.Exponent()) + len(cs) - 1
	mant := cs[:1]
	if rest := strings.TrimRight(cs[1:], "0"); rest != "" {
		if len(rest) > 4 {
			rest = rest[:4] + "…"
		}
		mant += "." + rest
	}
	return fmt.Sprintf("%s%se%+d", sign, mant, e)
}

// Parse reads a decimal from text such as "0.5", "-3", "1e-2" and checks it against the limits. Text longer than
// MaxText is refused before it is parsed. Errors wrap ErrSyntax or ErrLimit.
func Parse(s string) (decimal.Decimal, error) {
	if len(s) > MaxText {
		return decimal.Decimal{}, fmt.Errorf("text of %d bytes, at most %d allowed: %w", len(s), MaxText, ErrLimit)
	}
	if s == "" {
		return decimal.Decimal{}, fmt.Errorf("empty text: %w", ErrSyntax)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return decimal.Decimal{}, fmt.Errorf("%q: %w", s, ErrSyntax)
		}
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		// An exponent far outside the limits is a size problem, not a syntax one; say so before the parser does.
		if e, err := strconv.ParseInt(s[i+1:], 10, 64); (err == nil && (e > 1000 || e < -1000)) ||
			errors.Is(err, strconv.ErrRange) {
			return decimal.Decimal{}, fmt.Errorf("%q has an exponent far outside the supported size: %w", s, ErrLimit)
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	if err := Check(d); err != nil {
		return decimal.Decimal{}, err
	}
	return d, nil
}

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
// package's global setting. It is what d.String() gives with decimal's defaults.
func Text(d decimal.Decimal) string {
	s := d.String()
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// MarshalJSON writes d as a JSON string, whatever decimal.MarshalJSONWithoutQuotes and decimal.TrimTrailingZeros
// say, so the output of this module does not depend on another package's global settings.
func MarshalJSON(d decimal.Decimal) []byte {
	s := Text(d)
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
