package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"pgregory.net/rapid"
)

// withBonus returns a rubric on 0–5 of five 0–1 criteria, two bonus criteria of 0–0.5 in steps of 0.1 ("extra"
// and "wow"), the cap, and a fatal violation.
func withBonus(bonusCap string) (*rubric.Rubric, error) {
	def := rubric.Definition{ID: "bonus", Version: "1", Title: rubric.Text{"en": "Bonus"}, Max: d("5"), BonusCap: d(bonusCap),
		Violations: []rubric.Violation{{ID: "profanity", Title: rubric.Text{"en": "Profanity"}, Effect: rubric.EffectEvaluation},
			{ID: "no_wow", Title: rubric.Text{"en": "Not exceptional after all"}, Effect: rubric.EffectCriterion, Target: "wow"}}}
	for i := range 5 {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: fmt.Sprintf("c%d", i+1), Title: rubric.Text{"en": "C"},
			Scale: rubric.Scale{Kind: rubric.Points, Max: d("1"), Step: d("0.5")}})
	}
	for _, id := range []string{"extra", "wow"} {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: id, Title: rubric.Text{"en": id}, Bonus: true, NA: rubric.NAExclude,
			Scale: rubric.Scale{Kind: rubric.Points, Max: d("0.5"), Step: d("0.1")}})
	}
	return rubric.New(def)
}

// bonusEval answers c1–c5 with base points each and the bonus criteria with extra and wow.
func bonusEval(base, extra, wow string, violations ...string) rubric.Evaluation {
	e := rubric.Evaluation{Violations: violations}
	for i := range 5 {
		e.Answers = append(e.Answers, rubric.PointsAnswer(fmt.Sprintf("c%d", i+1), d(base)))
	}
	for id, p := range map[string]string{"extra": extra, "wow": wow} {
		if p == "na" {
			e.Answers = append(e.Answers, rubric.NAAnswer(id))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(id, d(p)))
		}
	}
	return e
}

// TestBonus pins bonus criteria: points beyond the total for exceptional work, capped, shown apart from the total,
// never lifting an auto-failed evaluation (SPEC R4: a fatal violation gives 0).
func TestBonus(t *testing.T) {
	r, err := withBonus("0.6")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		e            rubric.Evaluation
		total, bonus string
		reason       string
	}{
		{bonusEval("1", "0", "0"), "5", "0", "no bonus"},
		{bonusEval("1", "0.2", "0.3"), "5", "0.5", "bonus under the cap, beyond Max"},
		{bonusEval("1", "0.5", "0.5"), "5", "0.6", "bonus capped at 0.6"},
		{bonusEval("0.5", "0.5", "0"), "2.5", "0.5", "bonus does not count in the total"},
		{bonusEval("1", "0.5", "0.5", "profanity"), "0", "0", "an auto-fail zeroes the bonus too"},
		{bonusEval("1", "0.1", "0.5", "no_wow"), "5", "0.1", "an override naming a bonus criterion zeroes it"},
		{bonusEval("1", "na", "0.4"), "5", "0.4", "N/A on a bonus criterion is worth no bonus"},
	}
	for _, tt := range tests {
		res, err := r.Score(tt.e)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if !res.Total().Equal(d(tt.total)) || !res.Bonus().Equal(d(tt.bonus)) {
			t.Errorf("Total() = %s, Bonus() = %s; want %s, %s: %s", res.Total(), res.Bonus(), tt.total, tt.bonus, tt.reason)
		}
	}
}

// TestBonusValidation: bonus criteria need a cap, name no section, do not give a bonus for N/A, and leave at least
// one criterion to count.
func TestBonusValidation(t *testing.T) {
	base := func() rubric.Definition {
		return rubric.Definition{ID: "b", Version: "1", Title: rubric.Text{"en": "B"}, Max: d("1"), BonusCap: d("0.5"),
			Criteria: []rubric.Criterion{
				{ID: "a", Title: rubric.Text{"en": "A"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1")}},
				{ID: "x", Title: rubric.Text{"en": "X"}, Bonus: true, Scale: rubric.Scale{Kind: rubric.Binary, Max: d("0.5")}},
			}}
	}
	tests := []struct {
		change func(*rubric.Definition)
		want   string
		reason string
	}{
		{func(*rubric.Definition) {}, "", "a bonus criterion with a cap"},
		{func(d *rubric.Definition) { d.BonusCap = d2("0") }, "bonus_cap: is missing", "no cap"},
		{func(d *rubric.Definition) { d.Criteria = d.Criteria[:1] }, "rubric: bonus_cap 0.5: caps bonus criteria, but the rubric has none", "a cap without bonus criteria"},
		{func(d *rubric.Definition) { d.Criteria[0].Bonus = true }, "criteria: are all bonus criteria", "nothing left to count"},
		{func(d *rubric.Definition) { d.Criteria[1].NA = rubric.NAFull }, `rubric: criteria["x"].na "full": would give a bonus for N/A; a bonus criterion's N/A is forbidden, excluded or zero`, "N/A as full"},
		{func(d *rubric.Definition) {
			d.Sections = []rubric.Section{{ID: "s", Title: rubric.Text{"en": "S"}}}
			d.Criteria[0].Section, d.Criteria[1].Section = "s", "s"
		}, `rubric: criteria["x"].section "s": names a section, but a bonus criterion counts in none`, "a bonus criterion in a section"},
		{func(d *rubric.Definition) { d.BonusCap = d2("-1") }, "rubric: bonus_cap -1: is negative; at least 0 is allowed", "a negative cap"},
	}
	for _, tt := range tests {
		def := base()
		tt.change(&def)
		_, err := rubric.New(def)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New() error = %v, want none: %s", err, tt.reason)
		case tt.want != "" && (!errors.Is(err, rubric.ErrInvalidDefinition) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("New() error = %v, want ErrInvalidDefinition containing %q: %s", err, tt.want, tt.reason)
		}
	}
}

// TestPropertyBonus: the bonus never exceeds its cap, is 0 on an auto-fail, never changes the total, and the
// result with it round-trips through its stored form.
func TestPropertyBonus(t *testing.T) {
	capGen := rapid.SampledFrom([]string{"0.1", "0.3", "0.6", "1", "2.5"})
	tenths := rapid.SampledFrom([]string{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "na"})
	rapid.Check(t, func(t *rapid.T) {
		bonusCap := capGen.Draw(t, "cap")
		r, err := withBonus(bonusCap)
		if err != nil {
			t.Fatal(err)
		}
		base := rapid.SampledFrom([]string{"0", "0.5", "1"}).Draw(t, "base")
		var violations []string
		if rapid.Bool().Draw(t, "fatal") {
			violations = append(violations, "profanity")
		}
		e := bonusEval(base, tenths.Draw(t, "extra"), tenths.Draw(t, "wow"), violations...)
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if res.Bonus().Sign() < 0 || res.Bonus().GreaterThan(d(bonusCap)) || (res.AutoFail() && !res.Bonus().IsZero()) {
			t.Fatalf("Bonus() = %s with cap %s, auto-fail %v", res.Bonus(), bonusCap, res.AutoFail())
		}
		plain, err := r.Score(bonusEval(base, "0", "0", violations...))
		if err != nil || !plain.Total().Equal(res.Total()) {
			t.Fatalf("bonus answers changed the total: %s vs %s (%v)", res.Total(), plain.Total(), err)
		}
		data, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseResult(r, data)
		if err != nil || !back.Equal(res) {
			t.Fatalf("ParseResult(%s) = %v, %v; want Equal", data, back, err)
		}
		rdata, _ := r.MarshalJSON()
		again, err := rubric.Parse(rdata)
		if err != nil || !again.Equal(r) {
			t.Fatalf("Parse(%s) = %v; want Equal", rdata, err)
		}
		if rdata2, _ := again.MarshalJSON(); !bytes.Equal(rdata2, rdata) {
			t.Fatalf("second MarshalJSON() = %s, want %s", rdata2, rdata)
		}
	})
}

// Exceptional work earns a bonus shown apart from the total; a fatal violation still gives 0.
func ExampleResult_Bonus() {
	r, _ := withBonus("0.6")
	res, _ := r.Score(bonusEval("1", "0.5", "0.3"))
	fmt.Println(res)
	fmt.Println(res.Total(), res.Bonus(), res.Total().Add(res.Bonus()))
	res, _ = r.Score(bonusEval("1", "0.5", "0.3", "profanity"))
	fmt.Println(res)
	// Output:
	// 5 of 5 + bonus 0.6
	// 5 0.6 5.6
	// 0 of 5, auto-fail (raw 5)
}
