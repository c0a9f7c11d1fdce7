package review_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/review/reviewtest"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// TestHistoryKit proves on the histories of package reviewtest, on the call rubric and on drawn rubrics, that a
// review reads back Equal from its JSON, that the result in force is the evaluation in force scored, and that
// every invalid event is refused with the sentinel it is labelled with, leaving the review as it was.
func TestHistoryKit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.OneOf(rapid.Just(rubric.CallQuality()), rubrictest.Rubric()).Draw(t, "rubric")
		v := reviewtest.History(r, 10).Draw(t, "review")
		b, err := v.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if back, err := review.ParseReview(r, b); err != nil || !back.Equal(v) {
			t.Fatalf("the review does not read back from %s: %v", b, err)
		}
		at := v.ScoredAt()
		if evs := v.Events(); len(evs) > 0 {
			at = evs[len(evs)-1].At
		}
		e, err := v.EvaluationAt(at)
		if err != nil {
			t.Fatalf("EvaluationAt: %v", err)
		}
		want, werr := r.Score(e)
		got, err := v.ResultAt(at)
		if err != nil || werr != nil || !got.Equal(want) {
			t.Fatalf("ResultAt gives %v (error %v), the evaluation in force scores %v (error %v)", got, err, want, werr)
		}
		bad := reviewtest.InvalidEvent(v).Draw(t, "invalid")
		before := v.Events()
		if _, err := v.Append(bad.Event); !errors.Is(err, bad.Err) {
			t.Fatalf("%s: error %v, want one wrapping %v", bad.Why, err, bad.Err)
		}
		if len(v.Events()) != len(before) {
			t.Fatalf("a refused event changed the review")
		}
	})
}
