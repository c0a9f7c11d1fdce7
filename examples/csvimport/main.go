// Command csvimport reads evaluated calls from a CSV export (one row per call, one column per criterion),
// scores each on a rubric and prints the results and the personal call-quality rating of each employee.
//
//	go run ./examples/csvimport examples/csvimport/sample.csv
//	go run ./examples/csvimport -rubric phone-etiquette examples/csvimport/sample_etiquette.csv
//	go run ./examples/csvimport -skip-bad examples/csvimport/sample_bad.csv
//
// # The CSV file
//
// UTF-8, comma-separated, with a header row, quoted as RFC 4180 says: a cell that holds a comma, a quote or a
// line break is enclosed in double quotes, and a quote inside it is doubled ("a ""b"" c"). A line ends with "\n"
// or "\r\n"; empty lines are skipped. The columns, in any order:
//
//	evaluation_id  the evaluation's ID, unique in the file (required)
//	call_id        the call's ID
//	employee_id    whose call it was (required)
//	evaluator_id   who evaluated it
//	at             when the call took place, RFC 3339 such as 2026-03-02T10:14:00+05:00 (required: it places the
//	               call in its quarter)
//	<criterion>    one column per criterion of the rubric, named by the criterion's ID (greeting, ...,
//	               tonality for the call rubric); a cell holds points ("0.4") for a points criterion, a level ID
//	               ("green", "pass", "3") for the other kinds, or "n/a" where the rubric allows N/A; an empty cell
//	               leaves the criterion unanswered, which the rubric refuses
//	violations     the IDs of the violations observed, separated by ";" (promise_not_kept;profanity), or empty
//
// The header must name every criterion of the rubric and nothing else; a header problem stops the run.
//
// # Limits
//
// A line is at most 64 KiB (65,536 bytes), and so is a row that spans lines through quoted line breaks, which
// spans at most 8 lines (so a malformed line costs a bounded look-ahead and the time stays linear); a cell
// is at most 4 KiB (4,096 bytes), an ID cell (evaluation_id, call_id, employee_id, evaluator_id) at most 128
// bytes; a file holds at most 1,000,000 rows after the header. The file is read row by row and each row scored
// as it is read: memory holds one row, each employee's count and sum of totals, and per row a 16-byte hash of its
// evaluation ID and its line, to find repeats (about 120 MB at most, for a million rows). The table of scored
// rows waits in a temporary file until the end, so that nothing is printed from a file that fails. The row after
// the limit stops the run at once, naming its line.
//
// # Malformed lines
//
// A line that is not well-formed CSV — a quote inside an unquoted cell, text after the closing quote of a quoted
// cell, a line over 64 KiB, or a quote that is not closed on its line when the lines after it do not complete a
// row of the header's cells within 64 KiB and 8 lines — is named with its line and cell. By default it stops
// the run (exit 1). With -skip-bad exactly that line is skipped, listed with the bad rows, and reading goes on at
// the next line: an unclosed quote costs its own line, never the rest of the file.
//
// # Bad rows
//
// A row the rubric refuses (points off the scale, an unknown level, N/A where it is not allowed, a missing
// answer, an unknown violation), a malformed time, a repeated evaluation ID, a row with the wrong number of
// cells, a cell over its limit or a cell that is not UTF-8 is bad. Bad rows are listed on stderr as they are
// read, each with its line number and the library's error. By default the run then fails (exit 1) and nothing is
// imported, so a broken export is fixed rather than half imported. With -skip-bad the others are imported.
//
// # Output
//
// Stdout has the table of scored evaluations and the ratings; stderr the bad rows and, last, a summary that
// accounts for every line read: "10 lines read: 1 header line, 9 rows: 3 imported, 6 skipped" (with blank lines
// when there are any, and "9 rows on 11 lines" when quoted line breaks make rows span lines; without -skip-bad,
// "3 good, 6 bad"). Lines read = header lines + blank lines + lines of rows, and rows = imported + skipped.
//
// Everything printed that comes from the file is escaped: control characters (C0 such as ESC and tab, DEL, C1)
// and other characters that are not printable (such as a bidirectional override) appear as Go escapes (\x1b,
// \t, \u009b, \u202e), invalid bytes as \xff, and a backslash in a table cell as \\, so an ID in the file
// can neither move the cursor nor change the terminal's colours.
//
// # Flags
//
//	-rubric ID|FILE  a built-in rubric (call-quality, the default; phone-etiquette; branch-audit) or a rubric
//	                 definition in JSON as rubric.Parse reads it
//	-skip-bad        import the good rows and list the bad ones on stderr
//	-min-calls N     evaluated calls needed for a sufficient rating (SPEC R5: 5)
//
// The ratings are the call-quality component of the personal rating (SPEC R5, R8): the mean of the employee's
// call totals, shown with one decimal rounded half-up, provisional below the minimum number of calls. Only a
// rubric on the 0–5 scale gives ratings.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/servicequality/servicequality/rubric"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// maxRubricFile is the largest rubric definition file read.
const maxRubricFile = rubric.MaxDefinitionJSON

// run is the whole program; it returns the exit code (0 ok, 1 bad data, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("csvimport", flag.ContinueOnError)
	flags.SetOutput(stderr)
	rubricName := flags.String("rubric", rubric.CallQualityID, "built-in rubric `ID` or a rubric JSON `FILE`")
	skipBad := flags.Bool("skip-bad", false, "import the good rows and list the bad ones on stderr")
	minCalls := flags.Int("min-calls", 5, "evaluated calls needed for a sufficient rating")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: csvimport [-rubric ID|FILE] [-skip-bad] [-min-calls N] FILE.csv")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return 2
	}
	if *minCalls < 1 {
		fmt.Fprintf(stderr, "csvimport: -min-calls %d: at least one evaluated call is needed for a rating\n", *minCalls)
		return 2
	}
	r, err := loadRubric(*rubricName)
	if err != nil {
		fmt.Fprintln(stderr, cleanText(err.Error()))
		return 2
	}
	f, err := os.Open(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "csvimport:", cleanText(err.Error()))
		return 1
	}
	defer f.Close()
	spool, err := os.CreateTemp("", "csvimport-*.txt")
	if err != nil {
		fmt.Fprintln(stderr, "csvimport: a temporary file for the table:", cleanText(err.Error()))
		return 1
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	o := options{skipBad: *skipBad, limits: defaultLimits}
	return importFile(flags.Arg(0), f, r, o, *minCalls, spool, stdout, stderr)
}

// importFile imports the CSV file name read from in, lists its bad rows on stderr as they come, and prints the
// report on stdout when the import succeeds, spooling its table to spool meanwhile; it ends with the summary on
// stderr and returns the exit code.
func importFile(name string, in io.Reader, r *rubric.Rubric, o options, minCalls int, spool io.ReadWriter,
	stdout, stderr io.Writer) int {
	name = cleanText(name)
	errw := bufio.NewWriter(stderr) // bad rows by the thousand need not cost a write each
	defer errw.Flush()
	stderr = errw
	rep := newReport(r, spool)
	listed := false
	bad := func(b badRow) {
		if !listed {
			if o.skipBad {
				fmt.Fprintf(stderr, "csvimport: %s: skipped rows:\n", name)
			} else {
				fmt.Fprintf(stderr, "csvimport: %s: bad rows:\n", name)
			}
			listed = true
		}
		writeBadRow(stderr, b)
	}
	sum, err := importCSV(in, r, o, rep.add, bad)
	if err != nil {
		fmt.Fprintf(stderr, "csvimport: %s: %s\n", name, cleanText(err.Error()))
		switch {
		case sum.Stopped:
			fmt.Fprintf(stderr, "csvimport: %s: stopped at a malformed line: %s; nothing imported (fix the line, or run with -skip-bad to skip it)\n",
				name, sum.counts(false))
		case sum.Header:
			fmt.Fprintf(stderr, "csvimport: %s: %s; nothing imported\n", name, sum.counts(false))
		}
		return 1
	}
	if sum.Bad > 0 && !o.skipBad {
		fmt.Fprintf(stderr, "csvimport: %s: %s; nothing imported (fix the bad rows, or run with -skip-bad to import the good ones)\n",
			name, sum.counts(false))
		return 1
	}
	fmt.Fprintf(stderr, "csvimport: %s: %s\n", name, sum.counts(true))
	if sum.Imported == 0 {
		fmt.Fprintf(stderr, "csvimport: %s: no evaluation to import\n", name)
		return 1
	}
	errw.Flush() // the summary before the report, on a terminal that shows both
	if err := rep.write(stdout, minCalls); err != nil {
		fmt.Fprintln(stderr, "csvimport:", cleanText(err.Error()))
		return 1
	}
	return 0
}

// loadRubric returns the built-in rubric with the ID name, or the rubric defined in the JSON file name.
func loadRubric(name string) (*rubric.Rubric, error) {
	if slices.Contains(rubric.Templates(), name) {
		return rubric.Template(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("csvimport: -rubric %q is neither a built-in rubric (%s) nor a readable file: %w", name,
			strings.Join(rubric.Templates(), ", "), err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxRubricFile+1))
	if err != nil {
		return nil, fmt.Errorf("csvimport: -rubric %s: %w", name, err)
	}
	r, err := rubric.Parse(b) // refuses a file over the limit
	if err != nil {
		return nil, fmt.Errorf("csvimport: -rubric %s: %w", name, err)
	}
	return r, nil
}

// writeBadRow lists a bad row, one problem per line, the first after its line number.
func writeBadRow(w io.Writer, b badRow) {
	id := ""
	if b.id != "" {
		id = fmt.Sprintf(" (evaluation %q)", b.id)
	}
	for i, p := range split(b.err) {
		if i == 0 {
			fmt.Fprintf(w, "  line %d%s: %s\n", b.line, id, cleanText(p.Error()))
		} else {
			fmt.Fprintf(w, "    %s\n", cleanText(p.Error()))
		}
	}
}
