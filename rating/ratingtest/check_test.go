package ratingtest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rating/ratingtest"
	"github.com/shopspring/decimal"
)

// TestCheckSettingsLibrary proves the invariants on the defaults and on settings that weigh only one component.
func TestCheckSettingsLibrary(t *testing.T) {
	ratingtest.CheckSettings(t, rating.DefaultPersonalSettings())
	s := rating.DefaultPersonalSettings()
	s.SurveyWeight = decimal.Zero
	s.ShrinkPrior, s.ShrinkStrength = decimal.NewFromInt(4), decimal.NewFromInt(3)
	ratingtest.CheckSettings(t, s, ratingtest.Draws(2))
}

// TestCheckSettingsInvalid: settings the library refuses fail the check with the library's reason, and the
// caller's own invariant is reported with the input that breaks it.
func TestCheckSettingsInvalid(t *testing.T) {
	s := rating.DefaultPersonalSettings()
	s.MinCalls = 0
	failed, out := recordtb.Run(t, func(tb testing.TB) { ratingtest.CheckSettings(tb, s) })
	if want := "ratingtest: settings: valid: rating: min_calls 0: at least 1: invalid input"; !failed || !strings.HasPrefix(out, want) {
		t.Errorf("CheckSettings(MinCalls 0): failed %t, output %q, want it to start with %q", failed, out, want)
	}
	never := ratingtest.Invariant("always sufficient", func(_ rating.PersonalInput, p rating.Personal) error {
		if !p.Sufficient() {
			return errors.New("insufficient")
		}
		return nil
	})
	failed, out = recordtb.Run(t, func(tb testing.TB) { ratingtest.CheckSettings(tb, rating.DefaultPersonalSettings(), never) })
	for _, want := range []string{"always sufficient: insufficient", "input: calls ["} {
		if !failed || !strings.Contains(out, want) {
			t.Errorf("CheckSettings(Invariant): failed %t, output:\n%s\nwant it to contain %q", failed, out, want)
		}
	}
}

// TestCheckDepartmentSettings proves the department invariants on the defaults, on settings that include
// insufficient personal ratings and weigh platforms by reviews, and on drawn settings.
func TestCheckDepartmentSettings(t *testing.T) {
	ratingtest.CheckDepartmentSettings(t, rating.DefaultDepartmentSettings())
	s := rating.DefaultDepartmentSettings()
	s.IncludeInsufficient, s.ReviewWeighted = true, true
	ratingtest.CheckDepartmentSettings(t, s)
}
