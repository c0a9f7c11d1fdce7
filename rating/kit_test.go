package rating_test

import (
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rating/ratingtest"
	"pgregory.net/rapid"
)

// TestSettingsKit proves the invariants of package ratingtest (range, scale-free weights, the sufficiency rules of
// SPEC R5 and R14, merging) on the defaults and on the settings the kit draws.
func TestSettingsKit(t *testing.T) {
	ratingtest.CheckSettings(t, rating.DefaultPersonalSettings())
	var drawn []rating.PersonalSettings
	rapid.Check(t, func(t *rapid.T) {
		if len(drawn) < 5 {
			drawn = append(drawn, ratingtest.PersonalSettings().Draw(t, "settings"))
		}
	})
	for _, s := range drawn {
		ratingtest.CheckSettings(t, s)
	}
	ratingtest.CheckDepartmentSettings(t, rating.DefaultDepartmentSettings()) // SPEC R7
}
