package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestStrictEnvelopes pins that every request body is read with exact keys: encoding/json alone would let
// "TOTAL" replace "total" (the call rated 0 instead of 4, SPEC R5) or "VIOLATIONS" drop a fatal violation (R4).
func TestStrictEnvelopes(t *testing.T) {
	srv := startServer(t)
	points := []string{"0.5", "0.4", "0.3", "0.5", "0.5", "0.4", "0.5", "0.5", "0.5"}
	ev := evaluation(points, "green", "profanity")
	checkErrors(t, srv, "/v1/rating/personal", []errorCase{
		{"case variant", `{"employee": "e", "calls": [{"evaluation": "x", "at": "2026-03-02T10:00:00Z",
			"total": "4", "TOTAL": "0"}]}`, 400, "calls[1].TOTAL", "unknown-field", "a key differing in case is unknown"},
		{"envelope case", `{"employee": "e", "Employee": "f"}`, 400, "Employee", "unknown-field", "exact keys at the top"},
		{"repeated", `{"employee": "e", "employee": "f"}`, 400, "employee", "duplicate-key", "the last does not win"},
		{"null", `{"employee": "e", "settings": null}`, 400, "settings", "null", "null is not a default"},
		{"utf8", "{\"employee\": \"e\xff\"}", 400, "employee", "invalid-utf8", "bytes are not repaired"},
	})
	checkErrors(t, srv, "/v1/score", []errorCase{
		{"evaluation case", `{"rubric": "call-quality", "evaluation": ` + strings.TrimSuffix(ev, "}") +
			`, "VIOLATIONS": []}}`, 400, "evaluation.VIOLATIONS", "malformed-input", "the fatal violation cannot be dropped"},
		{"look-alike", `{"rubric": "call-quality", "evaluation": ` + strings.TrimSuffix(ev, "}") +
			`, "violationſ": []}}`, 400, "evaluation.violationſ", "malformed-input", "U+017F folds to s"},
		{"envelope", `{"rubric": "call-quality", "Rubric": "phone-etiquette", "evaluation": ` + ev + `}`, 400,
			"Rubric", "unknown-field", "exact keys in the envelope"},
	})
	checkErrors(t, srv, "/v1/complaints/status", []errorCase{
		{"envelope", `{"policy": "default", "POLICY": "fca"}`, 400, "POLICY", "unknown-field", "exact keys in the envelope"},
	})
}

// TestRequestCost pins that a request whose cost exceeds the documented limits is refused with 422 before the
// work is done.
func TestRequestCost(t *testing.T) {
	srv := startServer(t)
	answers := strings.Repeat(`{"criterion": "greeting", "points": "0.5"},`, 300)
	calls := strings.Repeat(`{"evaluation": "x", "at": "2026-03-02T10:00:00Z", "total": "4"},`, maxCalls+1)
	checkErrors(t, srv, "/v1/score", []errorCase{
		{"answers", `{"rubric": "call-quality", "evaluation": {"answers": [` + strings.TrimSuffix(answers, ",") + `]}}`,
			422, "evaluation.answers", "max-items", "more answers than the rubric has criteria"},
	})
	checkErrors(t, srv, "/v1/rating/personal", []errorCase{
		{"calls", `{"employee": "e", "calls": [` + strings.TrimSuffix(calls, ",") + `]}`, 422, "calls", "max-items",
			"more calls than one request takes"},
	})
}

// TestCancelledRequest pins that a request whose context is done is not served.
func TestCancelledRequest(t *testing.T) {
	h := newServer(func() time.Time { return fixedNow })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range endpoints {
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, path, strings.NewReader(`{}`))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var v struct{ Error apiError }
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != http.StatusServiceUnavailable ||
			v.Error.Rule != "cancelled" {
			t.Errorf("POST %s with a cancelled context: %d %s, want 503 cancelled", path, rec.Code, rec.Body)
		}
	}
}

// TestBodyLimit pins that a body over maxBody gets 413 whether its length is declared (refused before reading)
// or not (cut while reading).
func TestBodyLimit(t *testing.T) {
	h := newServer(func() time.Time { return fixedNow })
	body := `{"rubric": "` + strings.Repeat("x", maxBody) + `"}`
	for _, declared := range []bool{true, false} {
		req := httptest.NewRequest(http.MethodPost, "/v1/score", strings.NewReader(body))
		if !declared {
			req.ContentLength = -1
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var v struct{ Error apiError }
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != http.StatusRequestEntityTooLarge ||
			v.Error.Rule != "max-body-bytes" {
			t.Errorf("POST of %d bytes (length declared: %v): %d %.200s, want 413 max-body-bytes", len(body), declared, rec.Code, rec.Body)
		}
	}
}
