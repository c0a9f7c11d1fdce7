package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// selftestCall is one request of the self-test and the status it must get.
type selftestCall struct {
	method, path, body string
	want               int
}

// selftestCalls call every endpoint once with a good request, and once with a bad one to show the error form.
var selftestCalls = []selftestCall{
	{http.MethodGet, "/healthz", "", http.StatusOK},
	{http.MethodPost, "/v1/score", `{"rubric": "call-quality", "evaluation": {"id": "ev-1", "call": "c-77",
		"employee": "e-12", "evaluator": "qa-3", "at": "2026-03-02T10:00:00+05:00",
		"answers": [{"criterion": "greeting", "points": "0.5"}, {"criterion": "identification", "points": "0.4"},
			{"criterion": "needs", "points": "0.3"}, {"criterion": "client_focus", "points": "0.5"},
			{"criterion": "current_info", "points": "0.5"}, {"criterion": "objections", "points": "0.4"},
			{"criterion": "recording", "points": "0.5"}, {"criterion": "inappropriate_info", "points": "0.5"},
			{"criterion": "business_style", "points": "0.5"}, {"criterion": "tonality", "level": "yellow"}]}}`,
		http.StatusOK},
	{http.MethodPost, "/v1/score", `{"rubric": "phone-etiquette", "evaluation": {"id": "ev-2", "employee": "e-12",
		"answers": [{"criterion": "standard_greeting", "level": "pass"}, {"criterion": "plain_language", "level": "pass"},
			{"criterion": "volume_and_pace", "level": "pass"}, {"criterion": "clarifying_questions", "level": "fail"},
			{"criterion": "no_interrupting", "level": "pass"}, {"criterion": "hold_procedure", "na": true},
			{"criterion": "hold_under_2_minutes", "na": true}, {"criterion": "callback_details", "na": true},
			{"criterion": "callback_on_time", "na": true}, {"criterion": "answers_all_questions", "level": "pass"},
			{"criterion": "no_website_redirect", "level": "pass"}, {"criterion": "client_ends_call", "level": "pass"}]}}`,
		http.StatusOK},
	{http.MethodPost, "/v1/rating/personal", `{"employee": "e-12",
		"calls": [{"evaluation": "ev-1", "at": "2026-03-02T10:00:00+05:00", "total": "4.1"},
			{"evaluation": "ev-3", "at": "2026-03-04T11:30:00+05:00", "total": "4.6"},
			{"evaluation": "ev-4", "at": "2026-03-11T15:00:00+05:00", "total": "0"},
			{"evaluation": "ev-5", "at": "2026-03-17T09:45:00+05:00", "total": "4.9"},
			{"evaluation": "ev-6", "at": "2026-03-24T16:20:00+05:00", "total": "4.4"}],
		"survey": {"csi": {"counts": [0, 0, 1, 3, 6]}, "recommend": {"hits": 9, "total": 10}},
		"coverage": {"hits": 10, "total": 200},
		"quarter": "2026-Q1", "location": "Asia/Almaty"}`, http.StatusOK},
	{http.MethodPost, "/v1/complaints/status", `{"policy": "kz-microfinance", "location": "Asia/Almaty",
		"complaint": {"id": "C-42", "channel": "email", "category": "qualification", "employee": "e-12",
			"received_at": "2026-03-02T10:00:00+05:00",
			"events": [{"kind": "paused", "at": "2026-03-05T16:00:00+05:00", "reason": "loan agreement requested"},
				{"kind": "resumed", "at": "2026-03-09T10:00:00+05:00"}]},
		"now": "2026-03-10T09:00:00+05:00"}`, http.StatusOK},
	{http.MethodPost, "/v1/calls/select", `{"seed": "5eed5eed5eed5eed5eed5eed5eed5eed", "location": "Asia/Almaty",
		"calls": [{"id": "c-1", "employee": "e-12", "at": "2026-02-02T10:00:00+05:00", "direction": "incoming", "client": "new"},
			{"id": "c-2", "employee": "e-12", "at": "2026-02-03T11:00:00+05:00", "direction": "outgoing", "client": "existing"},
			{"id": "c-3", "employee": "e-12", "at": "2026-02-04T12:00:00+05:00", "direction": "incoming", "client": "existing"}]}`,
		http.StatusOK},
	{http.MethodPost, "/v1/score/facts", `{"rubric": "call-quality", "at": "2026-03-10T12:00:00+05:00",
		"evaluation": {"answers": [{"criterion": "greeting", "points": "0.5"}, {"criterion": "identification", "points": "0.4"},
			{"criterion": "needs", "points": "0.3"}, {"criterion": "client_focus", "points": "0.5"},
			{"criterion": "current_info", "points": "0.5"}, {"criterion": "objections", "points": "0.4"},
			{"criterion": "recording", "points": "0.5"}, {"criterion": "inappropriate_info", "points": "0.5"},
			{"criterion": "business_style", "points": "0.5"}, {"criterion": "tonality", "level": "green"}]},
		"facts": {"call": "c-77", "start": "2026-03-02T10:00:00+05:00", "end": "2026-03-02T10:06:00+05:00",
			"promises": [{"id": "send the offer", "due": "2026-03-03T18:00:00+05:00"}]}}`, http.StatusOK},
	{http.MethodPost, "/v1/score", `{"rubric": "call-quality", "evaluation": {"id": "ev-9",
		"answers": [{"criterion": "greeting", "points": "0.55"}]}}`, http.StatusUnprocessableEntity},
}

// runSelftest starts the service on a free loopback port, makes each call, prints the answers and checks their
// statuses. The clock of the server is fixed, so the output is the same on every run.
func runSelftest(w io.Writer) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fixed := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	srv := newHTTPServer(newServer(func() time.Time { return fixed }))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}()

	client := &http.Client{Timeout: 10 * time.Second}
	base := "http://" + ln.Addr().String()
	var failed []error
	for _, c := range selftestCalls {
		req, err := http.NewRequest(c.method, base+c.path, bytes.NewReader([]byte(c.body)))
		if err != nil {
			return err
		}
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s %s → %d\n%s\n", c.method, c.path, resp.StatusCode, indent(body))
		if resp.StatusCode != c.want {
			failed = append(failed, fmt.Errorf("%s %s: status %d, want %d", c.method, c.path, resp.StatusCode, c.want))
		}
	}
	return errors.Join(failed...)
}
