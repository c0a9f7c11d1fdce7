package reviewtest_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/servicequality/servicequality/review/reviewtest"
	"github.com/servicequality/servicequality/rubric"
	"pgregory.net/rapid"
)

// quiet stands in for the *testing.T of a test in these examples.
type quiet struct{ testing.TB }

func (quiet) Helper()                   {}
func (quiet) Name() string              { return "Example" }
func (quiet) Logf(string, ...any)       {}
func (quiet) Log(...any)                {}
func (quiet) Failed() bool              { return false }
func (quiet) Errorf(f string, a ...any) { fmt.Printf(f+"\n", a...) }
func (quiet) Fatalf(f string, a ...any) { fmt.Printf(f+"\n", a...) }

// A team proves its own property on drawn histories: the result in force is always on the rubric's scale.
func ExampleHistory() {
	r := rubric.CallQuality()
	rapid.Check(quiet{}, func(t *rapid.T) {
		v := reviewtest.History(r, 8).Draw(t, "review")
		evs := v.Events()
		at := v.ScoredAt()
		if len(evs) > 0 {
			at = evs[len(evs)-1].At
		}
		res, err := v.ResultAt(at)
		if err != nil || res.Total().GreaterThan(r.Max()) {
			t.Fatalf("result %v, error %v", res.Total(), err)
		}
	})
	fmt.Println("results on the scale")
	// Output:
	// results on the scale
}

// Every invalid event is refused with the sentinel it is labelled with.
func ExampleInvalidEvent() {
	rapid.Check(quiet{}, func(t *rapid.T) {
		v := reviewtest.History(rubric.CallQuality(), 6).Draw(t, "review")
		bad := reviewtest.InvalidEvent(v).Draw(t, "invalid")
		if _, err := v.Append(bad.Event); !errors.Is(err, bad.Err) {
			t.Fatalf("%s: error %v", bad.Why, err)
		}
	})
	fmt.Println("refused as labelled")
	// Output:
	// refused as labelled
}
