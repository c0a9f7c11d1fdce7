package surveytest_test

import (
	"fmt"

	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
)

// Share draws valid k-of-n tallies: the share of hits is within 0–100%.
func ExampleShare() {
	ok := true
	for seed := 0; seed < 20; seed++ {
		s := surveytest.Share(1000).Example(seed)
		ok = ok && s.Hits() <= s.Total()
	}
	fmt.Println(ok)
	// Output: true
}

// ClassicNPS draws 0–10 tallies: the classic NPS lies within −100 and +100.
func ExampleClassicNPS() {
	ok := true
	for seed := 0; seed < 20; seed++ {
		n := surveytest.ClassicNPS(1000).Example(seed)
		if v, err := n.Score(); err == nil {
			ok = ok && v.Float64() >= -100 && v.Float64() <= 100
		}
	}
	fmt.Println(ok)
	// Output: true
}

// CSI draws 1–5 satisfaction tallies.
func ExampleCSI() {
	fmt.Println(surveytest.CSI(50).Example(1).Total() >= 0)
	// Output: true
}

// CES draws effort tallies.
func ExampleCES() {
	fmt.Println(surveytest.CES(50).Example(4).Total() >= 0)
	// Output: true
}

// Answer draws single valid answers of any kind.
func ExampleAnswer() {
	var t survey.Tallies
	ok := true
	for seed := 0; seed < 20; seed++ {
		ok = ok && t.Add(surveytest.Answer().Example(seed), survey.ClassicCuts{}) == nil
	}
	fmt.Println(ok)
	// Output: true
}
