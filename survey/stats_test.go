package survey

import (
	"math"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Known quantiles of the standard normal distribution (tables to 16 digits; the 1e-10 and 1e-300 tails from
// Wichura's AS241 as shipped in Python's statistics.NormalDist).
func TestNormalQuantile(t *testing.T) {
	tests := []struct {
		p, want float64
		reason  string
	}{
		{0.975, 1.959963984540054, "two-sided 95%"},
		{0.025, -1.959963984540054, "lower tail of 95%"},
		{0.995, 2.5758293035489004, "two-sided 99%"},
		{0.95, 1.6448536269514722, "one-sided 95%"},
		{0.9, 1.2815515655446004, "one-sided 90%"},
		{0.5, 0, "median"},
		{0.999, 3.090232306167813, "upper tail"},
		{1e-10, -6.361340902404056, "deep lower tail"},
		{1e-300, -37.0470962993612, "extreme lower tail"},
	}
	for _, tt := range tests {
		got := normalQuantile(tt.p)
		if math.Abs(got-tt.want) > 2e-15*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("normalQuantile(%v) = %.17g, want %.17g (%s)", tt.p, got, tt.want, tt.reason)
		}
	}
	if !math.IsInf(normalQuantile(0), -1) || !math.IsInf(normalQuantile(1), 1) {
		t.Error("normalQuantile(0) and normalQuantile(1) are not −Inf and +Inf")
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if !math.IsNaN(normalQuantile(p)) {
			t.Errorf("normalQuantile(%v) is not NaN", p)
		}
	}
}

// The quantile inverts the distribution function and is odd about 0.5.
func TestNormalQuantileInverts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.Float64Range(1e-12, 1-1e-12).Draw(t, "p")
		x := normalQuantile(p)
		if back := normalCDF(x); math.Abs(back-p) > 1e-14*math.Max(p, 1e-3) {
			t.Fatalf("Φ(Φ⁻¹(%v)) = %v", p, back)
		}
		// Symmetry: Φ⁻¹(q) = −Φ⁻¹(1 − q), with 1 − q exact in float64 (Sterbenz) for q in [0.5, 1].
		q := math.Max(p, 1-p)
		if hi, lo := normalQuantile(q), normalQuantile(1-q); math.Abs(hi+lo) > 1e-14*math.Max(1, hi) {
			t.Fatalf("Φ⁻¹(%v) = %v but Φ⁻¹(1 − q) = %v", q, hi, lo)
		}
		if x2 := normalQuantile(math.Min(p*1.01, 1-1e-13)); x2 < x {
			t.Fatalf("quantile not monotone at %v", p)
		}
	})
}

func TestCriticalZ(t *testing.T) {
	tests := []struct {
		level  string
		want   float64
		reason string
	}{
		{"0.95", 1.959963984540054, "95%"},
		{"0.99", 2.5758293035489004, "99%"},
		{"0.9", 1.6448536269514722, "90%"},
		{"0.999999999999999999", 8.835109788175396, "18 nines keep their digits: the tail is 5e-19, not 0"},
	}
	for _, tt := range tests {
		got, err := criticalZ(decimal.RequireFromString(tt.level))
		if err != nil || math.Abs(got-tt.want) > 2e-15*tt.want {
			t.Errorf("criticalZ(%s) = %.17g, %v; want %.17g (%s)", tt.level, got, err, tt.want, tt.reason)
		}
	}
	for _, bad := range []string{"0", "1", "-0.95", "1.5", "1e-19"} {
		if _, err := criticalZ(decimal.RequireFromString(bad)); err == nil {
			t.Errorf("criticalZ(%s) gave no error", bad)
		}
	}
}

func TestEstimate(t *testing.T) {
	if _, err := estimate("x", math.NaN(), sq.Precision{Places: 2}); err == nil {
		t.Error("estimate(NaN) gave no error")
	}
	if _, err := estimate("x", math.Inf(1), sq.Precision{Places: 2}); err == nil {
		t.Error("estimate(+Inf) gave no error")
	}
	if got, _ := estimate("x", math.Copysign(0, -1), sq.Precision{Places: 2}); !got.Equal(decimal.Zero) || got.String() != "0" {
		t.Errorf("estimate(−0) = %s, want 0", got)
	}
	if got, _ := estimate("x", 4.387705348743979, sq.Precision{Places: 2}); !got.Equal(decimal.RequireFromString("4.39")) {
		t.Errorf("estimate(4.3877…) = %s, want 4.39", got)
	}
}
