package sq_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func frac(t interface{ Fatal(...any) }, s string) sq.Fraction {
	f, err := sq.ParseFraction(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFractionRound(t *testing.T) {
	tests := []struct {
		in      string
		p       sq.Precision
		want    string
		inexact bool
		reason  string
	}{
		{"13/3", sq.DisplayPrecision(), "4.3", true, "a mean with no finite decimal form"},
		{"89/20", sq.DisplayPrecision(), "4.5", true, "4.45 exactly: half-up ties away from zero"},
		{"89/20", sq.Precision{Places: 1, Rounding: sq.HalfEven}, "4.4", true, "4.45 half-even goes to the even digit"},
		{"-89/20", sq.DisplayPrecision(), "-4.5", true, "negative ties go away from zero too"},
		{"9/2", sq.DisplayPrecision(), "4.5", false, "an exact value is not changed"},
		{"4449999/1000000", sq.DisplayPrecision(), "4.4", true, "rounded once from the exact value, never 4.5 via 4.45"},
		{"449/100", sq.Precision{Places: 1, Rounding: sq.Down}, "4.4", true, "down drops the digits"},
		{"2/3", sq.StoredPrecision(), "0.6666666667", true, "stored precision: ten places half-even"},
		{"0", sq.StoredPrecision(), "0", false, "zero stays zero"},
	}
	for _, tt := range tests {
		got, err := frac(t, tt.in).Round(tt.p)
		if err != nil {
			t.Fatalf("%s.Round(%v): %v (%s)", tt.in, tt.p, err, tt.reason)
		}
		if got.String() != tt.want || got.Inexact != tt.inexact {
			t.Errorf("%s.Round(%v) = %s inexact %v, want %s inexact %v (%s)", tt.in, tt.p, got, got.Inexact, tt.want, tt.inexact, tt.reason)
		}
	}
}

func TestPrecisionValidate(t *testing.T) {
	tests := []struct {
		p      sq.Precision
		ok     bool
		reason string
	}{
		{sq.Precision{}, true, "the zero precision rounds to whole numbers"},
		{sq.Precision{Places: sq.MaxPlaces, Rounding: sq.Down}, true, "the largest places"},
		{sq.Precision{Places: -1}, false, "negative places would round to tens"},
		{sq.Precision{Places: sq.MaxPlaces + 1}, false, "more places than any decimal holds"},
		{sq.Precision{Places: 1, Rounding: 3}, false, "an unknown rule"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%+v.Validate() = %v, want ok %v (%s)", tt.p, err, tt.ok, tt.reason)
		}
		if err != nil && !errors.Is(err, sq.ErrInvalid) {
			t.Errorf("%+v.Validate() = %v, does not wrap ErrInvalid", tt.p, err)
		}
		if _, rerr := sq.FractionOf(decimal.NewFromInt(1)).Round(tt.p); (rerr == nil) != tt.ok {
			t.Errorf("Round(%+v) error %v, want ok %v (%s)", tt.p, rerr, tt.ok, tt.reason)
		}
	}
}

// ratGen draws a fraction with small numerator and denominator, any sign.
func ratGen() *rapid.Generator[*big.Rat] {
	return rapid.Custom(func(t *rapid.T) *big.Rat {
		return big.NewRat(rapid.Int64Range(-1e12, 1e12).Draw(t, "num"), rapid.Int64Range(1, 1e9).Draw(t, "den"))
	})
}

// TestFractionRoundMatchesReference: Round agrees with a reference that rounds with big.Int arithmetic written
// from the definitions, and Inexact says whether the rounded value differs from the exact one.
func TestFractionRoundMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := ratGen().Draw(t, "x")
		p := sq.Precision{Places: rapid.Int32Range(0, sq.MaxPlaces).Draw(t, "places"), Rounding: sq.Rounding(rapid.IntRange(0, 2).Draw(t, "rounding"))}
		f, err := sq.NewFraction(decimal.NewFromBigInt(x.Num(), 0), decimal.NewFromBigInt(x.Denom(), 0))
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Round(p)
		if err != nil {
			t.Fatal(err)
		}
		want := refRound(x, p)
		if !got.Value.Equal(want) {
			t.Fatalf("Round(%s, %v) = %s, reference %s", x.RatString(), p, got.Value, want)
		}
		if exact := want.Rat().Cmp(x) == 0; got.Inexact == exact {
			t.Fatalf("Round(%s, %v).Inexact = %v, but the rounded value equals the exact one: %v", x.RatString(), p, got.Inexact, exact)
		}
	})
}

// refRound rounds x to p by comparing twice the remainder with the divisor.
func refRound(x *big.Rat, p sq.Precision) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p.Places)), nil)
	num := new(big.Int).Mul(x.Num(), scale)
	neg := num.Sign() < 0
	num.Abs(num)
	q, r := new(big.Int).QuoRem(num, x.Denom(), new(big.Int))
	twice := new(big.Int).Lsh(r, 1)
	c := twice.Cmp(x.Denom())
	switch {
	case p.Rounding == sq.Down:
	case c > 0, c == 0 && p.Rounding == sq.HalfUp, c == 0 && p.Rounding == sq.HalfEven && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -p.Places)
}

// TestFractionArithmetic: the operations are those of big.Rat, and never change their operands.
func TestFractionArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := ratGen().Draw(t, "a"), ratGen().Draw(t, "b")
		fa, fb := frac(t, a.RatString()), frac(t, b.RatString())
		check := func(name string, got sq.Fraction, want *big.Rat) {
			if got.Rat().Cmp(want) != 0 {
				t.Fatalf("%s(%s, %s) = %s, want %s", name, a.RatString(), b.RatString(), got.Rat().RatString(), want.RatString())
			}
		}
		check("Add", fa.Add(fb), new(big.Rat).Add(a, b))
		check("Sub", fa.Sub(fb), new(big.Rat).Sub(a, b))
		check("Mul", fa.Mul(fb), new(big.Rat).Mul(a, b))
		q, err := fa.Quo(fb)
		if b.Sign() == 0 {
			if !errors.Is(err, sq.ErrInvalid) {
				t.Fatalf("Quo by zero: %v", err)
			}
		} else {
			check("Quo", q, new(big.Rat).Quo(a, b))
		}
		if fa.Rat().Cmp(a) != 0 || fb.Rat().Cmp(b) != 0 {
			t.Fatal("an operation changed its operand")
		}
		if fa.Cmp(fb) != a.Cmp(b) || fa.Equal(fb) != (a.Cmp(b) == 0) || fa.Sign() != a.Sign() {
			t.Fatal("comparison disagrees with big.Rat")
		}
	})
}

// TestFractionTextRoundTrip: every fraction reads back Equal from its text, JSON and database forms, and the text
// is canonical (reading and writing again gives the same bytes).
func TestFractionTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := ratGen().Draw(t, "x")
		f := frac(t, x.RatString())
		b, err := f.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var g sq.Fraction
		if err := g.UnmarshalJSON(b); err != nil || !g.Equal(f) {
			t.Fatalf("JSON %s read back as %v, %v", b, g, err)
		}
		v, err := f.Value()
		if err != nil {
			t.Fatal(err)
		}
		var h sq.Fraction
		if err := h.Scan(v); err != nil || !h.Equal(f) {
			t.Fatalf("Value %v scanned back as %v, %v", v, h, err)
		}
		if s := f.String(); s != "" {
			if d, ok := f.Decimal(); ok && !sq.FractionOf(d).Equal(f) {
				t.Fatalf("Decimal() = %s, not the exact value %s", d, x.RatString())
			}
		}
	})
}

func TestParseFractionRefuses(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "empty"},
		{"-0", "a signed zero"},
		{"4/2", "not in lowest terms"},
		{"4/1", "a denominator of 1 is written as a whole number"},
		{"4/0", "zero denominator"},
		{"04", "a leading zero"},
		{"+4", "a plus sign"},
		{"4.5", "decimals are not the fraction form"},
		{"1/-2", "a sign in the denominator"},
	}
	for _, tt := range tests {
		if _, err := sq.ParseFraction(tt.in); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("ParseFraction(%q) = %v, want ErrMalformed (%s)", tt.in, err, tt.reason)
		}
	}
	long := make([]byte, sq.MaxFractionText+1)
	for i := range long {
		long[i] = '1'
	}
	if _, err := sq.ParseFraction(string(long)); !errors.Is(err, sq.ErrLimit) {
		t.Errorf("ParseFraction(long) = %v, want ErrLimit", err)
	}
}

// FuzzParseFraction: whatever ParseFraction accepts, it writes back byte for byte (the form is canonical), and the
// value equals big.Rat's reading of the same text.
func FuzzParseFraction(f *testing.F) {
	for _, s := range []string{"13/3", "-9/2", "0", "4", "4/2", "-0", "1/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := sq.ParseFraction(s)
		if err != nil {
			return
		}
		b, err := v.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("ParseFraction(%q) writes back %q, %v", s, b, err)
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok || r.Cmp(v.Rat()) != 0 {
			t.Fatalf("ParseFraction(%q) = %s, big.Rat reads %v", s, v.Rat().RatString(), r)
		}
	})
}

func TestFractionScan(t *testing.T) {
	tests := []struct {
		src    any
		want   string
		reason string
	}{
		{"13/3", "13/3", "the text form"},
		{[]byte("4.4550000000"), "891/200", "a NUMERIC column, read exactly"},
		{int64(-7), "-7", "an integer column"},
	}
	for _, tt := range tests {
		var f sq.Fraction
		if err := f.Scan(tt.src); err != nil || f.Rat().RatString() != tt.want {
			t.Errorf("Scan(%v) = %s, %v, want %s (%s)", tt.src, f.Rat().RatString(), err, tt.want, tt.reason)
		}
	}
	for _, src := range []any{nil, 4.5, true, "x"} {
		f := frac(t, "1/2")
		if err := f.Scan(src); !errors.Is(err, sq.ErrMalformed) || !f.Equal(frac(t, "1/2")) {
			t.Errorf("Scan(%v) = %v and changed the value to %v; want ErrMalformed and no change", src, err, f)
		}
	}
}

func TestFractionZero(t *testing.T) {
	var z sq.Fraction
	got := []string{z.String(), z.Rat().RatString()}
	if diff := cmp.Diff([]string{"0", "0"}, got); diff != "" || !z.IsZero() || z.Sign() != 0 || z.Float64() != 0 {
		t.Errorf("zero Fraction mismatch (-want +got):\n%s", diff)
	}
	if r, err := z.Round(sq.StoredPrecision()); err != nil || !r.Value.IsZero() || r.Inexact {
		t.Errorf("zero.Round = %v, %v", r, err)
	}
}
