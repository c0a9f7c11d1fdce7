package surveytest_test

import (
	"testing"

	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"pgregory.net/rapid"
)

// TestCheck proves the invariants of every tally of package survey, on small tallies and near survey.MaxCount.
func TestCheck(t *testing.T) {
	surveytest.Check(t)
	surveytest.Check(t, surveytest.MaxTotal(survey.MaxCount/4), surveytest.Draws(2))
}

// TestMoreGenerators: drawn shares and targets are valid.
func TestMoreGenerators(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		if r := surveytest.Share(50).Draw(t, "retention"); r.Total() > 50 || r.Hits() > r.Total() {
			t.Fatalf("share %+v beyond its bounds", r)
		}
		tg := surveytest.Target().Draw(t, "target")
		if err := tg.Validate(); err != nil {
			t.Fatalf("Target drew an invalid target %+v: %v", tg, err)
		}
		if _, err := tg.Assess(surveytest.Target().Draw(t, "other").Value); err != nil {
			t.Fatalf("Assess refuses a valid target and value: %v", err)
		}
	})
}
