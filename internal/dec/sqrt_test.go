package dec

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

func TestSqrtRat(t *testing.T) {
	tests := []struct {
		x      string // a rational a/b or a decimal
		places int32
		r      Rounding
		want   string
		exact  bool
		reason string
	}{
		{"2.25", 1, HalfUp, "1.5", true, "perfect square of a decimal"},
		{"0", 4, HalfUp, "0", true, "zero"},
		{"2", 4, HalfUp, "1.4142", false, "√2 = 1.41421…, below the tie"},
		{"2", 4, Down, "1.4142", false, "√2 truncated"},
		{"3", 3, HalfUp, "1.732", false, "√3 = 1.7320508…"},
		{"3", 2, Down, "1.73", false, "√3 truncated"},
		{"10", 2, HalfUp, "3.16", false, "√10 = 3.1622…"},
		{"1/9", 4, HalfUp, "0.3333", false, "√(1/9) = 1/3 repeats"},
		{"4/9", 3, HalfUp, "0.667", false, "√(4/9) = 2/3 rounds up"},
		{"0.0225", 1, HalfUp, "0.2", false, "√0.0225 = 0.15 exactly: a tie goes up"},
		{"0.0225", 1, HalfEven, "0.2", false, "tie 0.15 goes to even 0.2"},
		{"0.0625", 1, HalfEven, "0.2", false, "tie 0.25 goes to even 0.2"},
		{"0.0625", 1, HalfUp, "0.3", false, "tie 0.25 goes up"},
		{"0.0625", 1, Down, "0.2", false, "0.25 truncated"},
		{"0.06250001", 1, HalfEven, "0.3", false, "a hair above the tie is not a tie"},
		{"1e12", 0, HalfUp, "1000000", true, "large perfect square"},
	}
	for _, tt := range tests {
		x, ok := new(big.Rat).SetString(tt.x)
		if !ok {
			t.Fatalf("bad test input %q", tt.x)
		}
		got, exact := SqrtRat(x, tt.places, tt.r)
		if !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("SqrtRat(%s, %d, %v) = %s, %v; want %s, %v (%s)", tt.x, tt.places, tt.r, got, exact, tt.want, tt.exact, tt.reason)
		}
	}
}

// TestSqrtRatBounds checks every rule against its definition: the result k (in units of 10^-places) brackets the
// exact root, compared as squares in rational arithmetic.
func TestSqrtRatBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.Int64Range(0, 1e12).Draw(t, "num")
		den := rapid.Int64Range(1, 1e6).Draw(t, "den")
		places := rapid.Int32Range(0, 8).Draw(t, "places")
		r := Rounding(rapid.IntRange(0, 2).Draw(t, "rounding"))
		x := big.NewRat(num, den)
		got, exact := SqrtRat(x, places, r)
		scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
		y := new(big.Rat).Mul(x, new(big.Rat).Mul(scale, scale)) // the square of the root in units
		k := new(big.Rat).Mul(got.Rat(), scale)
		if !k.IsInt() {
			t.Fatalf("%s has more than %d places", got, places)
		}
		sq := func(v *big.Rat, plus *big.Rat) *big.Rat {
			w := new(big.Rat).Add(v, plus)
			return w.Mul(w, w)
		}
		half, one := big.NewRat(1, 2), big.NewRat(1, 1)
		if wantExact := sq(k, new(big.Rat)).Cmp(y) == 0; exact != wantExact {
			t.Fatalf("exact = %v, want %v for √%s ≈ %s", exact, wantExact, x.RatString(), got)
		}
		lo, hi := sq(k, new(big.Rat).Neg(half)), sq(k, half)
		switch r {
		case Down:
			if sq(k, new(big.Rat)).Cmp(y) > 0 || sq(k, one).Cmp(y) <= 0 {
				t.Fatalf("Down: %s is not √%s truncated", got, x.RatString())
			}
		case HalfUp:
			if k.Sign() > 0 && lo.Cmp(y) > 0 || hi.Cmp(y) <= 0 {
				t.Fatalf("HalfUp: %s is not √%s rounded", got, x.RatString())
			}
		case HalfEven:
			even := new(big.Int).Rem(k.Num(), big.NewInt(2)).Sign() == 0
			if k.Sign() > 0 && (lo.Cmp(y) > 0 || lo.Cmp(y) == 0 && !even) || hi.Cmp(y) < 0 || hi.Cmp(y) == 0 && !even {
				t.Fatalf("HalfEven: %s is not √%s rounded", got, x.RatString())
			}
		}
	})
}
