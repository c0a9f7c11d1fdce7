package complaintstest_test

import (
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints/complaintstest"
)

// BenchmarkCheckPolicyPresets measures CheckPolicy on the eight presets in Asia/Almaty, 100 receipts each.
func BenchmarkCheckPolicyPresets(b *testing.B) {
	loc, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		b.Fatal(err)
	}
	presets := complaintstest.Presets(loc)
	b.ReportAllocs()
	for range b.N {
		for _, p := range presets {
			complaintstest.CheckPolicy(b, p)
		}
	}
}
