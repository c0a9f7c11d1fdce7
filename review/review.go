// Package review keeps the life of a scored evaluation as an immutable history: scored, disputed by the agent or
// their manager with proposed answers, decided by an arbitrator (accepted wholly or per criterion, or rejected),
// re-scored by a specialist, closed — each event with who, when and why — and gives the result in force at any
// instant, rescored on the same rubric version.
//
// A Review is a value: every method that records an event returns a new Review and leaves the receiver as it
// was, whether it succeeds or fails. Reviews are safe to share between goroutines; nothing here reads the clock.
// NewReport gives the open disputes with their age and the dispute and acceptance rates per evaluator and per
// criterion: an evaluator whose scores are often overturned needs calibration (see rubric/calibration).
package review

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
)

// Errors. Every error of this package for bad input is an *sq.Error wrapping one of them (each matches
// sq.ErrInvalid), sq.ErrMalformed (JSON that cannot be read) or sq.ErrLimit; errors of scoring also wrap the
// rubric's own. A refused event is named by its place in the history ("events[3]", counted from 1).
var (
	// ErrInvalidEvent is wrapped when an event cannot follow the history: deciding a dispute twice, a dispute
	// while another is open or after the review is closed, an event before the previous one, the wrong role, a
	// missing reason. The history is left unchanged.
	ErrInvalidEvent = sq.Sentinel("impossible review event", sq.ErrInvalid)
	// ErrInvalidAnswer is wrapped when proposed or revised answers name an unknown criterion, repeat one, or do
	// not score on the rubric (the rubric's own sentinel is wrapped too).
	ErrInvalidAnswer = sq.Sentinel("invalid answer in a review", sq.ErrInvalid)
	// ErrBeforeScored is wrapped when the result is asked for at a time before the evaluation was scored.
	ErrBeforeScored = sq.Sentinel("time before the evaluation was scored", sq.ErrInvalid)
	// ErrInvalidReview is wrapped by errors about the review itself: no rubric, a zero time, an evaluation that
	// does not score, JSON that cannot be read.
	ErrInvalidReview = sq.Sentinel("invalid review", sq.ErrInvalid)
)

// Role is what an actor is to the evaluation. The roles below are the ones the rules check; any other non-empty
// text is accepted where no rule names a role.
type Role string

// Roles.
const (
	RoleAgent      Role = "agent"      // the employee whose work was evaluated
	RoleManager    Role = "manager"    // the agent's manager
	RoleArbitrator Role = "arbitrator" // who decides disputes
	RoleSpecialist Role = "specialist" // a quality specialist, who scores and re-scores
)

// Actor is who did something.
type Actor struct {
	ID   string `json:"id"`
	Role Role   `json:"role"`
}

// Kind is the kind of an event. The zero value is not valid.
type Kind uint8

// Kinds of events.
const (
	// Disputed: the agent or their manager disputes answers, proposing others, with a reason. Not while another
	// dispute is open, not after closing.
	Disputed Kind = iota + 1
	// Decided: an arbitrator decides the open dispute (Decision), with a reason.
	Decided
	// Rescored: a specialist revises answers, with a reason. Not while a dispute is open.
	Rescored
	// Closed: the review is closed; nothing follows. Not while a dispute is open.
	Closed
)

var kindNames = [...]string{Disputed: "disputed", Decided: "decided", Rescored: "rescored", Closed: "closed"}

// String returns "disputed", "decided", "rescored" or "closed".
func (k Kind) String() string {
	if k >= Disputed && k <= Closed {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Decision is an arbitrator's decision. The zero value is not valid.
type Decision uint8

// Decisions.
const (
	Accepted       Decision = iota + 1 // every proposed answer replaces the original
	PartlyAccepted                     // the proposed answers of the criteria in Event.Accepted replace the originals
	Rejected                           // the original answers stand
)

var decisionNames = [...]string{Accepted: "accepted", PartlyAccepted: "partly-accepted", Rejected: "rejected"}

// String returns "accepted", "partly-accepted" or "rejected".
func (d Decision) String() string {
	if d >= Accepted && d <= Rejected {
		return decisionNames[d]
	}
	return fmt.Sprintf("Decision(%d)", uint8(d))
}

// Event is one entry of a review's history.
type Event struct {
	Kind   Kind
	At     time.Time
	By     Actor
	Reason string
	// Answers are the proposed answers of a dispute, or the revised answers of a re-scoring; each names a
	// criterion of the rubric at most once. Criteria not named keep their answer.
	Answers []rubric.Answer
	// Decision and Accepted belong to a decision: Accepted lists the criteria accepted by a PartlyAccepted
	// decision, a non-empty proper subset of the disputed ones.
	Decision Decision
	Accepted []string
}

// Limits.
const (
	MaxEvents = 100  // events in one review
	MaxText   = 2000 // bytes of a reason
	MaxID     = 200  // bytes of an actor's ID or role
)

// Review is a scored evaluation and its history. The zero Review is refused by every method with an error
// wrapping ErrInvalidReview; build one with New or ParseReview.
type Review struct {
	rubric   *rubric.Rubric
	original rubric.Evaluation
	scoredBy Actor
	scoredAt time.Time
	events   []Event
}

// New scores e on r and starts its review: scored by by at at. Errors wrap ErrInvalidReview and, when e does not
// score, the rubric's sentinels.
func New(r *rubric.Rubric, e rubric.Evaluation, by Actor, at time.Time) (Review, error) {
	if r == nil {
		return Review{}, errf(ErrInvalidReview, "no rubric")
	}
	if err := checkActor(by); err != nil {
		return Review{}, &sq.Error{Pkg: "review", Path: "scored by", Rule: err.Error(), Err: ErrInvalidReview}
	}
	if at.IsZero() {
		return Review{}, errf(ErrInvalidReview, "evaluation %q: the scoring time is zero", e.ID)
	}
	if _, err := r.Score(e); err != nil {
		return Review{}, &sq.Error{Pkg: "review", Path: "evaluation", Value: sq.Quote(e.ID),
			Rule: "does not score: " + err.Error(),
			Err:  causedBy{ErrInvalidReview, err}}
	}
	e.Answers = slices.Clone(e.Answers)
	e.Violations = slices.Clone(e.Violations)
	return Review{rubric: r, original: e, scoredBy: by, scoredAt: at.Round(0)}, nil
}

func checkActor(a Actor) error {
	switch {
	case a.ID == "" || len(a.ID) > MaxID || !utf8.ValidString(a.ID):
		return fmt.Errorf("actor ID %q must be 1–%d bytes of UTF-8", clip(a.ID), MaxID)
	case a.Role == "" || len(a.Role) > MaxID || !utf8.ValidString(string(a.Role)):
		return fmt.Errorf("actor %q: role %q must be 1–%d bytes of UTF-8", clip(a.ID), clip(string(a.Role)), MaxID)
	}
	return nil
}

func (v Review) check() error {
	if v.rubric == nil {
		return errf(ErrInvalidReview, "zero Review; build one with New")
	}
	return nil
}

// Rubric returns the rubric the evaluation is scored on.
func (v Review) Rubric() *rubric.Rubric { return v.rubric }

// Original returns the evaluation as first scored.
func (v Review) Original() rubric.Evaluation {
	e := v.original
	e.Answers, e.Violations = slices.Clone(e.Answers), slices.Clone(e.Violations)
	return e
}

// ScoredBy and ScoredAt say who scored the evaluation first, and when.
func (v Review) ScoredBy() Actor     { return v.scoredBy }
func (v Review) ScoredAt() time.Time { return v.scoredAt }

// Events returns a copy of the history, oldest first.
func (v Review) Events() []Event {
	out := make([]Event, len(v.events))
	for i, e := range v.events {
		out[i] = cloneEvent(e)
	}
	return out
}

func cloneEvent(e Event) Event {
	e.Answers, e.Accepted = slices.Clone(e.Answers), slices.Clone(e.Accepted)
	return e
}

// Dispute records a dispute of answers by the agent or their manager at at, proposing answers, for a reason.
func (v Review) Dispute(at time.Time, by Actor, proposed []rubric.Answer, reason string) (Review, error) {
	return v.Append(Event{Kind: Disputed, At: at, By: by, Answers: proposed, Reason: reason})
}

// Decide records an arbitrator's decision of the open dispute at at. accepted lists the criteria accepted by a
// PartlyAccepted decision; it is empty for the others.
func (v Review) Decide(at time.Time, by Actor, d Decision, accepted []string, reason string) (Review, error) {
	return v.Append(Event{Kind: Decided, At: at, By: by, Decision: d, Accepted: accepted, Reason: reason})
}

// Rescore records a specialist's revision of answers at at, for a reason.
func (v Review) Rescore(at time.Time, by Actor, answers []rubric.Answer, reason string) (Review, error) {
	return v.Append(Event{Kind: Rescored, At: at, By: by, Answers: answers, Reason: reason})
}

// Close closes the review at at.
func (v Review) Close(at time.Time, by Actor) (Review, error) {
	return v.Append(Event{Kind: Closed, At: at, By: by})
}

// Append records e at the end of the history and returns the new review. An event that cannot follow the history
// is refused with an *sq.Error wrapping ErrInvalidEvent or ErrInvalidAnswer; v is unchanged.
func (v Review) Append(e Event) (Review, error) {
	if err := v.check(); err != nil {
		return Review{}, err
	}
	if len(v.events) >= MaxEvents {
		return Review{}, v.refuse(e, ErrInvalidEvent, "the history already holds %d events, the most allowed",
			MaxEvents)
	}
	e = cloneEvent(e)
	e.At = e.At.Round(0)
	s, err := v.replay(time.Time{}, false)
	if err != nil {
		return Review{}, err
	}
	if err := s.apply(e, len(v.events)); err != nil {
		return Review{}, err
	}
	n := v
	n.events = append(slices.Clip(v.events), e)
	return n, nil
}

// state is the review replayed up to some event.
type state struct {
	v       Review
	answers []rubric.Answer // the answers in force
	last    time.Time
	open    *Event // the open dispute
	closed  bool
}

func (v Review) replay(upTo time.Time, limit bool) (*state, error) {
	s := &state{v: v, answers: slices.Clone(v.original.Answers), last: v.scoredAt}
	for i, e := range v.events {
		if limit && e.At.After(upTo) {
			break
		}
		if err := s.apply(e, i); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (v Review) refuse(e Event, sentinel error, format string, args ...any) error {
	return eventError(len(v.events), e, sentinel, fmt.Sprintf(format, args...), nil)
}

// eventError returns the error for event e refused at index i of the history (counted from 0) for reason, with
// sentinel and the rubric's error that caused it, if any.
func eventError(i int, e Event, sentinel error, reason string, cause error) error {
	kind := sentinel
	if cause != nil {
		kind = causedBy{sentinel, cause}
	}
	return &sq.Error{Pkg: "review", Path: sq.Index("events", i),
		Value: fmt.Sprintf("%s at %s", e.Kind, e.At.Format(time.RFC3339)), Rule: reason, Err: kind}
}

// causedBy is a sentinel caused by another error: errors.Is matches both.
type causedBy struct{ sentinel, cause error }

func (c causedBy) Error() string   { return c.sentinel.Error() }
func (c causedBy) Unwrap() []error { return []error{c.sentinel, c.cause} }

func (s *state) apply(e Event, index int) error {
	refuse := func(sentinel error, format string, args ...any) error {
		return eventError(index, e, sentinel, fmt.Sprintf(format, args...), nil)
	}
	switch {
	case e.Kind < Disputed || e.Kind > Closed:
		return refuse(ErrInvalidEvent, "kind %d is not disputed, decided, rescored or closed", uint8(e.Kind))
	case e.At.IsZero():
		return refuse(ErrInvalidEvent, "the time is zero")
	case e.At.Before(s.last):
		return refuse(ErrInvalidEvent, "it is before the previous event at %s", s.last.Format(time.RFC3339))
	case s.closed:
		return refuse(ErrInvalidEvent, "the review is closed; nothing may follow")
	case checkActor(e.By) != nil:
		return refuse(ErrInvalidEvent, "%v", checkActor(e.By))
	case len(e.Reason) > MaxText || !utf8.ValidString(e.Reason):
		return refuse(ErrInvalidEvent, "the reason must be at most %d bytes of UTF-8", MaxText)
	case e.Kind != Decided && (e.Decision != 0 || len(e.Accepted) > 0):
		return refuse(ErrInvalidEvent, "only a decision has a decision and accepted criteria")
	case (e.Kind == Decided || e.Kind == Closed) && len(e.Answers) > 0:
		return refuse(ErrInvalidEvent, "a %s event carries no answers", e.Kind)
	}
	switch e.Kind {
	case Disputed:
		switch {
		case s.open != nil:
			return refuse(ErrInvalidEvent, "a dispute is already open since %s; it must be decided first",
				s.open.At.Format(time.RFC3339))
		case e.By.Role != RoleAgent && e.By.Role != RoleManager:
			return refuse(ErrInvalidEvent, "a dispute is filed by the agent or their manager, not by a %q",
				clip(string(e.By.Role)))
		case e.Reason == "":
			return refuse(ErrInvalidEvent, "a dispute needs a reason")
		}
		if err := s.checkAnswers(e, index); err != nil {
			return err
		}
		ev := e
		s.open = &ev
	case Decided:
		switch {
		case s.open == nil:
			return refuse(ErrInvalidEvent, "no dispute is open to decide")
		case e.By.Role != RoleArbitrator:
			return refuse(ErrInvalidEvent, "a dispute is decided by an arbitrator, not by a %q",
				clip(string(e.By.Role)))
		case e.Reason == "":
			return refuse(ErrInvalidEvent, "a decision needs a reason")
		case e.Decision < Accepted || e.Decision > Rejected:
			return refuse(ErrInvalidEvent, "decision %d is not accepted, partly-accepted or rejected",
				uint8(e.Decision))
		case e.Decision != PartlyAccepted && len(e.Accepted) > 0:
			return refuse(ErrInvalidEvent, "only a partly-accepted decision lists accepted criteria")
		}
		take := map[string]bool{}
		switch e.Decision {
		case Accepted:
			for _, a := range s.open.Answers {
				take[a.Criterion] = true
			}
		case PartlyAccepted:
			disputed := map[string]bool{}
			for _, a := range s.open.Answers {
				disputed[a.Criterion] = true
			}
			for _, c := range e.Accepted {
				if !disputed[c] || take[c] {
					return refuse(ErrInvalidAnswer,
						"accepted criterion %q is not one of those disputed, or is listed twice", clip(c))
				}
				take[c] = true
			}
			if len(take) == 0 || len(take) == len(disputed) {
				return refuse(ErrInvalidEvent,
					"a partly-accepted decision accepts some but not all of the %d disputed criteria",
					len(disputed))
			}
		}
		for _, a := range s.open.Answers {
			if take[a.Criterion] {
				s.set(a)
			}
		}
		s.open = nil
	case Rescored:
		switch {
		case s.open != nil:
			return refuse(ErrInvalidEvent, "a dispute is open since %s; decide it before re-scoring",
				s.open.At.Format(time.RFC3339))
		case e.By.Role != RoleSpecialist:
			return refuse(ErrInvalidEvent, "answers are re-scored by a specialist, not by a %q",
				clip(string(e.By.Role)))
		case e.Reason == "":
			return refuse(ErrInvalidEvent, "a re-scoring needs a reason")
		}
		if err := s.checkAnswers(e, index); err != nil {
			return err
		}
		for _, a := range e.Answers {
			s.set(a)
		}
	case Closed:
		if s.open != nil {
			return refuse(ErrInvalidEvent, "a dispute is open since %s; decide it before closing",
				s.open.At.Format(time.RFC3339))
		}
		s.closed = true
	}
	s.last = e.At
	return nil
}

// set replaces the answer of a's criterion.
func (s *state) set(a rubric.Answer) {
	for i := range s.answers {
		if s.answers[i].Criterion == a.Criterion {
			s.answers[i] = a
			return
		}
	}
	s.answers = append(s.answers, a)
}

// checkAnswers checks that e's answers name known criteria once each and that the evaluation scores with them.
func (s *state) checkAnswers(e Event, index int) error {
	refuse := func(cause error, format string, args ...any) error {
		return eventError(index, e, ErrInvalidAnswer, fmt.Sprintf(format, args...), cause)
	}
	if len(e.Answers) == 0 {
		return refuse(nil, "no answers given")
	}
	known := map[string]bool{}
	for _, c := range s.v.rubric.Criteria() {
		known[c.ID] = true
	}
	seen := map[string]bool{}
	for _, a := range e.Answers {
		switch {
		case !known[a.Criterion]:
			return refuse(rubric.ErrUnknownCriterion, "criterion %q is not a criterion of rubric %q", clip(a.Criterion),
				clip(s.v.rubric.ID()))
		case seen[a.Criterion]:
			return refuse(rubric.ErrDuplicateAnswer, "criterion %q is answered twice", clip(a.Criterion))
		}
		seen[a.Criterion] = true
	}
	trial := *s
	trial.answers = slices.Clone(s.answers)
	for _, a := range e.Answers {
		trial.set(a)
	}
	if _, err := s.v.rubric.Score(trial.evaluation()); err != nil {
		return refuse(err, "the answers do not score: %v", err)
	}
	return nil
}

func (s *state) evaluation() rubric.Evaluation {
	e := s.v.original
	e.Answers = slices.Clone(s.answers)
	e.Violations = slices.Clone(e.Violations)
	return e
}

// EvaluationAt returns the evaluation in force at t: the original answers, with the accepted and revised answers
// of the events at or before t. Errors wrap ErrBeforeScored or ErrInvalidReview.
func (v Review) EvaluationAt(t time.Time) (rubric.Evaluation, error) {
	if err := v.check(); err != nil {
		return rubric.Evaluation{}, err
	}
	if t.Before(v.scoredAt) {
		return rubric.Evaluation{}, errf(ErrBeforeScored, "evaluation %q: %s is before it was scored at %s",
			clip(v.original.ID), t.Format(time.RFC3339), v.scoredAt.Format(time.RFC3339))
	}
	s, err := v.replay(t, true)
	if err != nil {
		return rubric.Evaluation{}, err
	}
	return s.evaluation(), nil
}

// ResultAt returns the result in force at t, scored on the review's rubric: before a dispute is decided the
// original stands; after acceptance the accepted answers count; after a re-scoring the revised ones. Ratings,
// leaderboards and compliance computed "as of t" take this result.
func (v Review) ResultAt(t time.Time) (rubric.Result, error) {
	e, err := v.EvaluationAt(t)
	if err != nil {
		return rubric.Result{}, err
	}
	return v.rubric.Score(e)
}

// OpenDispute returns the dispute open at t, if any.
func (v Review) OpenDispute(t time.Time) (Event, bool) {
	if v.check() != nil || t.Before(v.scoredAt) {
		return Event{}, false
	}
	s, err := v.replay(t, true)
	if err != nil || s.open == nil {
		return Event{}, false
	}
	return cloneEvent(*s.open), true
}

// Equal reports whether v and o hold the same rubric definition, evaluation and history.
func (v Review) Equal(o Review) bool {
	if (v.rubric == nil) != (o.rubric == nil) || v.rubric != nil && !v.rubric.Equal(o.rubric) {
		return false
	}
	return v.original.Equal(o.original) && v.scoredBy == o.scoredBy && v.scoredAt.Equal(o.scoredAt) &&
		slices.EqualFunc(v.events, o.events, func(a, b Event) bool {
			return a.Kind == b.Kind && a.At.Equal(b.At) && a.By == b.By && a.Reason == b.Reason &&
				a.Decision == b.Decision && slices.Equal(a.Accepted, b.Accepted) &&
				rubric.Evaluation{Answers: a.Answers}.Equal(rubric.Evaluation{Answers: b.Answers})
		})
}

func clip(s string) string {
	if len(s) <= MaxID {
		return s
	}
	i := MaxID
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// errf returns an *sq.Error of this package whose rule is the formatted text.
func errf(kind error, format string, args ...any) error {
	return &sq.Error{Pkg: "review", Rule: fmt.Sprintf(format, args...), Err: kind}
}
