package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixedNow is the server's clock in the tests.
var fixedNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

// startServer starts the service on a loopback port for the test.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newServer(func() time.Time { return fixedNow }))
	t.Cleanup(srv.Close)
	return srv
}

// call sends a request and returns the status and the decoded JSON body, failing when the body is not JSON.
func call(t *testing.T, srv *httptest.Server, method, path, contentType string, body []byte) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type %q, want JSON", method, path, ct)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, path, err, b)
	}
	return resp.StatusCode, v, resp.Header
}

// post sends a JSON body.
func post(t *testing.T, srv *httptest.Server, path, body string) (int, map[string]any) {
	t.Helper()
	status, v, _ := call(t, srv, http.MethodPost, path, "application/json", []byte(body))
	return status, v
}

// errorOf returns the field and rule of an error response.
func errorOf(v map[string]any) (field, rule string) {
	e, _ := v["error"].(map[string]any)
	field, _ = e["field"].(string)
	rule, _ = e["rule"].(string)
	return field, rule
}

// errorCase is a request that must be refused with the status, field and rule given.
type errorCase struct {
	name, body  string
	status      int
	field, rule string
	reason      string
}

func checkErrors(t *testing.T, srv *httptest.Server, path string, tests []errorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v := post(t, srv, path, tt.body)
			field, rule := errorOf(v)
			if status != tt.status || field != tt.field || rule != tt.rule {
				t.Errorf("POST %s %s: %d field %q rule %q, want %d %q %q (%s)\n%v", path, tt.body, status, field,
					rule, tt.status, tt.field, tt.rule, tt.reason, v)
			}
			if msg, _ := v["error"].(map[string]any)["message"].(string); msg == "" {
				t.Errorf("error without a message: %v", v)
			}
		})
	}
}

// evaluation builds the JSON of an evaluation on the call rubric with the given points and tonality.
func evaluation(points []string, tonality string, violations ...string) string {
	ids := []string{"greeting", "identification", "needs", "client_focus", "current_info", "objections",
		"recording", "inappropriate_info", "business_style"}
	var answers []string
	for i, id := range ids {
		answers = append(answers, `{"criterion": "`+id+`", "points": "`+points[i]+`"}`)
	}
	answers = append(answers, `{"criterion": "tonality", "level": "`+tonality+`"}`)
	v, _ := json.Marshal(violations)
	if violations == nil {
		v = []byte("[]")
	}
	return `{"id": "ev-1", "call": "c-1", "employee": "e-1", "evaluator": "qa-1", "at": "2026-03-02T10:00:00+05:00",
		"answers": [` + strings.Join(answers, ", ") + `], "violations": ` + string(v) + `}`
}

// SPEC R1–R4 through the service: the total is the sum of the points, yellow tonality zeroes its own criterion,
// a fatal violation the whole call.
func TestScore(t *testing.T) {
	srv := startServer(t)
	points := []string{"0.5", "0.4", "0.3", "0.5", "0.5", "0.4", "0.5", "0.5", "0.5"}
	sum := new(big.Rat)
	for _, p := range points {
		r, _ := new(big.Rat).SetString(p)
		sum.Add(sum, r)
	}
	tests := []struct {
		name, body string
		total      string
		autoFail   bool
		reason     string
	}{
		{"green", `{"rubric": "call-quality", "evaluation": ` + evaluation(points, "green") + `}`,
			new(big.Rat).Add(sum, big.NewRat(1, 2)).FloatString(1), false, "green tonality is worth 0.5 (R3)"},
		{"yellow", `{"rubric": "call-quality", "evaluation": ` + evaluation(points, "yellow") + `}`,
			sum.FloatString(1), false, "yellow zeroes the tonality criterion only (R3)"},
		{"profanity", `{"rubric": "call-quality", "evaluation": ` + evaluation(points, "green", "profanity") + `}`,
			"0", true, "a fatal violation zeroes the call (R4)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v := post(t, srv, "/v1/score", tt.body)
			if status != http.StatusOK {
				t.Fatalf("status %d: %v", status, v)
			}
			if v["total"] != tt.total || v["auto_fail"] != tt.autoFail || v["employee"] != "e-1" {
				t.Errorf("total %v auto_fail %v employee %v, want %s %v e-1 (%s)", v["total"], v["auto_fail"],
					v["employee"], tt.total, tt.autoFail, tt.reason)
			}
		})
	}

	// A rubric given inline: two binary items, N/A excluded on the second.
	def := `{"id": "desk", "version": "1", "title": {"en": "Desk"}, "max": "5", "criteria": [
		{"id": "smile", "title": {"en": "Smiles"}, "scale": {"kind": "binary", "max": "1"}},
		{"id": "badge", "title": {"en": "Badge"}, "scale": {"kind": "binary", "max": "1"}, "na": "exclude"}]}`
	status, v := post(t, srv, "/v1/score", `{"definition": `+def+`, "evaluation": {"id": "v-1",
		"answers": [{"criterion": "smile", "level": "pass"}, {"criterion": "badge", "na": true}]}}`)
	if status != http.StatusOK || v["total"] != "5" || v["rubric"] != "desk" {
		t.Errorf("inline rubric: %d %v, want 200 with total 5 (the N/A item left out)", status, v)
	}

	checkErrors(t, srv, "/v1/score", []errorCase{
		{"unknown rubric", `{"rubric": "chat", "evaluation": {}}`, 400, "rubric", "unknown-rubric",
			"only built-in IDs"},
		{"both", `{"rubric": "call-quality", "definition": ` + def + `, "evaluation": {}}`, 400, "rubric", "one-of",
			"one rubric"},
		{"neither", `{"evaluation": {}}`, 400, "rubric", "required", "a rubric is needed"},
		{"no evaluation", `{"rubric": "call-quality"}`, 400, "evaluation", "required", "an evaluation is needed"},
		{"evaluation field", `{"rubric": "call-quality", "evaluation": {"id": "x", "mood": "good"}}`, 400,
			"evaluation.mood", "malformed-input", "evaluations are decoded strictly"},
		{"score", `{"rubric": "call-quality", "evaluation": ` +
			evaluation([]string{"0.55", "0.4", "0.3", "0.5", "0.5", "0.4", "0.5", "0.5", "0.5"}, "green") + `}`,
			422, `evaluation.answers[1].points`, "invalid-score", "0.55 is off the 0.1 steps (R1)"},
		{"level", `{"rubric": "call-quality", "evaluation": ` + evaluation(points, "blue") + `}`,
			422, `evaluation.answers[10].level`, "unknown-level", "tonality has three levels (R3)"},
		{"violation", `{"rubric": "call-quality", "evaluation": ` + evaluation(points, "green", "rudeness") + `}`,
			422, `evaluation.violations[1]`, "unknown-violation", "the rubric lists its violations"},
		{"definition", `{"definition": {"id": "d", "version": "1", "title": {"en": "D"}, "max": "5", "criteria": [
			{"id": "a", "title": {"en": "A"}, "scale": {"kind": "points", "min": "0", "max": "1", "step": "0.3"}}]},
			"evaluation": {}}`, 422, `definition.criteria["a"].scale.step`, "invalid-rubric-definition",
			"a step must divide the range"},
	})
	// Every problem of an evaluation is listed.
	_, v = post(t, srv, "/v1/score", `{"rubric": "call-quality", "evaluation": {"answers": []}}`)
	if errs, _ := v["errors"].([]any); len(errs) != 10 {
		t.Errorf("an empty evaluation of the call rubric lists %d problems, want one per criterion (10): %v", len(errs), v)
	}
}

// TestPersonal computes a personal rating (SPEC R8) through the service and checks it by hand.
func TestPersonal(t *testing.T) {
	srv := startServer(t)
	totals := []string{"4.1", "4.6", "0", "4.9", "4.4"}
	var calls []string
	mean := new(big.Rat)
	for i, tot := range totals {
		calls = append(calls, `{"evaluation": "ev-`+string(rune('a'+i))+`", "at": "2026-03-0`+string(rune('2'+i))+
			`T10:00:00+05:00", "total": "`+tot+`"}`)
		r, _ := new(big.Rat).SetString(tot)
		mean.Add(mean, r)
	}
	mean.Quo(mean, big.NewRat(int64(len(totals)), 1))
	counts := []int64{0, 0, 1, 3, 6} // CSI answers of 1 … 5
	var csiSum, csiN int64
	for i, c := range counts {
		csiSum += int64(i+1) * c
		csiN += c
	}
	csi := big.NewRat(csiSum, csiN)
	nps := big.NewRat(5*9, 10) // 9 "yes" of 10 on 5 points (R13)
	index := new(big.Rat).Quo(new(big.Rat).Add(csi, nps), big.NewRat(2, 1))
	want := new(big.Rat).Quo(new(big.Rat).Add(mean, index), big.NewRat(2, 1)) // default weights: equal

	body := func(calls []string, extra string) string {
		return `{"employee": "e-12", "calls": [` + strings.Join(calls, ", ") + `],
			"survey": {"csi": {"counts": [0, 0, 1, 3, 6]}, "recommend": {"hits": 9, "total": 10}},
			"coverage": {"hits": 10, "total": 200}` + extra + `}`
	}
	status, v := post(t, srv, "/v1/rating/personal", body(calls, `, "quarter": "2026-Q1", "location": "Asia/Almaty"`))
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, v)
	}
	personal, _ := v["personal"].(map[string]any)
	r, _ := personal["rating"].(map[string]any)
	exact, _ := r["value"].(string)
	if f, ok := new(big.Rat).SetString(exact); ok {
		exact = f.RatString()
	}
	got := map[string]any{"status": r["status"], "rating": v["rating"], "exact": exact, "employee": personal["employee_id"]}
	wantV := map[string]any{"status": "sufficient", "rating": want.FloatString(1), "exact": want.RatString(),
		"employee": "e-12"}
	if diff := cmp.Diff(wantV, got); diff != "" {
		t.Errorf("personal rating mismatch (-by hand +service):\n%s", diff)
	}

	// Provisional ratings say why, and show no rating for display.
	status, v = post(t, srv, "/v1/rating/personal", body(calls[:3], `, "quarter": "2026-Q2", "location": "Asia/Almaty"`))
	r, _ = v["personal"].(map[string]any)["rating"].(map[string]any)
	var codes []string
	for _, why := range r["reasons"].([]any) {
		codes = append(codes, why.(map[string]any)["code"].(string))
	}
	if status != http.StatusOK || r["status"] != "insufficient" || v["rating"] != nil ||
		!cmp.Equal(codes, []string{"few-calls", "no-evaluation-in-quarter"}) {
		t.Errorf("3 calls, none in Q2: %d %v; want insufficient, no rating, reasons few-calls and "+
			"no-evaluation-in-quarter (R5, R6)", status, v)
	}

	// The accumulator of earlier calls counts with the new ones (R10).
	status, v = post(t, srv, "/v1/rating/personal", `{"employee": "e-12", "earlier": {"count": 4, "sum": "18"},
		"calls": [`+calls[0]+`]}`)
	personal, _ = v["personal"].(map[string]any)
	c, _ := personal["calls"].(map[string]any)
	r, _ = personal["rating"].(map[string]any)
	components, _ := r["components"].([]any)
	if len(components) == 0 || status != http.StatusOK || c["count"] != 5.0 || c["sum"] != "22.1" ||
		components[0].(map[string]any)["value"] != big.NewRat(221, 50).RatString() {
		t.Errorf("earlier 4 calls summing 18 and one of 4.1: %d %v; want 5 calls summing 22.1 with mean 4.42 (R10)",
			status, v)
	}

	checkErrors(t, srv, "/v1/rating/personal", []errorCase{
		{"employee", `{"calls": []}`, 400, "employee", "required", "whose rating"},
		{"nothing", `{"employee": "e"}`, 422, "body", "empty-input",
			"neither calls nor survey (the library's rule, about the request as a whole)"},
		{"range", body([]string{calls[0], `{"evaluation": "x", "at": "2026-03-02T10:00:00Z", "total": "5.1"}`}, ""),
			422, "calls[2].total", "value-out-of-range",
			"totals lie on 0–5 (R1, rating's check); calls count from 1"},
		{"no evaluation", body([]string{`{"evaluation": "", "at": "2026-03-02T10:00:00Z", "total": "4"}`}, ""), 422,
			"calls[1].evaluation", "invalid-input", "every call names its evaluation; the request's key, not rating's"},
		{"number", `{"employee": "e", "calls": [{"evaluation": "x", "at": "2026-03-02T10:00:00Z", "total": 4.5}]}`,
			400, "calls.total", "json-type", "decimals are strings"},
		{"decimal", `{"employee": "e", "calls": [{"evaluation": "x", "at": "2026-03-02T10:00:00Z", "total": "1e3"}]}`,
			400, "calls[1].total", "decimal-string", "plain decimals only"},
		{"time", `{"employee": "e", "calls": [{"evaluation": "x", "at": "2 March", "total": "4"}]}`,
			400, "calls[1].at", "rfc3339", "times are RFC 3339"},
		{"duplicate", body([]string{calls[0], calls[0]}, ""), 422, "calls[2].evaluation", "duplicate",
			"an evaluation counts once"},
		{"csi", `{"employee": "e", "survey": {"csi": {"counts": [0, 0, -1, 3, 6]}}}`, 422, "survey.csi.counts[3]",
			"invalid-count", "counts are not negative"},
		{"coverage", `{"employee": "e", "survey": {"csi": {"counts": [0, 0, 1, 3, 6]}},
			"coverage": {"hits": 10, "total": 5}}`, 422, "coverage.hits", "invalid-count",
			"no more clients surveyed than there are"},
		{"location", body(calls, `, "quarter": "2026-Q1"`), 400, "location", "iana-time-zone",
			"a quarter starts at a different instant in each time zone"},
		{"local", body(calls, `, "quarter": "2026-Q1", "location": "Local"`), 400, "location", "iana-time-zone",
			"the server's zone is not the client's"},
		{"quarter", body(calls, `, "quarter": "2026-Q5", "location": "UTC"`), 422, "quarter", "invalid-input",
			"Q1–Q4 (sq.ParseQuarter)"},
		{"weight", body(calls, `, "settings": `+settings(`"call_weight":"-1"`)), 422, "settings.call_weight",
			"invalid-weight", "weights are non-negative (R9); the library names the setting"},
		{"weight text", body(calls, `, "settings": `+settings(`"call_weight":1`)), 400, "settings", "malformed-input",
			"weights are decimal strings"},
		{"zero weights", body(calls, `, "settings": `+settings(`"call_weight":"0","survey_weight":"0"`)), 422,
			"settings.call_weight, settings.survey_weight", "invalid-weight",
			"at least one weight is positive (R9); each setting is named in the request"},
		{"min calls", body(calls, `, "settings": `+settings(`"min_calls":0`)), 422, "settings.min_calls",
			"invalid-input", "at least one call; the setting's path in the request, once"},
		{"partial settings", body(calls, `, "settings": {"min_calls": 3}`), 400, "settings", "malformed-input",
			"settings are the library's whole JSON form: a key left out is not a default"},
		{"recommend", `{"employee": "e", "survey": {"recommend": {"hits": 11, "total": 10}}}`, 422,
			"survey.recommend.hits", "invalid-count", "no more yes than answers; the path below survey.recommend"},
		{"earlier", `{"employee": "e", "earlier": {"count": -1, "sum": "0"}}`, 400, "earlier", "malformed-input",
			"a stored accumulator is checked"},
	})
}

// settings returns the JSON of the default personal settings with the given keys replaced.
func settings(changes string) string {
	def := map[string]string{"call_weight": `"1"`, "survey_weight": `"1"`, "csi_weight": `"1"`, "nps_weight": `"1"`,
		"fail_on_missing": "false", "min_coverage": `"0"`, "min_calls": "5", "min_surveyed_percent": `"0"`,
		"shrink_prior": `"0"`, "shrink_strength": `"0"`}
	var change map[string]json.RawMessage
	if err := json.Unmarshal([]byte("{"+changes+"}"), &change); err != nil {
		panic(err)
	}
	var parts []string
	for k, v := range def {
		if c, ok := change[k]; ok {
			v = string(c)
		}
		parts = append(parts, `"`+k+`": `+v)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// TestComplaintStatus computes deadlines through the service (SPEC R16): 15 calendar days from the day after
// receipt under the default policy, counted by hand.
func TestComplaintStatus(t *testing.T) {
	srv := startServer(t)
	almaty, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 3, 2, 10, 0, 0, 0, almaty)
	lastDay := received.AddDate(0, 0, 15)
	dueAt := time.Date(lastDay.Year(), lastDay.Month(), lastDay.Day()+1, 0, 0, 0, 0, almaty)
	complaint := `{"id": "C-1", "channel": "email", "received_at": "` + received.Format(time.RFC3339) + `", "events": []}`

	status, v := post(t, srv, "/v1/complaints/status", `{"policy": "default", "location": "Asia/Almaty",
		"complaint": `+complaint+`, "now": "2026-03-20T09:00:00+05:00"}`)
	st, _ := v["status"].(map[string]any)
	due, _ := st["due"].(map[string]any)
	got := map[string]any{"state": st["state"], "last_day": due["last_day"], "due_at": due["at"],
		"breached": st["breached"], "breached_since": st["breached_since"]}
	want := map[string]any{"state": "open", "last_day": lastDay.Format("2006-01-02"),
		"due_at": dueAt.Format(time.RFC3339), "breached": true, "breached_since": dueAt.Format(time.RFC3339)}
	if diff := cmp.Diff(want, got); status != http.StatusOK || diff != "" {
		t.Errorf("default policy, status %d, mismatch (-by hand +service):\n%s", status, diff)
	}

	// Without "now" the server's clock is used; a due-soon threshold marks the last days.
	status, v = post(t, srv, "/v1/complaints/status", `{"policy": "default", "location": "UTC", "due_soon": 3,
		"complaint": {"id": "C-2", "received_at": "2026-03-06T10:00:00Z", "events": []}}`)
	st, _ = v["status"].(map[string]any)
	if status != http.StatusOK || st["at"] != fixedNow.Format(time.RFC3339) || st["due_soon"] != true ||
		st["remaining_units"] != 1.0 {
		t.Errorf("server clock %s, received 03-06 (last day 03-21): %d %v; want due soon with 1 day left",
			fixedNow, status, v)
	}

	// A policy given inline, in working days with a holding milestone.
	status, v = post(t, srv, "/v1/complaints/status", `{"policy_definition": {"length": 5, "unit": "working-days",
		"location": "Asia/Almaty", "calendar": "KZ", "holding_reply": {"length": 3, "unit": "working-days"}},
		"complaint": `+complaint+`, "now": "2026-03-04T09:00:00+05:00"}`)
	st, _ = v["status"].(map[string]any)
	if hr, _ := st["holding_reply"].(map[string]any); status != http.StatusOK || v["unit"] != "working-days" || hr == nil {
		t.Errorf("inline policy: %d %v; want 200 in working days with a holding-reply milestone", status, v)
	}

	checkErrors(t, srv, "/v1/complaints/status", []errorCase{
		{"no policy", `{"complaint": ` + complaint + `}`, 400, "policy", "required", "a policy is needed"},
		{"unknown", `{"policy": "psd9", "location": "UTC", "complaint": ` + complaint + `}`, 400, "policy",
			"unknown-policy", "presets by name"},
		{"both", `{"policy": "default", "policy_definition": {"length": 15, "location": "UTC"}, "complaint": ` +
			complaint + `}`, 400, "policy", "one-of", "one policy"},
		{"location", `{"policy": "default", "complaint": ` + complaint + `}`, 400, "location", "iana-time-zone",
			"days are counted in an explicit time zone"},
		{"zone", `{"policy": "default", "location": "Mars/Olympus", "complaint": ` + complaint + `}`, 400,
			"location", "iana-time-zone", "IANA names only"},
		{"definition", `{"policy_definition": {"length": 0, "location": "UTC"}, "complaint": ` + complaint + `}`,
			422, "policy_definition", "invalid-policy", "the library validates the policy"},
		{"due soon", `{"policy": "default", "location": "UTC", "due_soon": -1, "complaint": ` + complaint + `}`,
			422, "due_soon", "invalid-policy", "a threshold is not negative"},
		{"no complaint", `{"policy": "default", "location": "UTC"}`, 400, "complaint", "required", "what to check"},
		{"history", `{"policy": "default", "location": "UTC", "complaint": {"id": "C", "received_at":
			"2026-03-02T10:00:00Z", "events": [{"kind": "resumed", "at": "2026-03-03T10:00:00Z"}]}}`, 422,
			"complaint.events[1]", "impossible-complaint-history", "a resume needs a pause"},
		{"before receipt", `{"policy": "default", "location": "UTC", "complaint": ` + complaint +
			`, "now": "2026-03-01T10:00:00Z"}`, 422, "now", "time-before-receipt", "no status before receipt"},
		{"now", `{"policy": "default", "location": "UTC", "complaint": ` + complaint + `, "now": "tomorrow"}`, 400,
			"now", "rfc3339", "times are RFC 3339"},
		{"far future", `{"policy": "default", "location": "UTC", "complaint": ` + complaint +
			`, "now": "9999-12-31T23:00:00-12:00"}`, 400, "now", "out-of-range",
			"a deadline must stay writable as RFC 3339 and the days counted few"},
		{"ancient", `{"policy": "default", "location": "UTC", "complaint": {"id": "C", "received_at":
			"0004-03-02T10:00:00Z", "events": [{"kind": "paused", "at": "0004-03-03T10:00:00Z"}]}}`, 422,
			"complaint", "invalid-complaint", "the library refuses a receipt before 1900"},
		{"before the service's years", `{"policy": "default", "location": "UTC", "complaint": {"id": "C", "received_at":
			"1950-03-02T10:00:00Z", "events": [{"kind": "paused", "at": "1950-03-03T10:00:00Z"}]}}`, 400,
			"complaint.received_at", "out-of-range", "an open pause since 1950 would count decades of days"},
	})
}

// The protocol: methods, paths, content types, sizes and malformed bodies all get a JSON error.
func TestProtocol(t *testing.T) {
	srv := startServer(t)
	tests := []struct {
		name, method, path, contentType string
		body                            []byte
		status                          int
		field, rule                     string
		reason                          string
	}{
		{"method", http.MethodGet, "/v1/score", "", nil, 405, "method", "method-not-allowed", "scoring is a POST"},
		{"method get", http.MethodPost, "/v1/rubrics", "application/json", []byte("{}"), 405, "method",
			"method-not-allowed", "listing is a GET"},
		{"path", http.MethodPost, "/v1/scores", "application/json", []byte("{}"), 404, "path", "unknown-path",
			"unknown endpoint"},
		{"content type", http.MethodPost, "/v1/score", "text/plain", []byte("{}"), 415, "Content-Type", "json-only",
			"JSON only"},
		{"too large", http.MethodPost, "/v1/score", "application/json",
			[]byte(`{"rubric": "` + strings.Repeat("x", maxBody) + `"}`), 413, "body", "max-body-bytes",
			"bodies are at most 1 MiB"},
		{"empty", http.MethodPost, "/v1/score", "application/json", nil, 400, "body", "required", "a body is needed"},
		{"syntax", http.MethodPost, "/v1/score", "application/json", []byte(`{"rubric": }`), 400, "rubric",
			"json-syntax", "malformed JSON"},
		{"truncated", http.MethodPost, "/v1/score", "application/json", []byte(`{"rubric": "call-quality"`), 400,
			"body", "json-syntax", "a body cut short"},
		{"trailing", http.MethodPost, "/v1/score", "application/json", []byte(`{} {}`), 400, "body",
			"single-json-value", "one JSON value per body"},
		{"unknown field", http.MethodPost, "/v1/score", "application/json", []byte(`{"rubrik": "call-quality"}`),
			400, "rubrik", "unknown-field", "strict decoding names the field"},
		{"type", http.MethodPost, "/v1/score", "application/json", []byte(`{"rubric": 5}`), 400, "rubric",
			"json-type", "a string is expected"},
		{"array", http.MethodPost, "/v1/score", "application/json", []byte(`[]`), 400, "body", "json-type",
			"the body is an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v, header := call(t, srv, tt.method, tt.path, tt.contentType, tt.body)
			field, rule := errorOf(v)
			if status != tt.status || field != tt.field || rule != tt.rule {
				t.Errorf("%s %s: %d field %q rule %q, want %d %q %q (%s)\n%v", tt.method, tt.path, status, field,
					rule, tt.status, tt.field, tt.rule, tt.reason, v)
			}
			if status == 405 && header.Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
		})
	}

	status, v, _ := call(t, srv, http.MethodGet, "/v1/rubrics", "", nil)
	if rs, _ := v["rubrics"].([]any); status != 200 || len(rs) != 3 {
		t.Errorf("GET /v1/rubrics: %d with %d rubrics, want the 3 built-in ones", status, len(rs))
	}
	status, v, _ = call(t, srv, http.MethodGet, "/healthz", "", nil)
	if status != 200 || v["status"] != "ok" {
		t.Errorf("GET /healthz: %d %v", status, v)
	}
}

// The self-test calls every endpoint on a real loopback server and succeeds.
func TestSelftest(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-selftest"}, &out, &errb); code != 0 {
		t.Fatalf("run -selftest = %d; stderr:\n%s", code, errb.String())
	}
	for _, c := range selftestCalls {
		if !strings.Contains(out.String(), c.method+" "+c.path+" → ") {
			t.Errorf("self-test output lacks %s %s", c.method, c.path)
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{"-port", "80"}, {"serve"}} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("run(%q) = %d, want 2; stderr:\n%s", args, code, errb.String())
		}
	}
}
