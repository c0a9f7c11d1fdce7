package rating_test

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func accOf(t tb, values ...string) rating.Accumulator {
	t.Helper()
	var a rating.Accumulator
	for _, v := range values {
		if err := a.Add(d(v)); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// TestAccumulator pins sums, counts and exact means (SPEC R5: the call-quality rating is the mean of the
// evaluated call totals).
func TestAccumulator(t *testing.T) {
	tests := []struct {
		values []string
		sum    string
		mean   string
		reason string
	}{
		{[]string{"4.3", "4.5", "5", "3.9", "4.1"}, "21.8", "109/25", "five call totals"},
		{[]string{"4", "4.5", "4.5"}, "13", "13/3", "a mean with no finite decimal form"},
		{[]string{"0.1", "0.25", "0.125"}, "0.475", "19/120", "the scale grows with the places of a value"},
		{[]string{"4.50", "4.500000"}, "9", "9/2", "trailing zeros do not matter"},
		{[]string{"0", "0"}, "0", "0", "zeros"},
		{[]string{"0.000000000000000001", "5"}, "5.000000000000000001", "5000000000000000001/2000000000000000000", "18 places"},
	}
	for _, tt := range tests {
		a := accOf(t, tt.values...)
		if a.Count() != int64(len(tt.values)) || a.Sum().String() != tt.sum {
			t.Errorf("%s: count %d sum %s, want %d and %s", tt.reason, a.Count(), a.Sum(), len(tt.values), tt.sum)
		}
		m, err := a.Mean()
		if err != nil || m.Rat().RatString() != tt.mean {
			t.Errorf("%s: Mean() = %s, %v; want %s", tt.reason, m.Rat().RatString(), err, tt.mean)
		}
	}
}

func TestAccumulatorErrors(t *testing.T) {
	tests := []struct {
		value  decimal.Decimal
		want   error
		reason string
	}{
		{d("5.1"), rating.ErrOutOfRange, "above 5"},
		{d("-0.1"), rating.ErrOutOfRange, "negative"},
		{d("6"), rating.ErrOutOfRange, "integer above 5"},
		{decimal.New(1, -19), sq.ErrLimit, "19 places"},
		{decimal.New(0, -30), sq.ErrLimit, "a zero with 30 places is outside the limits too"},
		{decimal.New(5, 30), sq.ErrLimit, "huge exponent"},
		{decimal.RequireFromString("4.50000000000000000000"), sq.ErrLimit, "trailing zeros past 18 places"},
	}
	for _, tt := range tests {
		a := accOf(t, "4.5", "3")
		before := a
		err := a.Add(tt.value)
		wantErr(t, err, tt.want, tt.reason)
		if a != before {
			t.Errorf("%s: a failed Add changed the accumulator from %v to %v", tt.reason, before, a)
		}
	}
	var empty rating.Accumulator
	if _, err := empty.Mean(); err == nil {
		t.Error("Mean of an empty accumulator: no error")
	} else {
		wantErr(t, err, rating.ErrEmpty, "empty mean")
	}
}

func TestAccumulatorAddAllocatesNothing(t *testing.T) {
	var a rating.Accumulator
	x := d("4.3")
	if n := testing.AllocsPerRun(1000, func() { _ = a.Add(x) }); n != 0 {
		t.Errorf("Add allocates %v times per call, want 0", n)
	}
}

// genValues draws up to 40 scores.
func genValues(t *rapid.T) []decimal.Decimal {
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) decimal.Decimal {
		if rapid.IntRange(0, 9).Draw(t, "rare") == 0 {
			// Now and then a value with many places, to exercise scale changes during merges.
			return decimal.New(rapid.Int64Range(0, 5_000_000_000_000).Draw(t, "fine"), -12)
		}
		return genScore(t, "x")
	}), 0, 40).Draw(t, "values")
}

// TestMergeAnyGroupingEqualsBatch: splitting the values into parts, accumulating each, and merging the parts in
// any grouping and order gives the accumulator of the whole batch (SPEC R10: cumulative ratings combine).
func TestMergeAnyGroupingEqualsBatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := genValues(t)
		var batch rating.Accumulator
		want := decimal.Zero
		for _, v := range values {
			if err := batch.Add(v); err != nil {
				t.Fatal(err)
			}
			want = want.Add(v)
		}
		if !batch.Sum().Equal(want) || batch.Count() != int64(len(values)) {
			t.Fatalf("batch %v, want sum %s of %d", batch, want, len(values))
		}
		// Cut the values into parts.
		var parts []rating.Accumulator
		for rest := values; len(rest) > 0; {
			n := rapid.IntRange(1, len(rest)).Draw(t, "part")
			var a rating.Accumulator
			for _, v := range rest[:n] {
				if err := a.Add(v); err != nil {
					t.Fatal(err)
				}
			}
			parts = append(parts, a)
			rest = rest[n:]
		}
		parts = append(parts, rating.Accumulator{}) // an empty part changes nothing
		// Merge random pairs until one is left: every grouping and order is reachable.
		for len(parts) > 1 {
			i := rapid.IntRange(0, len(parts)-1).Draw(t, "i")
			j := rapid.IntRange(0, len(parts)-2).Draw(t, "j")
			a := parts[i]
			parts = slices.Delete(parts, i, i+1)
			if err := parts[j].Merge(a); err != nil {
				t.Fatal(err)
			}
		}
		if !parts[0].Equal(batch) {
			t.Fatalf("merged %v, batch %v", parts[0], batch)
		}
	})
}

func TestGrouped(t *testing.T) {
	var g rating.Grouped
	for _, x := range []struct{ key, v string }{{"bob", "4"}, {"alice", "5"}, {"bob", "4.5"}, {"carol", "3.2"}} {
		if err := g.Add(x.key, d(x.v)); err != nil {
			t.Fatal(err)
		}
	}
	wantErr(t, g.Add("", d("4")), sq.ErrInvalid, "empty key")
	wantErr(t, g.Add("\xff", d("4")), sq.ErrInvalid, "key not UTF-8")
	wantErr(t, g.Add("dave", d("7")), rating.ErrOutOfRange, "bad value for a new key")
	wantErr(t, g.Add("bob", d("7")), rating.ErrOutOfRange, "bad value for a known key")
	if _, ok := g.Get("dave"); ok {
		t.Error("a failed Add created the group dave")
	}
	var got []string
	for k, a := range g.All() {
		got = append(got, fmt.Sprintf("%s %v", k, a))
	}
	want := []string{"alice n=1 sum=5", "bob n=2 sum=8.5", "carol n=1 sum=3.2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}
	c := cloneOf(&g)
	if err := c.Add("alice", d("1")); err != nil {
		t.Fatal(err)
	}
	if a, _ := g.Get("alice"); a.Count() != 1 {
		t.Errorf("changing a clone changed the original: %v", a)
	}
	if g.Equal(c) || !g.Equal(cloneOf(&g)) {
		t.Error("Equal disagrees with the contents")
	}
	var other rating.Grouped
	_ = other.Add("bob", d("1"))
	_ = other.Add("erin", d("2"))
	if err := g.Merge(&other); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"alice", "bob", "carol", "erin"}, keysOf(&g)); diff != "" {
		t.Errorf("Keys() after Merge mismatch (-want +got):\n%s", diff)
	}
	if a, _ := g.Get("bob"); a.Count() != 3 || !a.Sum().Equal(d("9.5")) {
		t.Errorf("bob after Merge = %v, want n=3 sum=9.5", a)
	}
}

// TestGroupedMergeEqualsBatch: merging grouped accumulators built from parts of a stream equals the grouped
// accumulator of the whole stream.
func TestGroupedMergeEqualsBatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		keys := []string{"a", "b", "c", "d"}
		n := rapid.IntRange(0, 60).Draw(t, "n")
		var batch rating.Grouped
		parts := make([]rating.Grouped, rapid.IntRange(1, 4).Draw(t, "parts"))
		for i := 0; i < n; i++ {
			k := rapid.SampledFrom(keys).Draw(t, "key")
			v := genScore(t, "v")
			p := rapid.IntRange(0, len(parts)-1).Draw(t, "part")
			if err := batch.Add(k, v); err != nil {
				t.Fatal(err)
			}
			if err := parts[p].Add(k, v); err != nil {
				t.Fatal(err)
			}
		}
		var merged rating.Grouped
		for _, i := range rapid.Permutation([]int{0, 1, 2, 3}[:len(parts)]).Draw(t, "order") {
			if err := merged.Merge(&parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if !merged.Equal(&batch) {
			t.Fatalf("merged groups differ from the batch")
		}
	})
}

// The streaming benchmark: 10^6 call totals for 1,000 employees, aggregated into per-employee means, against a
// float64 reference doing the same with map[string] sums. Both read the same precomputed stream of keys and
// values (call totals 0.0–5.0 in steps of 0.1, as the rubric of SPEC R1 produces).
const (
	benchValues    = 1_000_000
	benchEmployees = 1_000
)

type benchStream struct {
	keys   []string
	decs   []decimal.Decimal
	units  []int64 // the same totals in tenths
	floats []float64
	key    []uint16
	value  []uint8
}

var stream = func() *benchStream {
	s := &benchStream{key: make([]uint16, benchValues), value: make([]uint8, benchValues)}
	for i := 0; i < benchEmployees; i++ {
		s.keys = append(s.keys, fmt.Sprintf("employee-%04d", i))
	}
	for i := 0; i <= 50; i++ {
		s.decs = append(s.decs, decimal.New(int64(i), -1))
		s.units = append(s.units, int64(i))
		s.floats = append(s.floats, float64(i)/10)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range s.key {
		s.key[i] = uint16(r.IntN(benchEmployees))
		s.value[i] = uint8(r.IntN(51))
	}
	return s
}()

func BenchmarkGroupedAdd(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		var g rating.Grouped
		for i, k := range stream.key {
			if err := g.Add(stream.keys[k], stream.decs[stream.value[i]]); err != nil {
				b.Fatal(err)
			}
		}
		if g.Len() != benchEmployees {
			b.Fatalf("%d groups", g.Len())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/value")
}

// BenchmarkAccumulatorAdd is the cost of one value in a single accumulator, without the map lookup.
func BenchmarkAccumulatorAdd(b *testing.B) {
	b.ReportAllocs()
	var a rating.Accumulator
	for i := range b.N {
		if err := a.Add(stream.decs[stream.value[i%benchValues]]); err != nil {
			b.Fatal(err)
		}
	}
}

type floatAcc struct {
	sum float64
	n   int64
}

func BenchmarkFloat64Reference(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		m := make(map[string]*floatAcc)
		for i, k := range stream.key {
			key := stream.keys[k]
			a := m[key]
			if a == nil {
				a = new(floatAcc)
				m[key] = a
			}
			a.sum += stream.floats[stream.value[i]]
			a.n++
		}
		if len(m) != benchEmployees {
			b.Fatalf("%d groups", len(m))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/value")
}

// BenchmarkGroupedMeans adds the final step: the exact mean of every group.
func BenchmarkGroupedMeans(b *testing.B) {
	var g rating.Grouped
	for i, k := range stream.key {
		_ = g.Add(stream.keys[k], stream.decs[stream.value[i]])
	}
	b.ReportAllocs()
	for range b.N {
		for _, a := range g.All() {
			m, _ := a.Mean()
			_, _ = m.Round(sq.StoredPrecision())
		}
	}
}

// TestAddUnits: adding units·10^-scale equals adding the decimal, whatever the scales involved; bad input is refused
// and leaves the accumulator as it was.
func TestAddUnits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var byUnits, byDecimal rating.Accumulator
		for i := rapid.IntRange(1, 20).Draw(t, "n"); i > 0; i-- {
			scale := rapid.Int32Range(0, 6).Draw(t, "scale")
			top := int64(5)
			for s := int32(0); s < scale; s++ {
				top *= 10
			}
			u := rapid.Int64Range(0, top).Draw(t, "units")
			if err := byUnits.AddUnits(u, scale); err != nil {
				t.Fatal(err)
			}
			if err := byDecimal.Add(decimal.New(u, -scale)); err != nil {
				t.Fatal(err)
			}
		}
		if !byUnits.Equal(byDecimal) {
			t.Fatalf("AddUnits gave %v, Add gave %v", byUnits, byDecimal)
		}
	})
	var a rating.Accumulator
	_ = a.AddUnits(45, 1)
	for _, bad := range []struct {
		units  int64
		scale  int32
		reason string
	}{{51, 1, "5.1 is above 5"}, {-1, 0, "negative"}, {1, 19, "scale beyond 18"}, {1, -1, "negative scale"}} {
		before := a
		if err := a.AddUnits(bad.units, bad.scale); !errors.Is(err, rating.ErrOutOfRange) || !a.Equal(before) {
			t.Errorf("AddUnits(%d, %d): error %v, accumulator %v (%s)", bad.units, bad.scale, err, a, bad.reason)
		}
	}
	var g rating.Grouped
	if err := g.AddUnits("anna", 43, 1); err != nil {
		t.Fatal(err)
	}
	if err := g.AddUnits("", 43, 1); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("empty key: %v", err)
	}
	if acc, _ := g.Get("anna"); acc.Sum().String() != "4.3" {
		t.Errorf("Grouped.AddUnits: %v", acc)
	}
}

// TestAccumulatorMeanPaths: the mean is exact on the int64 fast path and on the big-number path (a count whose
// count·10^scale, or a sum in units, does not fit in an int64), against big.Rat.
func TestAccumulatorMeanPaths(t *testing.T) {
	tests := []struct {
		count  int64
		sum    string
		reason string
	}{
		{3, "13", "small: units / count"},
		{4, "17.25", "scale 2: units / (count·100)"},
		{5_000_000_000_000_000, "0.000000000000000001", "count·10^18 overflows an int64"},
		{2, "9.999999999999999999", "units above 2^63"},
	}
	for _, tt := range tests {
		a, err := rating.NewAccumulator(tt.count, d(tt.sum))
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		m, err := a.Mean()
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		want := new(big.Rat).Quo(d(tt.sum).Rat(), new(big.Rat).SetInt64(tt.count))
		if m.Rat().Cmp(want) != 0 {
			t.Errorf("%s: Mean() = %s, want %s", tt.reason, m.Rat().RatString(), want.RatString())
		}
	}
}
