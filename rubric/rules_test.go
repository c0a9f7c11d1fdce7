package rubric_test

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

// binaries returns a rubric of n binary criteria worth 1 point each, on 0–max, with the given places, rounding
// and N/A policy.
func binaries(n int, max string, places int32, mode sq.Rounding, na rubric.NAPolicy) *rubric.Rubric {
	def := rubric.Definition{ID: "bin", Version: "1", Title: rubric.Text{"en": "Binary"}, Max: d(max), Precision: sq.Precision{Places: places, Rounding: mode}}
	for i := 0; i < n; i++ {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: fmt.Sprintf("c%d", i+1), Title: rubric.Text{"en": "C"},
			Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1")}, NA: na})
	}
	return rubric.MustNew(def)
}

// answers gives "pass" to the first pass criteria, N/A to the next na, and "fail" to the rest.
func answers(r *rubric.Rubric, pass, na int) rubric.Evaluation {
	var e rubric.Evaluation
	for i, c := range r.Criteria() {
		switch {
		case i < pass:
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "pass"))
		case i < pass+na:
			e.Answers = append(e.Answers, rubric.NAAnswer(c.ID))
		default:
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "fail"))
		}
	}
	return e
}

// TestRescaling pins the rescaling of totals to 0–Max and its rounding rule, ties included.
func TestRescaling(t *testing.T) {
	tests := []struct {
		r      *rubric.Rubric
		pass   int
		na     int
		total  string
		exact  bool
		reason string
	}{
		{binaries(8, "5", 2, sq.HalfUp, rubric.NAForbidden), 1, 0, "0.63", false, "5·1/8 = 0.625, a tie, half-up"},
		{binaries(8, "5", 2, sq.HalfEven, rubric.NAForbidden), 1, 0, "0.62", false, "0.625 half-even goes to 2"},
		{binaries(8, "5", 2, sq.Down, rubric.NAForbidden), 1, 0, "0.62", false, "0.625 truncated"},
		{binaries(8, "5", 2, sq.HalfEven, rubric.NAForbidden), 3, 0, "1.88", false, "1.875 half-even goes to 8"},
		{binaries(8, "5", 3, sq.HalfUp, rubric.NAForbidden), 1, 0, "0.625", true, "0.625 fits 3 places: exact"},
		{binaries(3, "5", 0, sq.HalfUp, rubric.NAForbidden), 2, 0, "3.3333", false, "5·2/3 to the default 4 places"},
		{binaries(3, "5", 0, sq.Down, rubric.NAForbidden), 1, 0, "1.6666", false, "5/3 truncated"},
		{binaries(5, "5", 0, sq.HalfUp, rubric.NAForbidden), 4, 0, "4", true, "points add up to max: no rescaling"},
		{binaries(4, "100", 1, sq.HalfUp, rubric.NAForbidden), 3, 0, "75", true, "a 0–100 scale"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude), 2, 1, "3.33", false, "N/A excluded: 5·2/3"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAZero), 2, 1, "2.5", true, "N/A counts as zero: 5·2/4"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAFull), 2, 1, "3.75", true, "N/A counts as full: 5·3/4"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude), 0, 3, "0", true, "one criterion left, failed"},
		{binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude), 1, 3, "5", true, "one criterion left, passed: full marks"},
	}
	for _, tt := range tests {
		res, err := tt.r.Score(answers(tt.r, tt.pass, tt.na))
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if !res.Total().Equal(d(tt.total)) || res.Exact() != tt.exact {
			t.Errorf("total = %s (exact %v), want %s (exact %v): %s", res.Total(), res.Exact(), tt.total, tt.exact, tt.reason)
		}
	}
	r := binaries(4, "5", 2, sq.HalfUp, rubric.NAExclude)
	if _, err := r.Score(answers(r, 0, 4)); err == nil {
		t.Error("every criterion N/A: want ErrNothingToScore")
	}
}

// TestWeightedSections pins the weighted total on the branch checklist (SPEC R23): three areas of equal weight,
// each contributing its share of passed items.
func TestWeightedSections(t *testing.T) {
	r := rubric.BranchAudit()
	tests := []struct {
		fail   []string
		na     []string
		total  string
		reason string
	}{
		{nil, nil, "5", "nothing wrong"},
		{[]string{"politeness"}, nil, "4.6667", "5·(4/5 + 1 + 1)/3 = 4.6666… half-up"},
		{[]string{"politeness", "confidentiality"}, nil, "4.3333", "5·(4/5 + 1 + 4/5)/3"},
		{[]string{"politeness", "empathy", "engagement", "conflict_conduct", "greeting_and_introduction"}, nil, "3.3333",
			"a whole area failed weighs one third"},
	}
	for _, tt := range tests {
		var e rubric.Evaluation
		for _, c := range r.Criteria() {
			level := "pass"
			for _, f := range tt.fail {
				if f == c.ID {
					level = "fail"
				}
			}
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, level))
		}
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Total().Equal(d(tt.total)) {
			t.Errorf("total = %s, want %s: %s", res.Total(), tt.total, tt.reason)
		}
	}
}

// TestSectionOverride: a level and a violation can zero a section; a violation can zero one criterion.
func TestSectionOverride(t *testing.T) {
	def := rubric.Definition{
		ID: "sec", Version: "1", Title: rubric.Text{"en": "Sections"}, Max: d("10"),
		Sections: []rubric.Section{{ID: "talk", Title: rubric.Text{"en": "Talk"}}, {ID: "data", Title: rubric.Text{"en": "Data"}}},
		Criteria: []rubric.Criterion{
			{ID: "greet", Title: rubric.Text{"en": "Greet"}, Section: "talk", Scale: rubric.Scale{Kind: rubric.Rating, Size: 5, Max: d("4")}},
			{ID: "tone", Title: rubric.Text{"en": "Tone"}, Section: "talk", Scale: rubric.Scale{Kind: rubric.Levels, Levels: []rubric.Level{
				{ID: "ok", Title: rubric.Text{"en": "OK"}, Points: d("1")},
				{ID: "rude", Title: rubric.Text{"en": "Rude"}, Points: d("0"), Effect: rubric.EffectSection},
			}}},
			{ID: "crm", Title: rubric.Text{"en": "CRM"}, Section: "data", Scale: rubric.Scale{Kind: rubric.Points, Max: d("5"), Step: d("1")}},
		},
		Violations: []rubric.Violation{
			{ID: "leak", Title: rubric.Text{"en": "Leak"}, Effect: rubric.EffectSection, Target: "data"},
			{ID: "typo", Title: rubric.Text{"en": "Typo"}, Effect: rubric.EffectCriterion, Target: "crm"},
			{ID: "note", Title: rubric.Text{"en": "Note"}},
		},
		Bands: []rubric.Band{{ID: "low", Title: rubric.Text{"en": "Low"}, Min: d("0")}, {ID: "high", Title: rubric.Text{"en": "High"}, Min: d("7.5")}},
	}
	r := rubric.MustNew(def)
	score := func(greet, tone string, crm string, violations ...string) rubric.Result {
		t.Helper()
		res, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{
			rubric.LevelAnswer("greet", greet), rubric.LevelAnswer("tone", tone), rubric.PointsAnswer("crm", d(crm)),
		}, Violations: violations})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// Rating level 4 of 5 on max 4 is worth 3; 3 + 1 + 4 = 8 of 10.
	res := score("4", "ok", "4", "note")
	if !res.Total().Equal(d("8")) || len(res.Reasons()) != 0 || cmp.Diff([]string{"note"}, res.Violations()) != "" {
		t.Errorf("plain: %v, reasons %v, violations %v", res, res.Reasons(), res.Violations())
	}
	if b, ok := res.Band(); !ok || b.ID != "high" {
		t.Errorf("band = %v, %v; want high", b, ok)
	}
	res = score("4", "rude", "4")
	if !res.Total().Equal(d("4")) || !res.RawTotal().Equal(d("7")) {
		t.Errorf("rude zeroes the talk section: %v", res)
	}
	wantSections := []rubric.SectionResult{
		{ID: "talk", Raw: d("3"), Points: d("0"), Max: d("5"), Zeroed: true},
		{ID: "data", Raw: d("4"), Points: d("4"), Max: d("5")},
	}
	if diff := cmp.Diff(wantSections, res.Sections(), rubrictest.EquateDecimals()); diff != "" {
		t.Errorf("Sections() mismatch (-want +got):\n%s", diff)
	}
	if b, _ := res.Band(); b.ID != "low" {
		t.Errorf("band = %v, want low", b)
	}
	res = score("5", "ok", "5", "leak", "typo")
	want := []rubric.Reason{
		{Effect: rubric.EffectSection, Violation: "leak", Target: "data"},
		{Effect: rubric.EffectCriterion, Violation: "typo", Target: "crm"},
	}
	if diff := cmp.Diff(want, res.Reasons()); diff != "" || !res.Total().Equal(d("5")) {
		t.Errorf("total %s; Reasons() mismatch (-want +got):\n%s", res.Total(), diff)
	}
	if got := want[0].String(); got != `violation "leak" zeroes section "data"` {
		t.Errorf("Reason.String() = %q", got)
	}
}

// TestLargeValues checks totals at the limits of a definition (values near 10^6 with 6 places, 12 places kept).
func TestLargeValues(t *testing.T) {
	def := rubric.Definition{ID: "big", Version: "1", Title: rubric.Text{"en": "Big"}, Max: d("999999.999999"), Precision: sq.Precision{Places: 12}}
	for i := 0; i < 3; i++ {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: fmt.Sprintf("c%d", i), Title: rubric.Text{"en": "C"},
			Scale: rubric.Scale{Kind: rubric.Points, Max: d("999999.999999"), Step: d("0.000001")}})
	}
	r := rubric.MustNew(def)
	res, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{
		rubric.PointsAnswer("c0", d("999999.999999")), rubric.PointsAnswer("c1", d("0.000001")), rubric.PointsAnswer("c2", d("0")),
	}})
	if err != nil {
		t.Fatal(err)
	}
	// Max·(Max + 1e-6)/(3·Max) = (Max + 1e-6)/3 = 1000000/3 = 333333.333333333333…
	if !res.Total().Equal(d("333333.333333333333")) || res.Exact() {
		t.Errorf("total = %s (exact %v), want 333333.333333333333", res.Total(), res.Exact())
	}
}
