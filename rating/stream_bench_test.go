package rating_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The streaming aggregation of BENCHMARKS.md: a stream of call totals (SPEC R1: 0–5 in tenths) is aggregated into
// the mean of every employee (SPEC R5) and a department rating (SPEC R7): the weighted mean of the platform rating
// (weight 1) and the mean of all the department's calls (weight 2). Three implementations read the same stream:
// the library's exact one (Grouped accumulators, exact fractions, a PersonalRater for the weighted mean), a naive one that does every step
// with shopspring/decimal operations, and a float64 one (the speed floor, not exact). The exact one runs twice: on
// decimals, and on the integer units a scorer hands out (rubric.Result.TotalUnits), as a pipeline from scoring to
// ratings does. Results are stored values:
// 10 places, half-even (rating.StoredPlaces).

var platform = decimal.RequireFromString("4.6")

// aggregate is the result every implementation produces.
type aggregate struct {
	means      map[string]decimal.Decimal
	department decimal.Decimal
}

func exactAggregate(keys []string, key []uint16, value []uint8, decs []decimal.Decimal) (aggregate, error) {
	var g rating.Grouped
	for i, k := range key {
		if err := g.Add(keys[k], decs[value[i]]); err != nil {
			return aggregate{}, err
		}
	}
	return finishAggregate(&g)
}

// exactAggregateUnits takes the totals as the scorer produces them (rubric.Result.TotalUnits: units of 10^-scale)
// instead of decimals.
func exactAggregateUnits(keys []string, key []uint16, value []uint8, units []int64, scale int32) (aggregate, error) {
	var g rating.Grouped
	for i, k := range key {
		if err := g.AddUnits(keys[k], units[value[i]], scale); err != nil {
			return aggregate{}, err
		}
	}
	return finishAggregate(&g)
}

func finishAggregate(g *rating.Grouped) (aggregate, error) {
	out := aggregate{means: make(map[string]decimal.Decimal, g.Len())}
	var all rating.Accumulator
	for k, a := range g.All() {
		m, err := a.Mean()
		if err != nil {
			return aggregate{}, err
		}
		out.means[k] = storedOf(m)
		if err := all.Merge(a); err != nil {
			return aggregate{}, err
		}
	}
	if _, err := all.Mean(); err != nil { // an empty stream has no department rating
		return aggregate{}, err
	}
	p := sq.FractionOf(platform)
	w, err := streamRater.Rate(rating.PersonalInput{EmployeeID: "department", Earlier: all, Survey: rating.Survey{CSI: &p}})
	if err != nil {
		return aggregate{}, err
	}
	out.department = storedOf(w.Exact())
	return out, nil
}

// streamRater weighs the mean of all calls (weight 2) against the platform rating, given as the survey's CSI
// (weight 1): the department rating of the stream, computed exactly.
var streamRater = func() *rating.PersonalRater {
	s := rating.DefaultPersonalSettings()
	s.CallWeight, s.NPSWeight = decimal.NewFromInt(2), decimal.Zero
	r, err := rating.NewPersonalRater(s)
	if err != nil {
		panic(err)
	}
	return r
}()

type naiveAcc struct {
	sum decimal.Decimal
	n   int64
}

func naiveAggregate(keys []string, key []uint16, value []uint8, decs []decimal.Decimal) aggregate {
	m := map[string]*naiveAcc{}
	for i, k := range key {
		a := m[keys[k]]
		if a == nil {
			a = &naiveAcc{}
			m[keys[k]] = a
		}
		a.sum = a.sum.Add(decs[value[i]])
		a.n++
	}
	out := aggregate{means: make(map[string]decimal.Decimal, len(m))}
	total, n := decimal.Zero, int64(0)
	for k, a := range m {
		out.means[k] = halfEven(a.sum, decimal.NewFromInt(a.n))
		total, n = total.Add(a.sum), n+a.n
	}
	// (platform + 2·total/n) / 3, divided once: (platform·n + 2·total) / 3n.
	out.department = halfEven(platform.Mul(decimal.NewFromInt(n)).Add(total.Mul(decimal.NewFromInt(2))), decimal.NewFromInt(3*n))
	return out
}

// storedOf rounds f once as stored values are: sq.StoredPrecision (10 places, half-even).
func storedOf(f sq.Fraction) decimal.Decimal {
	r, _ := f.Round(sq.StoredPrecision())
	return r.Value
}

// halfEven returns num/den rounded half-even to the stored 10 places with decimal operations only.
func halfEven(num, den decimal.Decimal) decimal.Decimal {
	places := sq.StoredPrecision().Places
	q, r := num.QuoRem(den, places)
	twice, unit := r.Mul(decimal.NewFromInt(2)), decimal.New(1, -places)
	switch c := twice.Cmp(den.Mul(unit)); {
	case c > 0, c == 0 && q.Shift(places).Mod(decimal.NewFromInt(2)).Equal(decimal.NewFromInt(1)):
		q = q.Add(unit)
	}
	return q
}

func floatAggregate(keys []string, key []uint16, value []uint8, floats []float64) (map[string]float64, float64) {
	m := map[string]*floatAcc{}
	for i, k := range key {
		a := m[keys[k]]
		if a == nil {
			a = &floatAcc{}
			m[keys[k]] = a
		}
		a.sum += floats[value[i]]
		a.n++
	}
	means := make(map[string]float64, len(m))
	total, n := 0.0, int64(0)
	for k, a := range m {
		means[k] = a.sum / float64(a.n)
		total, n = total+a.sum, n+a.n
	}
	return means, (4.6 + 2*total/float64(n)) / 3
}

// BenchmarkStreamingAggregation aggregates 10^6 calls of 1,000 employees per op. The ratio sub-benchmark runs the
// three implementations on the same stream and reports the exact one's cost relative to each reference.
func BenchmarkStreamingAggregation(b *testing.B) {
	s := stream
	b.Run("impl=exact", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := exactAggregate(s.keys, s.key, s.value, s.decs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/call")
	})
	b.Run("impl=exact-units", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := exactAggregateUnits(s.keys, s.key, s.value, s.units, 1); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/call")
	})
	b.Run("impl=naive", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			naiveAggregate(s.keys, s.key, s.value, s.decs)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/call")
	})
	b.Run("impl=float64", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			floatAggregate(s.keys, s.key, s.value, s.floats)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchValues, "ns/call")
	})
	b.Run("ratio", func(b *testing.B) {
		var exact, units, naive, float time.Duration
		for range b.N {
			start := time.Now()
			_, _ = exactAggregate(s.keys, s.key, s.value, s.decs)
			exact += time.Since(start)
			start = time.Now()
			_, _ = exactAggregateUnits(s.keys, s.key, s.value, s.units, 1)
			units += time.Since(start)
			start = time.Now()
			naiveAggregate(s.keys, s.key, s.value, s.decs)
			naive += time.Since(start)
			start = time.Now()
			floatAggregate(s.keys, s.key, s.value, s.floats)
			float += time.Since(start)
		}
		b.ReportMetric(float64(naive)/float64(exact), "speedup-vs-naive")
		b.ReportMetric(float64(exact)/float64(float), "time-vs-float64")
		b.ReportMetric(float64(units)/float64(float), "units-time-vs-float64")
	})
}

// BenchmarkAggregationMemory shows that memory follows the number of groups, not of calls: the same 1,000
// employees with 10^4, 10^5 and 10^6 calls.
func BenchmarkAggregationMemory(b *testing.B) {
	s := stream
	for _, calls := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("calls=%d", calls), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := exactAggregate(s.keys, s.key[:calls], s.value[:calls], s.decs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPropertyAggregationMatchesNaive: on random streams the exact aggregation gives the same employee means and
// department rating, digit for digit, as the naive all-decimal reference (SPEC R5, R7, R10).
func TestPropertyAggregationMatchesNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nKeys := rapid.IntRange(1, 20).Draw(t, "employees")
		keys := make([]string, nKeys)
		for i := range keys {
			keys[i] = fmt.Sprintf("e%d", i)
		}
		places := rapid.Int32Range(0, 3).Draw(t, "places")
		var decs []decimal.Decimal
		for i := 0; i < 16; i++ {
			top := int64(5)
			for p := int32(0); p < places; p++ {
				top *= 10
			}
			decs = append(decs, decimal.New(rapid.Int64Range(0, top).Draw(t, "total"), -places))
		}
		n := rapid.IntRange(1, 300).Draw(t, "calls")
		key, value := make([]uint16, n), make([]uint8, n)
		for i := range key {
			key[i] = uint16(rapid.IntRange(0, nKeys-1).Draw(t, "key"))
			value[i] = uint8(rapid.IntRange(0, len(decs)-1).Draw(t, "value"))
		}
		got, err := exactAggregate(keys, key, value, decs)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveAggregate(keys, key, value, decs)
		units := make([]int64, len(decs))
		for i, d := range decs {
			units[i] = d.Shift(places).IntPart()
		}
		byUnits, err := exactAggregateUnits(keys, key, value, units, places)
		if err != nil {
			t.Fatal(err)
		}
		if !byUnits.department.Equal(got.department) {
			t.Fatalf("department from units %s, from decimals %s", byUnits.department, got.department)
		}
		if len(got.means) != len(want.means) || !got.department.Equal(want.department) {
			t.Fatalf("department %s, naive %s (%d vs %d groups)", got.department, want.department, len(got.means), len(want.means))
		}
		for k, w := range want.means {
			if g, ok := got.means[k]; !ok || !g.Equal(w) {
				t.Fatalf("mean of %s: %s, naive %s", k, g, w)
			}
		}
	})
}

func TestAggregationReferencesAgree(t *testing.T) {
	s := stream
	n := 20_000
	got, err := exactAggregate(s.keys, s.key[:n], s.value[:n], s.decs)
	if err != nil {
		t.Fatal(err)
	}
	_, dept := floatAggregate(s.keys, s.key[:n], s.value[:n], s.floats)
	if f := got.department.InexactFloat64(); f-dept > 1e-9 || dept-f > 1e-9 {
		t.Errorf("float64 reference %v far from exact %s", dept, got.department)
	}
	if _, err := exactAggregate(s.keys, nil, nil, s.decs); !errors.Is(err, rating.ErrEmpty) {
		t.Errorf("empty stream: error = %v, want ErrEmpty", err)
	}
}
