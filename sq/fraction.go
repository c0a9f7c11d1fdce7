package sq

import (
	"database/sql/driver"
	"encoding/json"
	"math/big"
	"strconv"

	"github.com/servicequality/servicequality/internal/round"
	"github.com/shopspring/decimal"
)

// Fraction is an exact rational value, such as the mean 13/3 of the call totals 4, 4.5 and 4.5, that may have no
// finite decimal form. Metrics are kept as fractions so that a mean of means, or a weighted mean of means, is
// still exact; decimals are produced only at the end, by Round.
//
// The zero Fraction is 0. A Fraction is an immutable value, safe for concurrent use.
type Fraction struct {
	r *big.Rat // never mutated after construction; nil means 0
}

var ratZero = new(big.Rat)

// rat returns the value as a big.Rat that must not be modified.
func (f Fraction) rat() *big.Rat {
	if f.r == nil {
		return ratZero
	}
	return f.r
}

// fraction wraps r, which the caller gives up, keeping 0 as the zero Fraction.
func fraction(r *big.Rat) Fraction {
	if r.Sign() == 0 {
		return Fraction{}
	}
	return Fraction{r: r}
}

// FractionOf returns the exact fraction equal to d.
func FractionOf(d decimal.Decimal) Fraction { return fraction(d.Rat()) }

// NewFraction returns num/den. Both are checked against the decimal limits (ErrLimit) and den must not be zero
// (ErrInvalid).
func NewFraction(num, den decimal.Decimal) (Fraction, error) {
	if err := CheckDecimal(num); err != nil {
		return Fraction{}, At(err, "sq", "fraction numerator")
	}
	if err := CheckDecimal(den); err != nil {
		return Fraction{}, At(err, "sq", "fraction denominator")
	}
	if den.IsZero() {
		return Fraction{}, errorf(ErrInvalid, "fraction denominator", "0", "not zero")
	}
	return fraction(new(big.Rat).Quo(num.Rat(), den.Rat())), nil
}

// Ratio returns num/den for counts, such as 7 satisfied clients of 9; den must not be zero (ErrInvalid).
func Ratio(num, den int64) (Fraction, error) {
	if den == 0 {
		return Fraction{}, errorf(ErrInvalid, "ratio denominator", "0", "not zero")
	}
	return fraction(big.NewRat(num, den)), nil
}

// Round returns the value rounded to p, rounded once from the exact value (so 4.4499… shows as 4.4, never 4.5
// through a rounded intermediate), and whether digits other than zero were dropped. The only error is that of
// p.Validate.
func (f Fraction) Round(p Precision) (Rounded, error) {
	if err := p.Validate(); err != nil {
		return Rounded{}, err
	}
	if f.r == nil {
		return Rounded{}, nil
	}
	v, exact := round.Rat(f.r, p.Places, uint8(p.Rounding))
	return Rounded{Value: v, Inexact: !exact}, nil
}

// Decimal returns the value as a decimal and true when it has a finite decimal form (its reduced denominator has
// no prime factor but 2 and 5) of at most MaxScale digits after the point, and the zero Decimal and false
// otherwise.
func (f Fraction) Decimal() (decimal.Decimal, bool) {
	den := new(big.Int).Set(f.rat().Denom())
	var twos, fives int32
	for den.Bit(0) == 0 {
		den.Rsh(den, 1)
		twos++
	}
	five, q, r := big.NewInt(5), new(big.Int), new(big.Int)
	for {
		q.QuoRem(den, five, r)
		if r.Sign() != 0 {
			break
		}
		den.Set(q)
		fives++
	}
	places := max(twos, fives)
	if !den.IsInt64() || den.Int64() != 1 || places > MaxScale {
		return decimal.Decimal{}, false
	}
	v, _ := round.Rat(f.rat(), places, uint8(Down))
	return v, true
}

// Add returns f + g.
func (f Fraction) Add(g Fraction) Fraction { return fraction(new(big.Rat).Add(f.rat(), g.rat())) }

// Sub returns f − g.
func (f Fraction) Sub(g Fraction) Fraction { return fraction(new(big.Rat).Sub(f.rat(), g.rat())) }

// Mul returns f × g.
func (f Fraction) Mul(g Fraction) Fraction { return fraction(new(big.Rat).Mul(f.rat(), g.rat())) }

// Quo returns f ÷ g; a zero g is an error wrapping ErrInvalid.
func (f Fraction) Quo(g Fraction) (Fraction, error) {
	if g.IsZero() {
		return Fraction{}, errorf(ErrInvalid, "divisor", "0", "not zero")
	}
	return fraction(new(big.Rat).Quo(f.rat(), g.rat())), nil
}

// Cmp returns -1, 0 or +1 as f is less than, equal to or greater than g, comparing the exact values.
func (f Fraction) Cmp(g Fraction) int { return f.rat().Cmp(g.rat()) }

// Equal reports whether f and g are the same exact value.
func (f Fraction) Equal(g Fraction) bool { return f.Cmp(g) == 0 }

// IsZero reports whether the value is 0.
func (f Fraction) IsZero() bool { return f.r == nil || f.r.Sign() == 0 }

// Sign returns -1, 0 or +1 as f is negative, zero or positive.
func (f Fraction) Sign() int { return f.rat().Sign() }

// Rat returns the value as a new big.Rat, which the caller may modify.
func (f Fraction) Rat() *big.Rat { return new(big.Rat).Set(f.rat()) }

// Float64 returns the nearest float64, for analytics and charts only.
func (f Fraction) Float64() float64 {
	v, _ := f.rat().Float64()
	return v
}

// String returns the exact value: as a decimal when it has a finite one ("4.5", "-0.25", "300"), else as
// "num/den" in lowest terms ("13/3").
func (f Fraction) String() string {
	if d, ok := f.Decimal(); ok {
		return round.Text(d)
	}
	return f.rat().RatString()
}

// MaxFractionText is the longest text form of a Fraction that MarshalText writes and UnmarshalText reads. Every
// value the module computes from inputs within its limits fits.
const MaxFractionText = 1000

// MarshalText writes the exact value as "num/den" in lowest terms, or "num" for a whole number: "13/3", "-9/2",
// "4", "0". A value whose text would exceed MaxFractionText is an error wrapping ErrLimit.
func (f Fraction) MarshalText() ([]byte, error) {
	s := f.rat().RatString()
	if len(s) > MaxFractionText {
		return nil, errorf(ErrLimit, "fraction", "of "+strconv.Itoa(len(s))+" characters", "at most %d", MaxFractionText)
	}
	return []byte(s), nil
}

// UnmarshalText reads the form MarshalText writes, and only it: an optional "-", digits without leading zeros, and
// a denominator above 1 prime to the numerator ("-0" is refused). Errors wrap ErrMalformed or ErrLimit; on error f
// is unchanged.
func (f *Fraction) UnmarshalText(b []byte) error {
	g, err := ParseFraction(string(b))
	if err != nil {
		return err
	}
	*f = g
	return nil
}

// ParseFraction reads a fraction in the text form MarshalText writes ("13/3", "-9/2", "4").
func ParseFraction(s string) (Fraction, error) {
	if len(s) > MaxFractionText {
		return Fraction{}, errorf(ErrLimit, "fraction", "of "+strconv.Itoa(len(s))+" characters", "at most %d", MaxFractionText)
	}
	bad := func(rule string) (Fraction, error) {
		return Fraction{}, errorf(ErrMalformed, "fraction", Quote(s), "%s", rule)
	}
	body, neg := s, false
	if len(body) > 0 && body[0] == '-' {
		body, neg = body[1:], true
	}
	num, den, slash := body, "", false
	for i := 0; i < len(body); i++ {
		if body[i] == '/' {
			num, den, slash = body[:i], body[i+1:], true
			break
		}
	}
	n, ok := natural(num)
	if !ok {
		return bad("digits without leading zeros, as in 13/3")
	}
	if neg && n.Sign() == 0 {
		return bad("0 without a sign")
	}
	if neg {
		n.Neg(n)
	}
	if !slash {
		return fraction(new(big.Rat).SetInt(n)), nil
	}
	m, ok := natural(den)
	if !ok || m.Cmp(big.NewInt(1)) <= 0 {
		return bad("a denominator of digits above 1")
	}
	if new(big.Int).GCD(nil, nil, new(big.Int).Abs(n), m).Cmp(big.NewInt(1)) != 0 {
		return bad("a fraction in lowest terms")
	}
	return fraction(new(big.Rat).SetFrac(n, m)), nil
}

// natural reads digits without sign or leading zeros ("0" alone is allowed).
func natural(s string) (*big.Int, bool) {
	if len(s) == 0 || (s[0] == '0' && len(s) > 1) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return nil, false
		}
	}
	return new(big.Int).SetString(s, 10)
}

// MarshalJSON writes the text form as a JSON string: "13/3".
func (f Fraction) MarshalJSON() ([]byte, error) {
	t, err := f.MarshalText()
	if err != nil {
		return nil, err
	}
	return strconv.AppendQuote(make([]byte, 0, len(t)+2), string(t)), nil
}

// UnmarshalJSON reads a JSON string holding the text form; null, numbers and other values are errors wrapping
// ErrMalformed. On error f is unchanged.
func (f *Fraction) UnmarshalJSON(b []byte) error {
	s, err := jsonString(b, "fraction", `a string such as "13/3"`)
	if err != nil {
		return err
	}
	return f.UnmarshalText([]byte(s))
}

// jsonString reads a JSON string of at most MaxFractionText bytes.
func jsonString(b []byte, what, want string) (string, error) {
	var s string
	if len(b) > MaxFractionText+2 {
		return "", errorf(ErrLimit, what, "JSON of "+strconv.Itoa(len(b))+" bytes", "at most %d", MaxFractionText+2)
	}
	if len(b) == 0 || b[0] != '"' || json.Unmarshal(b, &s) != nil {
		return "", errorf(ErrMalformed, what, Quote(string(b)), "%s", want)
	}
	return s, nil
}

// Value stores the text form for database/sql (column type TEXT): "13/3".
func (f Fraction) Value() (driver.Value, error) {
	t, err := f.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(t), nil
}

// Scan reads a TEXT column written by Value, a NUMERIC column (decimal text such as "4.4550000000", read exactly)
// or an integer. NULL (use sql.Null[Fraction] for a nullable column), float64 (never exact) and other types are
// errors wrapping ErrMalformed; on error f is unchanged.
func (f *Fraction) Scan(src any) error {
	var text string
	switch v := src.(type) {
	case int64:
		*f = fraction(new(big.Rat).SetInt64(v))
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return scanError("fraction", src, "TEXT or NUMERIC")
	}
	if g, err := ParseFraction(text); err == nil {
		*f = g
		return nil
	}
	d, err := ParseDecimal(text)
	if err != nil {
		return errorf(ErrMalformed, "fraction", Quote(text), "a fraction such as 13/3 or a decimal")
	}
	*f = FractionOf(d)
	return nil
}

// scanError is the error for a database value of a type Scan does not take.
func scanError(what string, src any, column string) error {
	switch src.(type) {
	case nil:
		return errorf(ErrMalformed, what, "NULL", "a value; use sql.Null for a nullable column")
	case float64:
		return errorf(ErrMalformed, what, "a float64", "an exact value: store it in a %s column", column)
	}
	return errorf(ErrMalformed, what, "a value of type "+typeName(src), "a %s column", column)
}
