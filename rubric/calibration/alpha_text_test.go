package calibration_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
)

// TestMetricText: every metric round-trips through its name; other text and the zero Metric are refused.
func TestMetricText(t *testing.T) {
	for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
		b, err := m.MarshalText()
		var back calibration.Metric
		if err != nil || back.UnmarshalText(b) != nil || back != m || string(b) != m.String() {
			t.Errorf("%v does not round-trip through %q: %v", m, b, err)
		}
	}
	var m calibration.Metric
	if err := m.UnmarshalText([]byte("Nominal")); !errors.Is(err, sq.ErrMalformed) || m != 0 {
		t.Errorf("a case variant was read: %v, %v", m, err)
	}
	if _, err := calibration.Metric(0).MarshalText(); !errors.Is(err, calibration.ErrInvalidConfig) {
		t.Errorf("the zero Metric was written: %v", err)
	}
}
