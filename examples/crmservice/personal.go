package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// personalRequest is the body of POST /v1/rating/personal.
type personalRequest struct {
	Employee string          `json:"employee"`
	Calls    []callInput     `json:"calls"`
	Earlier  json.RawMessage `json:"earlier"` // a stored rating.Accumulator
	Survey   struct {
		CSI       json.RawMessage `json:"csi"`       // survey.CSI JSON: {"counts": [ones, ..., fives]}
		Recommend json.RawMessage `json:"recommend"` // survey.Share JSON: {"hits": n, "total": m}
	} `json:"survey"`
	Coverage json.RawMessage `json:"coverage"` // survey.Share JSON: {"hits": surveyed, "total": clients}
	Quarter  string          `json:"quarter"`
	Location string          `json:"location"`
	Settings json.RawMessage `json:"settings"` // rating.PersonalSettings JSON; default rating.DefaultPersonalSettings
}

// callInput is one evaluated call: its evaluation ID, time and total on 0–5.
type callInput struct {
	Evaluation string `json:"evaluation"`
	At         string `json:"at"`
	Total      string `json:"total"`
}

// maxCalls bounds the calls of one request (the body limit bounds them too).
const maxCalls = 10000

// personalResponse is the answer: the rating for display (one place, half-up), only when sufficient, and the
// personal rating in the rating package's JSON form — status, stored and exact value, components, reasons, and
// the calls' accumulator to send back as "earlier" next time.
type personalResponse struct {
	Rating   *string         `json:"rating"`
	Personal rating.Personal `json:"personal"`
}

// personal computes a personal rating (SPEC R5, R6, R8, R10, R14).
func (s *server) personal(r *http.Request) (any, *apiError) {
	var req personalRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if req.Employee == "" {
		return nil, badRequest("employee", "required", `"employee" is required`)
	}
	settings := rating.DefaultPersonalSettings()
	if len(req.Settings) > 0 {
		if err := json.Unmarshal(req.Settings, &settings); err != nil {
			return nil, libraryError("settings", err)
		}
	}
	rater, err := rating.NewPersonalRater(settings)
	if err != nil {
		return nil, libraryError("settings", err)
	}
	in := rating.PersonalInput{EmployeeID: req.Employee}
	var apiErr *apiError
	if in.Calls, apiErr = callScores(req.Employee, req.Calls); apiErr != nil {
		return nil, apiErr
	}
	if len(req.Earlier) > 0 {
		if err := json.Unmarshal(req.Earlier, &in.Earlier); err != nil {
			return nil, libraryError("earlier", err)
		}
	}
	if in.Survey, apiErr = surveyInput(req); apiErr != nil {
		return nil, apiErr
	}
	if req.Quarter != "" || req.Location != "" {
		q, err := sq.ParseQuarter(req.Quarter)
		if err != nil {
			return nil, valueError("quarter", err)
		}
		loc, apiErr := loadLocation("location", req.Location)
		if apiErr != nil {
			return nil, apiErr
		}
		in.RequireEvaluationIn = q.Period(loc)
	}
	if apiErr := cancelled(r); apiErr != nil {
		return nil, apiErr
	}
	p, err := rater.Rate(in)
	if err != nil {
		// The calls are the request's, in order; rating starts a Path with the employee and names a call's
		// evaluation "evaluation_id".
		return nil, libraryError("", rePath(err, func(p string) string {
			p = strings.TrimPrefix(strings.TrimPrefix(p, fmt.Sprintf("employee %q", req.Employee)), ".")
			return strings.Replace(p, ".evaluation_id", ".evaluation", 1)
		}))
	}
	return personalAnswer(p), nil
}

// callScores converts the calls, naming the call and field of a time or total that cannot be read; rating checks
// the rest (SPEC R1's 0–5 scale, an evaluation counted once).
func callScores(employee string, calls []callInput) ([]rating.CallScore, *apiError) {
	if len(calls) > maxCalls {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Field: "calls", Rule: "max-items",
			Message: fmt.Sprintf("%d calls, at most %d per request; send the earlier ones as \"earlier\"", len(calls), maxCalls)}
	}
	out := make([]rating.CallScore, 0, len(calls))
	for i, c := range calls {
		field := sq.Index("calls", i)
		at, apiErr := parseTime(field+".at", c.At)
		if apiErr != nil {
			return nil, apiErr
		}
		total, apiErr := parseDecimal(field+".total", c.Total)
		if apiErr != nil {
			return nil, apiErr
		}
		out = append(out, rating.CallScore{EvaluationID: c.Evaluation, EmployeeID: employee, At: at, Total: total})
	}
	return out, nil
}

// surveyInput reads the survey tallies and coverage in the survey package's JSON forms and makes the index.
func surveyInput(req personalRequest) (rating.Survey, *apiError) {
	var t survey.Tallies
	if len(req.Survey.CSI) > 0 {
		if err := json.Unmarshal(req.Survey.CSI, &t.CSI); err != nil {
			return rating.Survey{}, libraryError("survey.csi", err)
		}
	}
	if len(req.Survey.Recommend) > 0 {
		if err := json.Unmarshal(req.Survey.Recommend, &t.Recommend); err != nil {
			return rating.Survey{}, libraryError("survey.recommend", err)
		}
	}
	var cov survey.Share
	if len(req.Coverage) > 0 {
		if err := json.Unmarshal(req.Coverage, &cov); err != nil {
			return rating.Survey{}, libraryError("coverage", err)
		}
	}
	sv, err := rating.SurveyOf(t, cov)
	if err != nil {
		return rating.Survey{}, valueError("survey", err)
	}
	return sv, nil
}

// personalAnswer lays the rating out for the response.
func personalAnswer(p rating.Personal) personalResponse {
	out := personalResponse{Personal: p}
	if v, ok := p.Final(); ok {
		r, _ := v.Round(sq.DisplayPrecision())
		shown := r.Fixed(1)
		out.Rating = &shown
	}
	return out
}
