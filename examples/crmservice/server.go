package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/sq"

	"github.com/shopspring/decimal"
)

// maxBody is the largest request body accepted; larger ones get 413.
const maxBody = 1 << 20

// server holds what the handlers share. It keeps no state between requests and is safe for concurrent use.
type server struct {
	now func() time.Time // the clock, for complaint statuses asked without "now"
}

// newServer returns the service's handler. now is the clock used when a request gives no time.
func newServer(now func() time.Time) http.Handler {
	s := &server{now: now}
	mux := http.NewServeMux()
	route := func(method, path string, h handlerFunc) {
		mux.Handle(method+" "+path, handle(h))
		// Any other method on the path gets a JSON 405 rather than the mux's plain-text one.
		mux.Handle(path, methodNotAllowed(method))
	}
	route(http.MethodPost, "/v1/score", s.score)
	route(http.MethodPost, "/v1/rating/personal", s.personal)
	route(http.MethodPost, "/v1/complaints/status", s.complaintStatus)
	route(http.MethodPost, "/v1/calls/select", s.selectCalls)
	route(http.MethodPost, "/v1/reviews", s.reviewEvent)
	route(http.MethodPost, "/v1/score/facts", s.scoreFacts)
	route(http.MethodGet, "/v1/rubrics", s.rubrics)
	route(http.MethodGet, "/healthz", func(*http.Request) (any, *apiError) {
		return map[string]string{"status": "ok"}, nil
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Status: http.StatusNotFound, Field: "path", Rule: "unknown-path",
			Message: fmt.Sprintf("no endpoint %q; see /v1/score, /v1/score/facts, /v1/rating/personal, /v1/complaints/status, /v1/calls/select, /v1/reviews, /v1/rubrics", truncate(r.URL.Path, 100))})
	})
	return mux
}

// handlerFunc handles a request and returns the response value or an error.
type handlerFunc func(*http.Request) (any, *apiError)

// handle runs h with the body limited to maxBody and answers with its value or error. A request whose client has
// gone away or whose deadline has passed is not started.
func handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		if apiErr := cancelled(r); apiErr != nil {
			writeError(w, apiErr)
			return
		}
		v, apiErr := h(r)
		if apiErr != nil {
			writeError(w, apiErr)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// cancelled returns a 503 when the request's context is done, so that handlers check it before expensive work.
func cancelled(r *http.Request) *apiError {
	if err := r.Context().Err(); err != nil {
		return &apiError{Status: http.StatusServiceUnavailable, Field: "request", Rule: "cancelled",
			Message: "the request was cancelled or ran out of time before it was served: " + err.Error()}
	}
	return nil
}

// methodNotAllowed answers 405 with the allowed method.
func methodNotAllowed(method string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", method)
		writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Field: "method", Rule: "method-not-allowed",
			Message: fmt.Sprintf("method %s is not allowed here; use %s", truncate(r.Method, 20), method)})
	})
}

// writeJSON writes v as the JSON response with the status code.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Error: apiError{Field: "", Rule: "internal",
			Message: "the response could not be encoded: " + err.Error()}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// decodeBody decodes the JSON body of r into v strictly (internal/strictjson): application/json (or no content
// type), at most maxBody bytes (413 otherwise), one JSON value, valid UTF-8, keys exactly as documented (a key
// differing only in case is unknown), none repeated, no unknown fields, no null.
func decodeBody(r *http.Request, v any) *apiError {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &apiError{Status: http.StatusUnsupportedMediaType, Field: "Content-Type", Rule: "json-only",
				Message: fmt.Sprintf("content type %q is not application/json", truncate(ct, 100))}
		}
	}
	if r.Body == nil {
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "required", Message: "the request has no body"}
	}
	if r.ContentLength > maxBody { // refused before a byte is read; a body without a length is cut at maxBody
		return &apiError{Status: http.StatusRequestEntityTooLarge, Field: "body", Rule: "max-body-bytes",
			Message: fmt.Sprintf("the body is %d bytes, at most %d allowed", r.ContentLength, maxBody)}
	}
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Field: "body", Rule: "max-body-bytes",
			Message: fmt.Sprintf("the body is larger than %d bytes", tooLarge.Limit)}
	case err != nil:
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "unreadable", Message: "the body could not be read: " + err.Error()}
	case len(bytes.TrimSpace(body)) == 0:
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "required", Message: "the body is empty"}
	}
	if err := strictjson.Decode(body, maxBody, v); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonRules names the strict reader's kinds of refusal as rule codes.
var jsonRules = []struct {
	err    error
	status int
	rule   string
}{
	{strictjson.ErrTooLarge, http.StatusRequestEntityTooLarge, "max-body-bytes"},
	{strictjson.ErrTooDeep, http.StatusBadRequest, "max-depth"},
	{strictjson.ErrUTF8, http.StatusBadRequest, "invalid-utf8"},
	{strictjson.ErrNull, http.StatusBadRequest, "null"},
	{strictjson.ErrDuplicateKey, http.StatusBadRequest, "duplicate-key"},
	{strictjson.ErrUnknownField, http.StatusBadRequest, "unknown-field"},
	{strictjson.ErrTrailing, http.StatusBadRequest, "single-json-value"},
}

// jsonError turns a decoding error into the response error, naming the field where the reader says it.
func jsonError(err error) *apiError {
	field := "body"
	var se *strictjson.Error
	if errors.As(err, &se) && se.Path != "" {
		field = truncate(se.Path, 100)
	}
	for _, r := range jsonRules {
		if errors.Is(err, r.err) {
			return &apiError{Status: r.status, Field: field, Rule: r.rule, Message: err.Error()}
		}
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return &apiError{Status: http.StatusBadRequest, Field: field, Rule: "json-type",
			Message: fmt.Sprintf("%s must be a JSON %s, not %s", field, jsonKind(typ.Type.String()), typ.Value)}
	}
	if se := (*sq.Error)(nil); errors.As(err, &se) { // a value's own reader refused it: the library's rule
		status, rule := classify(err)
		return &apiError{Status: status, Field: field, Rule: rule, Message: err.Error()}
	}
	return &apiError{Status: http.StatusBadRequest, Field: field, Rule: "json-syntax", Message: err.Error()}
}

// jsonKind names the JSON form of a Go type for messages.
func jsonKind(goType string) string {
	switch {
	case goType == "string" || goType == "time.Time":
		return "string"
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "uint") || strings.HasPrefix(goType, "float"):
		return "number"
	case goType == "bool":
		return "boolean"
	case strings.HasPrefix(goType, "[]"):
		return "array"
	}
	return "object"
}

// decimalText is a decimal as the service accepts it: a string of at most 20 digits before the point and 18
// after, optionally negative (so that a range rule, not the syntax, refuses -1).
var decimalText = regexp.MustCompile(`^-?[0-9]{1,20}(\.[0-9]{1,18})?$`)

// parseDecimal reads the decimal string of the named field; its length is checked before it is parsed.
func parseDecimal(field, s string) (decimal.Decimal, *apiError) {
	if !decimalText.MatchString(s) {
		return decimal.Decimal{}, badRequest(field, "decimal-string",
			fmt.Sprintf("%s %q is not a decimal string such as \"4.5\"", field, truncate(s, 40)))
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, badRequest(field, "decimal-string", err.Error())
	}
	return d, nil
}

// parseTime reads the RFC 3339 time of the named field.
func parseTime(field, s string) (time.Time, *apiError) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, badRequest(field, "rfc3339",
			fmt.Sprintf("%s %q is not an RFC 3339 time such as \"2026-03-02T10:00:00+05:00\"", field, truncate(s, 40)))
	}
	return t, nil
}

// loadLocation reads the IANA time-zone name of the named field; the machine's local zone is refused.
func loadLocation(field, name string) (*time.Location, *apiError) {
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, badRequest(field, "iana-time-zone",
			fmt.Sprintf("%s %q must name an IANA time zone such as \"Asia/Almaty\"", field, truncate(name, 64)))
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, badRequest(field, "iana-time-zone", fmt.Sprintf("%s %q: %v", field, name, err))
	}
	return loc, nil
}

// truncate shortens a caller's text for a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// indent re-indents JSON for people.
func indent(b []byte) string {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return string(b)
	}
	return out.String()
}
