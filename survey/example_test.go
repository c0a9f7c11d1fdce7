package survey_test

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// The metrics of one employee's clients, as a rating would take them: exact values, rounded once where they are
// shown.
func Example() {
	nps, err := survey.NewShare(9, 10) // 9 of 10 clients would recommend us (SPEC R12)
	if err != nil {
		panic(err)
	}
	points, _ := nps.Points() // 90% = 4.5 points (SPEC R13)

	csi, err := survey.CSIFromAnswers([]int{5, 4, 5, 3}) // satisfaction on 1–5 (SPEC R11)
	if err != nil {
		panic(err)
	}
	mean, _ := csi.Mean()

	cov, _ := survey.NewShare(5, 120) // 5 of the employee's 120 clients answered
	ok, _ := cov.Meets(decimal.Zero)  // at least 4% (SPEC R14)

	classic, _ := survey.NewClassicNPS(291, 476, 395) // 0–10 answers: promoters, passives, detractors
	score, _ := classic.Score()
	shown, _ := score.Round(sq.Precision{Places: 2})
	margin, _ := classic.Margin(decimal.RequireFromString("0.95"), sq.Precision{Places: 2})

	fmt.Println("NPS", points, "of 5, CSI", mean, "of 5, coverage acceptable:", ok)
	fmt.Println("classic NPS", shown, "±", margin, "exactly", score)
	// Output:
	// NPS 4.5 of 5, CSI 4.25 of 5, coverage acceptable: true
	// classic NPS -8.95 ± 4.39 exactly -5200/581
}

// The NPS of the source methodology (SPEC R12, R13): the share of "yes" answers, and its 5-point form, exact;
// rounding says whether it dropped digits.
func ExampleShare_Points() {
	nps, err := survey.NewShare(9, 10) // 9 of 10 clients would recommend us
	if err != nil {
		panic(err)
	}
	pct, _ := nps.Percent()
	pts, _ := nps.Points()
	fmt.Println(pct, "% =", pts, "points")

	third, _ := survey.NewShare(2, 3)
	pts, _ = third.Points()
	shown, _ := pts.Round(sq.Precision{Places: 2})
	fmt.Println(pts, "points, shown as", shown, "inexact:", shown.Inexact)
	// Output:
	// 90 % = 4.5 points
	// 10/3 points, shown as 3.33 inexact: true
}

// The CSI (SPEC R11): the mean of 1–5 satisfaction answers, with their distribution.
func ExampleCSI_Mean() {
	csi, err := survey.CSIFromAnswers([]int{5, 4, 5, 3, 5, 4})
	if err != nil {
		panic(err)
	}
	mean, _ := csi.Mean()
	shown, _ := mean.Round(sq.DisplayPrecision())
	fmt.Println("CSI", shown, "exactly", mean, "answers 1–5:", csi.Counts())

	_, err = survey.CSIFromAnswers([]int{5, 4, 6})
	fmt.Println(err)
	// Output:
	// CSI 4.3 exactly 13/3 answers 1–5: [0 0 1 2 3]
	// survey: answers[3] 6: CSI answers are 1–5: invalid answer
}

// The classic NPS with its margin of error: a published worked example.
func ExampleClassicNPS_Margin() {
	c, err := survey.NewClassicNPS(291, 476, 395)
	if err != nil {
		panic(err)
	}
	two := sq.Precision{Places: 2}
	score, _ := c.Score()
	shown, _ := score.Round(two)
	margin, _ := c.Margin(decimal.RequireFromString("0.95"), two)
	fmt.Printf("NPS %s ± %s (95%%, n = %d)\n", shown, margin, c.Total())
	// Output:
	// NPS -8.95 ± 4.39 (95%, n = 1162)
}

// Two periods of classic NPS compared with a z test.
func ExampleCompareClassic() {
	q1, _ := survey.NewClassicNPS(291, 476, 395)
	q2, _ := survey.NewClassicNPS(350, 450, 362)
	three := sq.Precision{Places: 3}
	ch, err := survey.CompareClassic(q1, q2, three)
	if err != nil {
		panic(err)
	}
	diff, _ := ch.Difference.Round(three)
	fmt.Println("change", diff, "points, z", ch.Z, "p", ch.PValue)
	// Output:
	// change 7.917 points, z 2.469 p 0.014
}

// CSAT: the share of 4–5 answers, with a Wilson interval.
func ExampleShare_Wilson() {
	c, _ := survey.CSATFromAnswers([]int{5, 4, 2, 3, 5, 1, 4, 3})
	pct, _ := c.Percent()
	iv, _ := c.Wilson(decimal.RequireFromString("0.95"), 3)
	fmt.Println("CSAT", pct, "%, 95% interval", iv.Low, "to", iv.High)
	// Output:
	// CSAT 50 %, 95% interval 0.215 to 0.785
}

// CES: the mean effort on 1–7.
func ExampleCES_Mean() {
	c, _ := survey.CESFromAnswers([]int{2, 3, 2, 1, 5})
	mean, _ := c.Mean()
	fmt.Println("CES", mean)
	// Output:
	// CES 2.6
}

// Coverage (SPEC R14): at least 4% of an employee's clients must be surveyed.
func ExampleShare_Meets() {
	for _, surveyed := range []int64{3, 5} {
		c, _ := survey.NewShare(surveyed, 120)
		pct, _ := c.Percent()
		shown, _ := pct.Round(sq.Precision{Places: 2})
		ok, _ := c.Meets(decimal.Zero) // the default 4%
		need, _ := c.Required(decimal.Zero)
		fmt.Printf("%d of 120 = %s%%: acceptable %v (need %d)\n", surveyed, shown, ok, need)
	}
	// Output:
	// 3 of 120 = 2.5%: acceptable false (need 5)
	// 5 of 120 = 4.17%: acceptable true (need 5)
}

// Targets (SPEC R15): "NPS up 20%" and "response time ≤ 5 minutes".
func ExampleTarget_Assess() {
	npsUp := survey.Target{Metric: "NPS, %", Compare: survey.AtLeast, Mode: survey.Percent,
		Value: decimal.NewFromInt(20), Baseline: decimal.NewFromInt(70)}
	fast := survey.Target{Metric: "response time, min", Compare: survey.AtMost, Value: decimal.NewFromInt(5)}

	a, _ := npsUp.Assess(decimal.NewFromInt(80))
	fmt.Println(a.Metric, a.Value, a.Compare, a.Target, "met:", a.Met, "distance:", a.Distance)
	b, _ := fast.Assess(decimal.RequireFromString("4.2"))
	fmt.Println(b.Metric, b.Value, b.Compare, b.Target, "met:", b.Met, "distance:", b.Distance)
	// Output:
	// NPS, % 80 at-least 84 met: false distance: -4
	// response time, min 4.2 at-most 5 met: true distance: 0.8
}

// Segments: an employee's survey rating per quarter and cumulatively since hiring (SPEC R10).
func ExampleSegments() {
	loc := time.FixedZone("UTC+5", 5*3600)
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 12, 0, 0, 0, loc) }
	yes := survey.Answer{Kind: survey.KindRecommend, Value: 1}
	no := survey.Answer{Kind: survey.KindRecommend, Value: 0}
	responses := []survey.Response{
		{Client: "c1", Employee: "anna", At: day(1, 15), Answer: yes},
		{Client: "c2", Employee: "anna", At: day(2, 20), Answer: no},
		{Client: "c3", Employee: "anna", At: day(4, 5), Answer: yes},
		{Client: "c4", Employee: "anna", At: day(5, 9), Answer: yes},
		{Client: "c5", Employee: "bolat", At: day(5, 9), Answer: yes},
	}
	qs, _ := sq.Quarters(sq.Period{From: day(1, 1), To: day(6, 30)}, loc) // 2024-Q1 and 2024-Q2
	var periods []sq.Period
	for _, q := range qs {
		periods = append(periods, q.Period(loc))
	}
	byEmployee := func(r survey.Response) string { return r.Employee }
	for _, cumulative := range []bool{false, true} {
		segs, err := survey.Segments(responses, survey.Grouping{Key: byEmployee, Periods: periods,
			Cumulative: cumulative})
		if err != nil {
			panic(err)
		}
		for _, s := range segs {
			if s.Key != "anna" {
				continue
			}
			pts, _ := s.Tallies.Recommend.Points()
			fmt.Printf("cumulative %-5v to %s: %d answers, %s points\n", cumulative,
				s.Period.To.Format("2006-01-02"), s.Tallies.Recommend.Total(), pts)
		}
	}
	// Output:
	// cumulative false to 2024-04-01: 2 answers, 2.5 points
	// cumulative false to 2024-07-01: 2 answers, 5 points
	// cumulative true  to 2024-04-01: 2 answers, 2.5 points
	// cumulative true  to 2024-07-01: 4 answers, 3.75 points
}
