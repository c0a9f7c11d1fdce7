package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var (
	agent      = Actor{ID: "anna", Role: RoleAgent}
	manager    = Actor{ID: "boris", Role: RoleManager}
	arbitrator = Actor{ID: "head-qc", Role: RoleArbitrator}
	specialist = Actor{ID: "qa-3", Role: RoleSpecialist}
	t0         = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
)

func hours(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

func pts(criterion, p string) rubric.Answer {
	return rubric.PointsAnswer(criterion, decimal.RequireFromString(p))
}

// evaluation answers every criterion of the call rubric with 0.4 points and a green tonality: total 4.5 of 5.
func evaluation(id string) rubric.Evaluation {
	e := rubric.Evaluation{ID: id, CallID: "call-" + id, EmployeeID: "anna", EvaluatorID: "qa-3", At: t0.Add(-time.Hour)}
	for _, c := range rubric.CallQuality().Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
		} else {
			e.Answers = append(e.Answers, pts(c.ID, "0.4"))
		}
	}
	return e
}

func mustNew(t testing.TB, id string) Review {
	t.Helper()
	v, err := New(rubric.CallQuality(), evaluation(id), specialist, t0)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func total(t testing.TB, v Review, at time.Time) string {
	t.Helper()
	r, err := v.ResultAt(at)
	if err != nil {
		t.Fatal(err)
	}
	return r.Total().String()
}

// The result in force: the original until a dispute is decided, the accepted answers after.
func TestResultInForce(t *testing.T) {
	v := mustNew(t, "e1")
	base := total(t, v, t0)
	v, err := v.Dispute(hours(1), agent, []rubric.Answer{pts("greeting", "0.5"), pts("needs", "0.5")}, "I greeted by the standard")
	if err != nil {
		t.Fatal(err)
	}
	if got := total(t, v, hours(2)); got != base {
		t.Errorf("an open dispute changed the total: %s, want %s", got, base)
	}
	v, err = v.Decide(hours(3), arbitrator, PartlyAccepted, []string{"greeting"}, "the greeting was by the standard; needs were not found")
	if err != nil {
		t.Fatal(err)
	}
	after := total(t, v, hours(3))
	tests := []struct {
		at     time.Time
		want   string
		reason string
	}{
		{t0, base, "at scoring, the original"},
		{hours(3).Add(-time.Nanosecond), base, "just before the decision, the original stands"},
		{hours(3), after, "from the decision on, the accepted answer counts"},
	}
	for _, tt := range tests {
		if got := total(t, v, tt.at); got != tt.want {
			t.Errorf("%s: total %s, want %s", tt.reason, got, tt.want)
		}
	}
	e, _ := v.EvaluationAt(hours(4))
	for _, a := range e.Answers {
		if a.Criterion == "needs" && !a.Points.Equal(decimal.RequireFromString("0.4")) {
			t.Errorf("the rejected part of the dispute changed needs to %s", a.Points)
		}
		if a.Criterion == "greeting" && !a.Points.Equal(decimal.RequireFromString("0.5")) {
			t.Errorf("the accepted part did not change greeting: %s", a.Points)
		}
	}
	if after == base {
		t.Errorf("accepting a higher answer left the total at %s", after)
	}
	if _, err := v.ResultAt(t0.Add(-time.Second)); !errors.Is(err, ErrBeforeScored) {
		t.Errorf("a result before scoring = %v, want ErrBeforeScored", err)
	}
	// A re-scoring by a specialist, then a rejected dispute, then closing.
	v, err = v.Rescore(hours(5), specialist, []rubric.Answer{pts("recording", "0.2")}, "the CRM had no record")
	if err != nil {
		t.Fatal(err)
	}
	v, err = v.Dispute(hours(6), manager, []rubric.Answer{pts("recording", "0.5")}, "the record was made after the call")
	if err != nil {
		t.Fatal(err)
	}
	v, err = v.Decide(hours(7), arbitrator, Rejected, nil, "too late")
	if err != nil {
		t.Fatal(err)
	}
	if _, err = v.Close(hours(8), specialist); err != nil {
		t.Fatal(err)
	}
	if total(t, v, hours(7)) == total(t, v, hours(4)) {
		t.Error("the re-scoring did not change the total")
	}
}

// Transitions that cannot happen are refused with a named error and leave the history as it was.
func TestImpossibleEvents(t *testing.T) {
	v := mustNew(t, "e2")
	disputed, err := v.Dispute(hours(1), agent, []rubric.Answer{pts("greeting", "0.5")}, "r")
	if err != nil {
		t.Fatal(err)
	}
	decided, err := disputed.Decide(hours(2), arbitrator, Accepted, nil, "ok")
	if err != nil {
		t.Fatal(err)
	}
	closed, err := decided.Close(hours(3), arbitrator)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		v      Review
		e      Event
		want   error
		reason string
	}{
		{decided, Event{Kind: Decided, At: hours(3), By: arbitrator, Decision: Accepted, Reason: "again"}, ErrInvalidEvent, "deciding a dispute twice"},
		{v, Event{Kind: Decided, At: hours(3), By: arbitrator, Decision: Rejected, Reason: "r"}, ErrInvalidEvent, "deciding with no dispute"},
		{disputed, Event{Kind: Disputed, At: hours(3), By: agent, Answers: []rubric.Answer{pts("needs", "0.5")}, Reason: "r"}, ErrInvalidEvent, "a second dispute while one is open"},
		{closed, Event{Kind: Disputed, At: hours(4), By: agent, Answers: []rubric.Answer{pts("needs", "0.5")}, Reason: "r"}, ErrInvalidEvent, "a dispute on a closed evaluation"},
		{v, Event{Kind: Disputed, At: hours(1), By: agent, Answers: []rubric.Answer{pts("smile", "0.5")}, Reason: "r"}, ErrInvalidAnswer, "disputing a criterion that does not exist"},
		{v, Event{Kind: Disputed, At: hours(1), By: agent, Answers: []rubric.Answer{pts("greeting", "0.5"), pts("greeting", "0.3")}, Reason: "r"}, ErrInvalidAnswer, "one criterion twice"},
		{v, Event{Kind: Rescored, At: hours(1), By: specialist, Answers: []rubric.Answer{pts("greeting", "0.7")}, Reason: "r"}, ErrInvalidAnswer, "a revision with an invalid score"},
		{v, Event{Kind: Rescored, At: hours(1), By: specialist, Answers: []rubric.Answer{rubric.LevelAnswer("tonality", "blue")}, Reason: "r"}, ErrInvalidAnswer, "a revision with an unknown level"},
		{decided, Event{Kind: Rescored, At: hours(1), By: specialist, Answers: []rubric.Answer{pts("greeting", "0.3")}, Reason: "r"}, ErrInvalidEvent, "an event before the previous one"},
		{v, Event{Kind: Disputed, At: hours(1), By: specialist, Answers: []rubric.Answer{pts("greeting", "0.5")}, Reason: "r"}, ErrInvalidEvent, "a dispute filed by a specialist"},
		{disputed, Event{Kind: Decided, At: hours(2), By: manager, Decision: Accepted, Reason: "r"}, ErrInvalidEvent, "a decision by the agent's manager"},
		{v, Event{Kind: Disputed, At: hours(1), By: agent, Answers: []rubric.Answer{pts("greeting", "0.5")}}, ErrInvalidEvent, "a dispute without a reason"},
		{disputed, Event{Kind: Decided, At: hours(2), By: arbitrator, Decision: PartlyAccepted, Accepted: []string{"greeting"}, Reason: "r"}, ErrInvalidEvent, "partly accepting every disputed criterion"},
		{disputed, Event{Kind: Decided, At: hours(2), By: arbitrator, Decision: PartlyAccepted, Accepted: []string{"needs"}, Reason: "r"}, ErrInvalidAnswer, "accepting a criterion not disputed"},
		{disputed, Event{Kind: Closed, At: hours(2), By: arbitrator}, ErrInvalidEvent, "closing with a dispute open"},
		{disputed, Event{Kind: Rescored, At: hours(2), By: specialist, Answers: []rubric.Answer{pts("needs", "0.5")}, Reason: "r"}, ErrInvalidEvent, "re-scoring with a dispute open"},
		{v, Event{Kind: 9, At: hours(1), By: agent}, ErrInvalidEvent, "an unknown kind"},
	}
	for _, tt := range tests {
		before := tt.v.Events()
		_, err := tt.v.Append(tt.e)
		var se *sq.Error
		if !errors.Is(err, tt.want) || !errors.As(err, &se) || se.Path != sq.Index("events", len(before)) {
			t.Errorf("%s: %v, want an *sq.Error at events[%d] wrapping %v", tt.reason, err, len(before)+1, tt.want)
		}
		if diff := cmp.Diff(before, tt.v.Events()); diff != "" {
			t.Errorf("%s: the refused event changed the history (-before +after):\n%s", tt.reason, diff)
		}
	}
	if _, err := (Review{}).Dispute(hours(1), agent, nil, "r"); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("a zero Review: %v", err)
	}
	bad := evaluation("bad")
	bad.Answers = bad.Answers[1:]
	if _, err := New(rubric.CallQuality(), bad, specialist, t0); !errors.Is(err, ErrInvalidReview) || !errors.Is(err, rubric.ErrMissingAnswer) {
		t.Errorf("an evaluation that does not score: %v", err)
	}
}

// genReview draws a review with a random valid history, recording the times of its events.
func genReview(t *rapid.T) Review {
	v, err := New(rubric.CallQuality(), evaluation("p"), specialist, t0)
	if err != nil {
		t.Fatal(err)
	}
	crits := []string{"greeting", "identification", "needs", "recording"}
	at := t0
	for i := rapid.IntRange(0, 12).Draw(t, "events"); i > 0; i-- {
		at = at.Add(time.Duration(rapid.IntRange(0, 90).Draw(t, "minutes")) * time.Minute)
		_, open := v.OpenDispute(at)
		var e Event
		switch {
		case open:
			d := rapid.SampledFrom([]Decision{Accepted, Rejected}).Draw(t, "decision")
			e = Event{Kind: Decided, At: at, By: arbitrator, Decision: d, Reason: "decided"}
		case rapid.Bool().Draw(t, "dispute"):
			c := rapid.SampledFrom(crits).Draw(t, "criterion")
			p := fmt.Sprintf("0.%d", rapid.IntRange(0, 5).Draw(t, "points"))
			e = Event{Kind: Disputed, At: at, By: agent, Answers: []rubric.Answer{pts(c, p)}, Reason: "disputed"}
		default:
			c := rapid.SampledFrom(crits).Draw(t, "criterion")
			p := fmt.Sprintf("0.%d", rapid.IntRange(0, 5).Draw(t, "points"))
			e = Event{Kind: Rescored, At: at, By: specialist, Answers: []rubric.Answer{pts(c, p)}, Reason: "rescored"}
		}
		n, err := v.Append(e)
		if err != nil {
			t.Fatalf("a valid event was refused: %v", err)
		}
		v = n
	}
	return v
}

// A decided dispute (or any later event) never changes the result before its time; JSON round-trips exactly.
func TestPropHistory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := genReview(t)
		events := v.Events()
		for i, e := range events {
			// The review truncated before event i gives the result in force just before e.At.
			prefix, err := New(rubric.CallQuality(), v.Original(), v.ScoredBy(), v.ScoredAt())
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range events[:i] {
				if prefix, err = prefix.Append(p); err != nil {
					t.Fatal(err)
				}
			}
			before := e.At.Add(-time.Nanosecond)
			if before.Before(v.ScoredAt()) {
				continue
			}
			want, _ := prefix.ResultAt(before)
			got, err := v.ResultAt(before)
			if err != nil || !got.Total().Equal(want.Total()) {
				t.Fatalf("event %d (%s at %s) changed the result before its time: %s, want %s (%v)", i+1, e.Kind, e.At,
					got.Total(), want.Total(), err)
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseReview(rubric.CallQuality(), b)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		if !back.Equal(v) {
			t.Fatalf("ParseReview gave a different review:\n%s", b)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(b) {
			t.Fatalf("encode → decode → encode changed the bytes:\n%s\n%s", b, again)
		}
	})
}

func TestParseReviewRefusals(t *testing.T) {
	v, err := mustNew(t, "e3").Dispute(hours(1), agent, []rubric.Answer{pts("greeting", "0.5")}, "r")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		data   string
		r      *rubric.Rubric
		want   error
		reason string
	}{
		{string(b), rubric.PhoneEtiquette(), ErrInvalidReview, "another rubric"},
		{strings.Replace(string(b), `"kind":"disputed"`, `"kind":"disputed","KIND":"closed"`, 1), rubric.CallQuality(), sq.ErrMalformed, "a key in another case"},
		{strings.Replace(string(b), `"reason":"r"`, `"reason":null`, 1), rubric.CallQuality(), sq.ErrMalformed, "null"},
		{strings.Replace(string(b), `"kind":"disputed"`, `"kind":"withdrawn"`, 1), rubric.CallQuality(), sq.ErrMalformed, "an unknown kind"},
	}
	for _, tt := range tests {
		if _, err := ParseReview(tt.r, []byte(tt.data)); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.reason, err, tt.want)
		}
	}
	var x Review
	if err := json.Unmarshal(b, &x); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("json.Unmarshal into a Review = %v, want ErrInvalidReview (use ParseReview)", err)
	}
}

func TestReport(t *testing.T) {
	mk := func(id, evaluator string, steps ...func(Review) (Review, error)) Review {
		e := evaluation(id)
		e.EvaluatorID = evaluator
		v, err := New(rubric.CallQuality(), e, specialist, t0)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			if v, err = s(v); err != nil {
				t.Fatal(err)
			}
		}
		return v
	}
	dispute := func(h int, c string) func(Review) (Review, error) {
		return func(v Review) (Review, error) {
			return v.Dispute(hours(h), agent, []rubric.Answer{pts(c, "0.5")}, "r")
		}
	}
	decide := func(h int, d Decision) func(Review) (Review, error) {
		return func(v Review) (Review, error) { return v.Decide(hours(h), arbitrator, d, nil, "r") }
	}
	vs := []Review{
		mk("a", "qa-1", dispute(1, "greeting"), decide(2, Accepted)),
		mk("b", "qa-1", dispute(1, "greeting"), decide(2, Rejected)),
		mk("c", "qa-1"),
		mk("d", "qa-2", dispute(5, "needs")),
		mk("e", "qa-2", dispute(30, "needs")), // filed after the report time
	}
	r, err := NewReport(vs, hours(10))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Open) != 1 || r.Open[0].Evaluation != "d" || r.Open[0].Age != 5*time.Hour {
		t.Errorf("Open = %+v, want d, open for 5h", r.Open)
	}
	want := []Rates{{Key: "qa-1", Evaluations: 3, Disputed: 2, Decided: 2, Accepted: 1, Rejected: 1},
		{Key: "qa-2", Evaluations: 2, Disputed: 1}}
	if diff := cmp.Diff(want, r.ByEvaluator); diff != "" {
		t.Errorf("ByEvaluator mismatch (-want +got):\n%s", diff)
	}
	// Rates are exact; the caller rounds them once.
	dr, err := r.ByEvaluator[0].DisputeRate().Round(sq.Precision{Places: 4, Rounding: sq.HalfUp})
	if err != nil || dr.String() != "0.6667" || !r.ByEvaluator[0].DisputeRate().Equal(mustRatio(t, 2, 3)) {
		t.Errorf("qa-1 dispute rate = %s, %v; want 2/3, 0.6667", dr, err)
	}
	if ar := r.ByEvaluator[0].AcceptanceRate(); !ar.Equal(mustRatio(t, 1, 2)) {
		t.Errorf("qa-1 acceptance rate = %s, want 1/2", ar)
	}
	for _, c := range r.ByCriterion {
		if c.Key == "greeting" && (c.Evaluations != 5 || c.Disputed != 2 || c.Accepted != 1 || c.Rejected != 1) {
			t.Errorf("greeting = %+v", c)
		}
	}
	if got := (Rates{}).DisputeRate(); !got.IsZero() {
		t.Errorf("the dispute rate of nothing = %s, want 0", got)
	}
}

func mustRatio(t *testing.T, k, n int64) sq.Fraction {
	t.Helper()
	f, err := sq.Ratio(k, n)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The zero Review answers every method with ErrInvalidReview or an empty result, never a panic.
func TestZeroReview(t *testing.T) {
	var v Review
	if _, err := v.ResultAt(t0); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("ResultAt: %v", err)
	}
	if _, err := v.EvaluationAt(t0); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("EvaluationAt: %v", err)
	}
	if _, err := v.Close(t0, specialist); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("Close: %v", err)
	}
	if _, err := json.Marshal(v); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("MarshalJSON: %v", err)
	}
	if _, ok := v.OpenDispute(t0); ok || len(v.Events()) != 0 || v.Rubric() != nil || !v.Equal(Review{}) {
		t.Error("the zero Review is not empty")
	}
	if _, err := NewReport([]Review{v}, t0); !errors.Is(err, ErrInvalidReview) {
		t.Errorf("NewReport with a zero Review: %v", err)
	}
	_ = fmt.Sprint(Kind(0), Kind(9), Decision(0), Decision(9))
}

// Every kind and decision round-trips through its text form; other text and invalid values are refused.
func TestKindDecisionText(t *testing.T) {
	for _, k := range []Kind{Disputed, Decided, Rescored, Closed} {
		b, err := k.MarshalText()
		var got Kind
		if err != nil || got.UnmarshalText(b) != nil || got != k || string(b) != k.String() {
			t.Errorf("kind %v: text %q, %v; read back %v", k, b, err, got)
		}
	}
	for _, d := range []Decision{Accepted, PartlyAccepted, Rejected} {
		b, err := d.MarshalText()
		var got Decision
		if err != nil || got.UnmarshalText(b) != nil || got != d || string(b) != d.String() {
			t.Errorf("decision %v: text %q, %v; read back %v", d, b, err, got)
		}
	}
	var k Kind
	var d Decision
	if err := k.UnmarshalText([]byte("Disputed")); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("kind \"Disputed\" = %v, want sq.ErrMalformed (names are exact)", err)
	}
	if err := d.UnmarshalText([]byte("")); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("decision \"\" = %v, want sq.ErrMalformed", err)
	}
	if _, err := Kind(9).MarshalText(); !errors.Is(err, ErrInvalidEvent) {
		t.Errorf("Kind(9).MarshalText = %v, want ErrInvalidEvent", err)
	}
	if _, err := Decision(0).MarshalText(); !errors.Is(err, ErrInvalidEvent) {
		t.Errorf("Decision(0).MarshalText = %v, want ErrInvalidEvent", err)
	}
}
