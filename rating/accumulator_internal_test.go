package rating

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestAccumulatorCapacity checks the overflow guards at the edges of the 128-bit sum and the int64 count.
func TestAccumulatorCapacity(t *testing.T) {
	nearFull := Accumulator{n: math.MaxInt64 / 2, scale: 0, hi: maxHi, lo: maxLo - 3}
	tests := []struct {
		a      Accumulator
		op     func(*Accumulator) error
		want   error
		reason string
	}{
		{nearFull, func(a *Accumulator) error { return a.Add(decimal.NewFromInt(2)) }, nil, "just below 10^30 units"},
		{nearFull, func(a *Accumulator) error { return a.Add(decimal.NewFromInt(3)) }, ErrOverflow, "reaching 10^30 units"},
		{nearFull, func(a *Accumulator) error { return a.Add(decimal.New(1, -1)) }, ErrOverflow, "a finer scale overflows the sum"},
		{Accumulator{n: math.MaxInt64}, func(a *Accumulator) error { return a.Add(decimal.Zero) }, ErrOverflow, "count at 2^63−1"},
		{nearFull, func(a *Accumulator) error { return a.Merge(Accumulator{n: 1, lo: 3}) }, ErrOverflow, "merge reaching 10^30"},
		{nearFull, func(a *Accumulator) error { return a.Merge(Accumulator{n: math.MaxInt64/2 + 2}) }, ErrOverflow, "merged count"},
		{nearFull, func(a *Accumulator) error { return a.Merge(Accumulator{n: 1, scale: 1, lo: 1}) }, ErrOverflow, "merge rescaling"},
		{Accumulator{n: 1, scale: 0, hi: 0, lo: 5}, func(a *Accumulator) error { return a.Add(decimal.New(1, -18)) }, nil, "rescale to 18 places"},
	}
	for _, tt := range tests {
		a := tt.a
		err := tt.op(&a)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.reason, err)
			}
			continue
		}
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.reason, err, tt.want)
		}
		if a != tt.a {
			t.Errorf("%s: a failed operation changed the accumulator", tt.reason)
		}
	}
	big := Accumulator{n: 1 << 40, hi: 1, lo: 7}
	if got, want := big.Sum().String(), "18446744073709551623"; got != want {
		t.Errorf("Sum() above 2^64 = %s, want %s", got, want)
	}
}
