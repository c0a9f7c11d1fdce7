package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Choosing calls (SPEC R5): five per employee, stratified, reproducible; bad input refused with field and rule.
func TestSelectCalls(t *testing.T) {
	srv := startServer(t)
	var calls []string
	for i, kind := range []string{"incoming", "outgoing", "incoming", "outgoing", "incoming", "incoming", "outgoing"} {
		client := "existing"
		if i%2 == 0 {
			client = "new"
		}
		calls = append(calls, `{"id": "c-`+string(rune('a'+i))+`", "employee": "e-12", "at": "2026-02-0`+string(rune('1'+i))+`T10:00:00+05:00", "direction": "`+kind+`", "client": "`+client+`"}`)
	}
	body := `{"seed": "00112233445566778899aabbccddeeff", "location": "Asia/Almaty", "calls": [` + strings.Join(calls, ", ") + `]}`
	status, v := post(t, srv, "/v1/calls/select", body)
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, v)
	}
	groups, _ := v["groups"].([]any)
	if len(groups) != 1 {
		t.Fatalf("groups = %v", v["groups"])
	}
	g := groups[0].(map[string]any)
	if sel, _ := g["selected"].([]any); len(sel) != 5 || g["period"] != "2026-Q1" {
		t.Errorf("group = %v, want 5 calls selected in 2026-Q1", g)
	}
	_, again := post(t, srv, "/v1/calls/select", body)
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Error("the same seed and calls gave another selection")
	}
	checkErrors(t, srv, "/v1/calls/select", []errorCase{
		{"seed not hex", `{"seed": "zz", "location": "UTC", "calls": []}`, 400, "seed", "hex", "the seed is hex"},
		{"short seed", `{"seed": "0011", "location": "UTC", "calls": []}`, 422, "body", "invalid-sampling-rule",
			"16 bytes at least; a rule about the request as a whole"},
		{"unknown employee", `{"seed": "00112233445566778899aabbccddeeff", "location": "UTC", "employees": ["e-1"], "calls": [` + calls[0] + `]}`,
			422, "calls[1]", "employee-not-in-the-roster",
			"a call of someone outside the roster; the library names the request's call, counted from 1"},
		{"direction", `{"seed": "00112233445566778899aabbccddeeff", "location": "UTC", "calls": [` +
			strings.Replace(calls[0], "incoming", "sideways", 1) + `]}`, 400, "body", "invalid-call",
			"a call's own reader refuses it: the library's rule, not a JSON syntax error"},
		{"bad period", `{"seed": "00112233445566778899aabbccddeeff", "location": "UTC", "period": "weekly", "calls": []}`,
			400, "period", "one-of", "quarterly or monthly"},
	})
}

// reviewJSON builds a review of the call rubric with the given events.
func reviewJSON(events string) string {
	return `{"rubric": "call-quality", "review": {"rubric": "call-quality", "version": "2023-03-01",
		"evaluation": ` + evaluation([]string{"0.4", "0.4", "0.4", "0.4", "0.4", "0.4", "0.4", "0.4", "0.4"}, "green") + `,
		"scored_by": {"id": "qa-1", "role": "specialist"}, "scored_at": "2026-03-02T12:00:00+05:00",
		"events": [` + events + `]}}`
}

// Filing and deciding a dispute: the service checks the history and answers with the result in force.
func TestReviews(t *testing.T) {
	srv := startServer(t)
	dispute := `{"kind": "disputed", "at": "2026-03-03T10:00:00+05:00", "by": {"id": "e-1", "role": "agent"},
		"reason": "I greeted by the standard", "proposed": {"answers": [{"criterion": "greeting", "points": "0.5"}]}}`
	status, v := post(t, srv, "/v1/reviews", reviewJSON(dispute))
	if status != http.StatusOK || v["open_dispute"] == nil {
		t.Fatalf("filing a dispute: %d %v", status, v)
	}
	if total := v["result"].(map[string]any)["total"]; total != "4.1" {
		t.Errorf("total while the dispute is open = %v, want the original 4.1", total)
	}
	decision := `{"kind": "decided", "at": "2026-03-04T10:00:00+05:00", "by": {"id": "head-qc", "role": "arbitrator"},
		"reason": "the recording confirms it", "decision": "accepted"}`
	status, v = post(t, srv, "/v1/reviews", reviewJSON(dispute+", "+decision))
	if status != http.StatusOK || v["open_dispute"] != nil {
		t.Fatalf("deciding: %d %v", status, v)
	}
	if total := v["result"].(map[string]any)["total"]; total != "4.2" {
		t.Errorf("total after acceptance = %v, want 4.2", total)
	}
	checkErrors(t, srv, "/v1/reviews", []errorCase{
		{"decided twice", reviewJSON(dispute + ", " + decision + ", " + strings.Replace(decision, "03-04", "03-05", 1)),
			422, "review.events[3]", "impossible-review-event", "a dispute is decided once"},
		{"unknown criterion", reviewJSON(strings.Replace(dispute, `"greeting"`, `"smile"`, 1)), 422, "review.events[1]",
			"invalid-answer-in-a-review", "a criterion the rubric does not have"},
		{"no rubric", `{"review": {}}`, 400, "rubric", "required", "the rubric is named"},
	})
}

// Scoring with facts (SPEC R21, R22): automatic answers with their provenance; a manual answer over an automatic
// one without an override is refused.
func TestScoreFacts(t *testing.T) {
	srv := startServer(t)
	manual := `{"answers": [{"criterion": "standard_greeting", "level": "pass"}, {"criterion": "plain_language", "level": "pass"},
		{"criterion": "volume_and_pace", "level": "pass"}, {"criterion": "clarifying_questions", "level": "pass"},
		{"criterion": "no_interrupting", "level": "pass"}, {"criterion": "hold_procedure", "level": "pass"},
		{"criterion": "callback_details", "na": true}, {"criterion": "answers_all_questions", "level": "pass"},
		{"criterion": "no_website_redirect", "level": "pass"}]}`
	facts := `{"call": "c-1", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:08:00Z",
		"holds": [{"start": "2026-03-02T10:02:00Z", "end": "2026-03-02T10:04:01Z"}], "ended_by": "client"}`
	body := `{"rubric": "phone-etiquette", "evaluation": ` + manual + `, "facts": ` + facts + `, "at": "2026-03-02T12:00:00Z"}`
	status, v := post(t, srv, "/v1/score/facts", body)
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, v)
	}
	auto, _ := v["automatic"].([]any)
	if len(auto) != 3 {
		t.Fatalf("automatic = %v", v["automatic"])
	}
	if a := auto[0].(map[string]any); a["criterion"] != "hold_under_2_minutes" || a["answer"] != "fail" {
		t.Errorf("the 2:01 hold: %v", a)
	}
	override := `, "overrides": [{"answer": {"criterion": "hold_under_2_minutes", "level": "pass"}, "reason": "the client asked to wait", "by": "qa-1"}]`
	status, v = post(t, srv, "/v1/score/facts", strings.TrimSuffix(body, "}")+override+"}")
	if status != http.StatusOK || len(v["overridden"].([]any)) != 1 {
		t.Errorf("an override with a reason: %d %v", status, v)
	}
	bad := strings.Replace(manual, `{"criterion": "callback_details", "na": true}`,
		`{"criterion": "callback_details", "na": true}, {"criterion": "client_ends_call", "level": "pass"}`, 1)
	checkErrors(t, srv, "/v1/score/facts", []errorCase{
		{"manual over automatic", `{"rubric": "phone-etiquette", "evaluation": ` + bad + `, "facts": ` + facts + `, "at": "2026-03-02T12:00:00Z"}`,
			422, "overrides", "manual-answer-over-an-automatic-one", "an automatic answer is replaced only with a reason"},
		{"negative hold", `{"rubric": "phone-etiquette", "evaluation": ` + manual + `, "facts": ` +
			strings.Replace(facts, "10:04:01", "10:01:00", 1) + `, "at": "2026-03-02T12:00:00Z"}`, 422, "facts.holds[1]", "invalid-call-facts", "a hold that ends before it starts: the field is the hold"},
		{"override field", strings.TrimSuffix(body, "}") + `, "overrides": [{"answer": {"criterion": "hold_under_2_minutes",
			"level": "pass", "Level": "fail"}, "reason": "r", "by": "qa-1"}]}`, 400, "overrides[1].answer.Level", "malformed-input",
			"an override's answer is read alone: the path inside it, not inside the evaluation it is wrapped in"},
		{"override answer", strings.TrimSuffix(body, "}") + `, "overrides": [{"reason": "r", "by": "qa-1"}]}`, 400,
			"overrides[1].answer", "required", "an override without its answer"},
		{"no rules", `{"rubric": "branch-audit", "facts": ` + facts + `, "at": "2026-03-02T12:00:00Z"}`, 400, "rubric", "no-rules", "no built-in rules"},
	})
}
