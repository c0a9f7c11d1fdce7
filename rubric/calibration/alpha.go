package calibration

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Metric is the difference function δ of Krippendorff's alpha: how far apart two values are.
//
// The zero Metric is not a metric; the functions taking one report ErrInvalidConfig for it.
type Metric uint8

const (
	// Nominal: values are categories; two values disagree (δ² = 1) unless they are equal.
	Nominal Metric = iota + 1
	// Ordinal: values are ranked; δ² grows with the number of values observed between them (Krippendorff's
	// ordinal metric, on the mid-ranks of the values' frequencies).
	Ordinal
	// Interval: values are numbers; δ² = (c − k)².
	Interval
)

var metricNames = [...]string{Nominal: "nominal", Ordinal: "ordinal", Interval: "interval"}

// String returns "nominal", "ordinal" or "interval".
func (m Metric) String() string {
	if m.Valid() {
		return metricNames[m]
	}
	return fmt.Sprintf("Metric(%d)", uint8(m))
}

// Valid reports whether m is one of Nominal, Ordinal, Interval.
func (m Metric) Valid() bool { return m >= Nominal && m <= Interval }

// MarshalText writes the name of the metric; the zero or an unknown Metric is an error wrapping ErrInvalidConfig.
func (m Metric) MarshalText() ([]byte, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	return []byte(metricNames[m]), nil
}

// UnmarshalText reads "nominal", "ordinal" or "interval"; anything else is an error wrapping sq.ErrMalformed and
// leaves m unchanged.
func (m *Metric) UnmarshalText(b []byte) error {
	for i, n := range metricNames {
		if n != "" && string(b) == n {
			*m = Metric(i)
			return nil
		}
	}
	return &sq.Error{Pkg: "calibration", Path: "metric", Value: sq.Quote(string(b)), Rule: "one of nominal, ordinal, interval", Err: sq.ErrMalformed}
}

func (m Metric) check() error {
	if !m.Valid() {
		return fail("metric", strconv.Itoa(int(m)), "one of nominal, ordinal, interval", ErrInvalidConfig)
	}
	return nil
}

// Alpha is Krippendorff's alpha, α = 1 − Do / De: the observed disagreement Do between values of the same unit
// over the disagreement De expected from all pairable values. α = 1 is perfect reliability, 0 what chance gives;
// α can be negative. Only units with at least two values count (they are "pairable"); missing values are
// allowed.
//
// Alpha is an estimate of reliability in the statistical sense, but it is computed here exactly, in rational
// arithmetic: Value, Observed and Expected are exact fractions, which a caller rounds once with
// sq.Fraction.Round (Rounded.Inexact says whether digits were dropped). Observed and Expected are in the metric's
// units: a share of pairs for Nominal, squared mid-ranks for Ordinal, squared values for Interval. The zero Alpha
// is the result of nothing.
type Alpha struct {
	Value    sq.Fraction // α
	Metric   Metric
	Observed sq.Fraction // Do
	Expected sq.Fraction // De
	// Units is the number of pairable units (calls), Values the number n of values in them.
	Units, Values int
}

// Equal reports whether two alphas hold the same values and counts.
func (a Alpha) Equal(o Alpha) bool {
	return a.Value.Equal(o.Value) && a.Metric == o.Metric && a.Observed.Equal(o.Observed) &&
		a.Expected.Equal(o.Expected) && a.Units == o.Units && a.Values == o.Values
}

// String returns α rounded to 4 places half-up for people, for example "α = 0.7434 (nominal, 11 units, 40 values)".
func (a Alpha) String() string {
	return fmt.Sprintf("α = %s (%s, %d units, %d values)", show(a.Value), a.Metric, a.Units, a.Values)
}

// KrippendorffAlphaMatrix computes Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability") from a reliability data matrix: data[i][u] is observer i's value for unit u, and a
// decimal.NullDecimal with Valid false is a missing value. Every row needs the same number of units. The metric
// says how values differ; for Nominal they are categories compared by value (0.5 equals 0.50).
//
// With n pairable values (those of units with m_u ≥ 2 values) and n_c of them equal to c:
//
//	Do = (1/n) Σ_u Σ_{i≠j in u} δ²(v_i, v_j) / (m_u − 1)
//	De = (1/(n(n−1))) Σ_c Σ_k n_c·n_k·δ²(c, k)
//	α  = 1 − Do / De
//
// A ragged or empty matrix is an error wrapping ErrInvalidTable, a value of absurd size sq.ErrLimit, no unit
// with two values ErrNoOverlap, and a matrix whose pairable values are all equal (De = 0, so α is 0/0)
// ErrUndefined.
func KrippendorffAlphaMatrix(data [][]decimal.NullDecimal, metric Metric) (Alpha, error) {
	if err := metric.check(); err != nil {
		return Alpha{}, err
	}
	if len(data) == 0 || len(data[0]) == 0 {
		return Alpha{}, fail("matrix", "", "at least one observer and one unit", ErrInvalidTable)
	}
	nu := len(data[0])
	var scale int32
	for i, row := range data {
		if len(row) != nu {
			return Alpha{}, fail(sq.Index("matrix", i), fmt.Sprintf("%d units", len(row)),
				fmt.Sprintf("%d units, as matrix[1]; every observer's row needs every unit (mark missing values invalid)", nu), ErrInvalidTable)
		}
		for u, v := range row {
			if !v.Valid {
				continue
			}
			if err := dec.Check(v.Decimal); err != nil {
				return Alpha{}, within(sq.Index(sq.Index("matrix", i), u), err)
			}
			scale = max(scale, dec.Places(v.Decimal))
		}
	}
	// Categories: the distinct values, as integers v·10^scale, numbered in ascending order.
	ints := map[string]*big.Int{}
	for _, row := range data {
		for _, v := range row {
			if v.Valid {
				b := v.Decimal.Shift(scale).BigInt()
				ints[b.String()] = b
			}
		}
	}
	vals := make([]*big.Int, 0, len(ints))
	for _, b := range ints {
		vals = append(vals, b)
	}
	slices.SortFunc(vals, func(a, b *big.Int) int { return a.Cmp(b) })
	code := make(map[string]int, len(vals))
	for i, b := range vals {
		code[b.String()] = i
	}
	units := make([][]int, nu)
	for u := range units {
		for _, row := range data {
			if v := row[u]; v.Valid {
				units[u] = append(units[u], code[v.Decimal.Shift(scale).BigInt().String()])
			}
		}
	}
	a, err := alphaOf(units, vals, scale, metric)
	switch {
	case err == ErrNoOverlap:
		return Alpha{}, fail("matrix", "", "at least one unit coded by two observers", err)
	case err == ErrUndefined:
		return Alpha{}, fail("matrix", fmt.Sprintf("%d equal pairable values", a.Values), "values that differ; expected disagreement is 0 and alpha is 0/0", err)
	}
	return a, err
}

// alphaOf computes alpha from units of category codes 0…len(vals)−1, numbered in ascending order of value;
// vals[c]·10^-scale is the value of category c (used by Interval). Units with fewer than two values are left out.
// The error is ErrNoOverlap or ErrUndefined itself, for the caller to explain; with ErrUndefined the returned
// Alpha carries the counts.
func alphaOf(units [][]int, vals []*big.Int, scale int32, metric Metric) (Alpha, error) {
	k := len(vals)
	nc := make([]int64, k) // n_c over pairable values
	var n int64
	pairable := 0
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		pairable++
		for _, c := range u {
			nc[c]++
		}
		n += int64(len(u))
	}
	out := Alpha{Metric: metric, Units: pairable, Values: int(n)}
	if pairable == 0 {
		return out, ErrNoOverlap
	}
	// pos[c] is the position of category c on a line where δ² is the squared distance: the value for Interval;
	// twice the mid-rank for Ordinal, 2·(Σ_{g<c} n_g) + n_c, since Krippendorff's ordinal δ²(c, k) =
	// (Σ_{g=c..k} n_g − (n_c + n_k)/2)² is the squared difference of the mid-ranks. unit² is the square of the
	// position's unit, to report Do and De in the metric's units.
	var pos []*big.Int
	unit2 := big.NewRat(1, 1)
	switch metric {
	case Interval:
		pos = vals
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(2*int64(scale)), nil)
		unit2.SetInt(p)
	case Ordinal:
		pos = make([]*big.Int, k)
		var below int64
		for c := range pos {
			pos[c] = big.NewInt(2*below + nc[c])
			below += nc[c]
		}
		unit2.SetInt64(4)
	}
	// De·n(n−1) = Σ_c Σ_k n_c n_k δ²(c, k): nominal n² − Σ n_c²; on a line 2n Σ n_c p_c² − 2 (Σ n_c p_c)².
	// Do·n = Σ_u (Σ_{i≠j} δ²) / (m_u − 1) with Σ_{i≠j} δ²: nominal m² − Σ m_c²; on a line 2m Σ p² − 2 (Σ p)².
	bn := big.NewInt(n)
	var de *big.Int
	if metric == Nominal {
		de = new(big.Int).Mul(bn, bn)
		for _, v := range nc {
			de.Sub(de, new(big.Int).Mul(big.NewInt(v), big.NewInt(v)))
		}
	} else {
		de = spread(nc, pos, nil)
	}
	byM := map[int]*big.Int{} // Σ_{i≠j} δ² of the units with m_u = key
	mc := map[int]int64{}
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		var d *big.Int
		if metric == Nominal {
			clear(mc)
			for _, c := range u {
				mc[c]++
			}
			m := int64(len(u))
			d = big.NewInt(m * m)
			for _, v := range mc {
				d.Sub(d, big.NewInt(v*v))
			}
		} else {
			d = spread(nil, pos, u)
		}
		if acc, ok := byM[len(u)]; ok {
			acc.Add(acc, d)
		} else {
			byM[len(u)] = d
		}
	}
	do := new(big.Rat)
	for m, d := range byM {
		do.Add(do, new(big.Rat).SetFrac(d, big.NewInt(int64(m-1))))
	}
	nn1 := new(big.Int).Mul(bn, big.NewInt(n-1))
	out.Observed = exact(new(big.Rat).Quo(do, new(big.Rat).Mul(new(big.Rat).SetInt(bn), unit2)))
	out.Expected = exact(new(big.Rat).Quo(new(big.Rat).SetInt(de), new(big.Rat).Mul(new(big.Rat).SetInt(nn1), unit2)))
	if de.Sign() == 0 {
		return out, ErrUndefined
	}
	// α = 1 − Do/De = 1 − (n − 1)·(Do·n) / (De·n(n−1))
	r := new(big.Rat).Quo(do.Mul(do, new(big.Rat).SetInt64(n-1)), new(big.Rat).SetInt(de))
	out.Value = exact(r.Sub(big.NewRat(1, 1), r))
	return out, nil
}

// spread returns Σ_i Σ_j w_i w_j (p_i − p_j)² = 2 (Σ w) Σ w p² − 2 (Σ w p)², over the categories with weights w
// (when codes is nil) or over the values of one unit, each of weight 1 (when codes is given).
func spread(w []int64, pos []*big.Int, codes []int) *big.Int {
	sw, sp, sp2 := new(big.Int), new(big.Int), new(big.Int)
	add := func(weight int64, p *big.Int) {
		bw := big.NewInt(weight)
		sw.Add(sw, bw)
		wp := new(big.Int).Mul(bw, p)
		sp.Add(sp, wp)
		sp2.Add(sp2, wp.Mul(wp, p))
	}
	if codes == nil {
		for c, weight := range w {
			if weight != 0 {
				add(weight, pos[c])
			}
		}
	} else {
		for _, c := range codes {
			add(1, pos[c])
		}
	}
	out := new(big.Int).Mul(sw, sp2)
	out.Sub(out, sp.Mul(sp, sp))
	return out.Lsh(out, 1)
}

// KrippendorffAlpha computes Krippendorff's alpha on one criterion, with the calls as units and the evaluators as
// observers; an evaluator who did not score a call is a missing value, so calls need not have the same number of
// evaluations. Answers are compared before overrides, as in Session.Alignment. By metric:
//
//   - Nominal: the level chosen on a level scale, the points on a Points scale, and N/A as a category of its
//     own, as for FleissKappa;
//   - Ordinal: the rubric's order of levels on a Levels scale (tonality green < yellow < red as defined), the
//     order of points on the other scales; N/A has no rank and counts as missing;
//   - Interval: the points the answer is worth (a level's points; yellow and red tonality are both 0); N/A
//     counts as missing.
//
// Errors wrap ErrUnknownCriterion, ErrInvalidConfig (metric), ErrNoOverlap (no call left with two values, when
// N/A answers are missing) or ErrUndefined (every value the same, so expected disagreement is 0).
func (s *Session) KrippendorffAlpha(criterionID string, metric Metric) (Alpha, error) {
	j, err := s.criterion(criterionID)
	if err != nil {
		return Alpha{}, err
	}
	if err := metric.check(); err != nil {
		return Alpha{}, err
	}
	c := s.crits[j]
	value := func(x *cell) (int64, bool) {
		a := x.answers[j]
		switch {
		case a.na && metric == Nominal:
			return math.MinInt64, true
		case a.na:
			return 0, false
		case c.levels && metric != Interval:
			return int64(a.level), true
		}
		return a.raw, true
	}
	a, err := s.alpha(value, s.scale, metric)
	if err != nil {
		return Alpha{}, within("criterion "+quote(criterionID), err)
	}
	return a, nil
}

// KrippendorffAlphaTotals computes Krippendorff's alpha on the totals of the calls (rubric.Result.Total, after
// overrides). Interval is the natural metric for totals; Ordinal ranks them and Nominal counts only equal totals
// as agreement. Errors wrap ErrInvalidConfig (metric) or ErrUndefined (every total the same).
func (s *Session) KrippendorffAlphaTotals(metric Metric) (Alpha, error) {
	if s.empty() {
		return Alpha{}, errEmptySession()
	}
	if err := metric.check(); err != nil {
		return Alpha{}, err
	}
	var scale int32
	for i := range s.cells {
		scale = max(scale, dec.Places(s.cells[i].total))
	}
	for i := range s.cells {
		if _, ok := dec.Units(s.cells[i].total, scale); !ok {
			return Alpha{}, fail("totals", s.cells[i].total.String(), fmt.Sprintf("a total that fits %d places in 64 bits", scale), sq.ErrLimit)
		}
	}
	value := func(x *cell) (int64, bool) {
		u, _ := dec.Units(x.total, scale)
		return u, true
	}
	a, err := s.alpha(value, scale, metric)
	if err != nil {
		return Alpha{}, within("totals", err)
	}
	return a, nil
}

// alpha builds the units of the session from value (false: missing) and computes alpha; values are in units of
// 10^-scale.
func (s *Session) alpha(value func(*cell) (int64, bool), scale int32, metric Metric) (Alpha, error) {
	var keys []int64
	seen := map[int64]bool{}
	for i := range s.cells {
		if v, ok := value(&s.cells[i]); ok && !seen[v] {
			seen[v] = true
			keys = append(keys, v)
		}
	}
	slices.Sort(keys)
	code := make(map[int64]int, len(keys))
	vals := make([]*big.Int, len(keys))
	for i, k := range keys {
		code[k] = i
		vals[i] = big.NewInt(k)
	}
	units := make([][]int, len(s.calls))
	for ci := range s.calls {
		cells := s.callCells(ci)
		for k := range cells {
			if v, ok := value(&cells[k]); ok {
				units[ci] = append(units[ci], code[v])
			}
		}
	}
	a, err := alphaOf(units, vals, scale, metric)
	switch err {
	case ErrNoOverlap:
		return Alpha{}, fail("", "", fmt.Sprintf("a call with two values (N/A answers are missing values for the %s metric)", metric), err)
	case ErrUndefined:
		return Alpha{}, fail("", fmt.Sprintf("%d equal pairable values", a.Values), fmt.Sprintf("values that differ; expected disagreement is 0 and %s alpha is 0/0", metric), err)
	}
	return a, err
}
