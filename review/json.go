package review

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
)

// MaxReviewJSON is the largest review document ParseReview reads, in bytes.
const MaxReviewJSON = 4 << 20

type eventJSON struct {
	Kind     string             `json:"kind"`
	At       time.Time          `json:"at"`
	By       Actor              `json:"by"`
	Reason   string             `json:"reason,omitempty"`
	Proposed *rubric.Evaluation `json:"proposed,omitempty"` // the answers of a dispute
	Revised  *rubric.Evaluation `json:"revised,omitempty"`  // the answers of a re-scoring
	Decision string             `json:"decision,omitempty"`
	Accepted []string           `json:"accepted,omitempty"`
}

type reviewJSON struct {
	Rubric     string            `json:"rubric"`
	Version    string            `json:"version"`
	Evaluation rubric.Evaluation `json:"evaluation"`
	ScoredBy   Actor             `json:"scored_by"`
	ScoredAt   time.Time         `json:"scored_at"`
	Events     []eventJSON       `json:"events"`
}

// MarshalJSON writes the review with the ID and version of its rubric, the evaluation as first scored, who scored
// it and when, and the history; the answers of a dispute are written as "proposed" and those of a re-scoring as
// "revised", each in the evaluation's JSON form:
//
//	{"rubric": "call-quality", "version": "2026-01", "evaluation": {...},
//	 "scored_by": {"id": "qa-3", "role": "specialist"}, "scored_at": "2026-03-02T12:00:00Z",
//	 "events": [{"kind": "disputed", "at": "...", "by": {"id": "anna", "role": "agent"}, "reason": "...",
//	             "proposed": {"answers": [{"criterion": "greeting", "points": "0.5"}]}},
//	            {"kind": "decided", "at": "...", "by": {...}, "reason": "...", "decision": "accepted"}]}
//
// ParseReview reads it back against the rubric to an Equal review.
func (v Review) MarshalJSON() ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	w := reviewJSON{Rubric: v.rubric.ID(), Version: v.rubric.Version(), Evaluation: v.original, ScoredBy: v.scoredBy,
		ScoredAt: v.scoredAt, Events: make([]eventJSON, len(v.events))}
	for i, e := range v.events {
		ej := eventJSON{Kind: e.Kind.String(), At: e.At, By: e.By, Reason: e.Reason, Accepted: e.Accepted}
		if e.Kind == Decided {
			ej.Decision = e.Decision.String()
		}
		switch e.Kind {
		case Disputed:
			ej.Proposed = &rubric.Evaluation{Answers: e.Answers}
		case Rescored:
			ej.Revised = &rubric.Evaluation{Answers: e.Answers}
		}
		w.Events[i] = ej
	}
	return strictjson.Marshal(w)
}

// UnmarshalJSON refuses: a review is read against its rubric with ParseReview. The error wraps ErrInvalidReview.
func (v *Review) UnmarshalJSON([]byte) error {
	return errf(ErrInvalidReview, "read a review with ParseReview(rubric, data), which checks it against the rubric")
}

// ParseReview reads a review written by MarshalJSON against rubric r: the rubric's ID and version must be the
// stored ones, and the history is replayed as Append checks it, so a history r makes impossible is refused.
// Reading is strict (exact keys, no repeats, no null, valid UTF-8, at most MaxReviewJSON bytes). Errors wrap
// ErrInvalidReview, ErrInvalidEvent or ErrInvalidAnswer.
func ParseReview(r *rubric.Rubric, data []byte) (Review, error) {
	var w reviewJSON
	if err := strictjson.Decode(data, MaxReviewJSON, &w); err != nil {
		return Review{}, jsonError(err)
	}
	if r == nil || w.Rubric != r.ID() || w.Version != r.Version() {
		id, version := "", ""
		if r != nil {
			id, version = r.ID(), r.Version()
		}
		return Review{}, errf(ErrInvalidReview, "the review was stored on rubric %q version %q, not %q version %q",
			clip(w.Rubric), clip(w.Version), id, version)
	}
	v, err := New(r, w.Evaluation, w.ScoredBy, w.ScoredAt)
	if err != nil {
		return Review{}, err
	}
	for i, ej := range w.Events {
		e := Event{At: ej.At, By: ej.By, Reason: ej.Reason, Accepted: ej.Accepted}
		k, ok := lookup(kindNames[:], ej.Kind)
		if !ok {
			return Review{}, errf(sq.ErrMalformed, "event %d: kind %q is not disputed, decided, rescored or closed",
				i+1, clip(ej.Kind))
		}
		e.Kind = Kind(k)
		if ej.Decision != "" {
			d, ok := lookup(decisionNames[:], ej.Decision)
			if !ok {
				return Review{}, errf(sq.ErrMalformed, "event %d: decision %q is not accepted, partly-accepted or"+
					" rejected", i+1, clip(ej.Decision))
			}
			e.Decision = Decision(d)
		}
		switch {
		case ej.Proposed != nil && e.Kind == Disputed:
			e.Answers = ej.Proposed.Answers
		case ej.Revised != nil && e.Kind == Rescored:
			e.Answers = ej.Revised.Answers
		case ej.Proposed != nil || ej.Revised != nil:
			return Review{}, errf(sq.ErrMalformed, "event %d: a %s event has no \"proposed\" or \"revised\" answers",
				i+1, e.Kind)
		}
		if v, err = v.Append(e); err != nil {
			return Review{}, err
		}
	}
	return v, nil
}

func lookup(names []string, s string) (int, bool) {
	for i, n := range names {
		if n != "" && n == s {
			return i, true
		}
	}
	return 0, false
}

var _ json.Marshaler = Review{}

// jsonError is the error for a review document that strictjson refused: a value's own *sq.Error as it is, or
// sq.ErrMalformed (sq.ErrLimit for one too large or too deep).
func jsonError(err error) error {
	var inner *sq.Error
	if errors.As(err, &inner) {
		return inner
	}
	kind := sq.ErrMalformed
	if errors.Is(err, sq.ErrLimit) {
		kind = sq.ErrLimit
	}
	return &sq.Error{Pkg: "review", Rule: "JSON: " + err.Error(), Err: kind}
}

// MarshalText writes the kind's name; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if k < Disputed || k > Closed {
		return nil, errf(ErrInvalidEvent, "kind %d is not disputed, decided, rescored or closed", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads "disputed", "decided", "rescored" or "closed".
func (k *Kind) UnmarshalText(b []byte) error {
	i, ok := lookup(kindNames[:], string(b))
	if !ok {
		return &sq.Error{Pkg: "review", Path: "kind", Value: sq.Quote(string(b)),
			Rule: "one of disputed, decided, rescored, closed", Err: sq.ErrMalformed}
	}
	*k = Kind(i)
	return nil
}

// MarshalText writes the decision's name; an invalid decision is an error.
func (d Decision) MarshalText() ([]byte, error) {
	if d < Accepted || d > Rejected {
		return nil, errf(ErrInvalidEvent, "decision %d is not accepted, partly-accepted or rejected", uint8(d))
	}
	return []byte(decisionNames[d]), nil
}

// UnmarshalText reads "accepted", "partly-accepted" or "rejected".
func (d *Decision) UnmarshalText(b []byte) error {
	i, ok := lookup(decisionNames[:], string(b))
	if !ok {
		return &sq.Error{Pkg: "review", Path: "decision", Value: sq.Quote(string(b)),
			Rule: "one of accepted, partly-accepted, rejected", Err: sq.ErrMalformed}
	}
	*d = Decision(i)
	return nil
}
