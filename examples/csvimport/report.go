package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// writeReport prints the scored evaluations and the employees' call-quality ratings.
func writeReport(w io.Writer, r *rubric.Rubric, imp *imported, minCalls int) error {
	fmt.Fprintf(w, "%d evaluations scored on %q (%s, version %s), 0–%s:\n\n", len(imp.results), r.Title("en"),
		r.ID(), r.Version(), r.Max())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "evaluation\tcall\temployee\tevaluator\tat\ttotal\traw\twhy")
	for _, res := range imp.results {
		m := res.Meta()
		why := "-"
		if rs := res.Reasons(); len(rs) > 0 {
			var parts []string
			for _, x := range rs {
				parts = append(parts, x.String())
			}
			why = strings.Join(parts, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, dashIfEmpty(m.CallID), m.EmployeeID,
			dashIfEmpty(m.EvaluatorID), m.At.Format("2006-01-02 15:04 -07:00"), total(res.Total()),
			total(res.RawTotal()), why)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return writeRatings(w, imp.results, minCalls)
}

// writeRatings prints each employee's call-quality rating (SPEC R5): the mean of their call totals, ranked when
// it rests on at least minCalls calls.
func writeRatings(w io.Writer, results []rubric.Result, minCalls int) error {
	calls := make([]rating.CallScore, 0, len(results))
	for _, res := range results {
		c, err := rating.CallScoreOf(res, "")
		if err != nil {
			fmt.Fprintf(w, "No ratings: %v\n", err)
			return nil
		}
		calls = append(calls, c)
	}
	settings := rating.DefaultPersonalSettings()
	// Calls only: the survey component has weight 0, so it is neither missing nor checked for coverage.
	settings.Weights = rating.Scheme{Weights: []rating.Weight{
		{Name: rating.ComponentCalls, Weight: decimal.NewFromInt(1)},
		{Name: rating.ComponentSurvey, Weight: decimal.Zero},
	}, Missing: rating.MissingRenormalize}
	settings.MinCalls = minCalls
	rater, err := rating.NewPersonalRater(settings)
	if err != nil {
		return fmt.Errorf("-min-calls %d: %w", minCalls, err)
	}
	ps, err := rater.RateEmployees(calls, nil, rating.Period{}, rating.Period{})
	if err != nil {
		return err
	}
	entries := make([]rating.Entry, len(ps))
	count := map[string]int64{}
	for i, p := range ps {
		entries[i] = p.Entry()
		count[p.EmployeeID] = p.Calls.Count()
	}
	board, err := rating.NewLeaderboard(entries)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Ratings: the mean of each employee's totals, one decimal rounded half-up; at least %d "+
		"evaluated calls for a rank (SPEC R5):\n\n", minCalls)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rank\temployee\tcalls\trating\tnote")
	for _, s := range board.Ranked() {
		v, _ := s.Rating.Display()
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", s.Rank, s.ID, count[s.ID], v.StringFixed(1))
	}
	for _, s := range board.Insufficient() {
		var why []string
		for _, r := range s.Rating.Reasons() {
			why = append(why, r.String())
		}
		fmt.Fprintf(tw, "-\t%s\t%d\t[%s]\tprovisional: %s\n", s.ID, count[s.ID],
			s.Rating.Exact().Display().StringFixed(1), strings.Join(why, "; "))
	}
	return tw.Flush()
}

// total formats a total: one decimal at least, all the digits it has.
func total(d decimal.Decimal) string {
	if d.Exponent() >= -1 {
		return d.StringFixed(1)
	}
	return d.String()
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
