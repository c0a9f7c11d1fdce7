package reviewtest

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// The actors of the drawn histories.
var (
	Agent      = review.Actor{ID: "anna", Role: review.RoleAgent}
	Manager    = review.Actor{ID: "boris", Role: review.RoleManager}
	Arbitrator = review.Actor{ID: "head-qc", Role: review.RoleArbitrator}
	Specialist = review.Actor{ID: "qa-3", Role: review.RoleSpecialist}
)

// scoredAt is when the drawn evaluations are scored: 2 March 2026, 12:00 UTC.
var scoredAt = time.Date(2026, time.March, 2, 12, 0, 0, 0, time.UTC)

// answers draws 1…all answers of distinct criteria of r, none N/A.
func answers(t *rapid.T, r *rubric.Rubric, label string) []rubric.Answer {
	e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{NoNA: true}).Draw(t, label)
	n := rapid.IntRange(1, len(e.Answers)).Draw(t, label+"Count")
	return rapid.Permutation(e.Answers).Draw(t, label+"Order")[:n]
}

// History returns a generator of reviews of evaluations of r (drawn by rubrictest, scored by Specialist) with
// valid histories of up to maxEvents events: disputes by Agent or Manager, decisions by Arbitrator (accepted,
// partly accepted, rejected), re-scorings by Specialist, and sometimes a close; times move forward by 0 minutes
// to 3 days. Every event drawn is accepted by Append.
func History(r *rubric.Rubric, maxEvents int) *rapid.Generator[review.Review] {
	return rapid.Custom(func(t *rapid.T) review.Review {
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{NoNA: true}).Draw(t, "evaluation")
		v, err := review.New(r, e, Specialist, scoredAt)
		if err != nil {
			t.Fatalf("reviewtest: New refuses a drawn evaluation: %v", err)
		}
		at := scoredAt
		n := rapid.IntRange(0, min(max(maxEvents, 0), review.MaxEvents)).Draw(t, "events")
		for range n {
			at = at.Add(time.Duration(rapid.IntRange(0, 3*24*60).Draw(t, "minutes")) * time.Minute)
			open, isOpen := v.OpenDispute(at)
			var next review.Review
			switch {
			case isOpen:
				next, err = decide(t, v, open, at)
			default:
				switch rapid.IntRange(0, 5).Draw(t, "kind") {
				case 0, 1, 2:
					by := rapid.SampledFrom([]review.Actor{Agent, Manager}).Draw(t, "by")
					next, err = v.Dispute(at, by, answers(t, r, "proposed"), "the call was scored too low")
				case 3, 4:
					next, err = v.Rescore(at, Specialist, answers(t, r, "revised"), "a second listen")
				default:
					next, err = v.Close(at, Specialist)
				}
			}
			if err != nil {
				t.Fatalf("reviewtest: a valid event is refused: %v", err)
			}
			v = next
			if evs := v.Events(); evs[len(evs)-1].Kind == review.Closed {
				break
			}
		}
		return v
	})
}

// decide draws a decision of the open dispute.
func decide(t *rapid.T, v review.Review, open review.Event, at time.Time) (review.Review, error) {
	d := rapid.SampledFrom([]review.Decision{review.Accepted, review.PartlyAccepted, review.Rejected}).Draw(t, "decision")
	var accepted []string
	if d == review.PartlyAccepted {
		if len(open.Answers) < 2 {
			d = review.Accepted
		} else {
			ids := make([]string, len(open.Answers))
			for i, a := range open.Answers {
				ids[i] = a.Criterion
			}
			accepted = rapid.Permutation(ids).Draw(t, "accepted")[:rapid.IntRange(1, len(ids)-1).Draw(t, "acceptedCount")]
		}
	}
	return v.Decide(at, Arbitrator, d, accepted, fmt.Sprintf("the arbitrator's decision: %s", d))
}

// Invalid is an event a review must refuse: Append wraps Err (errors.Is); Why says what is wrong.
type Invalid struct {
	Event review.Event
	Err   error
	Why   string
}

// InvalidEvent returns a generator of events v must refuse, chosen from those that cannot follow its history:
// an event before the last one, a zero time, an unknown kind, a missing reason, the wrong role, a decision with
// no dispute open, a dispute while one is open, anything after closing (review.ErrInvalidEvent), and a dispute
// naming a criterion the rubric does not have (review.ErrInvalidAnswer).
func InvalidEvent(v review.Review) *rapid.Generator[Invalid] {
	return rapid.Custom(func(t *rapid.T) Invalid {
		last := v.ScoredAt()
		evs := v.Events()
		closed := false
		if len(evs) > 0 {
			last, closed = evs[len(evs)-1].At, evs[len(evs)-1].Kind == review.Closed
		}
		at := last.Add(time.Hour)
		_, open := v.OpenDispute(last)
		proposed := answers(t, v.Rubric(), "proposed")
		bad := []Invalid{
			{review.Event{Kind: review.Closed, At: last.Add(-time.Minute), By: Specialist}, review.ErrInvalidEvent, "an event before the last one"},
			{review.Event{Kind: review.Closed, By: Specialist}, review.ErrInvalidEvent, "a zero time"},
			{review.Event{Kind: 9, At: at, By: Specialist, Reason: "?"}, review.ErrInvalidEvent, "an unknown kind"},
		}
		switch {
		case closed:
			bad = append(bad, Invalid{review.Event{Kind: review.Rescored, At: at, By: Specialist, Reason: "late", Answers: proposed},
				review.ErrInvalidEvent, "a re-scoring after closing"})
		case open:
			bad = append(bad,
				Invalid{review.Event{Kind: review.Disputed, At: at, By: Agent, Reason: "again", Answers: proposed},
					review.ErrInvalidEvent, "a dispute while one is open"},
				Invalid{review.Event{Kind: review.Decided, At: at, By: Agent, Reason: "mine", Decision: review.Accepted},
					review.ErrInvalidEvent, "a decision by the agent"},
				Invalid{review.Event{Kind: review.Decided, At: at, By: Arbitrator, Decision: review.Rejected},
					review.ErrInvalidEvent, "a decision without a reason"},
				Invalid{review.Event{Kind: review.Closed, At: at, By: Specialist}, review.ErrInvalidEvent, "closing with a dispute open"})
		default:
			bad = append(bad,
				Invalid{review.Event{Kind: review.Decided, At: at, By: Arbitrator, Reason: "?", Decision: review.Accepted},
					review.ErrInvalidEvent, "a decision with no dispute open"},
				Invalid{review.Event{Kind: review.Disputed, At: at, By: Specialist, Reason: "why", Answers: proposed},
					review.ErrInvalidEvent, "a dispute by a specialist"},
				Invalid{review.Event{Kind: review.Disputed, At: at, By: Agent, Answers: proposed},
					review.ErrInvalidEvent, "a dispute without a reason"},
				Invalid{review.Event{Kind: review.Rescored, At: at, By: Agent, Reason: "mine", Answers: proposed},
					review.ErrInvalidEvent, "a re-scoring by the agent"},
				Invalid{review.Event{Kind: review.Disputed, At: at, By: Agent, Reason: "why",
					Answers: []rubric.Answer{rubric.PointsAnswer("reviewtest-no-such-criterion", proposed[0].Points)}},
					review.ErrInvalidAnswer, "a dispute of a criterion the rubric does not have"})
		}
		return rapid.SampledFrom(bad).Draw(t, "invalid")
	})
}
