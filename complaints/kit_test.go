package complaints_test

import (
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints/complaintstest"
)

// TestPresetsHoldInvariants checks every preset policy in four time zones with the test kit other teams use on
// their policies: deadlines after receipt and monotone in it (SPEC R16), pauses never shortening the term,
// working-day terms ending on working days, provisional calendar data flagged, and JSON round trips.
func TestPresetsHoldInvariants(t *testing.T) {
	for _, name := range []string{"Asia/Almaty", "Europe/Moscow", "Europe/London", "America/New_York"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatalf("time-zone data: %v", err)
		}
		t.Run(name, func(t *testing.T) {
			for _, p := range complaintstest.Presets(loc) {
				complaintstest.CheckPolicy(t, p)
			}
		})
	}
}

// TestGeneratedPoliciesHoldInvariants checks twenty policies of every shape drawn by the kit (units, starts,
// cut-offs, due-by times, calendars with provisional and overlaid years): the invariants hold for each.
func TestGeneratedPoliciesHoldInvariants(t *testing.T) {
	gen := complaintstest.Policy()
	for i := range 20 {
		p := gen.Example(i)
		p.Name = p.Name + " " + string(rune('a'+i))
		complaintstest.CheckPolicy(t, p)
	}
}
