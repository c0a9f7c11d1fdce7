package round

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestRoundSmallMatchesBig: the machine-integer path of RoundRat agrees with the big-integer one.
func TestRoundSmallMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.Int64().Draw(t, "num")
		den := rapid.Int64Range(1, 1<<62).Draw(t, "den")
		x := big.NewRat(num, den)
		places := rapid.Int32Range(0, 18).Draw(t, "places")
		r := uint8(rapid.IntRange(0, 2).Draw(t, "rounding"))
		small, smallExact, ok := roundSmall(x, places, r)
		big, bigExact := roundBig(x, places, r)
		if ok && (!small.Equal(big) || smallExact != bigExact) {
			t.Fatalf("RoundRat(%s, %d, %v): small %s (%v), big %s (%v)", x, places, r, small, smallExact, big, bigExact)
		}
	})
}
