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

// labelled returns a rubric of binary criteria worth 1 point each, labelled pass/fail as given.
func labelled(pass, fail string, n int) (*rubric.Rubric, error) {
	def := rubric.Definition{ID: "checklist", Version: "1", Title: rubric.Text{"en": "Checklist"}, Max: d("5")}
	for i := range n {
		def.Criteria = append(def.Criteria, rubric.Criterion{ID: fmt.Sprintf("c%d", i+1), Title: rubric.Text{"en": "C"},
			Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1"), Pass: pass, Fail: fail}})
	}
	return rubric.New(def)
}

// TestBinaryLabels pins binary criteria with the rubric's own labels: answers and results use them, and only them.
func TestBinaryLabels(t *testing.T) {
	r, err := labelled("met", "not_met", 2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a, b   string
		total  string
		err    error
		reason string
	}{
		{"met", "met", "5", nil, "both met"},
		{"met", "not_met", "2.5", nil, "one met"},
		{"pass", "met", "", rubric.ErrUnknownLevel, "a labelled scale does not take the default labels"},
		{"yes", "met", "", rubric.ErrUnknownLevel, "nor labels it does not have"},
	}
	for _, tt := range tests {
		res, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{rubric.LevelAnswer("c1", tt.a), rubric.LevelAnswer("c2", tt.b)}})
		if !errors.Is(err, tt.err) {
			t.Errorf("Score(%s, %s) error = %v, want %v: %s", tt.a, tt.b, err, tt.err, tt.reason)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), `one of the levels "met", "not_met"`) {
				t.Errorf("Score(%s, %s) error = %v, want it to list the labels: %s", tt.a, tt.b, err, tt.reason)
			}
			continue
		}
		if !res.Total().Equal(d(tt.total)) {
			t.Errorf("Score(%s, %s) total = %s, want %s: %s", tt.a, tt.b, res.Total(), tt.total, tt.reason)
		}
		if c, _ := res.Criterion("c2"); c.Level != tt.b {
			t.Errorf("Criterion(c2).Level = %q, want %q: %s", c.Level, tt.b, tt.reason)
		}
	}
}

// TestBinaryLabelsValidation: labels belong to binary scales, come in pairs, are IDs and differ.
func TestBinaryLabelsValidation(t *testing.T) {
	tests := []struct {
		pass, fail string
		want       string
		reason     string
	}{
		{"yes", "no", "", "yes/no"},
		{"", "", "", "the default pass/fail"},
		{"yes", "", `rubric: criteria["c1"].scale.fail "": is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -`, "one label without the other"},
		{"", "no", `rubric: criteria["c1"].scale.pass "": is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -`, "one label without the other"},
		{"yes", "yes", `rubric: criteria["c1"].scale.fail "yes": is also the pass label; the two labels must differ`, "two equal labels"},
		{"да нет", "no", `rubric: criteria["c1"].scale.pass "да нет": is not an ID: 1–64 characters of A–Z a–z 0–9 _ . -`, "a label is an ID"},
	}
	for _, tt := range tests {
		_, err := labelled(tt.pass, tt.fail, 1)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New() error = %v, want none: %s", err, tt.reason)
		case tt.want != "" && (!errors.Is(err, rubric.ErrInvalidDefinition) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("New() error = %v, want ErrInvalidDefinition containing %q: %s", err, tt.want, tt.reason)
		}
	}
	_, err := rubric.New(rubric.Definition{ID: "x", Version: "1", Title: rubric.Text{"en": "X"}, Max: d("1"),
		Criteria: []rubric.Criterion{{ID: "p", Title: rubric.Text{"en": "P"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d("1"), Step: d("1"), Pass: "yes", Fail: "no"}}}})
	if !errors.Is(err, rubric.ErrInvalidDefinition) || !strings.Contains(err.Error(), "scale.pass: does not apply to a points scale") {
		t.Errorf("New() of labels on a points scale: error = %v, want them refused", err)
	}
}

// TestPropertyBinaryLabels: labels rename the levels and change nothing else: a labelled rubric scores, and
// writes its result, as the default pass/fail one does with the names swapped; its JSON round-trips byte for byte.
func TestPropertyBinaryLabels(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "criteria")
		pass := rapid.SampledFrom([]string{"yes", "met", "ok", "pass"}).Draw(t, "pass")
		fail := rapid.SampledFrom([]string{"no", "not_met", "fail", "missed"}).Draw(t, "fail")
		plain, _ := labelled("", "", n)
		named, err := labelled(pass, fail, n)
		if err != nil {
			t.Fatal(err)
		}
		var ep, en rubric.Evaluation
		for i := range n {
			id := fmt.Sprintf("c%d", i+1)
			if rapid.Bool().Draw(t, "passed") {
				ep.Answers, en.Answers = append(ep.Answers, rubric.LevelAnswer(id, "pass")), append(en.Answers, rubric.LevelAnswer(id, pass))
			} else {
				ep.Answers, en.Answers = append(ep.Answers, rubric.LevelAnswer(id, "fail")), append(en.Answers, rubric.LevelAnswer(id, fail))
			}
		}
		rp, err := plain.Score(ep)
		if err != nil {
			t.Fatal(err)
		}
		rn, err := named.Score(en)
		if err != nil {
			t.Fatal(err)
		}
		if !rp.Total().Equal(rn.Total()) || rp.Exact() != rn.Exact() {
			t.Fatalf("labelled total %s, plain %s", rn.Total(), rp.Total())
		}
		data, err := named.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.Parse(data)
		if err != nil || !back.Equal(named) {
			t.Fatalf("Parse(%s) = %v; want Equal", data, err)
		}
		if again, _ := back.MarshalJSON(); !bytes.Equal(again, data) {
			t.Fatalf("second MarshalJSON() = %s, want %s", again, data)
		}
		stored, err := rn.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if res, err := rubric.ParseResult(named, stored); err != nil || !res.Equal(rn) {
			t.Fatalf("ParseResult(%s) = %v, %v; want Equal", stored, res, err)
		}
	})
}

// A checklist whose binary items read "met" and "not met".
func ExampleScale_Labels() {
	r := rubric.MustNew(rubric.Definition{ID: "audit", Version: "1", Title: rubric.Text{"en": "Audit"}, Max: d("2"),
		Criteria: []rubric.Criterion{
			{ID: "badge", Title: rubric.Text{"en": "Wears a badge"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1"), Pass: "met", Fail: "not_met"}},
			{ID: "queue", Title: rubric.Text{"en": "Queue under 5 min"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1"), Pass: "yes", Fail: "no"}},
		}})
	res, _ := r.Score(rubric.Evaluation{Answers: []rubric.Answer{rubric.LevelAnswer("badge", "met"), rubric.LevelAnswer("queue", "no")}})
	for _, c := range res.Criteria() {
		fmt.Println(c.ID, c.Level, c.Points)
	}
	fmt.Println(r.Criteria()[0].Scale.Labels())
	// Output:
	// badge met 1
	// queue no 0
	// met not_met
}
