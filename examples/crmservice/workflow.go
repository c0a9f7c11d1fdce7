package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sq"
)

// templateRubric returns the built-in rubric a request names in field.
func templateRubric(field, id string) (*rubric.Rubric, *apiError) {
	if id == "" {
		return nil, badRequest(field, "required", fmt.Sprintf("%q names a built-in rubric: %s", field,
			strings.Join(rubric.Templates(), ", ")))
	}
	rb, err := rubric.Template(id)
	if err != nil {
		return nil, badRequest(field, "unknown-rubric", fmt.Sprintf("rubric %q is not one of %s", truncate(id, 64),
			strings.Join(rubric.Templates(), ", ")))
	}
	return rb, nil
}

// selectRequest is the body of POST /v1/calls/select.
type selectRequest struct {
	Seed        string          `json:"seed"` // hex, 16 to 256 bytes
	PerEmployee int             `json:"per_employee"`
	Period      string          `json:"period"` // "quarterly" (default) or "monthly"
	Location    string          `json:"location"`
	Evaluated   []string        `json:"evaluated"`
	Employees   []string        `json:"employees"`
	Calls       []sampling.Call `json:"calls"`
}

// selectCalls chooses the calls to evaluate (SPEC R5, R6) and answers with the selection's audit record.
func (s *server) selectCalls(r *http.Request) (any, *apiError) {
	var req selectRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	seed, err := hex.DecodeString(req.Seed)
	if err != nil {
		return nil, badRequest("seed", "hex", "the seed is hex digits of a secret random key: "+err.Error())
	}
	loc, apiErr := loadLocation("location", req.Location)
	if apiErr != nil {
		return nil, apiErr
	}
	rule := sampling.Rule{PerEmployee: req.PerEmployee, Location: loc, Evaluated: req.Evaluated, Employees: req.Employees}
	switch req.Period {
	case "", "quarterly":
	case "monthly":
		rule.Period = sampling.Monthly
	default:
		return nil, badRequest("period", "one-of", fmt.Sprintf("period %q is not quarterly or monthly", truncate(req.Period, 20)))
	}
	if apiErr := cancelled(r); apiErr != nil {
		return nil, apiErr
	}
	sel, err := sampling.Select(req.Calls, seed, rule)
	if err != nil {
		return nil, libraryError("", err)
	}
	return sel, nil
}

// reviewRequest is the body of POST /v1/reviews: a review's JSON with any new event appended.
type reviewRequest struct {
	Rubric string          `json:"rubric"`
	Review json.RawMessage `json:"review"`
	At     *time.Time      `json:"at"` // the time of the result in force; default the last event's
}

// reviewResponse is the checked review, the result in force and the open dispute.
type reviewResponse struct {
	Review      review.Review  `json:"review"`
	At          time.Time      `json:"at"`
	Result      rubric.Result  `json:"result"`
	OpenDispute *openDisputeJS `json:"open_dispute"`
}

type openDisputeJS struct {
	Since  time.Time    `json:"since"`
	By     review.Actor `json:"by"`
	Reason string       `json:"reason"`
}

// reviewEvent checks a review and its newest event — a dispute filed, decided, a re-scoring — against the rubric and
// answers with the result in force. The service keeps no state: the CRM stores the review's JSON.
func (s *server) reviewEvent(r *http.Request) (any, *apiError) {
	var req reviewRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	rb, apiErr := templateRubric("rubric", req.Rubric)
	if apiErr != nil {
		return nil, apiErr
	}
	if len(req.Review) == 0 {
		return nil, badRequest("review", "required", `"review" is required`)
	}
	if apiErr := cancelled(r); apiErr != nil {
		return nil, apiErr
	}
	v, err := review.ParseReview(rb, req.Review)
	if err != nil {
		return nil, libraryError("review", err)
	}
	at := v.ScoredAt()
	if evs := v.Events(); len(evs) > 0 {
		at = evs[len(evs)-1].At
	}
	if req.At != nil {
		at = *req.At
	}
	res, err := v.ResultAt(at)
	if err != nil {
		return nil, valueError("at", err)
	}
	out := reviewResponse{Review: v, At: at, Result: res}
	if d, ok := v.OpenDispute(at); ok {
		out.OpenDispute = &openDisputeJS{Since: d.At, By: d.By, Reason: d.Reason}
	}
	return out, nil
}

// factsRequest is the body of POST /v1/score/facts.
type factsRequest struct {
	Rubric     string            `json:"rubric"`
	Evaluation json.RawMessage   `json:"evaluation"` // the specialist's answers
	Facts      autoqa.Facts      `json:"facts"`
	Overrides  []overrideRequest `json:"overrides"`
	At         time.Time         `json:"at"` // when the evaluation is made
}

type overrideRequest struct {
	Answer json.RawMessage `json:"answer"` // {"criterion": "...", "level"|"points"|"na": ...}
	Reason string          `json:"reason"`
	By     string          `json:"by"`
}

type autoJS struct {
	Criterion string `json:"criterion,omitempty"`
	Violation string `json:"violation,omitempty"`
	Answer    string `json:"answer,omitempty"`
	Rule      string `json:"rule"`
	Facts     string `json:"facts"`
}

type factsResponse struct {
	Result     rubric.Result `json:"result"`
	Automatic  []autoJS      `json:"automatic"`
	Overridden []string      `json:"overridden"`
}

var answerIndex = regexp.MustCompile(`^answers\[[0-9]+\]\.?`)

// factRules are the built-in auto-check rules per built-in rubric.
var factRules = map[string]func() autoqa.RuleSet{
	rubric.PhoneEtiquetteID: autoqa.PhoneEtiquetteRules,
	rubric.CallQualityID:    autoqa.CallQualityRules,
}

// scoreFacts scores an evaluation whose answers the telephony facts complete (SPEC R21, R22, R4.1).
func (s *server) scoreFacts(r *http.Request) (any, *apiError) {
	var req factsRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	rb, apiErr := templateRubric("rubric", req.Rubric)
	if apiErr != nil {
		return nil, apiErr
	}
	rules, ok := factRules[rb.ID()]
	if !ok {
		return nil, badRequest("rubric", "no-rules", fmt.Sprintf("rubric %q has no built-in auto-check rules", rb.ID()))
	}
	manual := rubric.Evaluation{}
	if len(req.Evaluation) > 0 {
		e, err := rubric.ParseEvaluation(req.Evaluation)
		if err != nil {
			return nil, libraryError("evaluation", err)
		}
		manual = e
	}
	var overrides []autoqa.Override
	for i, o := range req.Overrides {
		field := sq.Index("overrides", i) + ".answer"
		if len(o.Answer) == 0 {
			return nil, badRequest(field, "required", "every override gives its answer")
		}
		// The answer is read as the one answer of an evaluation; its errors name the place inside the answer.
		e, err := rubric.ParseEvaluation([]byte(`{"answers":[` + string(o.Answer) + `]}`))
		if err != nil {
			// The answer was read as an evaluation's only one: its errors' paths start with "answers[1]".
			return nil, libraryError(field, rePath(err, func(p string) string { return answerIndex.ReplaceAllString(p, "") }))
		}
		if len(e.Answers) != 1 {
			return nil, badRequest(field, "one-answer", "an override gives one answer")
		}
		overrides = append(overrides, autoqa.Override{Answer: e.Answers[0], Reason: o.Reason, By: o.By})
	}
	if apiErr := cancelled(r); apiErr != nil {
		return nil, apiErr
	}
	d, err := rules().Derive(rb, req.Facts, req.At)
	if err != nil {
		return nil, libraryError("facts", err)
	}
	e, rec, err := autoqa.Combine(manual, d, overrides)
	if err != nil {
		return nil, libraryError("overrides", err)
	}
	res, err := rb.Score(e)
	if err != nil {
		return nil, libraryError("evaluation", err)
	}
	out := factsResponse{Result: res, Automatic: []autoJS{}, Overridden: []string{}}
	for _, a := range rec.Auto {
		ans := a.Answer.Level
		if a.Answer.NA {
			ans = "n/a"
		}
		out.Automatic = append(out.Automatic, autoJS{Criterion: a.Answer.Criterion, Answer: ans, Rule: a.Rule, Facts: a.Facts})
	}
	for _, v := range rec.Violations {
		out.Automatic = append(out.Automatic, autoJS{Violation: v.Violation, Rule: v.Rule, Facts: v.Facts})
	}
	for _, o := range rec.Overridden {
		out.Overridden = append(out.Overridden, o.Answer.Criterion)
	}
	return out, nil
}
