package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// goodRows returns n valid rows with IDs ev-<from>… and two employees.
func goodRows(from, n int) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		row := strings.Replace(goodRow, "ev-1,", fmt.Sprintf("ev-%d,", i), 1)
		b.WriteString(strings.Replace(row, "anna", []string{"anna", "boris"}[i%2], 1))
	}
	return b.String()
}

// An unclosed quote used to swallow the rest of the file as one bad row (1,000 valid rows lost, "skipped 1 bad
// rows", exit 0). With -skip-bad it now costs its own line only, and the summary counts every line; without it,
// the run stops at that line.
func TestUnclosedQuoteCostsOneLine(t *testing.T) {
	bad := strings.Replace(goodRow, ",c-1,", `,"c-1,`, 1)
	path := writeFile(t, "calls.csv", header+goodRows(0, 1)+bad+goodRows(1, 1000))

	out, errs, code := runImport("-skip-bad", path)
	if code != 0 {
		t.Fatalf("run -skip-bad = %d, want 0; stderr:\n%s", code, errs)
	}
	for _, want := range []string{
		"line 3: cell 2 (call_id): the quoted cell is not closed within 8 lines",
		"1003 lines read: 1 header line, 1002 rows: 1001 imported, 1 skipped",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.HasPrefix(out, "1001 evaluations scored") {
		t.Errorf("stdout starts %.60q, want 1001 evaluations scored", out)
	}

	out, errs, code = runImport(path)
	if code != 1 || out != "" {
		t.Fatalf("run = %d with stdout %.60q, want 1 and nothing (a malformed line stops the run)", code, out)
	}
	for _, want := range []string{
		"csvimport: " + path + ": line 3: cell 2 (call_id): the quoted cell is not closed",
		"stopped at a malformed line: 3 lines read: 1 header line, 2 rows: 1 good, 1 bad; nothing imported",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// Each kind of malformed line: without -skip-bad it stops the run naming its line; with -skip-bad exactly that
// line is skipped and the next lines are imported.
func TestMalformedLines(t *testing.T) {
	long := strings.Replace(goodRow, "c-1", strings.Repeat("c", defaultLimits.record), 1)
	tests := []struct {
		name, line, want, reason string
	}{
		{"bare quote", strings.Replace(goodRow, "c-1", `c"1`, 1), `line 3: cell 2 (call_id): a " inside an unquoted cell`,
			"a quote inside an unquoted cell"},
		{"after closing quote", strings.Replace(goodRow, "c-1", `"c"1`, 1),
			`line 3: cell 2 (call_id): text after the closing " of a quoted cell`, "text after the closing quote"},
		{"line too long", long, "line 3: the line is longer than 65536 bytes", "64 KiB a line"},
		{"quote opened, wrong cells", strings.Replace(goodRow, "c-1", `"c-1`, 1) + `x",y` + "\n",
			"line 3: cell 2 (call_id): the quoted cell is not closed on this line, and closing it on a later line makes a record of 3 cells, not 16",
			"a quote closed on a later line must leave a record of the header's cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "calls.csv", header+goodRows(0, 1)+tt.line+goodRows(1, 3))
			out, errs, code := runImport(path)
			if code != 1 || out != "" || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "stopped") {
				t.Errorf("run = %d, stdout %.40q; want 1, nothing, and a stop naming %q (%s); stderr:\n%.2000s",
					code, out, tt.want, tt.reason, errs)
			}
			out, errs, code = runImport("-skip-bad", path)
			lines := physicalLines([]byte(header + goodRows(0, 1) + tt.line + goodRows(1, 3)))
			summary := fmt.Sprintf("%d lines read: 1 header line", lines)
			if code != 0 || !strings.HasPrefix(out, "4 evaluations scored") || !strings.Contains(errs, summary) {
				t.Errorf("run -skip-bad = %d, stdout %.40q; want 0, the 4 good rows and %q (%s); stderr:\n%.2000s",
					code, out, summary, tt.reason, errs)
			}
		})
	}
}

// Cells are bounded (4 KiB, 128 bytes for an ID) and must be UTF-8; a cell over the limit makes its row bad, with
// a message naming the line, the column and the limit. A cell at the limit is fine.
func TestCellLimits(t *testing.T) {
	id := func(n int) string { return strings.Repeat("e", n) }
	tests := []struct {
		name, row string
		ok        bool
		want      string
		reason    string
	}{
		{"id at the limit", strings.Replace(goodRow, "ev-1", id(128), 1), true, "1 imported", "128 bytes"},
		{"id over the limit", strings.Replace(goodRow, "ev-1", id(129), 1), false,
			"line 2: column evaluation_id: the cell has 129 bytes; at most 128 allowed", "an ID of 129 bytes"},
		{"cell over the limit", strings.Replace(goodRow, "green,", "green,"+strings.Repeat("x;", 2049), 1), false,
			"line 2: column violations: the cell has 4098 bytes; at most 4096 allowed", "a violations cell of 4098 bytes"},
		{"not UTF-8", strings.Replace(goodRow, "anna", "an\xffna", 1), false,
			`line 2: column employee_id: the cell "an\xffna" is not valid UTF-8`, "an invalid byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := runImport(writeFile(t, "calls.csv", header+tt.row))
			if (code == 0) != tt.ok || !strings.Contains(errs, tt.want) {
				t.Errorf("run = %d, want success %v and %q (%s); stderr:\n%.2000s", code, tt.ok, tt.want, tt.reason, errs)
			}
		})
	}
}

// countingReader counts the lines handed to the reader.
type countingReader struct {
	r     io.Reader
	lines int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.lines += bytes.Count(p[:n], []byte("\n"))
	return n, err
}

// The row limit is checked as rows are read: the row after the limit is refused at once, naming its line, and
// nothing after it is scored. A file of exactly the limit is imported.
func TestRowLimitRefusedAtOnce(t *testing.T) {
	r := rubric.CallQuality()
	o := options{limits: defaultLimits}
	o.limits.rows = 10
	scored := 0
	in := &countingReader{r: strings.NewReader(header + goodRows(0, 10) + "\n" + goodRows(10, 5000))}
	sum, err := importCSV(in, r, o, func(int, rubric.Result) error { scored++; return nil }, func(badRow) {})
	if err == nil || !strings.Contains(err.Error(), "line 13: more than 10 rows; split the file") {
		t.Fatalf("error %v, want line 13 refused", err)
	}
	if scored != 10 || sum.Rows != 10 || sum.Lines != 12 || sum.RowLines != 10 || sum.Blank != 1 {
		t.Errorf("scored %d rows, summary %+v; want 10 rows scored and 12 lines counted before the refused one", scored, sum)
	}
	if limit := 13 + (o.limits.record+2)/len(goodRow) + 1; in.lines > limit {
		t.Errorf("%d lines taken from the input, want at most %d (one buffer past the refused row)", in.lines, limit)
	}
	sum, err = importCSV(strings.NewReader(header+goodRows(0, 10)), r, o, func(int, rubric.Result) error { return nil },
		func(badRow) {})
	if err != nil || sum.Imported != 10 {
		t.Errorf("exactly the limit: %+v, %v; want 10 imported", sum, err)
	}
}

// rowByRow gives one row per Read and records, for each Read, how many bad rows were already handed over.
type rowByRow struct {
	rows    []string
	badSeen *int
	seen    []int
}

func (r *rowByRow) Read(p []byte) (int, error) {
	if len(r.rows) == 0 {
		return 0, io.EOF
	}
	r.seen = append(r.seen, *r.badSeen)
	n := copy(p, r.rows[0])
	if n < len(r.rows[0]) {
		r.rows[0] = r.rows[0][n:]
	} else {
		r.rows = r.rows[1:]
	}
	return n, nil
}

// Rows are scored as they are read: the first bad row is handed over before the rest of the file is read, so
// nothing waits for the end of the file in memory.
func TestRowsScoredAsRead(t *testing.T) {
	rows := []string{header, strings.Replace(goodRow, "0.5,", "0.55,", 1)}
	for i := range 50 {
		rows = append(rows, goodRows(i+2, 1))
	}
	bad := 0
	in := &rowByRow{rows: rows, badSeen: &bad}
	o := options{skipBad: true, limits: defaultLimits}
	sum, err := importCSV(in, rubric.CallQuality(), o, func(int, rubric.Result) error { return nil },
		func(badRow) { bad++ })
	if err != nil || sum.Imported != 50 || sum.Bad != 1 {
		t.Fatalf("summary %+v, %v; want 50 imported and 1 bad", sum, err)
	}
	if len(in.seen) < 50 || in.seen[3] != 1 {
		t.Errorf("bad rows handed over before each read: %v; want the bad row of line 2 before the 4th read", in.seen)
	}
}

// Control characters of the input (C0 such as ESC, DEL, C1, and other non-printable runes such as a
// bidirectional override) are escaped in everything printed, the table, the ratings and the bad rows alike.
func TestControlCharactersEscaped(t *testing.T) {
	good := strings.NewReplacer("anna", "\x1b[31manna\x1b[0m", "qa-1", "qa\u0085\u202e1", "c-1", "c\x7f1").Replace(goodRow)
	bad := strings.NewReplacer("ev-1", "ev-\x1b]0;pwned\x07", "0.5,", "0.55,").Replace(goodRow)
	out, errs, code := runImport("-skip-bad", writeFile(t, "calls.csv", header+good+bad))
	if code != 0 {
		t.Fatalf("run = %d; stderr:\n%s", code, errs)
	}
	checkPrintable(t, "stdout", out)
	checkPrintable(t, "stderr", errs)
	for _, want := range []string{`\x1b[31manna\x1b[0m`, `qa\u0085\u202e1`, `c\x7f1`} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if want := `line 3 (evaluation "ev-\x1b]0;pwned\a")`; !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
}

// A quoted cell may hold a line break: the row spans two lines, is imported, and the summary says so.
func TestQuotedLineBreak(t *testing.T) {
	row := strings.Replace(goodRow, "c-1", "\"c\n1\"", 1)
	out, errs, code := runImport(writeFile(t, "calls.csv", header+row+"\n"+goodRows(2, 1)))
	if code != 0 || !strings.Contains(out, `c\n1`) ||
		!strings.Contains(errs, "5 lines read: 1 header line, 1 blank line, 2 rows on 3 lines: 2 imported, 0 skipped") {
		t.Errorf("run = %d; want the row imported with its call ID escaped and the summary of 5 lines:\n%s%s", code, out, errs)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, clean, text, reason string }{
		{"anna", "anna", "anna", "printable text unchanged"},
		{"Айгерим ✓", "Айгерим ✓", "Айгерим ✓", "printable Unicode unchanged"},
		{"a\x1b[2Jb", `a\x1b[2Jb`, `a\x1b[2Jb`, "ESC (C0)"},
		{"a\tb\nc\rd", `a\tb\nc\rd`, `a\tb\nc\rd`, "tab and line breaks"},
		{"a\x7fb", `a\x7fb`, `a\x7fb`, "DEL"},
		{"a\u009bb", `a\u009bb`, `a\u009bb`, "C1 CSI"},
		{"a\u202eb\u00a0", `a\u202eb\u00a0`, `a\u202eb\u00a0`, "bidirectional override, non-breaking space"},
		{"a\xffb", `a\xffb`, `a\xffb`, "an invalid byte"},
		{`a\x1b`, `a\\x1b`, `a\x1b`, "a backslash is doubled in a cell, kept in a message"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.clean {
			t.Errorf("clean(%q) = %q, want %q (%s)", tt.in, got, tt.clean, tt.reason)
		}
		if got := cleanText(tt.in); got != tt.text {
			t.Errorf("cleanText(%q) = %q, want %q (%s)", tt.in, got, tt.text, tt.reason)
		}
	}
}
