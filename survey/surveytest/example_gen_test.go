package surveytest_test

import (
	"fmt"

	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
)

// RecommendShare draws valid yes/no tallies: the share of "yes" is within 0–100%.
func ExampleRecommendShare() {
	ok := true
	for seed := 0; seed < 20; seed++ {
		s := surveytest.RecommendShare(1000).Example(seed)
		ok = ok && s.Yes() <= s.Total()
	}
	fmt.Println(ok)
	// Output: true
}

// ClassicNPS draws 0–10 tallies: the classic NPS lies within −100 and +100.
func ExampleClassicNPS() {
	ok := true
	for seed := 0; seed < 20; seed++ {
		n := surveytest.ClassicNPS(1000).Example(seed)
		if v, _, err := n.Score(2, survey.HalfUp); err == nil {
			ok = ok && v.Abs().LessThanOrEqual(decimal.NewFromInt(100))
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

// CSAT draws satisfied-of-total tallies.
func ExampleCSAT() {
	c := surveytest.CSAT(100).Example(2)
	fmt.Println(c.Satisfied() <= c.Total())
	// Output: true
}

// FCR draws resolved-of-total tallies.
func ExampleFCR() {
	f := surveytest.FCR(100).Example(3)
	fmt.Println(f.Resolved() <= f.Total())
	// Output: true
}

// CES draws effort tallies.
func ExampleCES() {
	fmt.Println(surveytest.CES(50).Example(4).Total() >= 0)
	// Output: true
}

// Coverage draws surveyed-of-clients counts.
func ExampleCoverage() {
	c := surveytest.Coverage(500).Example(5)
	fmt.Println(c.Surveyed() <= c.Clients())
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
