package calibration_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
)

// TestAlignmentCallRubric: the built-in call rubric (SPEC R1–R4). On c1 qa-1 gives greeting 0.3 where the lead
// gives 0.5: greeting alignment 1 − 0.2/0.5 = 0.6, call 1 − 0.2/5 = 0.96. On c2 the lead hears yellow tonality
// and qa-1 red: red fails the whole call (SPEC R3), yellow does not, so c2 is 0 for qa-1 even though both levels
// are worth 0 points on the tonality criterion. qa-2 agrees everywhere.
func TestAlignmentCallRubric(t *testing.T) {
	s := session(t,
		call("c1", "lead", "0.5", "green"),
		call("c1", "qa-1", "0.3 0.5 0.5 0.5 0.5 0.5 0.5 0.5 0.5", "green"),
		call("c1", "qa-2", "0.5", "green"),
		call("c2", "lead", "0.5", "yellow"),
		call("c2", "qa-1", "0.5", "red"),
		call("c2", "qa-2", "0.5", "yellow"),
	)
	got, err := s.Alignment("lead")
	if err != nil {
		t.Fatal(err)
	}
	crit := func(greeting, others string, n int) []calibration.CriterionAlignment {
		var out []calibration.CriterionAlignment
		for _, id := range append(append([]string{}, callCriteria...), "tonality") {
			v := others
			if id == "greeting" {
				v = greeting
			}
			out = append(out, calibration.CriterionAlignment{CriterionID: id, Alignment: fr(v), Comparisons: n})
		}
		return out
	}
	want := calibration.AlignmentReport{
		Benchmark:   "lead",
		Overall:     fr("0.74"), // (0.96 + 0 + 1 + 1) / 4
		Comparisons: 4,
		Criteria:    crit("0.9", "1", 4), // greeting (0.6 + 1 + 1 + 1) / 4
		Evaluators: []calibration.EvaluatorAlignment{
			{
				EvaluatorID: "qa-1", Overall: fr("0.48"), AutoFailDisagreements: 1,
				Criteria: crit("0.8", "1", 2),
				Calls: []calibration.CallAlignment{
					{CallID: "c1", BenchmarkID: "lead", Alignment: fr("0.96")},
					{CallID: "c2", BenchmarkID: "lead", Alignment: fr("0"), AutoFailDisagreement: true},
				},
			},
			{
				EvaluatorID: "qa-2", Overall: fr("1"),
				Criteria: crit("1", "1", 2),
				Calls: []calibration.CallAlignment{
					{CallID: "c1", BenchmarkID: "lead", Alignment: fr("1")},
					{CallID: "c2", BenchmarkID: "lead", Alignment: fr("1")},
				},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Alignment() mismatch (-want +got):\n%s", diff)
	}
}

// TestAlignmentFatalViolations: a fatal violation (SPEC R4) flagged by one evaluator only is an auto-fail
// disagreement; flagged by both, the answers are compared as usual.
func TestAlignmentFatalViolations(t *testing.T) {
	s := session(t,
		call("c1", "lead", "0.5", "green", "profanity"),
		call("c1", "qa-1", "0.5", "green"),
		call("c1", "qa-2", "0.4 0.5 0.5 0.5 0.5 0.5 0.5 0.5 0.5", "green", "promise_not_kept"),
	)
	got, err := s.Alignment("lead")
	if err != nil {
		t.Fatal(err)
	}
	var calls []calibration.CallAlignment
	for _, e := range got.Evaluators {
		calls = append(calls, e.Calls...)
	}
	want := []calibration.CallAlignment{
		{CallID: "c1", BenchmarkID: "lead", Alignment: fr("0"), AutoFailDisagreement: true},
		{CallID: "c1", BenchmarkID: "lead", Alignment: fr("0.98")}, // 1 − 0.1/5: both failed the call
	}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("call alignments mismatch (-want +got):\n%s", diff)
	}
}

// chatRubric has a criterion on 1–3 points with N/A excluded (span 2, weight 3) and a levels criterion whose
// "bad" level fails the whole chat (span 2, weight 2).
func chatRubric(t *testing.T) *rubric.Rubric {
	t.Helper()
	r, err := rubric.New(rubric.Definition{
		ID: "chat", Version: "1", Title: rubric.Text{"en": "Chat"}, Max: d("5"),
		Criteria: []rubric.Criterion{
			{ID: "answer", Title: rubric.Text{"en": "Answer"}, NA: rubric.NAExclude,
				Scale: rubric.Scale{Kind: rubric.Points, Min: d("1"), Max: d("3"), Step: d("0.5")}},
			{ID: "tone", Title: rubric.Text{"en": "Tone"}, Scale: rubric.Scale{Kind: rubric.Levels, Levels: []rubric.Level{
				{ID: "good", Title: rubric.Text{"en": "Good"}, Points: d("2")},
				{ID: "ok", Title: rubric.Text{"en": "OK"}, Points: d("1")},
				{ID: "bad", Title: rubric.Text{"en": "Bad"}, Points: d("0"), Effect: rubric.EffectEvaluation},
			}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// chat returns an evaluation of chatRubric; answer "na" is N/A.
func chat(callID, evaluator, answer, tone string) rubric.Evaluation {
	e := rubric.Evaluation{CallID: callID, EvaluatorID: evaluator}
	if answer == "na" {
		e.Answers = append(e.Answers, rubric.NAAnswer("answer"))
	} else {
		e.Answers = append(e.Answers, rubric.PointsAnswer("answer", d(answer)))
	}
	e.Answers = append(e.Answers, rubric.LevelAnswer("tone", tone))
	return e
}

func chatSession(t *testing.T, cfg calibration.Config) *calibration.Session {
	t.Helper()
	r := chatRubric(t)
	s, err := calibration.New(score(t, r,
		chat("k1", "bench", "3", "good"), chat("k1", "ev1", "1", "good"), chat("k1", "ev2", "2", "ok"),
		chat("k2", "bench", "na", "ok"), chat("k2", "ev1", "na", "ok"), chat("k2", "ev2", "na", "ok"),
		chat("k3", "bench", "na", "good"), chat("k3", "ev1", "2", "ok"), chat("k3", "ev2", "na", "good"),
		chat("k4", "bench", "2.5", "bad"), chat("k4", "ev1", "2.5", "good"),
	), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAlignmentRules pins each rule on chatRubric. Per call, ev1 against the benchmark:
//
//	k1: answer 1 vs 3 is the whole span 1–3: 0; tone good = good: 1; call (3·0 + 2·1)/5 = 0.4
//	k2: N/A vs N/A: 1; ok = ok: 1; call 1
//	k3: 2 vs N/A: 0; ok (1) vs good (2): 1 − 1/2 = 0.5; call (0 + 2·0.5)/5 = 0.2
//	k4: 2.5 = 2.5: 1; good vs bad: 0, and only the benchmark failed the chat: call 0
//
// ev1 overall (0.4 + 1 + 0.2 + 0)/4 = 0.4; answer (0 + 1 + 0 + 1)/4 = 0.5; tone (1 + 1 + 0.5 + 0)/4 = 0.625.
// ev2: k1 answer 2 vs 3: 0.5, tone 0.5, call 0.5; k2 and k3 1; overall, answer and tone 2.5/3 = 0.8333…
// Report: (0.4 + 1 + 0.2 + 0 + 0.5 + 1 + 1)/7 = 4.1/7 = 41/70. Every value is exact.
func TestAlignmentRules(t *testing.T) {
	got, err := chatSession(t, calibration.Config{}).Alignment("bench")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Who, Overall, Answer, Tone string
		Calls                      []string
		AutoFails                  int
	}
	summary := []row{{"all", got.Overall.String(), got.Criteria[0].Alignment.String(), got.Criteria[1].Alignment.String(), nil, 0}}
	for _, e := range got.Evaluators {
		r := row{Who: e.EvaluatorID, Overall: e.Overall.String(), Answer: e.Criteria[0].Alignment.String(), Tone: e.Criteria[1].Alignment.String(), AutoFails: e.AutoFailDisagreements}
		for _, c := range e.Calls {
			r.Calls = append(r.Calls, c.CallID+"="+c.Alignment.String())
		}
		summary = append(summary, r)
	}
	want := []row{
		{"all", "41/70", "9/14", "5/7", nil, 0}, // answer (2 + 2.5)/7, tone (2.5 + 2.5)/7
		{"ev1", "0.4", "0.5", "0.625", []string{"k1=0.4", "k2=1", "k3=0.2", "k4=0"}, 1},
		{"ev2", "5/6", "5/6", "5/6", []string{"k1=0.5", "k2=1", "k3=1"}, 0},
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("Alignment() mismatch (-want +got):\n%s", diff)
	}
	if got.Comparisons != 7 || got.Criteria[0].Comparisons != 7 || got.Evaluators[1].Criteria[0].Comparisons != 3 {
		t.Errorf("comparisons %d, %d, %d; want 7, 7, 3", got.Comparisons, got.Criteria[0].Comparisons, got.Evaluators[1].Criteria[0].Comparisons)
	}
}

// TestAlignmentRounding: alignments are exact whatever the session's Config (which rounds only StdDev), and a
// caller rounds them once, from the exact ratio, at the precision it wants.
func TestAlignmentRounding(t *testing.T) {
	tests := []struct {
		cfg    calibration.Config
		p      sq.Precision
		want   string // ev2 overall, 5/6
		all    string // overall, 41/70
		reason string
	}{
		{calibration.Config{}, sq.Precision{Places: 4}, "0.8333", "0.5857", "4 places half-up"},
		{calibration.Config{Precision: sq.Precision{Places: 2, Rounding: sq.Down}}, sq.Precision{Places: 2, Rounding: sq.Down}, "0.83", "0.58", "2 places down"},
		{calibration.Config{Precision: sq.Precision{Places: 1, Rounding: sq.HalfEven}}, sq.DisplayPrecision(), "0.8", "0.6", "display precision: 1 place half-up"},
		{calibration.Config{Precision: sq.Precision{Places: 12}}, sq.Precision{Places: 12}, "0.833333333333", "0.585714285714", "12 places"},
		{calibration.Config{}, sq.Precision{Places: 18, Rounding: sq.HalfEven}, "0.833333333333333333", "0.585714285714285714", "18 places: sq.MaxPlaces"},
	}
	for _, tt := range tests {
		got, err := chatSession(t, tt.cfg).Alignment("bench")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Evaluators[1].Overall.Equal(fr("5/6")) || !got.Overall.Equal(fr("41/70")) {
			t.Errorf("Config %+v: ev2 %s, overall %s; want exactly 5/6 and 41/70 (%s)", tt.cfg, got.Evaluators[1].Overall, got.Overall, tt.reason)
		}
		ev2, err1 := got.Evaluators[1].Overall.Round(tt.p)
		all, err2 := got.Overall.Round(tt.p)
		if err1 != nil || err2 != nil || ev2.String() != tt.want || all.String() != tt.all || !ev2.Inexact || !all.Inexact {
			t.Errorf("rounded to %s: ev2 %+v, overall %+v (%v, %v); want inexact %s, %s (%s)", tt.p, ev2, all, err1, err2, tt.want, tt.all, tt.reason)
		}
	}
}

// TestAlignmentByCall: each call names its own benchmark; an evaluator who is the benchmark of one call is
// compared on the others.
func TestAlignmentByCall(t *testing.T) {
	s := chatSession(t, calibration.Config{})
	got, err := s.AlignmentByCall(map[string]string{"k1": "ev2", "k2": "bench"})
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	for _, e := range got.Evaluators {
		for _, c := range e.Calls {
			calls = append(calls, e.EvaluatorID+"@"+c.CallID+" vs "+c.BenchmarkID+"="+c.Alignment.String())
		}
	}
	// k1 against ev2: bench 3 vs 2 (0.5), good vs ok (0.5): 0.5; ev1 1 vs 2 (0.5), good vs ok (0.5): 0.5.
	want := []string{"bench@k1 vs ev2=0.5", "ev1@k1 vs ev2=0.5", "ev1@k2 vs bench=1", "ev2@k2 vs bench=1"}
	if diff := cmp.Diff(want, calls); diff != "" || got.Benchmark != "" {
		t.Errorf("AlignmentByCall() mismatch (-want +got):\n%s", diff)
	}
	tests := []struct {
		benchmarks map[string]string
		want       error
		reason     string
	}{
		{nil, calibration.ErrNoOverlap, "no benchmark"},
		{map[string]string{"k9": "bench"}, calibration.ErrUnknownCall, "unknown call"},
		{map[string]string{"k4": "ev2"}, calibration.ErrUnknownCall, "ev2 did not score k4"},
		{map[string]string{"k1": "nobody"}, calibration.ErrUnknownEvaluator, "unknown evaluator"},
	}
	for _, tt := range tests {
		if _, err := s.AlignmentByCall(tt.benchmarks); !errors.Is(err, tt.want) {
			t.Errorf("AlignmentByCall(%v) error %v, want %v (%s)", tt.benchmarks, err, tt.want, tt.reason)
		}
	}
}
