package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

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

// maxRows bounds the rows of one file, so a runaway export fails clearly instead of filling memory.
const maxRows = 1_000_000

// imported is what a CSV file gave: the scored evaluations in file order and the bad rows.
type imported struct {
	results []rubric.Result
	bad     []badRow
}

// badRow is a row that could not be imported: its line, its evaluation ID if it had one, and why.
type badRow struct {
	line int
	id   string
	err  error
}

// importCSV reads the CSV file and scores every row on r. Header problems and unreadable input are errors; a
// row that cannot be scored is a bad row.
func importCSV(in io.Reader, r *rubric.Rubric) (*imported, error) {
	cr := csv.NewReader(in)
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, errors.New("the file is empty; the first line must be the header")
		}
		return nil, fmt.Errorf("header: %w", err)
	}
	cols, err := checkHeader(header, r)
	if err != nil {
		return nil, err
	}
	cr.FieldsPerRecord = len(header)
	imp := &imported{}
	seen := map[string]int{}
	for rows := 0; ; rows++ {
		if rows == maxRows {
			return nil, fmt.Errorf("more than %d rows; split the file", maxRows)
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return imp, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, err // the input itself failed
			}
			why := pe.Err
			if errors.Is(err, csv.ErrFieldCount) {
				why = fmt.Errorf("%d cells, the header has %d", len(rec), len(header))
			}
			imp.bad = append(imp.bad, badRow{line: pe.StartLine, err: why})
			continue
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) string { return rec[cols[name]] }
		id := cell(colEvaluation)
		if first, dup := seen[id]; dup && id != "" {
			imp.bad = append(imp.bad, badRow{line: line, id: id,
				err: fmt.Errorf("evaluation_id %q repeats line %d", id, first)})
			continue
		}
		seen[id] = line
		e, flagged, rowErr := evaluationOf(cell, r)
		res, scoreErr := r.Score(e) // scored even when the row has other problems, to report them all at once
		if rowErr == nil && scoreErr == nil {
			imp.results = append(imp.results, res)
			continue
		}
		errs := split(rowErr)
		for _, err := range split(scoreErr) {
			var ee *rubric.EvaluationError
			if errors.As(err, &ee) && errors.Is(err, rubric.ErrMissingAnswer) && flagged[ee.Criterion] {
				continue // its cell was already reported as unreadable
			}
			errs = append(errs, err)
		}
		imp.bad = append(imp.bad, badRow{line: line, id: id, err: errors.Join(errs...)})
	}
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
func evaluationOf(cell func(string) string, r *rubric.Rubric) (e rubric.Evaluation, flagged map[string]bool, err error) {
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
	for _, c := range r.Criteria() {
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
