package rating_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// callsOn returns evaluated calls of one employee, one a day from start, with the given totals.
func callsOn(employee string, start time.Time, totals ...string) []rating.CallScore {
	cs := make([]rating.CallScore, len(totals))
	for i, tot := range totals {
		cs[i] = rating.CallScore{EvaluationID: fmt.Sprintf("%s-%s-%d", employee, start.Format("0102"), i),
			EmployeeID: employee, DepartmentID: "sales", At: start.AddDate(0, 0, i), Total: d(tot)}
	}
	return cs
}

func personalRater(t tb, change func(*rating.PersonalSettings)) *rating.PersonalRater {
	t.Helper()
	s := rating.DefaultPersonalSettings()
	if change != nil {
		change(&s)
	}
	r, err := rating.NewPersonalRater(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func codes(r rating.Rating) []rating.ReasonCode {
	var cs []rating.ReasonCode
	for _, x := range r.Reasons() {
		cs = append(cs, x.Code)
	}
	return cs
}

var goodSurvey = rating.Survey{CSI: nd("4.6"), NPS: nd("4.5"), Surveyed: 10, Clients: 200}

// TestPersonalRating pins SPEC R8 on a hand-computed case: calls 4.3, 4.5, 5, 3.9, 4.1 (mean 4.36, R5), CSI 4.6
// and NPS 90% = 4.5 points (R13) give the survey index 4.55; the personal rating is (4.36 + 4.55)/2 = 4.455,
// displayed half-up as 4.5.
func TestPersonalRating(t *testing.T) {
	r := personalRater(t, nil)
	p, err := r.Rate(rating.PersonalInput{
		EmployeeID: "anna",
		Calls:      callsOn("anna", day(2024, 2, 1), "4.3", "4.5", "5", "3.9", "4.1"),
		Survey:     goodSurvey,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Sufficient() || len(p.Reasons()) != 0 {
		t.Fatalf("rating is insufficient: %v", p.Reasons())
	}
	call, _ := p.Component("calls")
	survey, _ := p.Component("survey")
	got := []string{call.Rat().RatString(), survey.Rat().RatString(), p.Exact().Rat().RatString(), p.Exact().String(), p.String()}
	want := []string{"109/25", "91/20", "891/200", "4.455", "4.5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("personal rating mismatch (-want +got):\n%s", diff)
	}
	if v, ok := p.Final(); !ok || !v.Equal(sq.FractionOf(d("4.455"))) {
		t.Errorf("Final() = %s, %v", v, ok)
	}
	if p.Calls.Count() != 5 {
		t.Errorf("Calls = %v", p.Calls)
	}
}

// TestPersonalSufficiency pins the sufficiency rules: R5 (at least 5 evaluated calls), R14 (at least 4% of the
// clients surveyed), R6 (an evaluation in the quarter), and renormalized components.
func TestPersonalSufficiency(t *testing.T) {
	five := callsOn("anna", day(2024, 2, 1), "4", "4", "4", "4", "4")
	q1 := sq.Quarter{Year: 2024, Q: 1}.Period(time.UTC)
	q2 := sq.Quarter{Year: 2024, Q: 2}.Period(time.UTC)
	tests := []struct {
		in     rating.PersonalInput
		change func(*rating.PersonalSettings)
		want   []rating.ReasonCode
		value  string
		reason string
	}{
		{rating.PersonalInput{Calls: five, Survey: goodSurvey}, nil, nil, "171/40", "5 calls and 5% surveyed (R5, R14)"},
		{rating.PersonalInput{Calls: five[:4], Survey: goodSurvey}, nil,
			[]rating.ReasonCode{rating.FewCalls}, "171/40", "4 calls are too few (R5)"},
		{rating.PersonalInput{Calls: five, Survey: rating.Survey{CSI: nd("4.6"), NPS: nd("4.5"), Surveyed: 7, Clients: 200}}, nil,
			[]rating.ReasonCode{rating.LowCoverage}, "171/40", "3.5% surveyed is below 4% (R14)"},
		{rating.PersonalInput{Calls: five, Survey: rating.Survey{CSI: nd("4.6"), NPS: nd("4.5"), Surveyed: 8, Clients: 200}}, nil,
			nil, "171/40", "exactly 4% is enough (R14)"},
		{rating.PersonalInput{Calls: five, Survey: rating.Survey{CSI: nd("4.6"), NPS: nd("4.5"), Surveyed: 8}}, nil,
			[]rating.ReasonCode{rating.LowCoverage}, "171/40", "unknown number of clients (R14)"},
		{rating.PersonalInput{Calls: five, Survey: goodSurvey, RequireEvaluationIn: q1}, nil, nil, "171/40", "evaluated in Q1 (R6)"},
		{rating.PersonalInput{Calls: five, Survey: goodSurvey, RequireEvaluationIn: q2}, nil,
			[]rating.ReasonCode{rating.NoEvaluationInQuarter}, "171/40", "no evaluation in Q2 (R6)"},
		{rating.PersonalInput{Calls: five}, nil,
			[]rating.ReasonCode{rating.LowCoverage, rating.MissingComponent}, "4", "no survey: calls alone, reported"},
		{rating.PersonalInput{Survey: goodSurvey}, nil,
			[]rating.ReasonCode{rating.FewCalls, rating.MissingComponent}, "91/20", "no calls: survey alone, reported"},
		{rating.PersonalInput{Calls: five, Survey: rating.Survey{CSI: nd("4.6"), Surveyed: 10, Clients: 200}}, nil,
			[]rating.ReasonCode{rating.MissingComponent}, "43/10", "NPS missing from the survey index"},
		{rating.PersonalInput{Calls: five[:2], Earlier: accOf(t, "4", "4", "4"), Survey: goodSurvey}, nil,
			nil, "171/40", "earlier calls count (R10)"},
		{rating.PersonalInput{Calls: five[:1], Survey: goodSurvey},
			func(s *rating.PersonalSettings) { s.CallWeight = decimal.Zero }, nil, "91/20",
			"calls of weight 0: the call rule is not checked"},
		{rating.PersonalInput{Calls: five, Survey: rating.Survey{Surveyed: 1, Clients: 1000}},
			func(s *rating.PersonalSettings) { s.SurveyWeight = decimal.Zero }, nil, "4",
			"survey of weight 0: coverage not checked, never missing"},
		{rating.PersonalInput{Calls: five, Survey: goodSurvey},
			func(s *rating.PersonalSettings) { s.MinCalls = 6 }, []rating.ReasonCode{rating.FewCalls}, "171/40", "MinCalls is a setting"},
		{rating.PersonalInput{Calls: five, Survey: goodSurvey},
			func(s *rating.PersonalSettings) { s.MinSurveyedPercent = d("10") },
			[]rating.ReasonCode{rating.LowCoverage}, "171/40", "the coverage minimum is survey's rule, a setting (R14)"},
	}
	for _, tt := range tests {
		tt.in.EmployeeID = "anna"
		p, err := personalRater(t, tt.change).Rate(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if diff := cmp.Diff(tt.want, codes(p.Rating)); diff != "" {
			t.Errorf("%s: reasons mismatch (-want +got):\n%s\n%v", tt.reason, diff, p.Reasons())
		}
		if got := p.Exact().Rat().RatString(); got != tt.value {
			t.Errorf("%s: value %s, want %s", tt.reason, got, tt.value)
		}
		if _, ok := p.Final(); ok != (len(tt.want) == 0) {
			t.Errorf("%s: Final ok = %v with reasons %v", tt.reason, ok, p.Reasons())
		}
	}
}

func TestPersonalReasonMessages(t *testing.T) {
	p, err := personalRater(t, nil).Rate(rating.PersonalInput{
		EmployeeID:          "boris",
		Calls:               callsOn("boris", day(2024, 1, 10), "3.5", "4"),
		Survey:              rating.Survey{CSI: nd("4"), NPS: nd("4"), Surveyed: 3, Clients: 120},
		RequireEvaluationIn: sq.Quarter{Year: 2024, Q: 2}.Period(time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Reasons() {
		got = append(got, r.String())
	}
	want := []string{
		"few-calls: 2 evaluated calls, at least 5 needed",
		"low-coverage: 3 of 120 clients surveyed (2.5%), at least 4% needed",
		"no-evaluation-in-quarter: no evaluated call in 2024-04-01T00:00:00Z/2024-07-01T00:00:00Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reasons() mismatch (-want +got):\n%s", diff)
	}
	if got, want := p.String(), "insufficient [3.9]: few-calls, low-coverage, no-evaluation-in-quarter"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if !has(p.Rating, rating.FewCalls) || has(p.Rating, rating.MissingComponent) {
		t.Error("Has disagrees with Reasons")
	}
}

func TestPersonalErrors(t *testing.T) {
	five := callsOn("anna", day(2024, 2, 1), "4", "4", "4", "4", "4")
	withCall := func(change func(*rating.CallScore)) []rating.CallScore {
		cs := append([]rating.CallScore(nil), five...)
		change(&cs[2])
		return cs
	}
	tests := []struct {
		in     rating.PersonalInput
		change func(*rating.PersonalSettings)
		want   error
		reason string
	}{
		{rating.PersonalInput{Calls: five}, nil, sq.ErrInvalid, "empty employee ID"},
		{rating.PersonalInput{EmployeeID: "anna"}, nil, rating.ErrEmpty, "no calls and no survey"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: withCall(func(c *rating.CallScore) { c.EmployeeID = "boris" })}, nil,
			sq.ErrInvalid, "a call of another employee"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: withCall(func(c *rating.CallScore) { c.EvaluationID = five[0].EvaluationID })}, nil,
			rating.ErrDuplicate, "an evaluation twice"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: withCall(func(c *rating.CallScore) { c.EvaluationID = "" })}, nil,
			sq.ErrInvalid, "empty evaluation ID"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: withCall(func(c *rating.CallScore) { c.Total = d("5.5") })}, nil,
			rating.ErrOutOfRange, "total above 5"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: withCall(func(c *rating.CallScore) { c.At = time.Time{} })}, nil,
			sq.ErrInvalid, "call without a time"},
		{rating.PersonalInput{EmployeeID: "anna", Survey: rating.Survey{CSI: nd("6"), Surveyed: 1, Clients: 2}}, nil,
			rating.ErrOutOfRange, "CSI above 5"},
		{rating.PersonalInput{EmployeeID: "anna", Survey: rating.Survey{CSI: nd("4"), Surveyed: 3, Clients: 2}}, nil,
			sq.ErrInvalid, "more surveyed than clients"},
		{rating.PersonalInput{EmployeeID: "anna", Survey: rating.Survey{CSI: nd("4"), Surveyed: -1, Clients: 2}}, nil,
			rating.ErrOutOfRange, "negative count"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: five},
			func(s *rating.PersonalSettings) { s.FailOnMissing = true }, rating.ErrMissingComponent,
			"survey missing under the fail policy"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: five, Survey: rating.Survey{CSI: nd("4"), Surveyed: 10, Clients: 20}},
			func(s *rating.PersonalSettings) { s.FailOnMissing = true }, rating.ErrMissingComponent,
			"NPS missing from the survey index under the fail policy"},
		{rating.PersonalInput{EmployeeID: "anna", Calls: five, RequireEvaluationIn: sq.Period{From: day(2024, 2, 1), To: day(2024, 1, 1)}},
			nil, sq.ErrInvalid, "empty evaluation period"},
	}
	for _, tt := range tests {
		_, err := personalRater(t, tt.change).Rate(tt.in)
		wantErr(t, err, tt.want, tt.reason)
		if err != nil && (!strings.HasPrefix(err.Error(), "rating: ") || strings.Contains(err.Error(), ": rating: ")) {
			t.Errorf("%s: message %q should start with the package name, once", tt.reason, err)
		}
	}
	_, err := personalRater(t, func(s *rating.PersonalSettings) { s.FailOnMissing = true }).
		Rate(rating.PersonalInput{EmployeeID: "anna", Calls: five})
	if err == nil || !strings.Contains(err.Error(), `component "survey"`) {
		t.Errorf("error %v does not name the component survey", err)
	}
}

func TestPersonalSettingsValidate(t *testing.T) {
	tests := []struct {
		change func(*rating.PersonalSettings)
		want   error
		reason string
	}{
		{func(s *rating.PersonalSettings) {}, nil, "defaults"},
		{func(s *rating.PersonalSettings) { s.CallWeight = d("-1") }, rating.ErrInvalidWeight, "negative weight (R9)"},
		{func(s *rating.PersonalSettings) { s.NPSWeight = d("-0.5") }, rating.ErrInvalidWeight, "negative survey weight (R9)"},
		{func(s *rating.PersonalSettings) { s.CallWeight, s.SurveyWeight = decimal.Zero, decimal.Zero },
			rating.ErrInvalidWeight, "all weights zero (R9)"},
		{func(s *rating.PersonalSettings) { s.CSIWeight, s.NPSWeight = decimal.Zero, decimal.Zero },
			rating.ErrInvalidWeight, "all survey weights zero (R9)"},
		{func(s *rating.PersonalSettings) { s.CallWeight = decimal.New(1, 40) }, sq.ErrLimit, "weight too large"},
		{func(s *rating.PersonalSettings) { s.MinCoverage = d("1.01") }, sq.ErrInvalid, "MinCoverage above 1"},
		{func(s *rating.PersonalSettings) { s.MinCoverage = d("-0.1") }, sq.ErrInvalid, "negative MinCoverage"},
		{func(s *rating.PersonalSettings) { s.MinCalls = 0 }, sq.ErrInvalid, "MinCalls 0"},
		{func(s *rating.PersonalSettings) { s.MinSurveyedPercent = d("150") },
			sq.ErrInvalid, "coverage minimum above 100% (survey's rule)"},
		{func(s *rating.PersonalSettings) { s.ShrinkPrior, s.ShrinkStrength = d("9"), d("1") },
			sq.ErrInvalid, "shrinkage prior above 5"},
		{func(s *rating.PersonalSettings) { s.ShrinkStrength = d("-1") }, sq.ErrInvalid, "negative shrinkage strength"},
	}
	for _, tt := range tests {
		s := rating.DefaultPersonalSettings()
		tt.change(&s)
		_, err := rating.NewPersonalRater(s)
		wantErr(t, err, tt.want, tt.reason)
	}
	if err := (rating.PersonalSettings{}).Validate(); err == nil {
		t.Error("the zero PersonalSettings validated")
	}
	// The rater keeps its own copy of the settings.
	s := rating.DefaultPersonalSettings()
	r, err := rating.NewPersonalRater(s)
	if err != nil {
		t.Fatal(err)
	}
	before, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), "3"), Survey: goodSurvey})
	if err != nil {
		t.Fatal(err)
	}
	s.CallWeight = d("7")
	after, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), "3"), Survey: goodSurvey})
	if err != nil || !after.Equal(before) {
		t.Errorf("changing the caller's settings changed the rater: %v, then %v (%v)", before, after, err)
	}
}

// TestPersonalShrinkage: the call-quality mean can be pulled toward a prior for thin samples.
func TestPersonalShrinkage(t *testing.T) {
	r := personalRater(t, func(s *rating.PersonalSettings) {
		s.ShrinkPrior, s.ShrinkStrength = d("4"), d("5")
	})
	p, err := r.Rate(rating.PersonalInput{EmployeeID: "anna",
		Calls: callsOn("anna", day(2024, 2, 1), "5", "5", "5", "5", "5"), Survey: goodSurvey})
	if err != nil {
		t.Fatal(err)
	}
	// (5·4 + 25)/(5 + 5) = 4.5; (4.5 + 4.55)/2 = 4.525
	if c, _ := p.Component("calls"); c.Rat().RatString() != "9/2" || p.Exact().Rat().RatString() != "181/40" {
		t.Errorf("call rating %s, personal %s; want 9/2 and 181/40", c.Rat().RatString(), p.Exact().Rat().RatString())
	}
}

// TestPersonalCumulative: a rating computed from stored accumulators of earlier periods plus the new calls equals
// the rating computed from all calls at once (SPEC R10).
func TestPersonalCumulative(t *testing.T) {
	r := personalRater(t, nil)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "n")
		totals := make([]string, n)
		for i := range totals {
			totals[i] = genScore(t, "total").String()
		}
		calls := callsOn("anna", day(2023, 1, 1), totals...)
		cut := rapid.IntRange(0, n).Draw(t, "cut")
		var earlier rating.Accumulator
		for _, c := range calls[:cut] {
			if err := earlier.Add(c.Total); err != nil {
				t.Fatal(err)
			}
		}
		// Store and restore the earlier accumulator, as between runs.
		b, err := earlier.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var restored rating.Accumulator
		if err := restored.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		all, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: calls, Survey: goodSurvey})
		if err != nil {
			t.Fatal(err)
		}
		resumed, err := r.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: calls[cut:], Earlier: restored, Survey: goodSurvey})
		if err != nil {
			t.Fatal(err)
		}
		if !all.Equal(resumed) {
			t.Fatalf("all at once %v (%s), resumed %v (%s)", all, all.Exact().Rat().RatString(), resumed, resumed.Exact().Rat().RatString())
		}
	})
}

func TestRateEmployees(t *testing.T) {
	r := personalRater(t, nil)
	calls := append(callsOn("boris", day(2024, 1, 5), "4", "4", "4", "4", "4"),
		callsOn("anna", day(2024, 2, 1), "5", "5", "5", "5", "4.5")...)
	calls = append(calls, callsOn("anna", day(2022, 1, 1), "1")...) // before the period: not counted
	surveys := map[string]rating.Survey{"anna": goodSurvey, "boris": goodSurvey, "carol": goodSurvey}
	ps, err := r.RateEmployees(calls, surveys, rating.RateOptions{Within: sq.Period{From: day(2023, 1, 1)},
		RequireEvaluationIn: sq.Quarter{Year: 2024, Q: 1}.Period(time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s %d %s", p.EmployeeID, p.Calls.Count(), p))
	}
	want := []string{"anna 5 4.7", "boris 5 4.3", "carol 0 insufficient [4.6]: few-calls, no-evaluation-in-quarter, missing-component"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RateEmployees mismatch (-want +got):\n%s", diff)
	}
	_, err = r.RateEmployees(append(calls, calls[0]), nil, rating.RateOptions{})
	wantErr(t, err, rating.ErrDuplicate, "an evaluation twice")
}

// TestReasonComponent: a missing component is named in its reason, and one call is spoken of in the singular.
func TestReasonComponent(t *testing.T) {
	rater, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		t.Fatal(err)
	}
	p, err := rater.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: callsOn("anna", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), "4.5")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Reasons() {
		got = append(got, r.Code.String()+"/"+r.Component+": "+r.Message)
	}
	want := []string{
		"few-calls/: 1 evaluated call, at least 5 needed",
		"low-coverage/: 0 clients surveyed, the number of clients is unknown",
		`missing-component/survey: component "survey" is missing, the rating is renormalized over 0.5 of the weight`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reasons() mismatch (-want +got):\n%s", diff)
	}
}
