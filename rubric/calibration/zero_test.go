package calibration_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"math"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/shopspring/decimal"
)

// Every method of a nil *Session and of the zero Session answers without panicking: the accessors return nothing
// and every statistic an error wrapping ErrEmpty, as the Session documentation says.
func TestZeroSession(t *testing.T) {
	for _, s := range []struct {
		name string
		s    *calibration.Session
	}{{"nil", nil}, {"zero", &calibration.Session{}}} {
		stats := []struct {
			name string
			call func(*calibration.Session) error
		}{
			{"Alignment", func(s *calibration.Session) error { _, err := s.Alignment("qa-1"); return err }},
			{"AlignmentByCall", func(s *calibration.Session) error {
				_, err := s.AlignmentByCall(map[string]string{"c1": "qa-1"})
				return err
			}},
			{"AlignmentByCall nil map", func(s *calibration.Session) error { _, err := s.AlignmentByCall(nil); return err }},
			{"CohenKappa", func(s *calibration.Session) error { _, err := s.CohenKappa("qa-1", "qa-2", "greeting"); return err }},
			{"FleissKappa", func(s *calibration.Session) error { _, err := s.FleissKappa("greeting"); return err }},
			{"KrippendorffAlpha", func(s *calibration.Session) error {
				_, err := s.KrippendorffAlpha("greeting", calibration.Nominal)
				return err
			}},
			{"KrippendorffAlpha zero metric", func(s *calibration.Session) error {
				_, err := s.KrippendorffAlpha("greeting", 0)
				return err
			}},
			{"KrippendorffAlphaTotals", func(s *calibration.Session) error {
				_, err := s.KrippendorffAlphaTotals(calibration.Interval)
				return err
			}},
			{"Spread", func(s *calibration.Session) error { _, err := s.Spread(decimal.Zero); return err }},
			{"SpreadFrom", func(s *calibration.Session) error { _, err := s.SpreadFrom("qa-1", decimal.Zero); return err }},
		}
		for _, st := range stats {
			if err := st.call(s.s); !errors.Is(err, calibration.ErrEmpty) {
				t.Errorf("%s Session: %s error = %v, want ErrEmpty (the zero Session holds no evaluations)", s.name, st.name, err)
			}
		}
		if r := s.s.Rubric(); r != nil {
			t.Errorf("%s Session: Rubric() = %v, want nil", s.name, r)
		}
		if c := s.s.Config(); c != (calibration.Config{}) {
			t.Errorf("%s Session: Config() = %+v, want the zero Config", s.name, c)
		}
		if got := [][]string{s.s.Calls(), s.s.Evaluators(), s.s.Criteria()}; got[0] != nil || got[1] != nil || got[2] != nil {
			t.Errorf("%s Session: Calls, Evaluators, Criteria = %q, want nothing", s.name, got)
		}
		if res, ok := s.s.Result("c1", "qa-1"); ok || res.Rubric() != nil {
			t.Errorf("%s Session: Result() = %v, %v; want the zero Result and false", s.name, res, ok)
		}
	}
}

// The zero values of the other exported types: documented behaviour, never a panic.
func TestZeroValues(t *testing.T) {
	tests := []struct {
		name, got, want string
		reason          string
	}{
		{"Config.Validate", errString(calibration.Config{}.Validate()), "<nil>", "the zero Config is 4 places half-up"},
		{"Metric.String", calibration.Metric(0).String(), "Metric(0)", "the zero Metric is not a metric"},
		{"Metric.Valid", boolString(calibration.Metric(0).Valid()), "false", "the zero Metric is not a metric"},
		{"Alpha.String", calibration.Alpha{}.String(), "α = 0 (Metric(0), 0 units, 0 values)", "the result of nothing"},
		{"Alpha.Equal", boolString(calibration.Alpha{}.Equal(calibration.Alpha{})), "true", "zero equals zero"},
		{"Kappa.String", calibration.Kappa{}.String(), "κ = 0 (0 subjects, 0 raters, 0 categories)", "the result of nothing"},
		{"Kappa.Equal", boolString(calibration.Kappa{}.Equal(calibration.Kappa{})), "true", "zero equals zero"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q (%s)", tt.name, tt.got, tt.want, tt.reason)
		}
	}
	if _, err := calibration.KrippendorffAlphaMatrix(nil, calibration.Nominal); !errors.Is(err, calibration.ErrInvalidTable) {
		t.Errorf("KrippendorffAlphaMatrix(nil) error = %v, want ErrInvalidTable", err)
	}
	if _, err := calibration.FleissKappaCounts(nil); !errors.Is(err, calibration.ErrInvalidTable) {
		t.Errorf("FleissKappaCounts(nil) error = %v, want ErrInvalidTable", err)
	}
	if _, err := calibration.CohenKappaCounts(nil); !errors.Is(err, calibration.ErrInvalidTable) {
		t.Errorf("CohenKappaCounts(nil) error = %v, want ErrInvalidTable", err)
	}
	if _, err := calibration.New([]rubric.Result{{}, {}}, calibration.Config{}); !errors.Is(err, calibration.ErrInvalidResult) {
		t.Errorf("New(zero Results) error = %v, want ErrInvalidResult", err)
	}
}

// Config.Precision.Places is bounded on both sides at New, the one entry point that takes a Config: negative
// places and more than 12 are refused with ErrInvalidConfig and a message naming the value and the range.
func TestPlacesBounds(t *testing.T) {
	results := score(t, rubric.CallQuality(), call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.4", "green"))
	entries := []struct {
		name string
		call func(calibration.Config) error
	}{
		{"New", func(c calibration.Config) error { _, err := calibration.New(results, c); return err }},
	}
	tests := []struct {
		places int32
		ok     bool
		reason string
	}{
		{0, true, "zero means 4 places"},
		{1, true, "the fewest places"},
		{12, true, "the most places"},
		{12 + 1, false, "one more than the most"},
		{-1, false, "negative places"},
		{math.MaxInt32, false, "the largest int32"},
		{math.MinInt32, false, "the smallest int32"},
	}
	for _, e := range entries {
		for _, tt := range tests {
			err := e.call(calibration.Config{Precision: sq.Precision{Places: tt.places}})
			if tt.ok {
				if err != nil {
					t.Errorf("%s(places %d) error = %v, want none (%s)", e.name, tt.places, err, tt.reason)
				}
				continue
			}
			if !errors.Is(err, calibration.ErrInvalidConfig) {
				t.Errorf("%s(places %d) error = %v, want ErrInvalidConfig (%s)", e.name, tt.places, err, tt.reason)
				continue
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "calibration: ") || !strings.Contains(msg, "places") ||
				!strings.Contains(msg, "0–12") {
				t.Errorf("%s(places %d) error %q should name the package, the field and the range 0–12", e.name, tt.places, msg)
			}
		}
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
