package survey_test

import (
	"fmt"

	"github.com/servicequality/servicequality/survey"
)

// Keeping an employee's stored tallies up to date: read the bytea column, count the new answer in place, write
// the binary form back.
func ExampleTallies_Add() {
	var stored []byte // the column of a new employee holds the empty tallies
	stored, _ = survey.Tallies{}.MarshalBinary()

	for _, a := range []survey.Answer{{Kind: survey.KindCSI, Value: 5}, {Kind: survey.KindRecommend, Value: 1},
		{Kind: survey.KindCSI, Value: 4}} {
		var t survey.Tallies
		if err := t.Scan(stored); err != nil {
			panic(err)
		}
		if err := t.Add(a, survey.ClassicCuts{}); err != nil {
			panic(err)
		}
		var err error
		if stored, err = t.AppendBinary(stored[:0]); err != nil {
			panic(err)
		}
	}
	var t survey.Tallies
	if err := t.UnmarshalBinary(stored); err != nil {
		panic(err)
	}
	csi, _ := t.CSI.Mean()
	fmt.Println(len(stored), "bytes; CSI", csi, "of", t.CSI.Total(), "answers;", t.Recommend.Hits(), "would recommend")
	fmt.Println(t.Add(survey.Answer{Kind: survey.KindCSI, Value: 6}, survey.ClassicCuts{}))
	// Output:
	// 22 bytes; CSI 4.5 of 2 answers; 1 would recommend
	// survey: value 6: CSI answers are 1–5: invalid answer
}
