package calibration_test

import (
	"errors"
	"fmt"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// callScorer returns a function scoring one evaluator's answers on a call with the built-in call rubric
// (SPEC R1–R3): greeting as given, 0.5 on the eight other points criteria, and the tonality level.
func callScorer(r *rubric.Rubric) func(callID, evaluator, greeting, tonality string) rubric.Result {
	return func(callID, evaluator, greeting, tonality string) rubric.Result {
		e := rubric.Evaluation{CallID: callID, EvaluatorID: evaluator}
		for _, c := range r.Criteria() {
			switch c.ID {
			case "tonality":
				e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, tonality))
			case "greeting":
				e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString(greeting)))
			default:
				e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString("0.5")))
			}
		}
		res, err := r.Score(e)
		if err != nil {
			panic(err)
		}
		return res
	}
}

// A calibration session: the team lead and two specialists score the same two calls. qa-1 is strict on the
// greeting of call c1 and hears red tonality on c2, where the lead hears yellow: red fails the whole call
// (SPEC R3), so qa-1's alignment on c2 is 0. Alignments are exact fractions; this report prints them as they are,
// which here are short decimals (a ratio such as 5/6 would print as "5/6"; round it with Fraction.Round).
func ExampleSession_Alignment() {
	score := callScorer(rubric.CallQuality())
	s, err := calibration.New([]rubric.Result{
		score("c1", "lead", "0.5", "green"), score("c1", "qa-1", "0.3", "green"), score("c1", "qa-2", "0.5", "green"),
		score("c2", "lead", "0.5", "yellow"), score("c2", "qa-1", "0.5", "red"), score("c2", "qa-2", "0.5", "yellow"),
	}, calibration.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := s.Alignment("lead")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("team:", rep.Overall)
	for _, e := range rep.Evaluators {
		fmt.Printf("%s: %s (auto-fail disagreements: %d)\n", e.EvaluatorID, e.Overall, e.AutoFailDisagreements)
		for _, c := range e.Calls {
			fmt.Printf("  %s: %s\n", c.CallID, c.Alignment)
		}
	}
	one, _ := sq.Ratio(1, 1)
	for _, c := range rep.Criteria {
		if c.Alignment.Cmp(one) < 0 {
			fmt.Println("drifts:", c.CriterionID, c.Alignment)
		}
	}
	// Output:
	// team: 0.74
	// qa-1: 0.48 (auto-fail disagreements: 1)
	//   c1: 0.96
	//   c2: 0
	// qa-2: 1 (auto-fail disagreements: 0)
	//   c1: 1
	//   c2: 1
	// drifts: greeting 0.9
}

// The spread of the totals of each call, and who is more than half a point from the call's median. The mean is
// exact and rounded here to 2 places; the standard deviation, a square root, is rounded by the session's Config
// (4 places by default).
func ExampleSession_Spread() {
	score := callScorer(rubric.CallQuality())
	s, err := calibration.New([]rubric.Result{
		score("c1", "lead", "0.5", "green"), score("c1", "qa-1", "0.3", "green"), score("c1", "qa-2", "0.5", "green"),
		score("c2", "lead", "0.5", "yellow"), score("c2", "qa-1", "0.5", "red"), score("c2", "qa-2", "0.5", "yellow"),
	}, calibration.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := s.Spread(decimal.RequireFromString("0.5"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range rep.Calls {
		mean, _ := c.Mean.Round(sq.Precision{Places: 2})
		fmt.Printf("%s: range %s, mean %s (%s), sd %s, median %s\n", c.CallID, c.Range, mean, c.Mean, c.StdDev, c.Median)
		for _, o := range c.Outside {
			fmt.Printf("  %s scored %s (%s)\n", o.EvaluatorID, o.Total, o.Deviation)
		}
	}
	// Output:
	// c1: range 0.2, mean 4.93 (74/15), sd 0.0943, median 5
	// c2: range 4.5, mean 3 (3), sd 2.1213, median 4.5
	//   qa-1 scored 0 (-4.5)
}

// Agreement without a benchmark: Fleiss' kappa and Krippendorff's alpha on the tonality of four calls scored
// by three specialists, and alpha on the totals.
func ExampleSession_KrippendorffAlpha() {
	score := callScorer(rubric.CallQuality())
	s, err := calibration.New([]rubric.Result{
		score("c1", "qa-1", "0.5", "green"), score("c1", "qa-2", "0.5", "green"), score("c1", "qa-3", "0.5", "green"),
		score("c2", "qa-1", "0.4", "yellow"), score("c2", "qa-2", "0.4", "yellow"), score("c2", "qa-3", "0.3", "green"),
		score("c3", "qa-1", "0.2", "red"), score("c3", "qa-2", "0.2", "red"), score("c3", "qa-3", "0.2", "yellow"),
		score("c4", "qa-1", "0.5", "green"), score("c4", "qa-2", "0.4", "yellow"), score("c4", "qa-3", "0.5", "green"),
	}, calibration.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := sq.Precision{Places: 4} // half-up
	kappa, _ := s.FleissKappa("tonality")
	k, _ := kappa.Value.Round(p)
	fmt.Printf("tonality, Fleiss: %s, exactly %s\n", k, kappa.Value)
	for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal} {
		a, _ := s.KrippendorffAlpha("tonality", m) // ordinal: green < yellow < red, the rubric's order
		r, _ := a.Value.Round(p)
		fmt.Printf("tonality, %s alpha: %s\n", m, r)
	}
	a, _ := s.KrippendorffAlphaTotals(calibration.Interval)
	fmt.Println(a)
	// Output:
	// tonality, Fleiss: 0.1818, exactly 2/11
	// tonality, nominal alpha: 0.25
	// tonality, ordinal alpha: 0.5493
	// α = 0.5632 (interval, 4 units, 12 values)
}

// Fleiss' kappa on a count table: the worked example of the Wikipedia article "Fleiss' kappa", 10 subjects
// rated by 14 raters into 5 categories.
func ExampleFleissKappaCounts() {
	k, err := calibration.FleissKappaCounts([][]int{
		{0, 0, 0, 0, 14},
		{0, 2, 6, 4, 2},
		{0, 0, 3, 5, 6},
		{0, 3, 9, 2, 0},
		{2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0},
		{3, 2, 6, 3, 0},
		{2, 5, 3, 2, 2},
		{6, 5, 2, 1, 0},
		{0, 2, 2, 3, 7},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k) // String rounds to 4 places half-up
	// Rounded once, from the exact values, to the article's 3 places:
	p := sq.Precision{Places: 3}
	kappa, _ := k.Value.Round(p)
	po, _ := k.Observed.Round(p)
	pe, _ := k.Expected.Round(p)
	fmt.Println("κ =", kappa.Fixed(3), "P̄ =", po.Fixed(3), "P̄e =", pe.Fixed(3))
	fmt.Println("exactly κ =", k.Value, "P̄ =", k.Observed, "P̄e =", k.Expected)
	// Output:
	// κ = 0.2099 (10 subjects, 14 raters, 5 categories)
	// κ = 0.210 P̄ = 0.378 P̄e = 0.213
	// exactly κ = 4211/20059 P̄ = 172/455 P̄e = 417/1960
}

// Krippendorff's alpha on a reliability matrix with missing values: the example of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability" — four observers, twelve units, values 1–5.
func ExampleKrippendorffAlphaMatrix() {
	v := func(x int64) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.NewFromInt(x)) }
	var o decimal.NullDecimal // missing
	data := [][]decimal.NullDecimal{
		{v(1), v(2), v(3), v(3), v(2), v(1), v(4), v(1), v(2), o, o, o},
		{v(1), v(2), v(3), v(3), v(2), v(2), v(4), v(1), v(2), v(5), o, v(3)},
		{o, v(3), v(3), v(3), v(2), v(3), v(4), v(2), v(2), v(5), v(1), o},
		{v(1), v(2), v(3), v(3), v(2), v(4), v(4), v(1), v(2), v(5), v(1), o},
	}
	for _, m := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
		a, err := calibration.KrippendorffAlphaMatrix(data, m)
		if err != nil {
			fmt.Println(err)
			return
		}
		r, _ := a.Value.Round(sq.Precision{Places: 3}) // the paper's 3 places
		fmt.Printf("%s: α = %s, exactly %s, over %d units and %d values\n", m, r, a.Value, a.Units, a.Values)
	}
	// Output:
	// nominal: α = 0.743, exactly 113/152, over 11 units and 40 values
	// ordinal: α = 0.815, exactly 108577/133160, over 11 units and 40 values
	// interval: α = 0.849, exactly 951/1120, over 11 units and 40 values
}

// Cohen's kappa on a 2×2 table: the first example of the Wikipedia article "Cohen's kappa" (50 grant proposals,
// two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15).
func ExampleCohenKappaCounts() {
	k, err := calibration.CohenKappaCounts([][]int{{20, 5}, {10, 15}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := k.Value.Round(sq.DisplayPrecision())
	fmt.Println(k.Value, r, r.Inexact) // exact; rounded to 1 place, nothing lost
	// Output:
	// 0.4 0.4 false
}

// New refuses what cannot be calibrated and says why: here one call was scored by one evaluator only.
func ExampleNew_errors() {
	score := callScorer(rubric.CallQuality())
	_, err := calibration.New([]rubric.Result{
		score("c1", "qa-1", "0.5", "green"), score("c1", "qa-2", "0.4", "green"), score("c2", "qa-1", "0.5", "green"),
	}, calibration.Config{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, calibration.ErrSingleEvaluation))
	// Output:
	// calibration: call "c2" scored only by "qa-1": at least two evaluations of every call: call scored by only one evaluator
	// true
}
