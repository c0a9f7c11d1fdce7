package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// tableHeader names the columns of the table of scored evaluations.
var tableHeader = [...]string{"evaluation", "call", "employee", "evaluator", "at", "total", "raw", "why"}

// tablePadding is the space between two columns of a table.
const tablePadding = 2

// report gathers the scored evaluations as they come and prints them at the end: the table of evaluations and
// each employee's call-quality rating. It keeps no evaluation: each row of the table goes to the spool (a
// temporary file) as it comes, with the width of each column, and each employee's calls are summed in one
// accumulator. So memory grows with the number of employees, not with the number of rows.
type report struct {
	r      *rubric.Rubric
	spool  io.ReadWriter
	w      *bufio.Writer
	widths [len(tableHeader)]int
	rows   int
	// calls holds the count and exact sum of each employee's call totals; noRatings why there are no ratings.
	calls     rating.Grouped
	noRatings error
}

// newReport returns a report of evaluations scored on r, spooling its table to spool; reading spool after
// writing it must give back what was written (a bytes.Buffer, or an *os.File, which is rewound).
func newReport(r *rubric.Rubric, spool io.ReadWriter) *report {
	p := &report{r: r, spool: spool, w: bufio.NewWriter(spool)}
	for i, h := range tableHeader {
		p.widths[i] = utf8.RuneCountInString(h)
	}
	return p
}

// add takes one scored evaluation.
func (p *report) add(_ int, res rubric.Result) error {
	m := res.Meta()
	why := "-"
	if rs := res.Reasons(); len(rs) > 0 {
		parts := make([]string, len(rs))
		for i, x := range rs {
			parts[i] = x.String()
		}
		why = cleanText(strings.Join(parts, "; "))
	}
	row := [len(tableHeader)]string{clean(m.ID), clean(dashIfEmpty(m.CallID)), clean(m.EmployeeID),
		clean(dashIfEmpty(m.EvaluatorID)), m.At.Format("2006-01-02 15:04 -07:00"), total(res.Total()),
		total(res.RawTotal()), why}
	for i, c := range row {
		p.widths[i] = max(p.widths[i], utf8.RuneCountInString(c))
		if i > 0 {
			p.w.WriteByte('\t') // cells are escaped: they hold no tab and no line break
		}
		p.w.WriteString(c)
	}
	if err := p.w.WriteByte('\n'); err != nil {
		return err
	}
	p.rows++
	if p.noRatings != nil {
		return nil
	}
	if _, err := rating.CallScoreOf(res); err != nil {
		p.noRatings = err
		return nil
	}
	units, scale := res.TotalUnits()
	if err := p.calls.AddUnits(m.EmployeeID, units, scale); err != nil {
		p.noRatings = err
	}
	return nil
}

// write prints the report: the scored evaluations and the employees' call-quality ratings.
func (p *report) write(w io.Writer, minCalls int) error {
	r := p.r
	fmt.Fprintf(w, "%d evaluations scored on %q (%s, version %s), 0–%s:\n\n", p.rows, r.Definition().Title.Get("en"),
		clean(r.ID()), clean(r.Version()), r.Max())
	if err := p.w.Flush(); err != nil {
		return err
	}
	if s, ok := p.spool.(io.Seeker); ok {
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(w)
	p.writeRow(out, tableHeader[:])
	in := bufio.NewReader(p.spool)
	for range p.rows {
		line, err := in.ReadString('\n')
		if err != nil {
			return fmt.Errorf("reading back the table: %w", err)
		}
		p.writeRow(out, strings.Split(strings.TrimSuffix(line, "\n"), "\t"))
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return p.writeRatings(w, minCalls)
}

// writeRow writes one row of the table, each cell but the last padded to its column's width.
func (p *report) writeRow(w *bufio.Writer, cells []string) {
	for i, c := range cells {
		w.WriteString(c)
		if i < len(cells)-1 {
			w.WriteString(strings.Repeat(" ", p.widths[i]+tablePadding-utf8.RuneCountInString(c)))
		}
	}
	w.WriteByte('\n')
}

// writeRatings prints each employee's call-quality rating (SPEC R5): the mean of their call totals, ranked when
// it rests on at least minCalls calls.
func (p *report) writeRatings(w io.Writer, minCalls int) error {
	if p.noRatings != nil {
		fmt.Fprintf(w, "No ratings: %s\n", cleanText(p.noRatings.Error()))
		return nil
	}
	settings := rating.DefaultPersonalSettings()
	// Calls only: the survey component has weight 0, so it is neither missing nor checked for coverage.
	settings.SurveyWeight = decimal.Zero
	settings.MinCalls = minCalls
	rater, err := rating.NewPersonalRater(settings)
	if err != nil {
		return fmt.Errorf("-min-calls %d: %w", minCalls, err)
	}
	ratings := map[string]rating.Rating{}
	count := map[string]int64{}
	for id, calls := range p.calls.All() {
		pr, err := rater.Rate(rating.PersonalInput{EmployeeID: id, Earlier: calls})
		if err != nil {
			return err
		}
		ratings[id] = pr.Rating
		count[id] = pr.Calls.Count()
	}
	board, err := rating.Rank(ratings)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Ratings: the mean of each employee's totals, one decimal rounded half-up; at least %d "+
		"evaluated calls for a rank (SPEC R5):\n\n", minCalls)
	tw := tabwriter.NewWriter(w, 0, 0, tablePadding, ' ', 0)
	fmt.Fprintln(tw, "rank\temployee\tcalls\trating\tnote")
	for _, s := range board {
		if s.Rating.Sufficient() {
			fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", s.Rank, clean(s.ID), count[s.ID], s.Rating)
			continue
		}
		var why []string
		for _, r := range s.Rating.Reasons() {
			why = append(why, r.String())
		}
		fmt.Fprintf(tw, "-\t%s\t%d\t[%s]\tprovisional: %s\n", clean(s.ID), count[s.ID],
			shown(s.Rating.Exact()), cleanText(strings.Join(why, "; ")))
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

// shown writes f as people see it: one place, half-up (sq.DisplayPrecision).
func shown(f sq.Fraction) string {
	r, _ := f.Round(sq.DisplayPrecision())
	return r.Value.StringFixed(1)
}
