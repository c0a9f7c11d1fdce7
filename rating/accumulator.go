package rating

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Accumulator keeps the exact sum and count of scores on the 5-point scale, taken one at a time, so a mean can be
// kept up to date over a whole period (SPEC R10: survey-based and personal ratings are cumulative) and stored,
// resumed, or combined with the accumulators of other periods or machines.
//
// Merging is exact, associative and commutative: accumulators merged in any grouping and order equal the
// accumulator that took all the values itself. Nothing is rounded: the sum is held as an integer count of units
// of 10^-s, where s is the largest number of digits after the point of any value added so far (one for call
// totals such as 4.3), in 128 bits. Adding a value needs no allocation.
//
// Capacity: the count is at most 2^63−1 and the sum below 10^30 units, so Sum always fits the module's decimal
// limits: 2·10^28 values with one digit after the point, 2·10^11 values with eighteen. Past that, Add and Merge
// return an error wrapping ErrOverflow and change nothing.
//
// The zero Accumulator is empty and ready to use; the methods that change it return an error wrapping
// sq.ErrInvalid on a nil *Accumulator. An Accumulator is a plain value (copying it copies the state);
// it is not safe for concurrent use while it changes: give each goroutine its own and merge them.
type Accumulator struct {
	n      int64  // number of values
	scale  int32  // units are 10^-scale; 0–18
	hi, lo uint64 // sum in units, below 10^30
}

// maxHi, maxLo hold 10^30, the bound of the sum in units.
var maxHi, maxLo = bits.Mul64(1e15, 1e15)

// fiveUnits[s] is 5 in units of 10^-s, the largest value a single score may have.
var fiveUnits = func() (t [dec.MaxScale + 1]uint64) {
	for s := range t {
		p, _ := dec.Pow10(int32(s))
		t[s] = 5 * uint64(p)
	}
	return t
}()

// below reports whether hi·2^64+lo is below 10^30.
func below(hi, lo uint64) bool { return hi < maxHi || (hi == maxHi && lo < maxLo) }

// Add adds one score x, which must lie on the scale 0–5 with at most 18 digits after the point. Errors wrap
// ErrOutOfRange, sq.ErrLimit or ErrOverflow; on error a is unchanged.
func (a *Accumulator) Add(x decimal.Decimal) error {
	if a == nil {
		return errNil("Accumulator")
	}
	// Fast path: the value needs no more places than the current scale; Units allocates nothing.
	if e := x.Exponent(); e >= -dec.MaxScale && e <= dec.MaxExponent {
		// A negative u is above five as a uint64.
		if u, ok := dec.Units(x, a.scale); ok && uint64(u) <= fiveUnits[a.scale%(dec.MaxScale+1)] {
			lo, c := bits.Add64(a.lo, uint64(u), 0)
			if hi := a.hi + c; hi < maxHi && a.n < math.MaxInt64 { // far from both bounds: nothing more to check
				a.hi, a.lo = hi, lo
				a.n++
				return nil
			}
			return a.addUnits(uint64(u))
		}
	}
	return a.addSlow(x)
}

func (a *Accumulator) addUnits(u uint64) error {
	if a.n == math.MaxInt64 {
		return errorf("accumulator holds %d values, it cannot take more: %w", a.n, ErrOverflow)
	}
	lo, c := bits.Add64(a.lo, u, 0)
	hi := a.hi + c
	if hi >= maxHi && !below(hi, lo) {
		return errorf("accumulator sum would reach 10^30 units of 10^-%d: %w", a.scale, ErrOverflow)
	}
	a.hi, a.lo = hi, lo
	a.n++
	return nil
}

// AddUnits adds the score units·10^-scale, the form rubric.Result.TotalUnits gives, without building a decimal:
// the fast way to stream scored calls into accumulators. The score must lie on 0–5 and scale on 0–18. Errors wrap
// ErrOutOfRange or ErrOverflow; on error a is unchanged.
func (a *Accumulator) AddUnits(units int64, scale int32) error {
	if a == nil {
		return errNil("Accumulator")
	}
	if scale < 0 || scale > dec.MaxScale {
		return errorf("accumulator: scale %d is outside 0–%d: %w", scale, dec.MaxScale, ErrOutOfRange)
	}
	if units < 0 || uint64(units) > fiveUnits[scale] {
		return errorf("accumulator: value %s is outside the scale 0–5: %w", decimal.New(units, -scale), ErrOutOfRange)
	}
	switch {
	case scale == a.scale:
		return a.addUnits(uint64(units))
	case scale < a.scale:
		m, _ := dec.Pow10(a.scale - scale)
		return a.addUnits(uint64(units) * uint64(m)) // at most 5·10^18, below 2^64
	}
	b := *a
	if err := b.rescale(scale); err != nil {
		return err
	}
	if err := b.addUnits(uint64(units)); err != nil {
		return err
	}
	*a = b
	return nil
}

// addSlow validates x and, when x needs more digits after the point than the current scale, raises the scale.
func (a *Accumulator) addSlow(x decimal.Decimal) error {
	if err := checkScale("value", x); err != nil {
		return errorf("accumulator: %w", err)
	}
	p := dec.Places(x)
	if p <= a.scale {
		// Unreachable for a value that passed checkScale: it fits the fast path. Kept as a guard.
		return errorf("accumulator: value %s cannot be converted at scale %d: %w", x, a.scale, sq.ErrLimit)
	}
	b := *a
	if err := b.rescale(p); err != nil {
		return err
	}
	u, ok := dec.Units(x, b.scale)
	if !ok || u < 0 {
		return errorf("accumulator: value %s cannot be converted at scale %d: %w", x, b.scale, sq.ErrLimit)
	}
	if err := b.addUnits(uint64(u)); err != nil {
		return err
	}
	*a = b
	return nil
}

// rescale raises the scale of a to s (s ≥ a.scale), multiplying the sum by 10^(s−scale).
func (a *Accumulator) rescale(s int32) error {
	if s == a.scale {
		return nil
	}
	m, _ := dec.Pow10(s - a.scale)
	h1, lo := bits.Mul64(a.lo, uint64(m))
	h2, l2 := bits.Mul64(a.hi, uint64(m))
	hi, c := bits.Add64(l2, h1, 0)
	if h2 != 0 || c != 0 || !below(hi, lo) {
		return errorf("accumulator sum at %d digits after the point would reach 10^30 units: %w", s, ErrOverflow)
	}
	a.scale, a.hi, a.lo = s, hi, lo
	return nil
}

// Merge adds the values held by b to a, as if a had taken them one by one. Errors wrap ErrOverflow; on error a is
// unchanged.
func (a *Accumulator) Merge(b Accumulator) error {
	if a == nil {
		return errNil("Accumulator")
	}
	x, y := *a, b
	s := max(x.scale, y.scale)
	if err := x.rescale(s); err != nil {
		return err
	}
	if err := y.rescale(s); err != nil {
		return err
	}
	if x.n > math.MaxInt64-y.n {
		return errorf("merged accumulator would hold more than 2^63−1 values: %w", ErrOverflow)
	}
	lo, c := bits.Add64(x.lo, y.lo, 0)
	hi, c2 := bits.Add64(x.hi, y.hi, c)
	if c2 != 0 || !below(hi, lo) {
		return errorf("merged accumulator sum would reach 10^30 units of 10^-%d: %w", s, ErrOverflow)
	}
	*a = Accumulator{n: x.n + y.n, scale: s, hi: hi, lo: lo}
	return nil
}

// Count returns the number of values added.
func (a Accumulator) Count() int64 { return a.n }

// Sum returns the exact sum of the values added; 0 when empty.
func (a Accumulator) Sum() decimal.Decimal {
	if a.hi == 0 && a.lo <= math.MaxInt64 {
		return decimal.New(int64(a.lo), -a.scale)
	}
	return decimal.NewFromBigInt(a.bigUnits(), -a.scale)
}

func (a Accumulator) bigUnits() *big.Int {
	u := new(big.Int).SetUint64(a.hi)
	u.Lsh(u, 64)
	return u.Or(u, new(big.Int).SetUint64(a.lo))
}

// Mean returns the exact mean Sum/Count. An empty accumulator is an error wrapping ErrEmpty.
func (a Accumulator) Mean() (sq.Fraction, error) {
	if a.n == 0 {
		return sq.Fraction{}, errorf("mean of an empty accumulator: %w", ErrEmpty)
	}
	// The common case in one step: units / (n·10^scale) when both fit in an int64.
	if a.hi == 0 && a.lo <= math.MaxInt64 {
		if den, ok := scaledCount(a.n, a.scale); ok {
			f, _ := sq.Ratio(int64(a.lo), den) // den > 0
			return f, nil
		}
	}
	return fracQuo(sq.FractionOf(a.Sum()), fracInt(a.n)), nil
}

// scaledCount returns n·10^scale, and false when it does not fit in an int64.
func scaledCount(n int64, scale int32) (int64, bool) {
	for ; scale > 0; scale-- {
		if n > math.MaxInt64/10 {
			return 0, false
		}
		n *= 10
	}
	return n, true
}

// Equal reports whether a and b hold the same count and the same sum (whatever the internal scale).
func (a Accumulator) Equal(b Accumulator) bool {
	return a.n == b.n && a.Sum().Equal(b.Sum())
}

// String returns "n=3 sum=12.5", for logs.
func (a Accumulator) String() string { return fmt.Sprintf("n=%d sum=%s", a.n, decText(a.Sum())) }
