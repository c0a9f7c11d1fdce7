package complaintstest

import (
	"testing"

	"github.com/servicequality/servicequality/complaints"
	"pgregory.net/rapid"
)

// TestGeneratedPolicies proves every invariant of CheckPolicy on every policy Policy draws (presets and random
// ones, on provisional and overlaid calendars), and that each has a JSON form reading back Equal.
func TestGeneratedPolicies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Policy().Draw(t, "policy")
		b, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("Policy drew a policy with no JSON form: %v", err)
		}
		if back, err := complaints.ParsePolicy(b); err != nil || !back.Equal(p) {
			t.Fatalf("policy does not read back from %s: %v", b, err)
		}
		at := ReceivedAt(p).Draw(t, "received")
		if inv, msg := checkReceipt(t, p, at, &config{skip: map[string]bool{}}); msg != "" {
			t.Fatalf("%s: received %s: %s", inv, at, msg)
		}
	})
}
