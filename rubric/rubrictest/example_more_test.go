package rubrictest_test

import (
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// Rubric draws valid built rubrics: each scores its own drawn evaluations.
func ExampleRubric() {
	r := rubrictest.Rubric().Example(1)
	_, err := r.Score(rubrictest.Evaluation(r).Example(1))
	fmt.Println(len(r.Criteria()) > 0, err == nil)
	// Output: true true
}

// Definition draws valid rubric definitions as plain data: each builds with rubric.New.
func ExampleDefinition() {
	ok := true
	for seed := 0; seed < 10; seed++ {
		_, err := rubric.New(rubrictest.Definition().Example(seed))
		ok = ok && err == nil
	}
	fmt.Println(ok)
	// Output: true
}

// Evaluation draws valid evaluations of a rubric: every one scores, between 0 and Max.
func ExampleEvaluation() {
	r := rubric.CallQuality()
	ok := true
	for seed := 0; seed < 20; seed++ {
		res, err := r.Score(rubrictest.Evaluation(r).Example(seed))
		ok = ok && err == nil && !res.Total().IsNegative() && !res.Total().GreaterThan(r.Max())
	}
	fmt.Println(ok)
	// Output: true
}

// AnyEvaluation draws hostile evaluations (bad UTF-8, huge decimals, any year): Score answers each with a result or
// a named error, never a panic.
func ExampleAnyEvaluation() {
	r := rubric.CallQuality()
	named := true
	for seed := 0; seed < 20; seed++ {
		if _, err := r.Score(rubrictest.AnyEvaluation().Example(seed)); err != nil {
			var ee *sq.Error
			named = named && errors.As(err, &ee)
		}
	}
	fmt.Println(named)
	// Output: true
}

// InvalidEvaluation draws evaluations broken in exactly one way, labelled with the sentinel Score must return.
func ExampleInvalidEvaluation() {
	r := rubric.CallQuality()
	ok := true
	for seed := 0; seed < 20; seed++ {
		inv := rubrictest.InvalidEvaluation(r).Example(seed)
		_, err := r.Score(inv.Evaluation)
		ok = ok && errors.Is(err, inv.Err)
	}
	fmt.Println(ok)
	// Output: true
}

// Raise lists the better answers of one criterion, for properties about higher scores.
func ExampleRaise() {
	r := rubric.CallQuality()
	e := rubric.Evaluation{Answers: []rubric.Answer{rubric.PointsAnswer("greeting", decimal.RequireFromString("0.3"))}}
	for _, a := range rubrictest.Raise(r, e, 0) {
		fmt.Println(a.Criterion, a.Points)
	}
	// Output:
	// greeting 0.4
	// greeting 0.5
}

// EquateDecimals makes go-cmp compare decimals by value: 0.5 and 0.50 are equal.
func ExampleEquateDecimals() {
	a := rubric.PointsAnswer("greeting", decimal.RequireFromString("0.5"))
	b := rubric.PointsAnswer("greeting", decimal.RequireFromString("0.50"))
	fmt.Println(cmp.Equal(a, b, rubrictest.EquateDecimals()))
	// Output: true
}

// Regions lists the regions generators can aim at.
func ExampleRegions() {
	for _, region := range rubrictest.Regions() {
		fmt.Println(region)
	}
	// Output:
	// anywhere
	// high scores
	// low scores
	// band edges
	// overrides
}

// Draws draws more evaluations per rapid case, Toward aims them at a region, Skip leaves out an invariant the
// rubric breaks on purpose, MaxShare bounds the weight of any one criterion. The call rubric passes.
func ExampleDraws() {
	t := &printer{} // in a test: t
	rubrictest.Check(t, rubric.CallQuality(), rubrictest.Draws(2), rubrictest.Toward(rubrictest.HighScores),
		rubrictest.Skip(rubrictest.InvJSON), rubrictest.MaxShare(decimal.RequireFromString("0.1")))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}

// MaxShare fails a rubric with a criterion weighing more than the share allowed: each of the ten criteria of the
// call rubric weighs 10%.
func ExampleMaxShare() {
	t := &printer{} // in a test: t
	rubrictest.Check(t, rubric.CallQuality(), rubrictest.MaxShare(decimal.RequireFromString("0.09")),
		rubrictest.Skip(rubrictest.InvReachable, rubrictest.InvMaximum, rubrictest.InvBands, rubrictest.InvOverrides,
			rubrictest.InvJSON, rubrictest.InvRules, rubrictest.InvDeterministic))
	// Output:
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "greeting" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "identification" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "needs" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "client_focus" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "current_info" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "objections" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "recording" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "inappropriate_info" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "business_style" weighs 10% of the total, more than the 9% allowed
	// rubrictest: rubric "call-quality" version "2023-03-01": share: criterion "tonality" weighs 10% of the total, more than the 9% allowed
}

// Skip leaves out invariants: with the share check skipped, a strict MaxShare reports nothing.
func ExampleSkip() {
	t := &printer{} // in a test: t
	rubrictest.Check(t, rubric.CallQuality(), rubrictest.MaxShare(decimal.RequireFromString("0.05")),
		rubrictest.Skip(rubrictest.InvShare))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}

// Toward aims the drawn evaluations at regions: band edges and overrides here.
func ExampleToward() {
	t := &printer{} // in a test: t
	rubrictest.Check(t, rubric.PhoneEtiquette(), rubrictest.Toward(rubrictest.BandEdges, rubrictest.Overrides))
	fmt.Println("failed:", t.Failed())
	// Output: failed: false
}
