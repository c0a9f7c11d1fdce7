package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/sq"
)

// Library errors map to HTTP by their sq kind; the rule code is the package's sentinel in kebab case.
func TestLibraryErrorKinds(t *testing.T) {
	unknown := sq.Sentinel("unknown criterion", sq.ErrInvalid)
	var v []int
	tooLarge := strictjson.Decode([]byte("[1, 2, 3]"), 4, &v)
	if !errors.Is(tooLarge, sq.ErrMalformed) || !errors.Is(tooLarge, sq.ErrLimit) {
		t.Fatalf("strictjson.Decode of a document over its limit = %v, want an error of both kinds", tooLarge)
	}
	tests := []struct {
		name   string
		err    error
		status int
		field  string
		rule   string
		reason string
	}{
		{"invalid", &sq.Error{Pkg: "rubric", Path: "answers[8].criterion", Value: `"x"`, Err: unknown}, 422,
			"evaluation.answers[8].criterion", "unknown-criterion", "a rule broken: 422, the field from the path"},
		{"limit", fmt.Errorf("wrapped: %w", &sq.Error{Pkg: "rating", Err: sq.ErrLimit}), 413, "evaluation",
			"over-a-limit", "over a limit: 413, the kind's code when no domain sentinel"},
		{"malformed", &sq.Error{Pkg: "survey", Path: "counts", Err: sq.ErrMalformed}, 400, "evaluation.counts",
			"malformed-input", "bad JSON or syntax: 400"},
		{"joined", errors.Join(&sq.Error{Err: unknown}, &sq.Error{Err: sq.ErrLimit}), 422, "evaluation",
			"unknown-criterion", "several problems: the first one's status"},
		{"rating", fmt.Errorf("x: %w", rating.ErrInvalidWeight), 422, "evaluation", "invalid-input",
			"rating's sentinels are made by sq.Sentinel: outside an *sq.Error, their kind's status and code"},
		{"review", fmt.Errorf("x: %w", review.ErrInvalidReview), 422, "evaluation", "invalid-input",
			"a sentinel made by sq.Sentinel outside an *sq.Error: its kind's status and code"},
		{"too large", tooLarge, 413, "evaluation", "over-a-limit",
			"a document refused for its size is malformed and over a limit: the limit wins"},
		{"kebab", &sq.Error{Path: "answers[2].na", Err: sq.Sentinel("N/A not allowed", sq.ErrInvalid)}, 422,
			"evaluation.answers[2].na", "n-a-not-allowed", "the rule code is lower case, each run of other characters one hyphen"},
		{"other", errors.New("disk on fire"), 500, "evaluation", "internal", "not a kind of bad input: a fault"},
	}
	for _, tt := range tests {
		got := libraryError("evaluation", tt.err)
		if got.Status != tt.status || got.Field != tt.field || got.Rule != tt.rule {
			t.Errorf("%s: libraryError = %d %q %q, want %d %q %q (%s)", tt.name, got.Status, got.Field, got.Rule,
				tt.status, tt.field, tt.rule, tt.reason)
		}
	}
}

// The field of a problem is its JSON path in the request: the library's Path under the field it read, once.
func TestLibraryErrorFields(t *testing.T) {
	weights := &sq.Error{Pkg: "rating", Path: "call_weight, survey_weight", Err: rating.ErrInvalidWeight}
	quarter := &sq.Error{Pkg: "sq", Path: "quarter", Value: "2026-Q5", Err: sq.ErrInvalid}
	call := &sq.Error{Pkg: "sampling", Path: "calls[3]", Err: sq.ErrInvalid}
	tests := []struct {
		name   string
		got    *apiError
		field  string
		reason string
	}{
		{"under", libraryError("settings", &sq.Error{Path: "min_calls", Err: sq.ErrInvalid}), "settings.min_calls",
			"a setting inside the request's settings"},
		{"several", libraryError("settings", weights), "settings.call_weight, settings.survey_weight",
			"a rule about several fields names each in the request"},
		{"no path", libraryError("due_soon", &sq.Error{Err: sq.ErrInvalid}), "due_soon",
			"an error without a Path is about the whole field"},
		{"top", libraryError("", call), "calls[3]", "the library read the request's own fields: its Path is the field"},
		{"request", libraryError("", &sq.Error{Err: sq.ErrInvalid}), "body",
			"a rule about the request as a whole"},
		{"value", valueError("quarter", quarter), "quarter",
			"a single value's Path names the value itself and is not repeated (was quarter.quarter)"},
	}
	for _, tt := range tests {
		if tt.got.Field != tt.field {
			t.Errorf("%s: field %q, want %q (%s)", tt.name, tt.got.Field, tt.field, tt.reason)
		}
	}
}
