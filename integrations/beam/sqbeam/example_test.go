package sqbeam_test

import (
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
)

// CheckCoders refuses a pipeline in which a value with unexported state would reach Beam's schema coder.
func ExampleCheckCoders() {
	p, s := beam.NewPipelineWithRoot()
	beam.ParDo(s, wrapFn, beam.Create(s, "e1")) // wrapped holds a rating.Rating
	fmt.Println(sqbeam.CheckCoders(p))

	p, s = beam.NewPipelineWithRoot()
	cfg := sqbeam.RateConfig{Roster: sample.Roster(4, 2)}
	sqbeam.Aggregate(s, sample.Rubric(), cfg, beam.Create(s, "{}"), beam.Create(s, sqbeam.SurveyAnswer{}))
	fmt.Println(sqbeam.CheckCoders(p))
	// Output:
	// sqbeam: 1 types would lose state in Beam's schema coder (register a coder with beam.RegisterCoder): rating.Rating has the unexported field weighted and no registered coder
	// <nil>
}

// RateLocal computes, without Beam, the rows a pipeline built with Aggregate writes.
func ExampleRateLocal() {
	cfg := sqbeam.RateConfig{Roster: sample.Roster(40, 2), Platforms: sample.Platforms(2)}
	rows, dead, err := sqbeam.RateLocal(cfg, sample.Rubric(), sample.Lines(1000, 40, true), sample.Answers(400, 40, 300))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		if r.Kind == "department" || r.Rank == 1 {
			fmt.Println(r.Kind, r.ID, r.Status, r.Value, r.Display, r.Rank)
		}
	}
	fmt.Println(len(dead), "dead letters, first:", dead[0].Stage)
	// Output:
	// employee emp-0021 sufficient 2.5716666667 2.6 1
	// department dept-00 sufficient 2.7373928797 2.7 1
	// department dept-01 insufficient 1.9595432692  0
	// 5 dead letters, first: parse
}
