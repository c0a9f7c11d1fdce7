package autoqa

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func at(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }

// call is a ten-minute call.
func call() Facts { return Facts{CallID: "c-1", Start: t0, End: at(600)} }

func answerOf(t *testing.T, d Derived, criterion string) (rubric.Answer, bool) {
	t.Helper()
	for _, a := range d.Answers {
		if a.Answer.Criterion == criterion {
			return a.Answer, true
		}
	}
	return rubric.Answer{}, false
}

// SPEC R21 and R22 on the phone-etiquette rubric, one fact per row.
func TestPhoneEtiquetteRules(t *testing.T) {
	r := rubric.PhoneEtiquette()
	rules := PhoneEtiquetteRules()
	if err := rules.Validate(r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		facts     func(*Facts)
		criterion string
		want      string // "pass", "fail", "na" or "" for no answer
		reason    string
	}{
		{func(f *Facts) { f.Holds = []Interval{{at(60), at(180)}} }, "hold_under_2_minutes", "pass", "R21: a hold of exactly 2:00 passes"},
		{func(f *Facts) { f.Holds = []Interval{{at(60), at(181)}} }, "hold_under_2_minutes", "fail", "R21: a hold of 2:01 fails"},
		{func(f *Facts) { f.Holds = []Interval{{at(10), at(40)}, {at(60), at(200)}} }, "hold_under_2_minutes", "fail", "R21: the longest hold counts"},
		{func(f *Facts) {}, "hold_under_2_minutes", "na", "R21: no hold, N/A"},
		{func(f *Facts) { f.Callbacks = []Callback{{Agreed: at(3600), Made: at(3600)}} }, "callback_on_time", "pass", "R22: a callback at the agreed time"},
		{func(f *Facts) { f.Callbacks = []Callback{{Agreed: at(3600), Made: at(3601)}} }, "callback_on_time", "fail", "R22: a callback a second late (tolerance 0)"},
		{func(f *Facts) { f.Callbacks = []Callback{{Agreed: at(3600)}} }, "callback_on_time", "fail", "R22: a callback not made by the evaluation"},
		{func(f *Facts) { f.Callbacks = []Callback{{Agreed: at(90000)}} }, "callback_on_time", "na", "R22: a callback not yet due"},
		{func(f *Facts) { f.EndedBy = PartyAgent }, "client_ends_call", "fail", "R22: the agent ended the call first"},
		{func(f *Facts) { f.EndedBy = PartyClient }, "client_ends_call", "pass", "R22: the client said goodbye first"},
		{func(f *Facts) { f.EndedBy = PartySystem }, "client_ends_call", "", "a dropped line answers nothing"},
	}
	evaluated := at(7200)
	for _, tt := range tests {
		f := call()
		tt.facts(&f)
		d, err := rules.Derive(r, f, evaluated)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		a, ok := answerOf(t, d, tt.criterion)
		got := ""
		switch {
		case !ok:
		case a.NA:
			got = "na"
		default:
			got = a.Level
		}
		if got != tt.want {
			t.Errorf("%s: %s answered %q, want %q", tt.reason, tt.criterion, got, tt.want)
		}
	}
}

// SPEC R4.1: a promise not kept by its due time is the fatal violation of the call rubric.
func TestPromiseNotKept(t *testing.T) {
	r := rubric.CallQuality()
	rules := CallQualityRules()
	tests := []struct {
		p      Promise
		broken bool
		reason string
	}{
		{Promise{ID: "send offer", Due: at(3600), Completed: at(3500)}, false, "completed before it was due"},
		{Promise{ID: "send offer", Due: at(3600), Completed: at(3600)}, false, "completed exactly when due"},
		{Promise{ID: "send offer", Due: at(3600), Completed: at(3601)}, true, "completed a second late"},
		{Promise{ID: "send offer", Due: at(3600)}, true, "not completed, past due at the evaluation"},
		{Promise{ID: "send offer", Due: at(90000)}, false, "not yet due"},
	}
	for _, tt := range tests {
		f := call()
		f.Promises = []Promise{tt.p}
		d, err := rules.Derive(r, f, at(7200))
		if err != nil {
			t.Fatal(err)
		}
		if got := len(d.Violations) == 1 && d.Violations[0].Violation == "promise_not_kept"; got != tt.broken {
			t.Errorf("%s: violation raised = %v, want %v (%+v)", tt.reason, got, tt.broken, d.Violations)
		}
	}
}

func TestInvalidFactsAndRules(t *testing.T) {
	facts := []struct {
		f      func(*Facts)
		reason string
	}{
		{func(f *Facts) { f.Holds = []Interval{{at(100), at(50)}} }, "a negative hold"},
		{func(f *Facts) { f.Holds = []Interval{{at(10), at(100)}, {at(50), at(120)}} }, "overlapping holds"},
		{func(f *Facts) { f.Holds = []Interval{{at(550), at(700)}} }, "a hold past the end of the call"},
		{func(f *Facts) { f.End = at(-1) }, "a call that ends before it starts"},
		{func(f *Facts) { f.Start = time.Time{} }, "no start"},
		{func(f *Facts) { f.Callbacks = []Callback{{}} }, "a callback without an agreed time"},
		{func(f *Facts) { f.Promises = []Promise{{ID: "x"}} }, "a promise without a due time"},
		{func(f *Facts) { f.EndedBy = 9 }, "an unknown party"},
		{func(f *Facts) { f.Talk = -time.Second }, "a negative talk time"},
		{func(f *Facts) { f.Talk = 11 * time.Minute }, "talk time longer than the call"},
	}
	for _, tt := range facts {
		f := call()
		tt.f(&f)
		if _, err := PhoneEtiquetteRules().Derive(rubric.PhoneEtiquette(), f, at(7200)); !errors.Is(err, ErrInvalidFacts) {
			t.Errorf("%s: %v, want ErrInvalidFacts", tt.reason, err)
		}
	}
	rules := []struct {
		rs     RuleSet
		r      *rubric.Rubric
		reason string
	}{
		{RuleSet{Rules: []Rule{{Name: "x", Kind: HoldLimit, Criterion: "smile"}}}, rubric.PhoneEtiquette(), "a rule mapped to a missing criterion"},
		{RuleSet{Rules: []Rule{{Name: "x", Kind: PromiseKept, Violation: "rudeness"}}}, rubric.CallQuality(), "a rule mapped to a missing violation"},
		{RuleSet{Rules: []Rule{{Name: "x", Kind: "sentiment", Criterion: "greeting"}}}, rubric.CallQuality(), "an unknown kind"},
		{RuleSet{Rules: []Rule{{Name: "a", Kind: ClientEndsCall, Criterion: "client_ends_call"},
			{Name: "b", Kind: ClientEndsCall, Criterion: "client_ends_call"}}}, rubric.PhoneEtiquette(), "two rules on one criterion"},
		{RuleSet{Rules: []Rule{{Name: "x", Kind: HoldLimit, Criterion: "tonality", Pass: "green", Fail: "blue"}}}, rubric.CallQuality(), "an unknown level"},
		{RuleSet{Rules: []Rule{{Name: "x", Kind: HoldLimit, Criterion: "greeting"}}}, rubric.CallQuality(), "a hold rule on a criterion without N/A"},
		{RuleSet{Rules: []Rule{{Name: "x", Kind: HoldLimit, Criterion: "hold_under_2_minutes", Limit: -time.Second}}}, rubric.PhoneEtiquette(), "a negative limit"},
	}
	for _, tt := range rules {
		if err := tt.rs.Validate(tt.r); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("%s: %v, want ErrInvalidRule", tt.reason, err)
		}
	}
}

// Automatic and manual answers are kept apart: a manual answer over an automatic one needs an Override and a reason.
func TestCombine(t *testing.T) {
	r := rubric.PhoneEtiquette()
	f := call()
	f.Holds = []Interval{{at(60), at(200)}}
	f.EndedBy = PartyClient
	d, err := PhoneEtiquetteRules().Derive(r, f, at(7200))
	if err != nil {
		t.Fatal(err)
	}
	manual := rubric.Evaluation{ID: "ev", CallID: "c-1"}
	for _, c := range r.Criteria() {
		if !hasAuto(d, c.ID) {
			manual.Answers = append(manual.Answers, rubric.LevelAnswer(c.ID, "pass"))
		}
	}
	e, rec, err := Combine(manual, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.IsAutomatic("hold_under_2_minutes") || rec.IsAutomatic("standard_greeting") {
		t.Error("IsAutomatic does not tell automatic answers from manual ones")
	}
	if res.Total().Equal(r.Max()) {
		t.Errorf("a 2:20 hold should cost points: total %s", res.Total())
	}
	// The specialist hears that the client asked to wait: an override with a reason.
	o := Override{Answer: rubric.LevelAnswer("hold_under_2_minutes", "pass"), Reason: "the client asked to wait", By: "qa-3"}
	e2, rec2, err := Combine(manual, d, []Override{o})
	if err != nil {
		t.Fatal(err)
	}
	if res2, _ := r.Score(e2); !res2.Total().GreaterThan(res.Total()) || rec2.IsAutomatic("hold_under_2_minutes") ||
		len(rec2.Overridden) != 1 {
		t.Errorf("the override did not replace the automatic answer: %s, %+v", res2.Total(), rec2.Overridden)
	}
	bad := manual
	bad.Answers = append(slices.Clone(manual.Answers), rubric.LevelAnswer("hold_under_2_minutes", "pass"))
	if _, _, err := Combine(bad, d, nil); !errors.Is(err, ErrOverride) || !strings.Contains(err.Error(), "R21") {
		t.Errorf("a manual answer over an automatic one = %v, want ErrOverride naming the rule", err)
	}
	if _, _, err := Combine(manual, d, []Override{{Answer: o.Answer}}); !errors.Is(err, ErrOverride) {
		t.Errorf("an override without a reason = %v", err)
	}
	if _, _, err := Combine(manual, d, []Override{{Answer: rubric.LevelAnswer("standard_greeting", "fail"), Reason: "r"}}); !errors.Is(err, ErrOverride) {
		t.Errorf("an override of a manual criterion = %v", err)
	}
	if len(manual.Answers) != len(r.Criteria())-len(d.Answers) {
		t.Error("Combine changed the caller's evaluation")
	}
}

// Auto answers are reproducible from the facts: the same facts in any order give the same answers.
func TestPropReproducible(t *testing.T) {
	r := rubric.PhoneEtiquette()
	rules := PhoneEtiquetteRules()
	rapid.Check(t, func(t *rapid.T) {
		f := call()
		cursor := 0
		for i := rapid.IntRange(0, 5).Draw(t, "holds"); i > 0 && cursor < 580; i-- {
			start := cursor + rapid.IntRange(0, 60).Draw(t, "gap")
			end := min(start+rapid.IntRange(0, 200).Draw(t, "length"), 600)
			if start > 600 {
				break
			}
			f.Holds = append(f.Holds, Interval{at(start), at(end)})
			cursor = end
		}
		for i := rapid.IntRange(0, 3).Draw(t, "callbacks"); i > 0; i-- {
			agreed := 605 + rapid.IntRange(0, 10000).Draw(t, "agreed")
			cb := Callback{Agreed: at(agreed)}
			if rapid.Bool().Draw(t, "made") {
				cb.Made = at(agreed + rapid.IntRange(-5, 5).Draw(t, "delay"))
			}
			f.Callbacks = append(f.Callbacks, cb)
		}
		f.EndedBy = Party(rapid.IntRange(0, 3).Draw(t, "ended"))
		evaluated := at(rapid.IntRange(600, 12000).Draw(t, "evaluated"))
		a, err := rules.Derive(r, f, evaluated)
		if err != nil {
			t.Fatal(err)
		}
		g := f
		g.Holds, g.Callbacks = slices.Clone(f.Holds), slices.Clone(f.Callbacks)
		slices.Reverse(g.Holds)
		slices.Reverse(g.Callbacks)
		b, err := rules.Derive(r, g, evaluated)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Answers) != len(b.Answers) {
			t.Fatalf("answers differ with the order of the facts")
		}
		for i := range a.Answers {
			if a.Answers[i].Answer.Level != b.Answers[i].Answer.Level || a.Answers[i].Answer.NA != b.Answers[i].Answer.NA ||
				a.Answers[i].Facts != b.Answers[i].Facts {
				t.Fatalf("answer %d differs with the order of the facts: %+v vs %+v", i, a.Answers[i], b.Answers[i])
			}
		}
		// The hold answer is exactly "the longest hold is at most 2 minutes".
		longest := time.Duration(0)
		for _, h := range f.Holds {
			longest = max(longest, h.End.Sub(h.Start))
		}
		for _, x := range a.Answers {
			if x.Answer.Criterion == "hold_under_2_minutes" && len(f.Holds) > 0 && (x.Answer.Level == "pass") != (longest <= 2*time.Minute) {
				t.Fatalf("longest hold %v answered %q", longest, x.Answer.Level)
			}
		}
		// Every derived evaluation scores.
		manual := rubric.Evaluation{}
		for _, c := range r.Criteria() {
			if !hasAuto(a, c.ID) {
				manual.Answers = append(manual.Answers, rubric.LevelAnswer(c.ID, "pass"))
			}
		}
		e, _, err := Combine(manual, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Score(e); err != nil {
			t.Fatalf("a derived evaluation does not score: %v", err)
		}
	})
}

// Errors about facts are *sq.Error naming the call; too many entries is a limit, a reversed call invalid facts.
func TestFactsErrorShape(t *testing.T) {
	f := call()
	f.Holds = make([]Interval, MaxEntries+1)
	var se *sq.Error
	if err := f.Validate(); !errors.Is(err, sq.ErrLimit) || errors.Is(err, sq.ErrInvalid) || !errors.As(err, &se) ||
		se.Value != `"c-1"` {
		t.Errorf("%d holds = %v, want an *sq.Error naming the call, wrapping sq.ErrLimit only", len(f.Holds), err)
	}
	f = call()
	f.End = t0.Add(-time.Second)
	if err := f.Validate(); !errors.Is(err, ErrInvalidFacts) || !errors.Is(err, sq.ErrInvalid) || !errors.As(err, &se) {
		t.Errorf("a call that ends before it starts = %v, want ErrInvalidFacts (sq.ErrInvalid)", err)
	}
}
