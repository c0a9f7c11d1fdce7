package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
)

// presets are the policy presets a request may name, each in the request's location.
var presets = map[string]func(*time.Location) complaints.Policy{
	"default":                    complaints.DefaultPolicy,
	"kz-microfinance":            complaints.KazakhstanMicrofinance,
	"ru-financial-organisations": complaints.RussiaFinancialOrganisations,
	"ru-citizen-appeals":         complaints.RussiaCitizenAppeals,
	"cfpb":                       complaints.CFPB,
	"fca":                        complaints.FCA,
}

func presetNames() string {
	var names []string
	for n := range presets {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// complaintRequest is the body of POST /v1/complaints/status.
type complaintRequest struct {
	Policy           string          `json:"policy"`
	Location         string          `json:"location"`
	PolicyDefinition json.RawMessage `json:"policy_definition"`
	DueSoon          *int            `json:"due_soon"` // sets the preset's due-soon threshold, in its unit
	Complaint        json.RawMessage `json:"complaint"`
	Now              string          `json:"now"`
}

// complaintResponse is a complaint's status at a time: the complaint and its policy, and the status in the
// complaints package's own JSON form (deadline under "due", durations as Go duration strings).
type complaintResponse struct {
	ID     string            `json:"id"`
	Policy string            `json:"policy"`
	Unit   complaints.Unit   `json:"unit"`
	Status complaints.Status `json:"status"`
}

// complaintStatus computes a complaint's deadline and status (SPEC R16–R18).
func (s *server) complaintStatus(r *http.Request) (any, *apiError) {
	var req complaintRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	p, apiErr := requestPolicy(req)
	if apiErr != nil {
		return nil, apiErr
	}
	if len(req.Complaint) == 0 {
		return nil, badRequest("complaint", "required", `"complaint" is required`)
	}
	c, err := complaints.ParseComplaint(req.Complaint, p)
	if err != nil {
		return nil, libraryError("complaint", err)
	}
	now := s.now()
	if req.Now != "" {
		if now, apiErr = parseTime("now", req.Now); apiErr != nil {
			return nil, apiErr
		}
	}
	if apiErr := checkWindow("complaint.received_at", c.Info().ReceivedAt); apiErr != nil {
		return nil, apiErr
	}
	for i, e := range c.Events() {
		if apiErr := checkWindow("complaint."+sq.Index("events", i)+".at", e.At); apiErr != nil {
			return nil, apiErr
		}
	}
	if apiErr := checkWindow("now", now); apiErr != nil {
		return nil, apiErr
	}
	st, err := c.Status(now)
	if err != nil {
		return nil, valueError("now", err)
	}
	return complaintResponse{ID: c.Info().ID, Policy: c.Policy().Name, Unit: c.Policy().Unit, Status: st}, nil
}

// requestPolicy returns the preset named in the request, in its location, or the policy given inline.
func requestPolicy(req complaintRequest) (complaints.Policy, *apiError) {
	switch {
	case req.Policy != "" && len(req.PolicyDefinition) > 0:
		return complaints.Policy{}, badRequest("policy", "one-of",
			`give either "policy" (a preset) with "location", or "policy_definition", not both`)
	case len(req.PolicyDefinition) > 0:
		if req.Location != "" || req.DueSoon != nil {
			return complaints.Policy{}, badRequest("location", "not-allowed",
				`"location" and "due_soon" go inside "policy_definition"`)
		}
		p, err := complaints.ParsePolicy(req.PolicyDefinition)
		if err != nil {
			return p, libraryError("policy_definition", err)
		}
		return p, nil
	case req.Policy == "":
		return complaints.Policy{}, badRequest("policy", "required",
			fmt.Sprintf(`give "policy" (one of %s) with "location", or "policy_definition"`, presetNames()))
	}
	preset, ok := presets[req.Policy]
	if !ok {
		return complaints.Policy{}, badRequest("policy", "unknown-policy",
			fmt.Sprintf("policy %q is not one of %s", truncate(req.Policy, 64), presetNames()))
	}
	loc, apiErr := loadLocation("location", req.Location)
	if apiErr != nil {
		return complaints.Policy{}, apiErr
	}
	p := preset(loc)
	if req.DueSoon != nil {
		p.DueSoon = *req.DueSoon
		if err := p.Validate(); err != nil {
			return p, valueError("due_soon", err)
		}
	}
	return p, nil
}

// The years this service accepts. They keep every deadline it computes writable as RFC 3339 (years 0–9999) and
// the days it counts few: a status at the year 9999 of a complaint paused in the year 1 would count millions of
// days.
var (
	earliest = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	latest   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkWindow refuses a time outside the years the service accepts.
func checkWindow(field string, t time.Time) *apiError {
	if t.Before(earliest) || !t.Before(latest) {
		return badRequest(field, "out-of-range", fmt.Sprintf("%s %s is outside the years 1970–2199 this service "+
			"accepts", field, t.Format(time.RFC3339)))
	}
	return nil
}
