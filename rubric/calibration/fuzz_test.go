package calibration_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// known reports whether err wraps one of the sentinels the count and matrix functions may return.
func known(err error) bool {
	for _, s := range []error{calibration.ErrInvalidTable, calibration.ErrUnequalRaters, calibration.ErrUndefined,
		calibration.ErrNoOverlap, calibration.ErrInvalidConfig, sq.ErrLimit} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzCountTables feeds arbitrary tables, negative counts and ragged rows included, to FleissKappaCounts and
// CohenKappaCounts: each returns a known error or a coefficient at most 1 with shares in [0, 1].
func FuzzCountTables(f *testing.F) {
	f.Add(uint8(5), []byte{0, 0, 0, 0, 14, 0, 2, 6, 4, 2, 0, 0, 3, 5, 6})
	f.Add(uint8(2), []byte{20, 5, 10, 15})
	f.Add(uint8(1), []byte{3, 3, 3})
	f.Add(uint8(3), []byte{1, 1, 1, 2, 255, 0, 7})
	f.Fuzz(func(t *testing.T, width uint8, cells []byte) {
		k := 1 + int(width%6)
		var table [][]int
		for i := 0; i < len(cells) && len(table) < 40; i += k {
			row := make([]int, 0, k)
			for _, b := range cells[i:min(i+k, len(cells))] {
				n := int(b % 32)
				if b >= 250 {
					n = -n
				}
				row = append(row, n)
			}
			table = append(table, row)
		}
		var zero sq.Fraction
		one, minusOne := fr("1"), fr("-1")
		check := func(name string, kappa calibration.Kappa, err error) {
			if err != nil {
				if !known(err) {
					t.Fatalf("%s: error %v wraps no sentinel", name, err)
				}
				return
			}
			if kappa.Value.Cmp(one) > 0 || kappa.Observed.Cmp(zero) < 0 || kappa.Observed.Cmp(one) > 0 ||
				kappa.Expected.Cmp(zero) < 0 || kappa.Expected.Cmp(one) > 0 {
				t.Fatalf("%s: %v with Po %s, Pe %s", name, kappa, kappa.Observed, kappa.Expected)
			}
		}
		kappa, err := calibration.FleissKappaCounts(table)
		check("Fleiss", kappa, err)
		if len(table) > k {
			table = table[:k]
		}
		kappa, err = calibration.CohenKappaCounts(table)
		check("Cohen", kappa, err)
		if err == nil && kappa.Value.Cmp(minusOne) < 0 {
			t.Fatalf("Cohen κ %s below −1", kappa.Value)
		}
	})
}

// FuzzKrippendorffAlphaMatrix feeds arbitrary reliability matrices (missing values, ragged rows, values with
// places, unknown metrics) to KrippendorffAlphaMatrix and checks each answer against the coincidence-matrix
// definition, exactly.
func FuzzKrippendorffAlphaMatrix(f *testing.F) {
	f.Add(uint8(4), uint8(1), []byte{1, 2, 3, 3, 2, 1, 4, 1, 2, 255, 255, 255, 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 255, 3})
	f.Add(uint8(2), uint8(2), []byte{1, 1, 2, 2, 3, 4})
	f.Add(uint8(3), uint8(3), []byte{10, 19, 28, 37, 46, 255})
	f.Add(uint8(2), uint8(0), []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, observers, metric uint8, cells []byte) {
		obs := 1 + int(observers%5)
		var m [][]decimal.NullDecimal
		for i := 0; i < len(cells) && len(m) < 8; i += max(1, len(cells)/obs) {
			var row []decimal.NullDecimal
			for _, b := range cells[i:min(i+max(1, len(cells)/obs), len(cells))] {
				if b == 255 {
					row = append(row, decimal.NullDecimal{})
				} else {
					row = append(row, decimal.NewNullDecimal(decimal.New(int64(b%9), -int32(b/9%3))))
				}
			}
			m = append(m, row)
		}
		mt := calibration.Metric(metric % 5)
		got, err := calibration.KrippendorffAlphaMatrix(m, mt)
		if err != nil {
			if !known(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		want := textbookAlpha(m, mt)
		if want == nil {
			t.Fatalf("alpha %v where the definition is undefined", got)
		}
		if got.Value.Rat().Cmp(want) != 0 {
			t.Fatalf("%v alpha %s, definition %s", mt, got.Value, want.RatString())
		}
	})
}
