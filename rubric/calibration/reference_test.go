package calibration_test

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// drawMatrix draws a reliability matrix of 2–4 observers and 1–6 units with values 0–4 in tenths or units,
// about a quarter of them missing.
func drawMatrix(t *rapid.T) [][]decimal.NullDecimal {
	obs := rapid.IntRange(2, 4).Draw(t, "observers")
	units := rapid.IntRange(1, 6).Draw(t, "units")
	exp := rapid.SampledFrom([]int32{0, -1}).Draw(t, "exp")
	m := make([][]decimal.NullDecimal, obs)
	for i := range m {
		for u := 0; u < units; u++ {
			if rapid.IntRange(0, 3).Draw(t, "missing") == 0 {
				m[i] = append(m[i], decimal.NullDecimal{})
			} else {
				m[i] = append(m[i], decimal.NewNullDecimal(decimal.New(int64(rapid.IntRange(0, 4).Draw(t, "v")), exp)))
			}
		}
	}
	return m
}

// textbookAlpha computes alpha the long way of Krippendorff (2011): the coincidence matrix o_ck, its marginals
// n_c and the metric's δ² for every pair of values, with ordinal δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
// It returns nil when alpha is not defined.
func textbookAlpha(m [][]decimal.NullDecimal, metric calibration.Metric) *big.Rat {
	var vals []*big.Rat
	idx := func(v *big.Rat) int {
		for i, w := range vals {
			if w.Cmp(v) == 0 {
				return i
			}
		}
		vals = append(vals, v)
		return len(vals) - 1
	}
	var units [][]int
	for u := range m[0] {
		var vs []int
		for i := range m {
			if m[i][u].Valid {
				vs = append(vs, idx(m[i][u].Decimal.Rat()))
			}
		}
		units = append(units, vs)
	}
	// Sort the values so that ordinal ranges run in order.
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return vals[a].Cmp(vals[b]) })
	rank := make([]int, len(vals))
	for r, i := range order {
		rank[i] = r
	}
	k := len(vals)
	o := make([][]*big.Rat, k)
	for i := range o {
		o[i] = make([]*big.Rat, k)
		for j := range o[i] {
			o[i][j] = new(big.Rat)
		}
	}
	for _, u := range units {
		mu := len(u)
		if mu < 2 {
			continue
		}
		for a := range u {
			for b := range u {
				if a != b {
					o[rank[u[a]]][rank[u[b]]].Add(o[rank[u[a]]][rank[u[b]]], big.NewRat(1, int64(mu-1)))
				}
			}
		}
	}
	sorted := make([]*big.Rat, k)
	for r, i := range order {
		sorted[r] = vals[i]
	}
	nc := make([]*big.Rat, k)
	n := new(big.Rat)
	for c := range o {
		nc[c] = new(big.Rat)
		for j := range o[c] {
			nc[c].Add(nc[c], o[c][j])
		}
		n.Add(n, nc[c])
	}
	delta := func(c, j int) *big.Rat {
		switch metric {
		case calibration.Nominal:
			if c == j {
				return new(big.Rat)
			}
			return big.NewRat(1, 1)
		case calibration.Ordinal:
			lo, hi := min(c, j), max(c, j)
			s := new(big.Rat)
			for g := lo; g <= hi; g++ {
				s.Add(s, nc[g])
			}
			s.Sub(s, new(big.Rat).Quo(new(big.Rat).Add(nc[c], nc[j]), big.NewRat(2, 1)))
			return s.Mul(s, s)
		default:
			s := new(big.Rat).Sub(sorted[c], sorted[j])
			return s.Mul(s, s)
		}
	}
	do, de := new(big.Rat), new(big.Rat)
	for c := 0; c < k; c++ {
		for j := 0; j < k; j++ {
			dl := delta(c, j)
			do.Add(do, new(big.Rat).Mul(o[c][j], dl))
			de.Add(de, new(big.Rat).Mul(new(big.Rat).Mul(nc[c], nc[j]), dl))
		}
	}
	if de.Sign() == 0 || n.Sign() == 0 {
		return nil
	}
	r := new(big.Rat).Mul(new(big.Rat).Sub(n, big.NewRat(1, 1)), do)
	r.Quo(r, de)
	return r.Sub(big.NewRat(1, 1), r)
}

// TestPropertyAlphaMatchesTextbook: the closed forms used by KrippendorffAlphaMatrix (sums of squares, ordinal
// mid-ranks) give exactly what the coincidence-matrix definition gives, for every metric.
func TestPropertyAlphaMatchesTextbook(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawMatrix(t)
		metric := rapid.SampledFrom([]calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval}).Draw(t, "metric")
		got, err := calibration.KrippendorffAlphaMatrix(m, metric)
		want := textbookAlpha(m, metric)
		if want == nil {
			if !errors.Is(err, calibration.ErrUndefined) && !errors.Is(err, calibration.ErrNoOverlap) {
				t.Fatalf("textbook alpha undefined, got %v, %v", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("textbook alpha %s, got error %v", want.FloatString(12), err)
		}
		if got.Value.Rat().Cmp(want) != 0 {
			t.Fatalf("%v alpha %s, textbook %s", metric, got.Value, want.RatString())
		}
		if got.Value.Cmp(one) > 0 {
			t.Fatalf("alpha %s above 1", got.Value)
		}
	})
}

// drawCounts draws a Fleiss count table: 1–6 subjects, 2–6 raters each, 1–4 categories.
func drawCounts(t *rapid.T) ([][]int, int) {
	subjects := rapid.IntRange(1, 6).Draw(t, "subjects")
	raters := rapid.IntRange(2, 6).Draw(t, "raters")
	k := rapid.IntRange(1, 4).Draw(t, "categories")
	table := make([][]int, subjects)
	for i := range table {
		table[i] = make([]int, k)
		for r := 0; r < raters; r++ {
			table[i][rapid.IntRange(0, k-1).Draw(t, "category")]++
		}
	}
	return table, raters
}

// TestPropertyFleissMatchesKrippendorff: on complete data with T ratings, 1 − α(nominal) = (1 − κ)·(T − 1)/T
// (both come from the same pairwise agreement; alpha corrects chance for a finite sample). The two are computed
// by different code, so this checks each against the other, exactly.
func TestPropertyFleissMatchesKrippendorff(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		table, raters := drawCounts(t)
		kappa, kerr := calibration.FleissKappaCounts(table)
		// The same data as a reliability matrix: observer r of subject i gives the r-th rating of the row.
		m := make([][]decimal.NullDecimal, raters)
		for _, row := range table {
			r := 0
			for c, n := range row {
				for ; n > 0; n-- {
					m[r] = append(m[r], decimal.NewNullDecimal(decimal.NewFromInt(int64(c))))
					r++
				}
			}
		}
		alpha, aerr := calibration.KrippendorffAlphaMatrix(m, calibration.Nominal)
		if errors.Is(kerr, calibration.ErrUndefined) != errors.Is(aerr, calibration.ErrUndefined) {
			t.Fatalf("Fleiss %v, alpha %v: undefined in one only", kerr, aerr)
		}
		if kerr != nil {
			return
		}
		if aerr != nil {
			t.Fatal(aerr)
		}
		T := fr(fmt.Sprint(len(table) * raters))
		lhs := one.Sub(alpha.Value)
		rhs, _ := one.Sub(kappa.Value).Mul(T.Sub(one)).Quo(T)
		if !lhs.Equal(rhs) {
			t.Fatalf("1 − α = %s, (1 − κ)(T − 1)/T = %s (κ %s, α %s)", lhs, rhs, kappa.Value, alpha.Value)
		}
	})
}

// TestPropertyCohenBounds: Cohen's kappa lies in [−1, 1] and does not depend on which rater is first.
func TestPropertyCohenBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 4).Draw(t, "categories")
		table := make([][]int, k)
		tr := make([][]int, k)
		for i := range table {
			table[i] = make([]int, k)
			tr[i] = make([]int, k)
		}
		for i := range table {
			for j := range table[i] {
				table[i][j] = rapid.IntRange(0, 5).Draw(t, "count")
				tr[j][i] = table[i][j]
			}
		}
		a, err := calibration.CohenKappaCounts(table)
		b, err2 := calibration.CohenKappaCounts(tr)
		if (err == nil) != (err2 == nil) || !a.Equal(b) {
			t.Fatalf("transposed table: %v, %v; %v, %v", a, err, b, err2)
		}
		if err != nil {
			if !errors.Is(err, calibration.ErrUndefined) && !errors.Is(err, calibration.ErrInvalidTable) {
				t.Fatal(err)
			}
			return
		}
		if a.Value.Cmp(one) > 0 || a.Value.Cmp(fr("-1")) < 0 {
			t.Fatalf("κ %s outside [−1, 1]", a.Value)
		}
	})
}
