package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/servicequality/servicequality/rubric"
)

// scoreRequest is the body of POST /v1/score.
type scoreRequest struct {
	Rubric     string          `json:"rubric"`     // a built-in template's ID
	Definition json.RawMessage `json:"definition"` // or a rubric definition inline
	Evaluation json.RawMessage `json:"evaluation"`
}

// score scores an evaluation (SPEC R1–R4) and answers with the result's JSON.
func (s *server) score(r *http.Request) (any, *apiError) {
	var req scoreRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	var rb *rubric.Rubric
	switch {
	case req.Rubric != "" && len(req.Definition) > 0:
		return nil, badRequest("rubric", "one-of", `give either "rubric" (a built-in rubric's ID) or "definition", not both`)
	case req.Rubric != "":
		t, err := rubric.Template(req.Rubric)
		if err != nil {
			return nil, badRequest("rubric", "unknown-rubric", fmt.Sprintf("rubric %q is not one of %s",
				truncate(req.Rubric, 64), strings.Join(rubric.Templates(), ", ")))
		}
		rb = t
	case len(req.Definition) > 0:
		if apiErr := cancelled(r); apiErr != nil {
			return nil, apiErr
		}
		d, err := rubric.Parse(req.Definition)
		if err != nil {
			return nil, libraryError("definition", err)
		}
		rb = d
	default:
		return nil, badRequest("rubric", "required", `give "rubric" (a built-in rubric's ID) or "definition"`)
	}
	if len(req.Evaluation) == 0 {
		return nil, badRequest("evaluation", "required", `"evaluation" is required`)
	}
	e, err := rubric.ParseEvaluation(req.Evaluation)
	if err != nil {
		return nil, libraryError("evaluation", err)
	}
	// Scoring costs in proportion to the answers; a valid evaluation has one per criterion.
	if n, most := len(e.Answers), len(rb.Criteria()); n > most {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Field: "evaluation.answers", Rule: "max-items",
			Message: fmt.Sprintf("%d answers, at most %d (one per criterion of rubric %q)", n, most, rb.ID())}
	}
	if apiErr := cancelled(r); apiErr != nil {
		return nil, apiErr
	}
	res, err := rb.Score(e)
	if err != nil {
		return nil, libraryError("evaluation", err)
	}
	return res, nil
}

// rubrics lists the built-in rubric definitions for GET /v1/rubrics.
func (s *server) rubrics(*http.Request) (any, *apiError) {
	var list []json.RawMessage
	for _, id := range rubric.Templates() {
		b, err := rubric.TemplateJSON(id)
		if err != nil {
			return nil, &apiError{Status: http.StatusInternalServerError, Field: "rubric", Rule: "internal",
				Message: err.Error()}
		}
		list = append(list, b)
	}
	return map[string][]json.RawMessage{"rubrics": list}, nil
}
