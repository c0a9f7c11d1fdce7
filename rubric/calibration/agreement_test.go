package calibration_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rubric/calibration"
)

// tonalitySession: four calls, three evaluators, tonality levels (SPEC R3) and varying greeting points.
//
//	call  qa-1            qa-2            qa-3
//	c1    green  0.5      green  0.5      green  0.5
//	c2    yellow 0.4      yellow 0.4      green  0.3
//	c3    red    0.2      red    0.2      yellow 0.2
//	c4    green  0.5      yellow 0.4      green  0.5
func tonalitySession(t *testing.T) *calibration.Session {
	return session(t,
		call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.5", "green"), call("c1", "qa-3", "0.5", "green"),
		call("c2", "qa-1", "0.4", "yellow"), call("c2", "qa-2", "0.4", "yellow"), call("c2", "qa-3", "0.3", "green"),
		call("c3", "qa-1", "0.2", "red"), call("c3", "qa-2", "0.2", "red"), call("c3", "qa-3", "0.2", "yellow"),
		call("c4", "qa-1", "0.5", "green"), call("c4", "qa-2", "0.4", "yellow"), call("c4", "qa-3", "0.5", "green"),
	)
}

// TestSessionFleissKappa, tonality by hand: counts per call (green, yellow, red) = (3,0,0), (1,2,0), (0,1,2),
// (2,1,0). Σ n² = 9 + 5 + 5 + 5 = 24, T = 12, n = 3: P̄ = (24 − 12)/(12·2) = 0.5. Columns 6, 4, 2:
// P̄e = (36 + 16 + 4)/144 = 56/144. κ = (0.5 − 56/144)/(1 − 56/144) = 16/88 = 2/11.
//
// Greeting: (0.5×3), (0.4×2, 0.3), (0.2×3), (0.5×2, 0.4): Σ n² = 9 + 5 + 9 + 5 = 28, P̄ = 16/24; columns
// 0.2: 3, 0.3: 1, 0.4: 3, 0.5: 5: P̄e = 44/144; κ = (96/144 − 44/144)/(100/144) = 0.52 = 13/25.
func TestSessionFleissKappa(t *testing.T) {
	s := tonalitySession(t)
	for _, tt := range []struct {
		criterion, want string
		categories      int
	}{{"tonality", "2/11", 3}, {"greeting", "13/25", 4}} {
		k, err := s.FleissKappa(tt.criterion)
		if err != nil || !k.Value.Equal(fr(tt.want)) || k.Subjects != 4 || k.Raters != 3 || k.Categories != tt.categories {
			t.Errorf("FleissKappa(%s) = %v, %v; want %s over 4 calls, 3 raters, %d categories", tt.criterion, k, err, tt.want, tt.categories)
		}
	}
}

// TestSessionCohenKappa, qa-1 against qa-3 on tonality: pairs (green, green), (yellow, green), (red, yellow),
// (green, green): Po = 2/4; rows green 2, yellow 1, red 1; columns green 3, yellow 1, red 0:
// Pe = (2·3 + 1·1 + 0)/16 = 7/16; κ = (8/16 − 7/16)/(9/16) = 1/9.
func TestSessionCohenKappa(t *testing.T) {
	k, err := tonalitySession(t).CohenKappa("qa-1", "qa-3", "tonality")
	if err != nil || !k.Value.Equal(fr("1/9")) || !k.Observed.Equal(fr("1/2")) || !k.Expected.Equal(fr("7/16")) || k.Subjects != 4 || k.Categories != 3 {
		t.Errorf("CohenKappa = %v (exactly %s), %v; want 1/9 over 4 calls, 3 categories", k, k.Value, err)
	}
}

// TestSessionKrippendorffAlpha: the session builds the reliability matrix of each criterion (observers =
// evaluators, units = calls) and must give what KrippendorffAlphaMatrix gives on it: ordinal tonality on the
// rubric's order green 1 < yellow 2 < red 3, interval on its points (green 0.5, yellow and red 0).
func TestSessionKrippendorffAlpha(t *testing.T) {
	s := tonalitySession(t)
	tests := []struct {
		criterion string
		metric    calibration.Metric
		matrix    []string
	}{
		{"tonality", calibration.Nominal, []string{"1 2 3 1", "1 2 3 2", "1 1 2 1"}},
		{"tonality", calibration.Ordinal, []string{"1 2 3 1", "1 2 3 2", "1 1 2 1"}},
		{"tonality", calibration.Interval, []string{"0.5 0 0 0.5", "0.5 0 0 0", "0.5 0.5 0 0.5"}},
		{"greeting", calibration.Ordinal, []string{"0.5 0.4 0.2 0.5", "0.5 0.4 0.2 0.4", "0.5 0.3 0.2 0.5"}},
		{"greeting", calibration.Interval, []string{"0.5 0.4 0.2 0.5", "0.5 0.4 0.2 0.4", "0.5 0.3 0.2 0.5"}},
	}
	for _, tt := range tests {
		got, err := s.KrippendorffAlpha(tt.criterion, tt.metric)
		want, werr := calibration.KrippendorffAlphaMatrix(matrix(tt.matrix...), tt.metric)
		if err != nil || werr != nil || !got.Equal(want) {
			t.Errorf("KrippendorffAlpha(%s, %v) = %v, %v; want %v, %v", tt.criterion, tt.metric, got, err, want, werr)
		}
	}
	// Totals: c1 5, 5, 5; c2 3.6, 3.6, 3.2; c3 0, 0 (red fails the call), 1.8; c4 5, 3.6, 5.
	got, err := s.KrippendorffAlphaTotals(calibration.Interval)
	want, werr := calibration.KrippendorffAlphaMatrix(matrix("5 3.6 0 5", "5 3.6 0 3.6", "5 3.2 1.8 5"), calibration.Interval)
	if err != nil || werr != nil || !got.Equal(want) {
		t.Errorf("KrippendorffAlphaTotals() = %v, %v; want %v, %v", got, err, want, werr)
	}
}

// TestSessionAlphaNA: N/A is a category for the nominal metric and a missing value for the others, so alpha
// tolerates calls where some evaluators found a criterion not applicable.
func TestSessionAlphaNA(t *testing.T) {
	r := chatRubric(t)
	s, err := calibration.New(score(t, r,
		chat("k1", "a", "na", "good"), chat("k1", "b", "na", "good"), chat("k1", "c", "3", "good"),
		chat("k2", "a", "2", "ok"), chat("k2", "b", "2", "ok"), chat("k2", "c", "2.5", "ok"),
		chat("k3", "a", "1", "good"), chat("k3", "b", "1.5", "ok"),
	), calibration.Config{})
	if err != nil {
		t.Fatal(err)
	}
	nominal, err1 := s.KrippendorffAlpha("answer", calibration.Nominal)
	wantNominal, _ := calibration.KrippendorffAlphaMatrix(matrix("-1 2 1", "-1 2 1.5", "3 2.5 ."), calibration.Nominal)
	interval, err2 := s.KrippendorffAlpha("answer", calibration.Interval)
	wantInterval, _ := calibration.KrippendorffAlphaMatrix(matrix(". 2 1", ". 2 1.5", "3 2.5 ."), calibration.Interval)
	if err1 != nil || err2 != nil || !nominal.Equal(wantNominal) || !interval.Equal(wantInterval) {
		t.Errorf("nominal %v, %v (want %v); interval %v, %v (want %v)", nominal, err1, wantNominal, interval, err2, wantInterval)
	}
	if interval.Units != 2 || interval.Values != 5 {
		t.Errorf("interval alpha counts %d units, %d values; want 2 and 5 (k1 has one value left)", interval.Units, interval.Values)
	}
	// Fleiss needs the same number of evaluations per call; k3 has two.
	if _, err := s.FleissKappa("answer"); !errors.Is(err, calibration.ErrUnequalRaters) {
		t.Errorf("FleissKappa error %v, want ErrUnequalRaters", err)
	}
}

// TestSessionAlphaUndefined: all evaluators agree on green everywhere: every value in one category, so alpha is
// 0/0 and the error says so; N/A everywhere leaves nothing to pair.
func TestSessionAlphaUndefined(t *testing.T) {
	s := session(t,
		call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.4", "green"),
		call("c2", "qa-1", "0.3", "green"), call("c2", "qa-2", "0.3", "green"))
	for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
		if _, err := s.KrippendorffAlpha("tonality", m); !errors.Is(err, calibration.ErrUndefined) {
			t.Errorf("%v: error %v, want ErrUndefined", m, err)
		}
	}
	if _, err := s.FleissKappa("tonality"); !errors.Is(err, calibration.ErrUndefined) {
		t.Errorf("FleissKappa error %v, want ErrUndefined", err)
	}
	r := chatRubric(t)
	s2, err := calibration.New(score(t, r, chat("k1", "a", "na", "good"), chat("k1", "b", "na", "ok")), calibration.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.KrippendorffAlpha("answer", calibration.Interval); !errors.Is(err, calibration.ErrNoOverlap) {
		t.Errorf("all N/A, interval: error %v, want ErrNoOverlap", err)
	}
}
