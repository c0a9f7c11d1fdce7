package sq

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits on decimals taken from callers. A score, weight, rating or count of this module never needs more; the
// limits keep a hostile value (1e999999999, a coefficient of a million digits) from costing time or memory in later
// arithmetic.
const (
	// MaxDigits is the largest number of significant digits in a coefficient.
	MaxDigits = 30
	// MaxScale is the largest number of digits after the decimal point (the exponent is at least -MaxScale).
	MaxScale = 18
	// MaxExponent is the largest exponent, so the largest magnitude is below 10^(MaxDigits+MaxExponent).
	MaxExponent = 18
	// MaxText is the longest text of a decimal ParseDecimal reads, quotes included.
	MaxText = 80
)

// CheckDecimal reports an *Error wrapping ErrLimit when d has more than MaxDigits significant digits, more than
// MaxScale digits after the point, or an exponent above MaxExponent. Trailing zeros count as written: 0.50 has two
// places. The zero Decimal passes. The error names the value and the limit but no package or field; callers place
// it with At.
func CheckDecimal(d decimal.Decimal) error {
	exp := d.Exponent()
	if exp < -MaxScale {
		return &Error{Value: short(d), Rule: fmt.Sprintf("%d digits after the point, at most %d allowed", -exp, MaxScale), Err: ErrLimit}
	}
	if exp > MaxExponent {
		return &Error{Value: short(d), Rule: fmt.Sprintf("exponent %d, at most %d allowed", exp, MaxExponent), Err: ErrLimit}
	}
	if n := d.NumDigits(); n > MaxDigits {
		return &Error{Value: short(d), Rule: fmt.Sprintf("%d digits, at most %d allowed", n, MaxDigits), Err: ErrLimit}
	}
	return nil
}

// short renders d for an error message in at most about 35 characters: as written when short, else in scientific
// notation with the leading digits ("1e-100", "1.2345…e+40").
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

// ParseDecimal reads a decimal from text such as "0.5", "-3" or "1e-2" and checks it against the limits. Text
// longer than MaxText is refused before it is parsed. Errors are *Error values wrapping ErrMalformed or ErrLimit,
// with no package or field (callers place them with At).
func ParseDecimal(s string) (decimal.Decimal, error) {
	if len(s) > MaxText {
		return decimal.Decimal{}, &Error{Value: fmt.Sprintf("text of %d bytes", len(s)), Rule: fmt.Sprintf("at most %d allowed", MaxText), Err: ErrLimit}
	}
	bad := func() (decimal.Decimal, error) {
		return decimal.Decimal{}, &Error{Value: Quote(s), Rule: "a decimal such as 4.5, -3 or 1e-2", Err: ErrMalformed}
	}
	if s == "" {
		return bad()
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return bad()
		}
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		// An exponent far outside the limits is a size problem, not a syntax one; say so before the parser does.
		if e, err := strconv.ParseInt(s[i+1:], 10, 64); (err == nil && (e > 1000 || e < -1000)) ||
			errors.Is(err, strconv.ErrRange) {
			return decimal.Decimal{}, &Error{Value: Quote(s), Rule: "an exponent far outside the supported size", Err: ErrLimit}
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return bad()
	}
	if err := CheckDecimal(d); err != nil {
		return decimal.Decimal{}, err
	}
	return d, nil
}

// At places err in a package and field: an *Error without a package (such as those of CheckDecimal and
// ParseDecimal) is returned as a copy with Pkg set and path put before its own Path; any other error is wrapped
// in a new *Error{Pkg: pkg, Path: path, Err: err}. At(nil, ...) is nil.
func At(err error, pkg, path string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) && e.Pkg == "" {
		c := *e
		c.Pkg = pkg
		switch {
		case c.Path == "":
			c.Path = path
		case path != "":
			c.Path = path + "." + c.Path
		}
		return &c
	}
	return &Error{Pkg: pkg, Path: path, Err: err}
}
