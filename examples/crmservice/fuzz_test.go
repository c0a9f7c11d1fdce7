package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// endpoints are the POST endpoints, in the order the fuzz target picks them.
var endpoints = []string{"/v1/score", "/v1/rating/personal", "/v1/complaints/status"}

// FuzzEndpoints posts arbitrary bodies to each endpoint: the handler never panics, answers 200, 400, 413 or 422 with
// a JSON body, and every error names a field, a rule and a message.
func FuzzEndpoints(f *testing.F) {
	for _, c := range selftestCalls {
		for i, e := range endpoints {
			if c.path == e {
				f.Add(uint8(i), []byte(c.body))
			}
		}
	}
	f.Add(uint8(0), []byte(`{"definition": {"id": "d", "version": "1", "title": {"en": "D"}, "max": "5",
		"criteria": [{"id": "a", "title": {"en": "A"}, "scale": {"kind": "rating", "max": "1", "size": 5}, "na": "full"}]},
		"evaluation": {"answers": [{"criterion": "a", "na": true}]}}`))
	f.Add(uint8(1), []byte(`{"employee": "e", "earlier": {"count": 3, "sum": "12"}, "settings": {"call_weight": "2",
		"survey_weight": "0", "csi_weight": "1", "nps_weight": "0", "fail_on_missing": true, "min_coverage": "0.5",
		"min_calls": 1, "min_surveyed_percent": "5", "shrink_prior": "4", "shrink_strength": "2"}}`))
	f.Add(uint8(2), []byte(`{"policy_definition": {"length": 3, "unit": "weeks", "location": "Europe/London",
		"due_by": "18:00", "receipt_cutoff": "17:00", "start": "same-day"}, "complaint": {"id": "C",
		"received_at": "2026-03-02T10:00:00Z", "events": [{"kind": "extended", "at": "2026-03-03T10:00:00Z",
		"length": 1, "notice_at": "2026-03-03T10:00:00Z"}]}, "now": "9999-12-31T23:59:59Z"}`))
	f.Add(uint8(2), []byte(`{"policy": "default", "location": "Pacific/Kiritimati", "complaint": {"id": "C",
		"received_at": "2199-12-31T10:00:00-12:00", "events": [{"kind": "paused", "at": "2199-12-31T11:00:00-12:00"}]},
		"now": "2199-12-31T23:00:00-12:00"}`))
	h := newServer(func() time.Time { return time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) })
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		req := httptest.NewRequest(http.MethodPost, endpoints[int(which)%len(endpoints)], bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d for %q:\n%s", rec.Code, body, rec.Body)
		}
		var v struct {
			Error *apiError `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("response is not JSON: %v\n%s", err, rec.Body)
		}
		if rec.Code != http.StatusOK && (v.Error == nil || v.Error.Field == "" || v.Error.Rule == "" || v.Error.Message == "") {
			t.Fatalf("error response without field, rule or message:\n%s", rec.Body)
		}
	})
}
