package calibration_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

func TestNewErrors(t *testing.T) {
	cq := rubric.CallQuality()
	ok := score(t, cq, call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.4", "green"))
	etiquette := rubric.PhoneEtiquette()
	var other rubric.Result
	{
		e := rubric.Evaluation{CallID: "c1", EvaluatorID: "qa-3"}
		for _, c := range etiquette.Criteria() {
			if c.Scale.Kind == rubric.Points {
				e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, c.Scale.Max))
			} else if c.Scale.Kind == rubric.Binary {
				e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "pass"))
			} else {
				e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, c.Scale.Levels[0].ID))
			}
		}
		res, err := etiquette.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		other = res
	}
	// The same ID and version with another definition: greeting worth up to 1 point.
	def := cq.Definition()
	def.Criteria[0].Scale.Max = d("1")
	def.Max = d("5.5")
	edited, err := rubric.New(def)
	if err != nil {
		t.Fatal(err)
	}
	withMeta := func(callID, evaluator string) rubric.Result {
		e := call(callID, evaluator, "0.5", "green")
		return score(t, cq, e)[0]
	}
	tests := []struct {
		results []rubric.Result
		cfg     calibration.Config
		want    []error
		reason  string
	}{
		{nil, calibration.Config{}, []error{calibration.ErrEmpty}, "no results"},
		{ok, calibration.Config{Precision: sq.Precision{Places: -1}}, []error{calibration.ErrInvalidConfig}, "negative places"},
		{ok, calibration.Config{Precision: sq.Precision{Places: 13}}, []error{calibration.ErrInvalidConfig}, "too many places"},
		{ok, calibration.Config{Precision: sq.Precision{Rounding: 7}}, []error{calibration.ErrInvalidConfig}, "unknown rounding"},
		{append(ok[:2:2], rubric.Result{}), calibration.Config{}, []error{calibration.ErrInvalidResult}, "zero Result"},
		{append(ok[:2:2], other), calibration.Config{}, []error{calibration.ErrMixedRubrics}, "another rubric"},
		{append(ok[:2:2], score(t, edited, call("c1", "qa-3", "0.5", "green"))...), calibration.Config{}, []error{calibration.ErrMixedRubrics}, "same ID and version, edited definition"},
		{append(ok[:2:2], withMeta("", "qa-3")), calibration.Config{}, []error{calibration.ErrMissingID}, "no call ID"},
		{append(ok[:2:2], withMeta("c1", "")), calibration.Config{}, []error{calibration.ErrMissingID}, "no evaluator ID"},
		{append(ok[:2:2], withMeta("c1", "qa-1")), calibration.Config{}, []error{calibration.ErrDuplicate}, "qa-1 scored c1 twice"},
		{append(ok[:2:2], withMeta("c2", "qa-1")), calibration.Config{}, []error{calibration.ErrSingleEvaluation}, "c2 scored by one evaluator"},
		{append(ok[:2:2], withMeta("", ""), withMeta("c1", "qa-2"), other), calibration.Config{},
			[]error{calibration.ErrMissingID, calibration.ErrDuplicate, calibration.ErrMixedRubrics}, "every problem is reported at once"},
	}
	for _, tt := range tests {
		s, err := calibration.New(tt.results, tt.cfg)
		if s != nil || err == nil {
			t.Errorf("New accepted %s", tt.reason)
			continue
		}
		for _, want := range tt.want {
			if !errors.Is(err, want) {
				t.Errorf("New error %v does not wrap %v (%s)", err, want, tt.reason)
			}
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "calibration: ") {
				t.Errorf("error line %q does not start with the package name (%s)", line, tt.reason)
			}
		}
	}
}

func TestNewErrorMessages(t *testing.T) {
	cq := rubric.CallQuality()
	rs := score(t, cq, call("c1", "qa-1", "0.5", "green"), call("c1", "qa-1", "0.4", "green"), call("c2", "qa-2", "0.5", "green"))
	_, err := calibration.New(rs, calibration.Config{})
	var re *sq.Error
	if !errors.As(err, &re) || re.Path != "results[2]" || re.Value != `call "c1" evaluator "qa-1"` {
		t.Fatalf("errors.As(*sq.Error) = %+v from %v; want the second result (results[2]) named by call and evaluator", re, err)
	}
	want := `calibration: results[2] call "c1" evaluator "qa-1": one evaluation per evaluator and call; the first is results[1]: call scored twice by one evaluator`
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	rs = score(t, cq, call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.4", "green"), call("c2", "qa-2", "0.5", "green"))
	_, err = calibration.New(rs, calibration.Config{})
	want = `calibration: call "c2" scored only by "qa-2": at least two evaluations of every call: call scored by only one evaluator`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

// TestNewSameRubricTwice: a rubric parsed twice from one document is one rubric (same ID, version and canonical
// JSON), so results scored on either copy form one session.
func TestNewSameRubricTwice(t *testing.T) {
	js, err := rubric.TemplateJSON("call-quality")
	if err != nil {
		t.Fatal(err)
	}
	r1, err1 := rubric.Parse(js)
	r2, err2 := rubric.Parse(js)
	if err1 != nil || err2 != nil || r1 == r2 {
		t.Fatalf("Parse: %v, %v", err1, err2)
	}
	rs := append(score(t, r1, call("c1", "qa-1", "0.5", "green")), score(t, r2, call("c1", "qa-2", "0.4", "green"))...)
	s, err := calibration.New(rs, calibration.Config{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if s.Rubric() != r1 {
		t.Errorf("Rubric() is not the first result's rubric")
	}
}

func TestSessionAccessors(t *testing.T) {
	s := session(t,
		call("c2", "qa-2", "0.5", "green"), call("c1", "qa-3", "0.4", "green"),
		call("c1", "qa-1", "0.3", "yellow"), call("c2", "qa-1", "0.5", "green"))
	got := struct{ Calls, Evaluators, Criteria []string }{s.Calls(), s.Evaluators(), s.Criteria()}
	want := struct{ Calls, Evaluators, Criteria []string }{
		[]string{"c1", "c2"}, []string{"qa-1", "qa-2", "qa-3"}, append(append([]string{}, callCriteria...), "tonality"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accessors mismatch (-want +got):\n%s", diff)
	}
	res, ok := s.Result("c1", "qa-1")
	if !ok || !res.Total().Equal(d("2.7")) || res.Meta().EvaluatorID != "qa-1" {
		t.Errorf("Result(c1, qa-1) = %v, %v; want 2.7 (0.3 × 9, yellow tonality)", res, ok)
	}
	if _, ok := s.Result("c1", "qa-2"); ok {
		t.Errorf("Result(c1, qa-2) found an evaluation qa-2 never made")
	}
	if _, ok := s.Result("c9", "qa-1"); ok {
		t.Errorf("Result(c9, qa-1) found an unknown call")
	}
	if s.Config() != (calibration.Config{}) {
		t.Errorf("Config() = %+v", s.Config())
	}
}

// TestSessionAgreementErrors: unknown names, self-comparison, no overlap and undefined statistics are errors.
func TestSessionAgreementErrors(t *testing.T) {
	s := session(t,
		call("c1", "qa-1", "0.5", "green"), call("c1", "qa-2", "0.5", "green"), call("c1", "qa-3", "0.5", "green"),
		call("c2", "qa-1", "0.4", "yellow"), call("c2", "qa-2", "0.4", "green"),
		call("c3", "qa-3", "0.2", "red"), call("c3", "qa-4", "0.3", "red"))
	tests := []struct {
		err    error
		want   error
		reason string
	}{
		{second(s.FleissKappa("nope")), calibration.ErrUnknownCriterion, "unknown criterion"},
		{second(s.FleissKappa("greeting")), calibration.ErrUnequalRaters, "c1 has 3 evaluations, c2 has 2"},
		{second(s.CohenKappa("qa-1", "qa-9", "greeting")), calibration.ErrUnknownEvaluator, "unknown evaluator"},
		{second(s.CohenKappa("qa-1", "qa-1", "greeting")), calibration.ErrInvalidConfig, "an evaluator with themselves"},
		{second(s.CohenKappa("qa-1", "qa-4", "greeting")), calibration.ErrNoOverlap, "no call in common"},
		{second(s.CohenKappa("qa-3", "qa-4", "tonality")), calibration.ErrUndefined, "one common call, both red: chance agreement 1"},
		{second(s.KrippendorffAlpha("greeting", 0)), calibration.ErrInvalidConfig, "zero metric"},
		{second(s.KrippendorffAlphaTotals(9)), calibration.ErrInvalidConfig, "unknown metric"},
		{second(s.KrippendorffAlpha("nope", calibration.Interval)), calibration.ErrUnknownCriterion, "unknown criterion"},
		{second(s.Alignment("qa-9")), calibration.ErrUnknownEvaluator, "unknown benchmark"},
		{second(s.SpreadFrom("qa-9", decimal.Zero)), calibration.ErrUnknownEvaluator, "unknown benchmark"},
		{second(s.Spread(d("-0.1"))), calibration.ErrInvalidConfig, "negative tolerance"},
		{second(s.Spread(decimal.New(1, -30))), sq.ErrLimit, "tolerance with 30 places"},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("error %v, want %v (%s)", tt.err, tt.want, tt.reason)
		}
		if tt.err != nil && !strings.HasPrefix(tt.err.Error(), "calibration: ") {
			t.Errorf("error %q does not start with the package name", tt.err)
		}
	}
	// Cohen's kappa on c1 and c2 by qa-1 and qa-2: greeting 0.5/0.5 and 0.4/0.4 is perfect agreement, defined.
	if k, err := s.CohenKappa("qa-1", "qa-2", "greeting"); err != nil || !k.Value.Equal(fr("1")) {
		t.Errorf("CohenKappa(qa-1, qa-2, greeting) = %v, %v; want 1", k, err)
	}
}

func second[T any](_ T, err error) error { return err }

// TestSessionConcurrentUse: a Session is read-only after New; many goroutines computing every statistic at once
// get what one goroutine gets (run with -race).
func TestSessionConcurrentUse(t *testing.T) {
	s := spreadSession(t)
	want := reportOf(s)
	done := make(chan map[string]string)
	for i := 0; i < 8; i++ {
		go func() { done <- reportOf(s) }()
	}
	for i := 0; i < 8; i++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Fatalf("concurrent report mismatch (-serial +concurrent):\n%s", diff)
		}
	}
}

// reportOf gathers every statistic of s (as JSON, exact fractions included; errors as text) for comparison.
func reportOf(s *calibration.Session) map[string]string {
	out := map[string]string{}
	put := func(key string, v any, err error) {
		if err != nil {
			out[key] = "error: " + err.Error()
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			out[key] = "json error: " + err.Error()
			return
		}
		out[key] = string(b)
	}
	evs := s.Evaluators()
	for _, e := range evs {
		rep, err := s.Alignment(e)
		put("alignment "+e, rep, err)
		sp, err := s.SpreadFrom(e, decimal.New(5, -1))
		put("spread from "+e, sp, err)
	}
	sp, err := s.Spread(decimal.New(5, -1))
	put("spread", sp, err)
	for _, c := range s.Criteria() {
		k, err := s.FleissKappa(c)
		put("fleiss "+c, k, err)
		k, err = s.CohenKappa(evs[0], evs[1], c)
		put("cohen "+c, k, err)
		for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
			a, err := s.KrippendorffAlpha(c, m)
			put(fmt.Sprintf("alpha %v %s", m, c), a, err)
		}
	}
	a, err := s.KrippendorffAlphaTotals(calibration.Interval)
	put("alpha totals", a, err)
	return out
}
