package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// The fixed columns of the CSV file; the others are the rubric's criteria.
const (
	colEvaluation = "evaluation_id"
	colCall       = "call_id"
	colEmployee   = "employee_id"
	colEvaluator  = "evaluator_id"
	colAt         = "at"
	colViolations = "violations"
)

var fixedColumns = []string{colEvaluation, colCall, colEmployee, colEvaluator, colAt, colViolations}

// naCell is the cell that answers "not applicable".
const naCell = "n/a"

// limits bounds what one file may hold, so a runaway or hostile export fails clearly, at the line concerned,
// instead of filling memory.
type limits struct {
	record int // bytes of a line, or of a record spanning lines (quoted line breaks included)
	span   int // lines of a record
	cell   int // bytes of a cell
	id     int // bytes of an ID cell: evaluation_id, call_id, employee_id, evaluator_id
	rows   int // rows after the header
}

// defaultLimits are the documented limits (see the package documentation).
var defaultLimits = limits{record: 64 << 10, span: 8, cell: 4 << 10, id: 128, rows: 1_000_000}

// idColumns are the columns whose cells are IDs, bounded by limits.id.
var idColumns = []string{colEvaluation, colCall, colEmployee, colEvaluator}

// options are the settings of one import.
type options struct {
	skipBad bool // a malformed record is a bad row and reading goes on at the next line; otherwise it stops
	limits  limits
}

// summary counts what an import read. Every line handed out is the header's, a blank one or a row's:
// Lines = HeaderLines + Blank + RowLines, and every row is imported or bad: Rows = Imported + Bad. A row spans
// more than one line only when a quoted cell holds a line break.
type summary struct {
	Lines, HeaderLines, Blank, RowLines int
	Rows, Imported, Bad                 int
	// Header is set once the header is read and accepted; Stopped when a malformed record stopped the import
	// (without skipBad), a row counted in Bad.
	Header, Stopped bool
}

// counts describes the summary: "10 lines read: 1 header line, 9 rows: 3 imported, 6 skipped". With imported
// false the rows are "good" and "bad" rather than "imported" and "skipped".
func (s summary) counts(imported bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s read: %d header %s", s.Lines, plural(s.Lines, "line", "lines"), s.HeaderLines,
		plural(s.HeaderLines, "line", "lines"))
	if s.Blank > 0 {
		fmt.Fprintf(&b, ", %d blank %s", s.Blank, plural(s.Blank, "line", "lines"))
	}
	fmt.Fprintf(&b, ", %d %s", s.Rows, plural(s.Rows, "row", "rows"))
	if s.RowLines != s.Rows {
		fmt.Fprintf(&b, " on %d %s", s.RowLines, plural(s.RowLines, "line", "lines"))
	}
	if imported {
		fmt.Fprintf(&b, ": %d imported, %d skipped", s.Imported, s.Bad)
	} else {
		fmt.Fprintf(&b, ": %d good, %d bad", s.Imported, s.Bad)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// badRow is a row that could not be imported: its line, its evaluation ID if it had one, and why.
type badRow struct {
	line int
	id   string
	err  error
}

// importCSV reads the CSV file record by record and scores each row on r as it goes, handing each scored row to
// good and each bad row to bad, in file order; it keeps nothing of a row once handed over (but a 16-byte hash of
// its evaluation ID, to find repeats). Memory is bounded by one record, whatever the file's size.
//
// A header problem, a failure of the input, a row past the row limit and (without o.skipBad) a malformed record
// stop the import with an error; the summary counts what was read up to then (the row past the limit is not
// counted). An error of good stops it too.
func importCSV(in io.Reader, r *rubric.Rubric, o options, good func(line int, res rubric.Result) error,
	bad func(badRow)) (summary, error) {
	var sum summary
	rr := newRecordReader(in, o.limits.record, o.limits.span)
	count := func() summary {
		sum.Lines, sum.Blank = rr.lines(), rr.blank
		sum.RowLines = rr.recordLines - sum.HeaderLines
		return sum
	}
	header, _, span, err := rr.next()
	sum.HeaderLines = span
	if err != nil {
		if err == io.EOF {
			return count(), errors.New("the file is empty; the first line must be the header")
		}
		return count(), fmt.Errorf("header: %w", err)
	}
	header = slices.Clone(header)
	cols, err := checkHeader(header, r)
	if err != nil {
		return count(), err
	}
	rr.cells, rr.names = len(header), header
	sum.Header = true
	sc := &rowScorer{r: r, crits: r.Criteria(), header: header, cols: cols, lim: o.limits, seen: map[[16]byte]int{}}
	for {
		rec, line, span, err := rr.next()
		if err == io.EOF {
			return count(), nil
		}
		var fe *formatError
		if err != nil && !errors.As(err, &fe) {
			return count(), err // the input itself failed
		}
		if sum.Rows == o.limits.rows {
			sum = count()
			sum.Lines -= span // the refused row is not counted
			sum.RowLines -= span
			return sum, fmt.Errorf("line %d: more than %d rows; split the file", line, o.limits.rows)
		}
		sum.Rows++
		if fe != nil {
			sum.Bad++
			if !o.skipBad {
				sum.Stopped = true
				return count(), fe
			}
			bad(badRow{line: line, err: errors.New(fe.detail())})
			continue
		}
		if res, row := sc.score(rec, line); row != nil {
			sum.Bad++
			bad(*row)
		} else {
			sum.Imported++
			if err := good(line, res); err != nil {
				return count(), err
			}
		}
	}
}

// rowScorer scores the rows of one file.
type rowScorer struct {
	r      *rubric.Rubric
	crits  []rubric.Criterion
	header []string
	cols   map[string]int
	lim    limits
	seen   map[[16]byte]int // the first 16 bytes of the SHA-256 of each evaluation ID, and its line
}

// score scores the row rec, read on line, or says why it is bad.
func (sc *rowScorer) score(rec []string, line int) (rubric.Result, *badRow) {
	header, cols, r, seen := sc.header, sc.cols, sc.r, sc.seen
	if len(rec) != len(header) {
		return rubric.Result{}, &badRow{line: line, err: fmt.Errorf("%d cells, the header has %d", len(rec), len(header))}
	}
	if errs := checkCells(rec, header, sc.lim); len(errs) > 0 {
		return rubric.Result{}, &badRow{line: line, err: errors.Join(errs...)}
	}
	cell := func(name string) string { return rec[cols[name]] }
	id := cell(colEvaluation)
	if id != "" {
		h := sha256.Sum256([]byte(id))
		key := [16]byte(h[:16])
		if first, dup := seen[key]; dup {
			return rubric.Result{}, &badRow{line: line, id: id, err: fmt.Errorf("evaluation_id %q repeats line %d", id, first)}
		}
		seen[key] = line
	}
	e, flagged, rowErr := evaluationOf(cell, sc.crits)
	res, scoreErr := r.Score(e) // scored even when the row has other problems, to report them all at once
	if rowErr == nil && scoreErr == nil {
		return res, nil
	}
	errs := split(rowErr)
	for _, err := range split(scoreErr) {
		var se *sq.Error
		if errors.As(err, &se) && errors.Is(err, rubric.ErrMissingAnswer) && flagged[unquote(se.Value)] {
			continue // its cell was already reported as unreadable
		}
		errs = append(errs, err)
	}
	return rubric.Result{}, &badRow{line: line, id: id, err: errors.Join(errs...)}
}

// checkCells checks every cell's encoding and length: UTF-8, at most lim.cell bytes, an ID at most lim.id.
func checkCells(rec, header []string, lim limits) []error {
	var errs []error
	for i, v := range rec {
		max := lim.cell
		if slices.Contains(idColumns, header[i]) {
			max = lim.id
		}
		switch {
		case len(v) > max:
			errs = append(errs, fmt.Errorf("column %s: the cell has %d bytes; at most %d allowed", header[i], len(v), max))
		case !utf8.ValidString(v):
			errs = append(errs, fmt.Errorf("column %s: the cell %q is not valid UTF-8", header[i], truncate(v)))
		}
	}
	return errs
}

// checkHeader checks that the header names the fixed columns and the rubric's criteria, each once and nothing
// else, and returns the index of each column.
func checkHeader(header []string, r *rubric.Rubric) (map[string]int, error) {
	want := slices.Clone(fixedColumns)
	for _, c := range r.Criteria() {
		want = append(want, c.ID)
	}
	cols := map[string]int{}
	var problems []string
	for i, h := range header {
		if !slices.Contains(want, h) {
			problems = append(problems, fmt.Sprintf("column %q is neither a fixed column nor a criterion of %s",
				truncate(h), r.ID()))
			continue
		}
		if _, dup := cols[h]; dup {
			problems = append(problems, fmt.Sprintf("column %q appears twice", h))
			continue
		}
		cols[h] = i
	}
	for _, w := range want {
		if _, ok := cols[w]; !ok {
			problems = append(problems, fmt.Sprintf("column %q is missing", w))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("header on line 1: %s; the header names %s and each criterion of %s: %s",
			strings.Join(problems, "; "), strings.Join(fixedColumns, ", "), r.ID(), strings.Join(want[len(fixedColumns):], ", "))
	}
	return cols, nil
}

// decimalText is a points cell: a plain decimal, its length bounded before parsing.
var decimalText = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,12})?$`)

// evaluationOf builds the evaluation of one row. flagged holds the criteria whose cells could not be read.
func evaluationOf(cell func(string) string, crits []rubric.Criterion) (e rubric.Evaluation, flagged map[string]bool, err error) {
	e = rubric.Evaluation{ID: cell(colEvaluation), CallID: cell(colCall), EmployeeID: cell(colEmployee),
		EvaluatorID: cell(colEvaluator)}
	flagged = map[string]bool{}
	var errs []error
	if e.ID == "" {
		errs = append(errs, errors.New("evaluation_id is empty"))
	}
	if e.EmployeeID == "" {
		errs = append(errs, errors.New("employee_id is empty"))
	}
	at, tErr := time.Parse(time.RFC3339, cell(colAt))
	if tErr != nil {
		errs = append(errs, fmt.Errorf("at %q is not an RFC 3339 time such as 2026-03-02T10:14:00+05:00",
			truncate(cell(colAt))))
	}
	e.At = at
	for _, c := range crits {
		v := strings.TrimSpace(cell(c.ID))
		switch {
		case v == "":
			// Unanswered: the rubric reports it with the rule it needs.
		case strings.EqualFold(v, naCell):
			e.Answers = append(e.Answers, rubric.NAAnswer(c.ID))
		case c.Scale.Kind == rubric.Points:
			if !decimalText.MatchString(v) {
				errs = append(errs, fmt.Errorf("column %s: %q is neither points such as 0.4 nor n/a", c.ID,
					truncate(v)))
				flagged[c.ID] = true
				continue
			}
			d, err := decimal.NewFromString(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("column %s: %w", c.ID, err))
				flagged[c.ID] = true
				continue
			}
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, d))
		default:
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, v))
		}
	}
	for _, v := range strings.Split(cell(colViolations), ";") {
		if v = strings.TrimSpace(v); v != "" {
			e.Violations = append(e.Violations, v)
		}
	}
	return e, flagged, errors.Join(errs...)
}

// split returns the errors joined in err (rubric reports every problem of an evaluation at once), or err alone.
func split(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// truncate shortens a cell for a message.
func truncate(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:40], "") + "…"
}

// unquote returns the criterion ID an error's Value quotes.
func unquote(v string) string {
	s, err := strconv.Unquote(v)
	if err != nil {
		return v
	}
	return s
}
