package sampling

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkSelect100k selects 5 calls a quarter for 1,000 employees from 100,000 calls.
func BenchmarkSelect100k(b *testing.B) {
	calls := make([]Call, 100_000)
	for i := range calls {
		s := allStrata[i%4]
		calls[i] = Call{ID: fmt.Sprintf("call-%06d", i), Employee: fmt.Sprintf("e%04d", i%1000),
			At: time.Date(2026, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, time.UTC), Direction: s.Direction, Client: s.Client}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Select(calls, seed, Rule{Location: time.UTC}); err != nil {
			b.Fatal(err)
		}
	}
}
