package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"pgregory.net/rapid"
)

// stockDef is a sales-call rubric on 0–4: the greeting always counts; "in stock?" is asked; "alternatives"
// (points) and "alt_accepted" apply only when the product is not in stock; "ordered" only when an alternative was
// accepted (a chain of conditions).
func stockDef() rubric.Definition {
	yesNo := rubric.Scale{Kind: rubric.Binary, Max: d("1"), Pass: "yes", Fail: "no"}
	return rubric.Definition{ID: "sales", Version: "1", Title: rubric.Text{"en": "Sales call"}, Max: d("4"),
		Criteria: []rubric.Criterion{
			{ID: "greeting", Title: rubric.Text{"en": "Greeting"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d("1"), Step: d("0.5")}},
			{ID: "in_stock", Title: rubric.Text{"en": "Product in stock"}, Scale: yesNo},
			{ID: "alternatives", Title: rubric.Text{"en": "Offered alternatives"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d("1"), Step: d("0.5")},
				NA: rubric.NAExclude, When: rubric.Condition{Criterion: "in_stock", Level: "no"}},
			{ID: "alt_accepted", Title: rubric.Text{"en": "Alternative accepted"}, Scale: yesNo,
				NA: rubric.NAExclude, When: rubric.Condition{Criterion: "in_stock", Level: "no"}},
			{ID: "ordered", Title: rubric.Text{"en": "Order placed"}, Scale: yesNo,
				NA: rubric.NAExclude, When: rubric.Condition{Criterion: "alt_accepted", Level: "yes"}},
		}}
}

// stockEval answers the sales rubric; "-" leaves a criterion out, "na" answers N/A, a number gives points.
func stockEval(greeting, inStock, alternatives, accepted, ordered string) rubric.Evaluation {
	var e rubric.Evaluation
	for _, a := range [][2]string{{"greeting", greeting}, {"in_stock", inStock}, {"alternatives", alternatives}, {"alt_accepted", accepted}, {"ordered", ordered}} {
		switch id, v := a[0], a[1]; {
		case v == "-":
		case v == "na":
			e.Answers = append(e.Answers, rubric.NAAnswer(id))
		case v[0] >= '0' && v[0] <= '9':
			e.Answers = append(e.Answers, rubric.PointsAnswer(id, d(v)))
		default:
			e.Answers = append(e.Answers, rubric.LevelAnswer(id, v))
		}
	}
	return e
}

// TestConditions pins conditional criteria: applied only when the named answer has the named level, otherwise
// N/A by their own policy, an answer given for them refused.
func TestConditions(t *testing.T) {
	r := rubric.MustNew(stockDef())
	tests := []struct {
		e      rubric.Evaluation
		total  string
		err    error
		reason string
	}{
		{stockEval("1", "yes", "-", "-", "-"), "4", nil, "in stock: the other three do not apply; 2 of 2 counted"},
		{stockEval("1", "yes", "na", "na", "na"), "4", nil, "in stock, the three answered N/A: the same"},
		{stockEval("1", "yes", "1", "-", "-"), "", rubric.ErrInapplicable, "points for a criterion that does not apply"},
		{stockEval("1", "yes", "-", "no", "-"), "", rubric.ErrInapplicable, "a level for a criterion that does not apply"},
		{stockEval("1", "no", "0.5", "no", "-"), "1.5", nil, "not in stock, declined: 1.5 of 4 counted, ordered does not apply"},
		{stockEval("1", "no", "0.5", "no", "yes"), "", rubric.ErrInapplicable, "ordered after a declined alternative"},
		{stockEval("1", "no", "1", "yes", "no"), "2.4", nil, "accepted, not ordered: 3 of 5"},
		{stockEval("1", "no", "1", "yes", "-"), "", rubric.ErrMissingAnswer, "a criterion that applies must be answered"},
		{stockEval("1", "no", "-", "yes", "yes"), "", rubric.ErrMissingAnswer, "alternatives applies and is missing"},
		{stockEval("1", "no", "na", "na", "-"), "2", nil, "applies, answered N/A by its policy; ordered follows alt_accepted's N/A: 1 of 2"},
		{stockEval("0", "no", "1", "yes", "yes"), "2.4", nil, "in_stock \"no\" is worth 0: 3 of 5"},
	}
	for _, tt := range tests {
		res, err := r.Score(tt.e)
		if !errors.Is(err, tt.err) {
			t.Errorf("Score() error = %v, want %v: %s", err, tt.err, tt.reason)
			continue
		}
		if err == nil && !res.Total().Equal(d(tt.total)) {
			t.Errorf("Total() = %s, want %s: %s", res.Total(), tt.total, tt.reason)
		}
	}
	zeroDef := stockDef()
	zeroDef.Criteria[4].NA = rubric.NAZero
	res, err := rubric.MustNew(zeroDef).Score(stockEval("1", "yes", "-", "-", "-"))
	if err != nil || !res.Total().Equal(d("2.6667")) {
		t.Errorf("Total() = %s, %v; want 4·2/3 = 2.6667: an inapplicable criterion with N/A zero counts 0 of its maximum", res.Total(), err)
	}
	res, _ = r.Score(stockEval("1", "yes", "-", "-", "-"))
	if c, _ := res.Criterion("ordered"); !c.Inapplicable || !c.NA {
		t.Errorf("Criterion(ordered) = %+v, want inapplicable and N/A", c)
	}
	if c, _ := res.Criterion("greeting"); c.Inapplicable {
		t.Errorf("Criterion(greeting) = %+v, want applicable", c)
	}
}

// TestConditionsValidation: conditions name another criterion answered by level and one of its levels, do not
// loop, and come with an N/A policy.
func TestConditionsValidation(t *testing.T) {
	tests := []struct {
		change func(*rubric.Definition)
		want   string
		reason string
	}{
		{func(*rubric.Definition) {}, "", "the sales rubric"},
		{func(d *rubric.Definition) { d.Criteria[2].When.Criterion = "alternatives" }, `rubric: criteria["alternatives"].when.criterion "alternatives": is the criterion itself; a condition names another criterion`, "self-reference"},
		{func(d *rubric.Definition) { d.Criteria[2].When.Criterion = "nope" }, `rubric: criteria["alternatives"].when.criterion "nope": is not a criterion of the rubric`, "an unknown criterion"},
		{func(d *rubric.Definition) { d.Criteria[2].When.Level = "maybe" }, `rubric: criteria["alternatives"].when.level "maybe": is not a level of criterion "in_stock"`, "an unknown level"},
		{func(d *rubric.Definition) { d.Criteria[2].When.Level = "fail" }, `rubric: criteria["alternatives"].when.level "fail": is not a level of criterion "in_stock"`, "the default label of a labelled scale"},
		{func(d *rubric.Definition) { d.Criteria[3].When = rubric.Condition{Criterion: "greeting", Level: "1"} }, `rubric: criteria["alt_accepted"].when.criterion "greeting": is answered in points; a condition names a criterion answered by level`, "a points criterion"},
		{func(d *rubric.Definition) {
			d.Criteria[1].NA, d.Criteria[1].When = rubric.NAExclude, rubric.Condition{Criterion: "ordered", Level: "yes"}
		},
			"is part of a loop of conditions", "in_stock ← ordered ← alt_accepted ← in_stock"},
		{func(d *rubric.Definition) { d.Criteria[2].NA = rubric.NAForbidden }, `criteria["alternatives"].when: makes the criterion conditional, so it needs an N/A policy`, "no N/A policy"},
	}
	for _, tt := range tests {
		def := stockDef()
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

// TestConditionsJSON: conditions round-trip through the definition's JSON byte for byte; an empty "when" is
// refused rather than dropped.
func TestConditionsJSON(t *testing.T) {
	r := rubric.MustNew(stockDef())
	data, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `"when":{"criterion":"in_stock","level":"no"}`; !bytes.Contains(data, []byte(want)) {
		t.Errorf("MarshalJSON() = %s, want it to contain %s", data, want)
	}
	back, err := rubric.Parse(data)
	if err != nil || !back.Equal(r) {
		t.Fatalf("Parse() = %v; want Equal", err)
	}
	if again, _ := back.MarshalJSON(); !bytes.Equal(again, data) {
		t.Errorf("second MarshalJSON() = %s, want %s", again, data)
	}
	empty := bytes.Replace(data, []byte(`"when":{"criterion":"in_stock","level":"no"}`), []byte(`"when":{"criterion":"","level":""}`), 1)
	if _, err := rubric.ParseDefinition(empty); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("ParseDefinition(empty when) error = %v, want ErrSyntax", err)
	}
	extra := bytes.Replace(data, []byte(`"level":"no"}`), []byte(`"level":"no","levels":["no"]}`), 1)
	if _, err := rubric.ParseDefinition(extra); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("ParseDefinition(unknown key in when) error = %v, want ErrSyntax", err)
	}
}

// TestPropertyConditions: a conditional criterion counts once, as its answer when it applies and as N/A by its
// policy when it does not: leaving it out and answering N/A give Equal results, the total is the naive one, and
// the result round-trips through its stored form.
func TestPropertyConditions(t *testing.T) {
	r := rubric.MustNew(stockDef())
	rapid.Check(t, func(t *rapid.T) {
		greeting := rapid.SampledFrom([]string{"0", "0.5", "1"}).Draw(t, "greeting")
		inStock := rapid.SampledFrom([]string{"yes", "no"}).Draw(t, "in_stock")
		alternatives, accepted, ordered := "-", "-", "-"
		points, counted := map[string]float64{"0": 0, "0.5": 0.5, "1": 1}[greeting]+map[string]float64{"yes": 1, "no": 0}[inStock], 2.0
		if inStock == "no" {
			alternatives = rapid.SampledFrom([]string{"0", "0.5", "1", "na"}).Draw(t, "alternatives")
			accepted = rapid.SampledFrom([]string{"yes", "no", "na"}).Draw(t, "accepted")
			if alternatives != "na" {
				points += map[string]float64{"0": 0, "0.5": 0.5, "1": 1}[alternatives]
				counted++
			}
			if accepted != "na" {
				points += map[string]float64{"yes": 1, "no": 0}[accepted]
				counted++
			}
			if accepted == "yes" {
				ordered = rapid.SampledFrom([]string{"yes", "no", "na"}).Draw(t, "ordered")
				if ordered != "na" {
					points += map[string]float64{"yes": 1, "no": 0}[ordered]
					counted++
				}
			}
		}
		e := stockEval(greeting, inStock, alternatives, accepted, ordered)
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if want := 4 * points / counted; fmt.Sprintf("%.4f", want) != res.Total().StringFixed(4) {
			t.Fatalf("Total() = %s, want 4·%g/%g = %.4f", res.Total(), points, counted, want)
		}
		// The same with every inapplicable criterion answered N/A explicitly.
		na := stockEval(greeting, inStock, orNA(alternatives), orNA(accepted), orNA(ordered))
		if res2, err := r.Score(na); err != nil || !res2.Equal(res) {
			t.Fatalf("answering N/A for inapplicable criteria: %v, %v; want Equal to %v", res2, err, res)
		}
		data, err := res.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := rubric.ParseResult(r, data); err != nil || !back.Equal(res) {
			t.Fatalf("ParseResult(%s) = %v, %v; want Equal", data, back, err)
		}
		// And any answer given for a criterion that does not apply is refused.
		if ordered == "-" {
			bad := stockEval(greeting, inStock, alternatives, accepted, "yes")
			if _, err := r.Score(bad); !errors.Is(err, rubric.ErrInapplicable) {
				t.Fatalf("an answer for inapplicable ordered: error = %v, want ErrInapplicable", err)
			}
		}
	})
}

func orNA(v string) string {
	if v == "-" {
		return "na"
	}
	return v
}

// "Offered alternatives" counts only when the product was not in stock.
func ExampleCondition() {
	r := rubric.MustNew(stockDef())
	for _, e := range []rubric.Evaluation{
		stockEval("1", "yes", "-", "-", "-"),
		stockEval("1", "no", "0.5", "no", "-"),
		stockEval("1", "yes", "1", "-", "-"),
	} {
		res, err := r.Score(e)
		if err != nil {
			fmt.Println(err)
			continue
		}
		c, _ := res.Criterion("alternatives")
		fmt.Println(res.Total(), "alternatives applies:", !c.Inapplicable)
	}
	// Output:
	// 4 alternatives applies: false
	// 1.5 alternatives applies: true
	// rubric: answers "alternatives": no answer but N/A: the criterion applies only when criterion "in_stock" is "no": criterion does not apply
}
