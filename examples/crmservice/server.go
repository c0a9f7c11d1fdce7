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
	mux.Handle("/v1/score", only(http.MethodPost, s.score))
	mux.Handle("/v1/rating/personal", only(http.MethodPost, s.personal))
	mux.Handle("/v1/complaints/status", only(http.MethodPost, s.complaintStatus))
	mux.Handle("/v1/rubrics", only(http.MethodGet, s.rubrics))
	mux.Handle("/healthz", only(http.MethodGet, func(*http.Request) (any, *apiError) {
		return map[string]string{"status": "ok"}, nil
	}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Status: http.StatusNotFound, Field: "path", Rule: "unknown-path",
			Message: fmt.Sprintf("no endpoint %q; see /v1/score, /v1/rating/personal, /v1/complaints/status, /v1/rubrics", truncate(r.URL.Path, 100))})
	})
	return mux
}

// handlerFunc handles a request and returns the response value or an error.
type handlerFunc func(*http.Request) (any, *apiError)

// only serves h for the one method allowed and answers 405 otherwise.
func only(method string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Field: "method", Rule: "method-not-allowed",
				Message: fmt.Sprintf("method %s is not allowed here; use %s", truncate(r.Method, 20), method)})
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		v, apiErr := h(r)
		if apiErr != nil {
			writeError(w, apiErr)
			return
		}
		writeJSON(w, http.StatusOK, v)
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

// decodeBody decodes the JSON body of r into v strictly: application/json (or no content type), one JSON value,
// no unknown fields, at most maxBody bytes.
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
	d := json.NewDecoder(r.Body)
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := d.Token(); err != io.EOF {
		if err != nil && !isSyntax(err) {
			return jsonError(err)
		}
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "single-json-value",
			Message: "the body holds data after its JSON value"}
	}
	return nil
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// unknownField matches the message encoding/json gives for a field that DisallowUnknownFields refuses.
var unknownField = regexp.MustCompile(`^json: unknown field "(.*)"$`)

// jsonError turns a decoding error into the response error, naming the field where the decoder says it.
func jsonError(err error) *apiError {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Field: "body", Rule: "max-body-bytes",
			Message: fmt.Sprintf("the body is larger than %d bytes", tooLarge.Limit)}
	case errors.Is(err, io.EOF):
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "required", Message: "the body is empty"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "json-syntax",
			Message: "the body ends in the middle of a JSON value"}
	case errors.As(err, &syntax):
		return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "json-syntax",
			Message: fmt.Sprintf("malformed JSON at byte %d: %v", syntax.Offset, err)}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return &apiError{Status: http.StatusBadRequest, Field: field, Rule: "json-type",
			Message: fmt.Sprintf("%s must be a JSON %s, not %s", field, jsonKind(typ.Type.String()), typ.Value)}
	}
	if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
		field := truncate(m[1], 100)
		if field == "" {
			field = "body"
		}
		return &apiError{Status: http.StatusBadRequest, Field: field, Rule: "unknown-field",
			Message: fmt.Sprintf("unknown field %q", truncate(m[1], 100))}
	}
	return &apiError{Status: http.StatusBadRequest, Field: "body", Rule: "invalid-json", Message: err.Error()}
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
