package dec

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr error
		reason  string
	}{
		{"0.5", "0.5", nil, "plain score"},
		{"-3", "-3", nil, "negative integer"},
		{"1e-2", "0.01", nil, "exponent form"},
		{"0.123456789012345678", "0.123456789012345678", nil, "18 places is the limit"},
		{"0.1234567890123456789", "", ErrLimit, "19 places is over the limit"},
		{"1e19", "", ErrLimit, "exponent over the limit"},
		{"1e999999999", "", ErrLimit, "hostile exponent"},
		{strings.Repeat("9", 31), "", ErrLimit, "31 digits is over the limit"},
		{strings.Repeat("9", 81), "", ErrLimit, "refused by length before parsing"},
		{"", "", ErrSyntax, "empty"},
		{"0x10", "", ErrSyntax, "hex is not a decimal"},
		{"1..2", "", ErrSyntax, "two points"},
		{" 1", "", ErrSyntax, "spaces are not trimmed"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Parse(%q) error = %v, want %v (%s)", tt.in, err, tt.wantErr, tt.reason)
			}
			continue
		}
		if err != nil || !got.Equal(d(tt.want)) {
			t.Errorf("Parse(%q) = %v, %v; want %s (%s)", tt.in, got, err, tt.want, tt.reason)
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr error
		reason  string
	}{
		{`"0.5"`, "0.5", nil, "string form"},
		{`0.5`, "0.5", nil, "number form"},
		{`null`, "", ErrSyntax, "null is not silently zero"},
		{`"abc"`, "", ErrSyntax, "not a number"},
		{`true`, "", ErrSyntax, "boolean"},
		{`"` + strings.Repeat("1", 100) + `"`, "", ErrLimit, "too long"},
	}
	for _, tt := range tests {
		got, err := UnmarshalJSON([]byte(tt.in))
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("UnmarshalJSON(%s) error = %v, want %v (%s)", tt.in, err, tt.wantErr, tt.reason)
			}
			continue
		}
		if err != nil || !got.Equal(d(tt.want)) {
			t.Errorf("UnmarshalJSON(%s) = %v, %v; want %s (%s)", tt.in, got, err, tt.want, tt.reason)
		}
	}
	if got := string(MarshalJSON(d("0.50"))); got != `"0.5"` {
		t.Errorf("MarshalJSON(0.50) = %s, want \"0.5\"", got)
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		in     string
		scale  int32
		want   int64
		ok     bool
		reason string
	}{
		{"0.5", 1, 5, true, "tenths"},
		{"0.50", 1, 5, true, "trailing zero drops"},
		{"0.55", 1, 0, false, "not a whole number of tenths"},
		{"3", 2, 300, true, "integer scaled up"},
		{"-0.3", 1, -3, true, "negative"},
		{"0", 5, 0, true, "zero"},
		{"9223372036854775807", 0, 9223372036854775807, true, "largest int64, 19 digits"},
		{"9223372036854775808", 0, 0, false, "one past int64"},
		{"1", 19, 0, false, "10^19 overflows"},
		{"1e-20", 0, 0, false, "more than 18 digits to drop"},
	}
	for _, tt := range tests {
		got, ok := Units(d(tt.in), tt.scale)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Units(%s, %d) = %d, %v; want %d, %v (%s)", tt.in, tt.scale, got, ok, tt.want, tt.ok, tt.reason)
		}
	}
}

func TestUnitsNoAlloc(t *testing.T) {
	x := d("0.40")
	if n := testing.AllocsPerRun(100, func() { Units(x, 1) }); n != 0 {
		t.Errorf("Units allocates %v times per call, want 0", n)
	}
}

// genDecimal draws decimals within the limits, small enough to fit int64 coefficients most of the time.
func genDecimal(t *rapid.T, label string) decimal.Decimal {
	c := rapid.Int64Range(-1e15, 1e15).Draw(t, label+".coef")
	e := rapid.Int32Range(-8, 3).Draw(t, label+".exp")
	return decimal.New(c, e)
}

func TestUnitsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genDecimal(t, "x")
		scale := rapid.Int32Range(0, 12).Draw(t, "scale")
		u, ok := Units(x, scale)
		// Reference: x·10^scale with big.Rat.
		r := new(big.Rat).Mul(x.Rat(), new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
		wantOK := r.IsInt() && r.Num().IsInt64()
		if ok != wantOK {
			t.Fatalf("Units(%s, %d) ok = %v, want %v", x, scale, ok, wantOK)
		}
		if ok && (u != r.Num().Int64() || !FromUnits(u, scale).Equal(x)) {
			t.Fatalf("Units(%s, %d) = %d, want %s", x, scale, u, r.Num())
		}
	})
}

func TestPlaces(t *testing.T) {
	for in, want := range map[string]int32{"0.50": 1, "3": 0, "1.25": 2, "0": 0, "300": 0, "1e-18": 18, "12345678901234567890.5": 1} {
		if got := Places(d(in)); got != want {
			t.Errorf("Places(%s) = %d, want %d", in, got, want)
		}
	}
}

func TestQuo(t *testing.T) {
	tests := []struct {
		a, b   string
		places int32
		r      Rounding
		want   string
		exact  bool
		reason string
	}{
		{"9", "2", 1, HalfUp, "4.5", true, "terminates"},
		{"2", "3", 4, HalfUp, "0.6667", false, "repeating, rounded up"},
		{"2", "3", 4, Down, "0.6666", false, "repeating, truncated"},
		{"1", "8", 2, HalfUp, "0.13", false, "tie 0.125 goes up"},
		{"1", "8", 2, HalfEven, "0.12", false, "tie 0.125 goes to even"},
		{"3", "8", 2, HalfEven, "0.38", false, "tie 0.375 goes to even 8"},
		{"-1", "8", 2, HalfUp, "-0.13", false, "negative tie away from zero"},
		{"1.2501", "1", 1, HalfEven, "1.3", false, "above the tie is not a tie"},
		{"4.5", "0.9", 0, HalfUp, "5", true, "divisor with places"},
	}
	for _, tt := range tests {
		got, exact := Quo(d(tt.a), d(tt.b), tt.places, tt.r)
		if !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Quo(%s, %s, %d, %v) = %s, %v; want %s, %v (%s)", tt.a, tt.b, tt.places, tt.r, got, exact, tt.want, tt.exact, tt.reason)
		}
	}
}

// TestQuoMatchesRat checks every rule against exact rational arithmetic.
func TestQuoMatchesRat(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDecimal(t, "a")
		b := genDecimal(t, "b")
		if b.IsZero() {
			b = decimal.New(7, -1)
		}
		places := rapid.Int32Range(0, 8).Draw(t, "places")
		r := Rounding(rapid.IntRange(0, 2).Draw(t, "rounding"))
		got, exact := Quo(a, b, places, r)
		exactQ := new(big.Rat).Quo(a.Rat(), b.Rat())
		scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
		scaled := new(big.Rat).Mul(exactQ, scale)
		wantExact := scaled.IsInt()
		if exact != wantExact {
			t.Fatalf("exact = %v, want %v", exact, wantExact)
		}
		// Distance from the exact quotient must be at most half a unit (a whole unit for Down, toward zero).
		diff := new(big.Rat).Sub(new(big.Rat).Mul(got.Rat(), scale), scaled)
		abs := new(big.Rat).Abs(diff)
		limit := big.NewRat(1, 2)
		if r == Down {
			limit = big.NewRat(1, 1)
			if abs.Cmp(limit) >= 0 || got.Abs().Cmp(decimal.NewFromBigRat(exactQ, 30).Abs()) > 0 {
				t.Fatalf("Down: %s not a truncation of %s", got, exactQ.FloatString(20))
			}
		} else if abs.Cmp(limit) > 0 {
			t.Fatalf("%v: %s is more than half a unit from %s", r, got, exactQ.FloatString(20))
		}
		if got.Exponent() < -places {
			t.Fatalf("%s has more than %d places", got, places)
		}
	})
}

func TestRound(t *testing.T) {
	got := []string{
		Round(HalfUp, d("4.45"), 1).String(),
		Round(HalfEven, d("4.45"), 1).String(),
		Round(Down, d("4.49"), 1).String(),
		Round(HalfUp, d("4.5"), 3).String(),
	}
	want := []string{"4.5", "4.4", "4.4", "4.5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Round mismatch (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0.5", "-1e3", "1e999999999", "", ".", "1e", "+.5e-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrLimit) {
				t.Fatalf("Parse(%q) error %v wraps neither sentinel", s, err)
			}
			return
		}
		if err := Check(x); err != nil {
			t.Fatalf("Parse(%q) accepted %s that fails Check: %v", s, x, err)
		}
		back, err := UnmarshalJSON(MarshalJSON(x))
		if err != nil || !back.Equal(x) {
			t.Fatalf("JSON round trip of %s gave %s, %v", x, back, err)
		}
	})
}

func TestCheckMessages(t *testing.T) {
	tests := []struct {
		in     decimal.Decimal
		want   string
		reason string
	}{
		{decimal.New(1, -100), "1e-100: 100 digits after the point, at most 18 allowed: over a limit", "tiny"},
		{decimal.New(-123456789, 30), "-1.2345…e+38: exponent 30, at most 18 allowed: over a limit", "huge, shortened"},
		{d(strings.Repeat("9", 31)), "9.9999…e+30: 31 digits, at most 30 allowed: over a limit", "too many digits, shortened"},
		{decimal.New(1, 40), "1e+40: exponent 40, at most 18 allowed: over a limit", "exponent form, shown short"},
	}
	for _, tt := range tests {
		if err := Check(tt.in); err == nil || err.Error() != tt.want {
			t.Errorf("Check(%s) = %v, want %s (%s)", tt.in, err, tt.want, tt.reason)
		}
	}
}
