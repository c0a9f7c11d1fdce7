package decglobals

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Flip changes decimal's output while the test runs, and Outputs sees the change in a decimal's own String.
func TestFlipChangesDecimalOutput(t *testing.T) {
	d := decimal.RequireFromString("5.0")
	before := Outputs(d)
	t.Run("flipped", func(t *testing.T) {
		Flip(t)
		if after := Outputs(d); after[0] == before[0] {
			t.Errorf("decimal's String did not change with the flipped settings: %v", after)
		}
	})
	if again := Outputs(d); again[0] != before[0] {
		t.Errorf("the settings were not restored: %v, want %v", again, before)
	}
}
