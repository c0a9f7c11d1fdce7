package autoqa_test

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/rubric"
)

// The telephony system reports a hold of 2:05 and that the agent ended the call: the phone-etiquette rules of
// SPEC R21 and R22 fail two criteria, each with its provenance; the callback criterion is N/A (none promised).
func ExampleRuleSet_Derive() {
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	facts := autoqa.Facts{CallID: "c-42", Start: start, End: start.Add(8 * time.Minute),
		Holds:   []autoqa.Interval{{Start: start.Add(2 * time.Minute), End: start.Add(4*time.Minute + 5*time.Second)}},
		EndedBy: autoqa.PartyAgent}
	d, err := autoqa.PhoneEtiquetteRules().Derive(rubric.PhoneEtiquette(), facts, start.Add(time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range d.Answers {
		answer := a.Answer.Level
		if a.Answer.NA {
			answer = "n/a"
		}
		fmt.Printf("%s: %s (%s: %s)\n", a.Answer.Criterion, answer, a.Rule, a.Facts)
	}
	// Output:
	// hold_under_2_minutes: fail (R21 hold at most 2 minutes: longest hold 2m5s (2026-03-02T10:02:00Z–2026-03-02T10:04:05Z), limit 2m0s)
	// callback_on_time: n/a (R22 call back at the agreed time: no callback promised)
	// client_ends_call: fail (R22 let the client end the call: the agent ended the call)
}
