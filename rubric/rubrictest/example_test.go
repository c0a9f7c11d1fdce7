package rubrictest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// printer stands in for the *testing.T of a test in these examples: it prints what a checker reports.
type printer struct {
	testing.TB
	failed bool
}

func (p *printer) Helper()             {}
func (p *printer) Name() string        { return "Example" }
func (p *printer) Logf(string, ...any) {}
func (p *printer) Log(...any)          {}
func (p *printer) Failed() bool        { return p.failed }
func (p *printer) Errorf(format string, args ...any) {
	p.failed = true
	fmt.Printf(format+"\n", args...)
}

// A team keeps its rubric as a JSON file and checks it in CI with one line: Check(t, r). This rubric has a band
// no evaluation can reach and a criterion weighing more than the team allows.
func ExampleCheck() {
	r, err := rubric.Parse([]byte(`{
	  "id": "chat", "version": "3", "title": {"en": "Chat"}, "max": "5",
	  "criteria": [
	    {"id": "greeting", "title": {"en": "Greeting"}, "scale": {"kind": "binary", "max": "1"}},
	    {"id": "answer", "title": {"en": "Answer"}, "scale": {"kind": "binary", "max": "3"}}
	  ],
	  "bands": [{"id": "low", "title": {"en": "Low"}, "min": "0"},
	            {"id": "good", "title": {"en": "Good"}, "min": "4"},
	            {"id": "great", "title": {"en": "Great"}, "min": "4.5"}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	t := &printer{} // in a test: t
	rubrictest.Check(t, r, rubrictest.MaxShare(decimal.RequireFromString("0.5")))
	// Output:
	// rubrictest: rubric "chat" version "3": bands: band "good" (from 4 to 4.5) is never reached: it lies in the gap between the totals 3.75 and 5 that evaluations reach (506 evaluations tried, the walks from the best answers to the worst among them)
	// rubrictest: rubric "chat" version "3": share: criterion "answer" weighs 75% of the total, more than the 50% allowed
}

// Invariant adds the team's own rule, checked on every drawn evaluation; Skip leaves out one the rubric breaks on
// purpose. The built-in call rubric holds this rule, so nothing is printed.
func ExampleInvariant() {
	rawNotBelow := rubrictest.Invariant("raw total not below the total", func(e rubric.Evaluation, res rubric.Result) error {
		if res.RawTotal().LessThan(res.Total()) {
			return errors.New("an override raised the total")
		}
		return nil
	})
	t := &printer{}
	rubrictest.Check(t, rubric.CallQuality(), rawNotBelow, rubrictest.Skip(rubrictest.InvShare))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// A web form re-implements the rubric with float64 and is caught on 0.1 + 0.2.
func ExampleConformance() {
	r := rubric.MustNew(rubric.Definition{ID: "mini", Version: "1", Title: rubric.Text{"en": "Mini"}, Max: decimal.RequireFromString("0.3"),
		Criteria: []rubric.Criterion{
			{ID: "a", Title: rubric.Text{"en": "A"}, Scale: rubric.Scale{Kind: rubric.Points, Min: decimal.Zero, Max: decimal.RequireFromString("0.1"), Step: decimal.RequireFromString("0.1")}},
			{ID: "b", Title: rubric.Text{"en": "B"}, Scale: rubric.Scale{Kind: rubric.Points, Min: decimal.Zero, Max: decimal.RequireFromString("0.2"), Step: decimal.RequireFromString("0.1")}},
		}})
	float := func(e rubric.Evaluation) (decimal.Decimal, error) {
		sum := 0.0
		for _, a := range e.Answers {
			sum += a.Points.InexactFloat64()
		}
		return decimal.NewFromFloat(sum), nil
	}
	rubrictest.Conformance(&printer{}, r, float)
	// Output:
	// rubrictest: rubric "mini" version "1", case best answers: your scorer gives 0.30000000000000004 where the library gives 0.3 (0.3 of 0.3)
	// evaluation: {"id":"vector-1","rubric":"mini","version":"1","answers":[{"criterion":"a","points":"0.1"},{"criterion":"b","points":"0.2"}]}
}

// Conformance vectors for a team scoring in another language: one JSON object per line.
func ExampleWriteVectors() {
	var buf bytes.Buffer
	if err := rubrictest.WriteVectors(&buf, rubric.CallQuality(), 1, 100); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var last rubrictest.Vector
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(lines), "vectors, the last:", last.Case)
	for _, l := range lines {
		if strings.Contains(l, `"case":"override violation \"profanity\""`) {
			fmt.Println(l[strings.Index(l, `"total"`):])
		}
	}
	// Output:
	// 165 vectors, the last: random 100
	// "total":"0","raw_total":"5","exact":true,"auto_fail":true,"band":"","reasons":[{"effect":"evaluation","violation":"profanity","text":"violation \"profanity\" zeroes the whole evaluation"}]}
}

// A re-implementation in Go reads the vectors back and compares.
func ExampleVector() {
	line := `{"case":"best answers","evaluation":{"answers":[{"criterion":"greeting","points":"0.5"}]},` +
		`"total":"5","raw_total":"5","exact":true,"auto_fail":false,"band":"","reasons":[]}`
	var v rubrictest.Vector
	if err := json.Unmarshal([]byte(line), &v); err != nil {
		fmt.Println(err)
		return
	}
	mine := decimal.RequireFromString("5.0") // what the re-implementation gives
	fmt.Println(v.Case, v.Total, mine.Equal(v.Total))
	// Output:
	// best answers 5 true
}

// HighScores reaches the top of the scale that uniform draws almost never reach.
func ExampleEvaluationWith() {
	r := rubric.CallQuality()
	high := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{Toward: rubrictest.HighScores})
	top := 0
	for i := range 200 {
		res, _ := r.Score(high.Example(i))
		if res.Total().GreaterThanOrEqual(decimal.RequireFromString("4.5")) {
			top++
		}
	}
	fmt.Println("at least 20% at 4.5 or more:", top >= 40)
	// Output:
	// at least 20% at 4.5 or more: true
}

// AnyRegion mixes every region; Regions lists them.
func ExampleAnyRegion() {
	r := rubric.PhoneEtiquette()
	gen := rubrictest.AnyRegion(r)
	valid := 0
	for i := range 50 {
		if _, err := r.Score(gen.Example(i)); err == nil {
			valid++
		}
	}
	fmt.Println(valid, "valid of 50;", rubrictest.Regions())
	// Output:
	// 50 valid of 50; [anywhere high scores low scores band edges overrides]
}

// CheckFile checks a rubric kept as a JSON file in the repository.
func ExampleCheckFile() {
	t := &printer{} // in a test: t
	rubrictest.CheckFile(t, "testdata/chat.json", rubrictest.MaxShare(decimal.RequireFromString("0.4")))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}
