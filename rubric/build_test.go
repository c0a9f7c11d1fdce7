package rubric_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// small returns a valid two-criterion definition for tests to break.
func small() rubric.Definition {
	return rubric.Definition{
		ID: "mini", Version: "1", Title: rubric.Text{"en": "Mini"}, Max: d("5"),
		Criteria: []rubric.Criterion{
			{ID: "a", Title: rubric.Text{"en": "A"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d("1"), Step: d("0.5")}},
			{ID: "b", Title: rubric.Text{"en": "B"}, Scale: rubric.Scale{Kind: rubric.Levels, Levels: []rubric.Level{
				{ID: "good", Title: rubric.Text{"en": "Good"}, Points: d("1")},
				{ID: "bad", Title: rubric.Text{"en": "Bad"}, Points: d("0"), Effect: rubric.EffectEvaluation},
			}}},
		},
	}
}

func TestNewValid(t *testing.T) {
	def := small()
	r, err := rubric.New(def)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID() != "mini" || r.Version() != "1" || r.Definition().Title.Get("ru") != "Mini" || !r.Max().Equal(d("5")) || r.Precision().Places != 4 {
		t.Errorf("rubric fields: %s %s %q %s %d", r.ID(), r.Version(), r.Definition().Title.Get("ru"), r.Max(), r.Precision().Places)
	}
	// The rubric keeps its own copy: changing the definition afterwards changes nothing.
	def.Criteria[0].ID = "changed"
	def.Title["en"] = "Changed"
	if c := r.Criteria()[0]; c.ID != "a" || r.Definition().Title.Get("en") != "Mini" {
		t.Errorf("rubric shares memory with the definition: %q %q", c.ID, r.Definition().Title.Get("en"))
	}
	// And the copies it hands out are the caller's to change.
	r.Criteria()[0].Title["en"] = "Mutated"
	if c, _ := r.Criterion("a"); c.Title["en"] != "A" {
		t.Errorf("Criteria() returned the rubric's own maps")
	}
}

// TestNewErrors checks that every rule of a definition is enforced with an error naming the field, the value and
// the rule (strict definitions: duplicate IDs and bad steps are errors).
func TestNewErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*rubric.Definition)
		err    error
		want   string
		reason string
	}{
		{"no id", func(d *rubric.Definition) { d.ID = "" }, rubric.ErrInvalidDefinition,
			`rubric: id "": is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -`, "IDs are required"},
		{"id with space", func(d *rubric.Definition) { d.ID = "my rubric" }, rubric.ErrInvalidDefinition,
			`rubric: id "my rubric": is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -`, "IDs are safe in CSV headers and URLs"},
		{"no title", func(d *rubric.Definition) { d.Title = nil }, rubric.ErrInvalidDefinition,
			`rubric: title: needs a text in at least one language`, "a rubric has a title"},
		{"bad language", func(d *rubric.Definition) { d.Title = rubric.Text{"English": "x"} }, rubric.ErrInvalidDefinition,
			`rubric: title "English": is not a lowercase language tag such as "ru", "en", "kk"`, "language tags, not names"},
		{"zero max", func(d *rubric.Definition) { d.Max = decimal.Zero }, rubric.ErrInvalidDefinition,
			`rubric: max 0: must be positive`, "a scale needs a top"},
		{"huge max", func(d *rubric.Definition) { d.Max = decimal.New(1, 30) }, sq.ErrLimit,
			`rubric: max 1e+30: exponent 30, at most 18 allowed`, "absurd decimals are refused"},
		{"places", func(d *rubric.Definition) { d.Precision.Places = 13 }, rubric.ErrInvalidDefinition,
			`rubric: places 13: 1–12 (0 means 4)`, "bounded precision"},
		{"rounding", func(d *rubric.Definition) { d.Precision.Rounding = sq.Rounding(7) }, rubric.ErrInvalidDefinition,
			`rubric: rounding Rounding(7): one of half-up, half-even, down`, "known rules only"},
		{"no criteria", func(d *rubric.Definition) { d.Criteria = nil }, rubric.ErrInvalidDefinition,
			`rubric: criteria: is empty`, "something to score"},
		{"duplicate criterion", func(d *rubric.Definition) { d.Criteria[1].ID = "a" }, rubric.ErrInvalidDefinition,
			`rubric: criteria[2].id "a": repeats the ID of an earlier criterion`, "IDs are unique"},
		{"bad step", func(d *rubric.Definition) { d.Criteria[0].Scale.Step = d2("0.3") }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.step 0.3: does not divide the range 0–1 into whole steps`, "steps divide the range"},
		{"zero step", func(d *rubric.Definition) { d.Criteria[0].Scale.Step = decimal.Zero }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.step 0: must be positive`, "a step moves"},
		{"min above max", func(d *rubric.Definition) { d.Criteria[0].Scale.Min = d2("2") }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.min 2: must be below max 1`, "a range runs upward"},
		{"too many places", func(d *rubric.Definition) { d.Criteria[0].Scale.Step = d2("0.0000001") }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.step 0.0000001: has more than 6 digits after the point`, "points have at most 6 places"},
		{"unknown kind", func(d *rubric.Definition) { d.Criteria[0].Scale.Kind = "stars" }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.kind "stars": is not one of "points", "binary", "rating", "levels"`, "known kinds"},
		{"levels on points", func(d *rubric.Definition) { d.Criteria[0].Scale.Size = 3 }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].scale.size: does not apply to a points scale`, "fields of other kinds are refused, not ignored"},
		{"rating size", func(d *rubric.Definition) {
			d.Criteria[0].Scale = rubric.Scale{Kind: rubric.Rating, Size: 7, Max: d2("6")}
		}, rubric.ErrInvalidDefinition, `rubric: criteria["a"].scale.size 7: is not 3, 4 or 5`, "3-, 4- or 5-point ratings"},
		{"rating steps", func(d *rubric.Definition) {
			d.Criteria[0].Scale = rubric.Scale{Kind: rubric.Rating, Size: 4, Max: d2("0.5")}
		}, rubric.ErrInvalidDefinition, `rubric: criteria["a"].scale.max 0.5: does not divide into 3 equal steps exactly (0.5/3); pick a max that does, or use a levels scale`,
			"a 4-point rating on 0.5 would need 0.1666…"},
		{"duplicate level", func(d *rubric.Definition) { d.Criteria[1].Scale.Levels[1].ID = "good" }, rubric.ErrInvalidDefinition,
			`rubric: criteria["b"].scale.levels[2].id "good": repeats the ID of an earlier level`, "level IDs are unique"},
		{"one level", func(d *rubric.Definition) { d.Criteria[1].Scale.Levels = d.Criteria[1].Scale.Levels[:1] }, rubric.ErrInvalidDefinition,
			`rubric: criteria["b"].scale.levels 1: levels; 2–32 allowed`, "a choice needs two levels"},
		{"criterion effect with points", func(d *rubric.Definition) { d.Criteria[1].Scale.Levels[0].Effect = rubric.EffectCriterion }, rubric.ErrInvalidDefinition,
			`rubric: criteria["b"].scale.levels["good"].effect "criterion": zeroes the criterion, so the level must be worth 0 points, not 1`,
			"a contradictory level"},
		{"section effect without section", func(d *rubric.Definition) { d.Criteria[1].Scale.Levels[1].Effect = rubric.EffectSection }, rubric.ErrInvalidDefinition,
			`rubric: criteria["b"].scale.levels["bad"].effect "section": zeroes the criterion's section, but the criterion has none`,
			"nothing to zero"},
		{"negative level", func(d *rubric.Definition) { d.Criteria[1].Scale.Levels[1].Points = d2("-1") }, rubric.ErrInvalidDefinition,
			`rubric: criteria["b"].scale.levels["bad"].points -1: is negative; at least 0 is allowed`, "no negative points"},
		{"bad na", func(d *rubric.Definition) { d.Criteria[0].NA = "skip" }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].na "skip": is not one of "" (not allowed), "exclude", "zero", "full"`, "known N/A policies"},
		{"section without sections", func(d *rubric.Definition) { d.Criteria[0].Section = "x" }, rubric.ErrInvalidDefinition,
			`rubric: criteria["a"].section "x": names a section, but the rubric has none`, "references resolve"},
		{"criterion without section", func(d *rubric.Definition) {
			d.Sections = []rubric.Section{{ID: "s", Title: rubric.Text{"en": "S"}}}
			d.Criteria[0].Section = "s"
		}, rubric.ErrInvalidDefinition, `rubric: criteria["b"].section "": is not a section of the rubric; every criterion needs one`,
			"with sections, every criterion has one"},
		{"empty section", func(d *rubric.Definition) {
			d.Sections = []rubric.Section{{ID: "s", Title: rubric.Text{"en": "S"}}, {ID: "t", Title: rubric.Text{"en": "T"}}}
			d.Criteria[0].Section, d.Criteria[1].Section = "s", "s"
		}, rubric.ErrInvalidDefinition, `rubric: sections["t"]: has no criteria`, "no empty sections"},
		{"negative weight", func(d *rubric.Definition) {
			d.Sections = []rubric.Section{{ID: "s", Title: rubric.Text{"en": "S"}, Weight: d2("-1")}}
			d.Criteria[0].Section, d.Criteria[1].Section = "s", "s"
		}, rubric.ErrInvalidDefinition, `rubric: sections[1].weight -1: is negative; at least 0 is allowed`, "weights are non-negative"},
		{"violation target", func(d *rubric.Definition) {
			d.Violations = []rubric.Violation{{ID: "v", Title: rubric.Text{"en": "V"}, Effect: rubric.EffectCriterion, Target: "zz"}}
		}, rubric.ErrInvalidDefinition, `rubric: violations["v"].target "zz": is not a criterion of the rubric`, "targets resolve"},
		{"violation target on auto-fail", func(d *rubric.Definition) {
			d.Violations = []rubric.Violation{{ID: "v", Title: rubric.Text{"en": "V"}, Effect: rubric.EffectEvaluation, Target: "a"}}
		}, rubric.ErrInvalidDefinition, `rubric: violations["v"].target "a": must be empty for effect "evaluation"`, "no stray targets"},
		{"duplicate violation", func(d *rubric.Definition) {
			v := rubric.Violation{ID: "v", Title: rubric.Text{"en": "V"}, Effect: rubric.EffectEvaluation}
			d.Violations = []rubric.Violation{v, v}
		}, rubric.ErrInvalidDefinition, `rubric: violations[2].id "v": repeats the ID of an earlier violation`, "violation IDs are unique"},
		{"bands out of order", func(d *rubric.Definition) {
			d.Bands = []rubric.Band{{ID: "hi", Title: rubric.Text{"en": "Hi"}, Min: d2("4")}, {ID: "lo", Title: rubric.Text{"en": "Lo"}, Min: d2("2")}}
		}, rubric.ErrInvalidDefinition, `rubric: bands[2].min 2: must be above the previous band's min 4`, "bands increase"},
		{"band above max", func(d *rubric.Definition) {
			d.Bands = []rubric.Band{{ID: "hi", Title: rubric.Text{"en": "Hi"}, Min: d2("6")}}
		}, rubric.ErrInvalidDefinition, `rubric: bands[1].min 6: exceeds the rubric's max 5`, "bands lie on the scale"},
		{"long text", func(d *rubric.Definition) { d.Description = rubric.Text{"en": strings.Repeat("x", 5000)} }, rubric.ErrInvalidDefinition,
			`rubric: description.en: is 5000 bytes long, at most 4096 allowed`, "bounded texts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := small()
			tt.change(&def)
			r, err := rubric.New(def)
			if r != nil || !errors.Is(err, tt.err) {
				t.Fatalf("New() = %v, %v; want error %v (%s)", r, err, tt.err, tt.reason)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New() error mismatch (%s):\n got %s\nwant it to contain %s", tt.reason, err, tt.want)
			}
			var de *sq.Error
			if !errors.As(err, &de) {
				t.Errorf("New() error %T is not a *DefinitionError", err)
			}
		})
	}
}

func d2(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestMustNewPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustNew did not panic on an invalid definition")
		}
	}()
	rubric.MustNew(rubric.Definition{})
}
