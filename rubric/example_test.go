package rubric_test

import (
	"errors"
	"fmt"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Score a call on the built-in call rubric (SPEC R1–R4): nine criteria in points, tonality as a level.
func Example() {
	r := rubric.CallQuality()
	p := decimal.RequireFromString
	res, err := r.Score(rubric.Evaluation{
		ID: "ev-1", CallID: "call-77", EmployeeID: "aigerim", EvaluatorID: "qa-1",
		Answers: []rubric.Answer{
			rubric.PointsAnswer("greeting", p("0.5")),
			rubric.PointsAnswer("identification", p("0.4")),
			rubric.PointsAnswer("needs", p("0.3")),
			rubric.PointsAnswer("client_focus", p("0.5")),
			rubric.PointsAnswer("current_info", p("0.5")),
			rubric.PointsAnswer("objections", p("0.4")),
			rubric.PointsAnswer("recording", p("0.5")),
			rubric.PointsAnswer("inappropriate_info", p("0.5")),
			rubric.PointsAnswer("business_style", p("0.5")),
			rubric.LevelAnswer("tonality", "yellow"),
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Total(), "of", res.Max())
	for _, why := range res.Reasons() {
		fmt.Println(why)
	}
	// Output:
	// 4.1 of 5
	// level "yellow" of criterion "tonality" zeroes criterion "tonality"
}

// A fatal violation (SPEC R4) zeroes the call; the raw total keeps what it was worth for analytics.
func ExampleRubric_Score_fatalViolation() {
	r := rubric.CallQuality()
	e := rubric.Evaluation{Violations: []string{"profanity"}}
	for _, c := range r.Criteria() {
		if c.ID == "tonality" {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, "green"))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.5")))
		}
	}
	res, _ := r.Score(e)
	fmt.Println(res)
	fmt.Println(res.Reasons()[0])
	// Output:
	// 0 of 5, auto-fail (raw 5)
	// violation "profanity" zeroes the whole evaluation
}

// Errors name the criterion, the value and the rule, and wrap a sentinel for errors.Is.
func ExampleRubric_Score_invalid() {
	r := rubric.CallQuality()
	_, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{
		rubric.PointsAnswer("greeting", decimal.RequireFromString("0.55")),
	}})
	fmt.Println(err)
	// Output:
	// rubric: answers[1].points 0.55: criterion "greeting" takes points from 0 to 0.5 in steps of 0.1: invalid score
	// rubric: answers "identification": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "needs": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "client_focus": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "current_info": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "objections": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "recording": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "inappropriate_info": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "business_style": points from 0 to 0.5 in steps of 0.1, not N/A: criterion not answered
	// rubric: answers "tonality": one of the levels "green", "yellow", "red", not N/A: criterion not answered
}

// Build a rubric from a struct literal: a chat checklist with N/A, a rating scale and pass bands.
func ExampleNew() {
	p := decimal.RequireFromString
	r, err := rubric.New(rubric.Definition{
		ID: "chat", Version: "1", Title: rubric.Text{"en": "Chat quality", "ru": "Качество чата"},
		Max: p("5"),
		Criteria: []rubric.Criterion{
			{ID: "greeting", Title: rubric.Text{"en": "Greeting"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: p("1")}},
			{ID: "answer", Title: rubric.Text{"en": "Answer quality"}, Scale: rubric.Scale{Kind: rubric.Rating, Size: 5, Max: p("4")}},
			{ID: "escalation", Title: rubric.Text{"en": "Escalation"}, Scale: rubric.Scale{Kind: rubric.Binary, Max: p("1")}, NA: rubric.NAExclude},
		},
		Bands: []rubric.Band{
			{ID: "needs_improvement", Title: rubric.Text{"en": "Needs improvement"}, Min: p("0")},
			{ID: "meets", Title: rubric.Text{"en": "Meets"}, Min: p("3.5")},
			{ID: "exceeds", Title: rubric.Text{"en": "Exceeds"}, Min: p("4.5")},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := r.Score(rubric.Evaluation{Answers: []rubric.Answer{
		rubric.LevelAnswer("greeting", "pass"),
		rubric.LevelAnswer("answer", "4"), // 3 of 4 points
		rubric.NAAnswer("escalation"),     // left out: the rest is rescaled to 0–5
	}})
	band, _ := res.Band()
	fmt.Println(res.Total(), band.ID, res.Exact())
	// Output:
	// 4 meets true
}

// Load a rubric from JSON, as a CRM integration would, and score an evaluation read from JSON.
func ExampleParse() {
	r, err := rubric.Parse([]byte(`{
	  "id": "visit", "version": "2", "title": {"en": "Branch visit"}, "max": "10",
	  "criteria": [
	    {"id": "badge", "title": {"en": "Badge worn"}, "scale": {"kind": "binary", "max": "1"}},
	    {"id": "advice", "title": {"en": "Advice"}, "scale": {"kind": "points", "min": "0", "max": "2", "step": "0.5"}}
	  ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := rubric.ParseEvaluation([]byte(`{"id": "v-9", "answers": [
	  {"criterion": "badge", "level": "fail"}, {"criterion": "advice", "points": "1.5"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := r.Score(e)
	fmt.Println(res.Meta().ID, res.Total(), "of", res.Max())
	// Output:
	// v-9 5 of 10
}

// The built-in templates are also JSON documents to copy and adapt.
func ExampleTemplates() {
	for _, id := range rubric.Templates() {
		r, _ := rubric.Template(id)
		fmt.Printf("%s: %d criteria, %s\n", id, len(r.Criteria()), r.Definition().Title.Get("ru"))
	}
	// Output:
	// call-quality: 10 criteria, Критерии оценки качества телефонных звонков
	// phone-etiquette: 12 criteria, Чек-лист телефонного этикета
	// branch-audit: 15 criteria, Чек-лист проверки отделения и «тайного покупателя»
}

// A result as JSON, for a CRM: decimals as strings, the reasons explained.
func ExampleResult_MarshalJSON() {
	r := rubric.MustNew(rubric.Definition{
		ID: "tiny", Version: "1", Title: rubric.Text{"en": "Tiny"}, Max: decimal.RequireFromString("1"),
		Criteria: []rubric.Criterion{{ID: "tone", Title: rubric.Text{"en": "Tone"}, Scale: rubric.Scale{Kind: rubric.Levels, Levels: []rubric.Level{
			{ID: "polite", Title: rubric.Text{"en": "Polite"}, Points: decimal.RequireFromString("1")},
			{ID: "rude", Title: rubric.Text{"en": "Rude"}, Points: decimal.Zero, Effect: rubric.EffectEvaluation},
		}}}},
	})
	res, _ := r.Score(rubric.Evaluation{ID: "ev-7", Answers: []rubric.Answer{rubric.LevelAnswer("tone", "rude")}})
	out, _ := res.MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// {"rubric":"tiny","version":"1","evaluation":"ev-7","total":"0","max":"1","raw_total":"0","exact":true,"auto_fail":true,"criteria":[{"id":"tone","level":"rude","zeroed":true,"raw":"0","points":"0","max":"1","lost":"1"}],"reasons":[{"effect":"evaluation","criterion":"tone","level":"rude","text":"level \"rude\" of criterion \"tone\" zeroes the whole evaluation"}]}
}

// A result stored as JSON (or in a JSONB column) reads back against the rubric it was scored on; against another
// version of the rubric it is refused.
func ExampleParseResult() {
	r := rubric.CallQuality()
	e := rubric.Evaluation{ID: "ev-1", Answers: []rubric.Answer{rubric.LevelAnswer("tonality", "red")}}
	for _, c := range r.Criteria()[:9] {
		e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.5")))
	}
	res, _ := r.Score(e)
	stored, _ := res.MarshalJSON()

	back, err := rubric.ParseResult(r, stored)
	fmt.Println(back, err, back.Equal(res))

	def := r.Definition()
	def.Version = "2027-01-01"
	_, err = rubric.ParseResult(rubric.MustNew(def), stored)
	fmt.Println(errors.Is(err, rubric.ErrRubricMismatch))
	// Output:
	// 0 of 5, auto-fail (raw 4.5) <nil> true
	// true
}
