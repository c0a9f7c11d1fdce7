// Command crmservice is an HTTP JSON service a CRM can call to score calls, rate employees and follow complaint
// deadlines with the packages of this module. It uses net/http only.
//
//	go run ./examples/crmservice                 # listen on 127.0.0.1:8080
//	go run ./examples/crmservice -addr :9000     # another address
//	go run ./examples/crmservice -selftest       # start on a free loopback port, call every endpoint, print, exit
//
// # Endpoints
//
// All requests and responses are JSON (UTF-8); decimals are strings ("4.5"), times RFC 3339.
//
// POST /v1/score scores one evaluation on a named built-in rubric or on a rubric given inline (SPEC R1–R4); the
// response is the result as rubric.Result.MarshalJSON writes it (total, raw total, breakdown, reasons):
//
//	{"rubric": "call-quality",
//	 "evaluation": {"id": "ev-1", "call": "c-77", "employee": "e-12", "evaluator": "qa-3",
//	                "at": "2026-03-02T10:00:00+05:00",
//	                "answers": [{"criterion": "greeting", "points": "0.5"}, ..., {"criterion": "tonality", "level": "green"}],
//	                "violations": []}}
//
// Give either "rubric" (call-quality, phone-etiquette, branch-audit; GET /v1/rubrics lists them) or
// "definition" (a rubric definition as rubric.Parse reads it).
//
// POST /v1/rating/personal computes an employee's personal rating (SPEC R5, R8, R14, R6) from evaluated call
// totals and survey counts:
//
//	{"employee": "e-12",
//	 "calls": [{"evaluation": "ev-1", "at": "2026-03-02T10:00:00+05:00", "total": "4.5"}, ...],
//	 "earlier": {"count": 12, "sum": "51.3"},
//	 "survey": {"csi": {"counts": [0, 0, 1, 3, 6]}, "recommend": {"hits": 8, "total": 10}},
//	 "coverage": {"hits": 10, "total": 200},
//	 "quarter": "2026-Q1", "location": "Asia/Almaty",
//	 "settings": {"call_weight": "1", "survey_weight": "1", "csi_weight": "1", "nps_weight": "1",
//	              "fail_on_missing": false, "min_coverage": "0", "min_calls": 5, "min_surveyed_percent": "0",
//	              "shrink_prior": "0", "shrink_strength": "0"}}
//
// Only "employee" is required, with at least one call or a survey answer. "earlier" is a stored
// rating.Accumulator of calls rated before (SPEC R10); "quarter" and "location" require an evaluated call in that
// quarter (R6); "settings", rating.PersonalSettings in its JSON form with every key, replaces the library's
// defaults (rating.DefaultPersonalSettings: equal weights, 5 calls, 4% of the clients surveyed). The response
// is {"rating", "personal"}: the rating for display ("4.1", one place half-up; null unless sufficient) and the
// rating as rating.Personal.MarshalJSON writes it — status, stored and exact value, components, reasons, and the
// calls' accumulator to send back as "earlier".
//
// POST /v1/complaints/status computes a complaint's deadline and status at a time (SPEC R16–R18):
//
//	{"policy": "kz-microfinance", "location": "Asia/Almaty",
//	 "complaint": {"id": "C-42", "channel": "email", "received_at": "2026-03-02T10:00:00+05:00",
//	               "events": [{"kind": "paused", "at": "2026-03-05T16:00:00+05:00", "reason": "documents"}]},
//	 "now": "2026-03-10T09:00:00+05:00"}
//
// "policy" names a preset (default, kz-microfinance, ru-financial-organisations, ru-citizen-appeals, cfpb,
// fca) in "location"; or "policy_definition" gives a policy as complaints.ParsePolicy reads it. "now" is
// optional (the server's clock). The response is {"id", "policy", "unit", "status"}, the status as
// complaints.Status.MarshalJSON writes it (the deadline under "due").
//
// GET /v1/rubrics lists the built-in rubric definitions; GET /healthz answers {"status": "ok"}.
//
// # Errors
//
// An error of a library package gets the status of its kind: 400 for malformed input (sq.ErrMalformed), 413
// over a limit (sq.ErrLimit), 422 for input that breaks a rule (sq.ErrInvalid), 500 for anything else; the body
// names the field as its JSON path in the request (list indexes counted from 1), the rule it breaks (the
// library's sentinel in kebab case) and the library's message:
//
//	{"error": {"field": "evaluation.answers[1].points", "rule": "invalid-score",
//	           "message": "rubric: answers[1].points 0.55: ...: invalid score"},
//	 "errors": [...every problem, when there are several...]}
//
// Bodies over 1 MiB get 413; more answers than the rubric has criteria, or more than 10000 calls, 422; other
// content types than application/json 415, other methods 405 (with Allow), unknown paths 404, and requests
// cancelled before they are served 503, all with the same JSON error form. Every body is decoded strictly: keys
// exactly as documented (a key differing only in case is unknown), none repeated, no unknown fields, no null,
// valid UTF-8, no trailing data, and strings where strings are expected.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"time"
	_ "time/tzdata" // time zones even where the system has no zoneinfo
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole program; it returns the exit code (0 ok, 1 failure, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("crmservice", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "listen `address`")
	selftest := flags.Bool("selftest", false, "start on 127.0.0.1:0, call every endpoint once, print the answers and exit")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "crmservice: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	if *selftest {
		if err := runSelftest(stdout); err != nil {
			fmt.Fprintln(stderr, "crmservice: selftest:", err)
			return 1
		}
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := serve(ctx, *addr, stderr); err != nil {
		fmt.Fprintln(stderr, "crmservice:", err)
		return 1
	}
	return 0
}

// newHTTPServer returns the server with timeouts that keep slow clients from holding connections.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 64 << 10}
}

// serve listens on addr until ctx is done, then shuts down gracefully.
func serve(ctx context.Context, addr string, log io.Writer) error {
	srv := newHTTPServer(newServer(time.Now))
	srv.Addr = addr
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Fprintf(log, "crmservice: listening on http://%s\n", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
