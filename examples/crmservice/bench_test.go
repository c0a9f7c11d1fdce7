package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkEndpoints measures each endpoint's handler on the self-test's requests, without the network.
func BenchmarkEndpoints(b *testing.B) {
	h := newServer(func() time.Time { return time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) })
	names := []string{"score-call-quality", "score-phone-etiquette", "rating-personal", "complaint-status"}
	for i, c := range selftestCalls[1:5] {
		b.Run(names[i], func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
