package calibration_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// wikipediaFleiss is the worked example of the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters each,
// 5 categories; row i counts the raters who put subject i in category 1…5. The article gives P̄ = 0.378,
// P̄e = 0.213 and κ = 0.210. Exactly, from its counts (Σ nᵢⱼ² = 828, column sums 20, 28, 39, 21, 32, T = 140):
// P̄ = (828 − 140)/(140·13) = 172/455, P̄e = 4170/140² = 417/1960, κ = 4211/20059.
var wikipediaFleiss = [][]int{
	{0, 0, 0, 0, 14},
	{0, 2, 6, 4, 2},
	{0, 0, 3, 5, 6},
	{0, 3, 9, 2, 0},
	{2, 2, 8, 1, 1},
	{7, 7, 0, 0, 0},
	{3, 2, 6, 3, 0},
	{2, 5, 3, 2, 2},
	{6, 5, 2, 1, 0},
	{0, 2, 2, 3, 7},
}

// fleiss1971 is Table 1 of Fleiss, J. L. (1971), "Measuring nominal scale agreement among many raters",
// Psychological Bulletin 76(5), 378–382: 30 patients, 6 psychiatrists each, 5 diagnoses (depression,
// personality disorder, schizophrenia, neurosis, other); empty cells are 0. The paper gives P̄ = .556,
// P̄e = .220 and κ = .430. Exactly, from its counts (Σ nᵢⱼ² = 680, column sums 26, 26, 30, 55, 43, T = 180):
// P̄ = (680 − 180)/(180·5) = 5/9, P̄e = 7126/180² = 3563/16200, κ = 5437/12637.
const fleiss1971 = `
,,,6,
,3,,,3
,1,4,,1
,,,,6
,3,,3,
2,,4,,
,,4,,2
2,,3,1,
2,,,4,
,,,,6
1,,,5,
1,1,,4,
,3,3,,
1,,,5,
,2,,3,1
,,5,,1
3,,,1,2
5,1,,,
,2,,4,
1,,2,,3
,,,,6
,1,,5,
,2,,1,3
2,,,4,
1,,,4,1
,5,,1,
4,,,,2
,2,,4,
1,,5,,
,,,,6`

func parseCounts(t *testing.T, s string) [][]int {
	t.Helper()
	var out [][]int
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		var row []int
		for _, f := range strings.Split(line, ",") {
			n := 0
			if f != "" {
				var err error
				if n, err = strconv.Atoi(f); err != nil {
					t.Fatal(err)
				}
			}
			row = append(row, n)
		}
		out = append(out, row)
	}
	return out
}

// TestFleissKappaPublished: the exact κ, P̄ and P̄e of the published tables, and the published figures when they
// are rounded as the sources round them.
func TestFleissKappaPublished(t *testing.T) {
	tests := []struct {
		table                     [][]int
		value, observed, expected string // exact
		places                    int32
		shown                     []string // κ, P̄, P̄e rounded half-up to places
		subjects, raters          int
		reason                    string
	}{
		{wikipediaFleiss, "4211/20059", "172/455", "417/1960", 3, []string{"0.210", "0.378", "0.213"}, 10, 14,
			"Wikipedia \"Fleiss' kappa\" worked example: κ ≈ 0.210"},
		{wikipediaFleiss, "4211/20059", "172/455", "417/1960", 4, []string{"0.2099", "0.3780", "0.2128"}, 10, 14,
			"the same at 4 places: 0.20993… rounds to 0.2099"},
		{parseCounts(t, fleiss1971), "5437/12637", "5/9", "3563/16200", 3, []string{"0.430", "0.556", "0.220"}, 30, 6,
			"Fleiss (1971), Table 1: κ = .430"},
	}
	for _, tt := range tests {
		got, err := calibration.FleissKappaCounts(tt.table)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		want := calibration.Kappa{Value: fr(tt.value), Observed: fr(tt.observed), Expected: fr(tt.expected),
			Subjects: tt.subjects, Raters: tt.raters, Categories: 5}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("FleissKappaCounts() mismatch (-want +got): %s\n%s", tt.reason, diff)
		}
		shown := []string{round(got.Value, tt.places), round(got.Observed, tt.places), round(got.Expected, tt.places)}
		if diff := cmp.Diff(tt.shown, shown); diff != "" {
			t.Errorf("FleissKappaCounts() rounded to %d places mismatch (-want +got): %s\n%s", tt.places, tt.reason, diff)
		}
	}
}

// TestCohenKappaPublished: the first example of the Wikipedia article "Cohen's kappa": 50 applications, both
// readers yes on 20, A yes and B no on 5, A no and B yes on 10, both no on 15: Po = 0.7, Pe = 0.5, κ = 0.4
// exactly.
func TestCohenKappaPublished(t *testing.T) {
	got, err := calibration.CohenKappaCounts([][]int{{20, 5}, {10, 15}})
	if err != nil {
		t.Fatal(err)
	}
	want := calibration.Kappa{Value: fr("0.4"), Observed: fr("0.7"), Expected: fr("0.5"), Subjects: 50, Raters: 2, Categories: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CohenKappaCounts() mismatch (-want +got):\n%s", diff)
	}
}

// krippendorff2011 is the reliability data of Krippendorff, K. (2011), "Computing Krippendorff's
// Alpha-Reliability", Annenberg School for Communication, University of Pennsylvania, section C (nominal data,
// any number of observers, missing data; the same matrix serves the ordinal and interval examples): four
// observers A–D, twelve units, values 1–5, "." missing. The paper gives α = 0.743 (nominal), 0.815 (ordinal) and
// 0.849 (interval); the exact values, from its coincidence matrix, are 113/152 (1 − 312/1216, counted by hand in
// TestKrippendorffAlphaNominalByHand), 108577/133160 and 951/1120.
var krippendorff2011 = matrix(
	"1 2 3 3 2 1 4 1 2 . . .", // A
	"1 2 3 3 2 2 4 1 2 5 . 3", // B
	". 3 3 3 2 3 4 2 2 5 1 .", // C
	"1 2 3 3 2 4 4 1 2 5 1 .", // D
)

func TestKrippendorffAlphaPublished(t *testing.T) {
	tests := []struct {
		metric calibration.Metric
		exact  string
		places int32
		shown  string
		reason string
	}{
		{calibration.Nominal, "113/152", 3, "0.743", "paper: α nominal = 0.743"},
		{calibration.Ordinal, "108577/133160", 3, "0.815", "paper: α ordinal = 0.815"},
		{calibration.Interval, "951/1120", 3, "0.849", "paper: α interval = 0.849"},
		{calibration.Nominal, "113/152", 4, "0.7434", "1 − 312/1216 = 0.74342…"},
	}
	for _, tt := range tests {
		got, err := calibration.KrippendorffAlphaMatrix(krippendorff2011, tt.metric)
		if err != nil {
			t.Errorf("%v: %v", tt.metric, err)
			continue
		}
		if !got.Value.Equal(fr(tt.exact)) || got.Units != 11 || got.Values != 40 || got.Metric != tt.metric {
			t.Errorf("KrippendorffAlphaMatrix(%v) = %v (exactly %s), want %s with 11 units and 40 values (%s)", tt.metric, got, got.Value, tt.exact, tt.reason)
		}
		if r := round(got.Value, tt.places); r != tt.shown {
			t.Errorf("KrippendorffAlphaMatrix(%v).Value rounded to %d places = %s, want %s (%s)", tt.metric, tt.places, r, tt.shown, tt.reason)
		}
	}
}

// TestKrippendorffAlphaNominalByHand checks Do and De of the nominal example against a hand count. Unit 12 has
// one value and is not pairable, leaving 11 units and n = 40 values. Disagreeing ordered pairs per unit, over
// m_u − 1: unit 2 {2,2,3,2} 6/3 = 2, unit 6 {1,2,3,4} 12/3 = 4, unit 8 {1,1,2,1} 6/3 = 2, the others 0: Do = 8/40 =
// 0.2. Value counts n_1…n_5 = 9, 13, 10, 5, 3: De = (40² − 384) / (40·39) = 1216/1560 = 152/195, and
// α = 1 − (1/5)/(152/195) = 1 − 39/152 = 113/152.
func TestKrippendorffAlphaNominalByHand(t *testing.T) {
	got, err := calibration.KrippendorffAlphaMatrix(krippendorff2011, calibration.Nominal)
	if err != nil {
		t.Fatal(err)
	}
	want := calibration.Alpha{Value: fr("113/152"), Metric: calibration.Nominal, Observed: fr("1/5"), Expected: fr("152/195"), Units: 11, Values: 40}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KrippendorffAlphaMatrix() mismatch (-want +got):\n%s", diff)
	}
}

func TestCountTableErrors(t *testing.T) {
	tests := []struct {
		table  [][]int
		cohen  bool
		want   error
		reason string
	}{
		{nil, false, calibration.ErrInvalidTable, "no subjects"},
		{[][]int{{}}, false, calibration.ErrInvalidTable, "no categories"},
		{[][]int{{1, 1}, {2}}, false, calibration.ErrInvalidTable, "ragged rows"},
		{[][]int{{3, -1}, {1, 1}}, false, calibration.ErrInvalidTable, "negative count"},
		{[][]int{{1, 0}, {1, 0}}, false, calibration.ErrInvalidTable, "one rater per subject"},
		{[][]int{{1, 1}, {2, 1}}, false, calibration.ErrUnequalRaters, "3 raters on subject 1, 2 on subject 0"},
		{[][]int{{3, 0}, {3, 0}}, false, calibration.ErrUndefined, "every rating in one category"},
		{[][]int{{1, 1}, {1, 1}}, false, nil, "valid: all pairs disagree"},
		{nil, true, calibration.ErrInvalidTable, "empty"},
		{[][]int{{1, 2}}, true, calibration.ErrInvalidTable, "not square"},
		{[][]int{{1, -2}, {0, 3}}, true, calibration.ErrInvalidTable, "negative count"},
		{[][]int{{0, 0}, {0, 0}}, true, calibration.ErrInvalidTable, "no items"},
		{[][]int{{0, 0}, {0, 7}}, true, calibration.ErrUndefined, "both raters always in one category"},
		{[][]int{{0, 4}, {4, 0}}, true, nil, "valid: κ = −1"},
	}
	for _, tt := range tests {
		var err error
		if tt.cohen {
			_, err = calibration.CohenKappaCounts(tt.table)
		} else {
			_, err = calibration.FleissKappaCounts(tt.table)
		}
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%v (cohen %v): error %v, want %v (%s)", tt.table, tt.cohen, err, tt.want, tt.reason)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "calibration: ") {
			t.Errorf("error %q does not start with the package name", err)
		}
	}
}

func TestCohenKappaNegative(t *testing.T) {
	got, err := calibration.CohenKappaCounts([][]int{{0, 4}, {4, 0}})
	if err != nil || !got.Value.Equal(fr("-1")) {
		t.Errorf("complete systematic disagreement: %v, %v; want κ = −1 exactly", got, err)
	}
}

func TestKrippendorffMatrixErrors(t *testing.T) {
	huge := matrix("1 2", "1 2")
	huge[0][0] = decimal.NewNullDecimal(decimal.New(1, -40))
	tests := []struct {
		data   [][]decimal.NullDecimal
		metric calibration.Metric
		want   error
		reason string
	}{
		{nil, calibration.Nominal, calibration.ErrInvalidTable, "no observers"},
		{matrix("1 2", "1"), calibration.Nominal, calibration.ErrInvalidTable, "ragged rows"},
		{matrix("1 . 3", ". 2 ."), calibration.Interval, calibration.ErrNoOverlap, "no unit with two values"},
		{matrix("2 2 .", "2 2 2"), calibration.Ordinal, calibration.ErrUndefined, "every pairable value equal"},
		{matrix("2 5 .", "2 5 7"), calibration.Interval, nil, "valid: perfect agreement; unit 3 has one value"},
		{huge, calibration.Interval, sq.ErrLimit, "value with 40 places"},
		{krippendorff2011, 0, calibration.ErrInvalidConfig, "zero metric"},
		{krippendorff2011, 4, calibration.ErrInvalidConfig, "unknown metric"},
	}
	for _, tt := range tests {
		got, err := calibration.KrippendorffAlphaMatrix(tt.data, tt.metric)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("error %v, want %v (%s)", err, tt.want, tt.reason)
		}
		if err == nil && !got.Value.Equal(fr("1")) {
			t.Errorf("alpha %v, want 1 (%s)", got, tt.reason)
		}
	}
}

// TestKrippendorffValuesCompareByValue: 0.5 and 0.50 are one value, and a rescaled matrix gives the same alpha.
func TestKrippendorffValuesCompareByValue(t *testing.T) {
	a, err1 := calibration.KrippendorffAlphaMatrix(matrix("0.5 1 0", "0.50 1.0 0.5"), calibration.Nominal)
	b, err2 := calibration.KrippendorffAlphaMatrix(matrix("5 10 0", "5 10 5"), calibration.Nominal)
	if err1 != nil || err2 != nil || !a.Equal(b) {
		t.Errorf("rescaled matrices: %v, %v / %v, %v", a, err1, b, err2)
	}
	for _, m := range []calibration.Metric{calibration.Ordinal, calibration.Interval} {
		x, _ := calibration.KrippendorffAlphaMatrix(matrix("0.1 0.2 0.3 0.3", "0.1 0.3 0.3 0.2"), m)
		y, _ := calibration.KrippendorffAlphaMatrix(matrix("1 2 3 3", "1 3 3 2"), m)
		if !x.Value.Equal(y.Value) {
			t.Errorf("%v: α %s on tenths, %s on units; alpha does not depend on the unit", m, x.Value, y.Value)
		}
	}
}

func TestMetricString(t *testing.T) {
	got := []string{calibration.Nominal.String(), calibration.Ordinal.String(), calibration.Interval.String(), calibration.Metric(0).String()}
	want := []string{"nominal", "ordinal", "interval", "Metric(0)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Metric.String() mismatch (-want +got):\n%s", diff)
	}
}
