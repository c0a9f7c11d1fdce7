package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// outcome is what importCSV handed over and returned.
type outcome struct {
	sum  summary
	err  error
	good []int // lines of the imported rows
	bad  []badRow
	rep  *report
}

// importBytes imports data on r with o, reporting into a buffer.
func importBytes(data []byte, r *rubric.Rubric, o options) outcome {
	var out outcome
	out.rep = newReport(r, new(bytes.Buffer))
	out.sum, out.err = importCSV(bytes.NewReader(data), r, o, func(line int, res rubric.Result) error {
		out.good = append(out.good, line)
		return out.rep.add(line, res)
	}, func(b badRow) { out.bad = append(out.bad, b) })
	return out
}

// physicalLines counts the lines of data as the documentation defines them: each "\n" ends one, and text after
// the last "\n" is one more.
func physicalLines(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

// checkCounts checks the summary's arithmetic and the lines of the rows handed over against the input.
func checkCounts(t *testing.T, data []byte, o options, out outcome) {
	t.Helper()
	s := out.sum
	if s.Lines != s.HeaderLines+s.Blank+s.RowLines {
		t.Fatalf("%+v: lines read %d ≠ header %d + blank %d + rows' lines %d", s, s.Lines, s.HeaderLines, s.Blank, s.RowLines)
	}
	if s.Rows != s.Imported+s.Bad || len(out.good) != s.Imported || len(out.bad)+btoi(s.Stopped) != s.Bad {
		t.Fatalf("%+v: rows %d ≠ imported %d + bad %d, or handed over %d good and %d bad", s, s.Rows, s.Imported, s.Bad,
			len(out.good), len(out.bad))
	}
	if s.Stopped && o.skipBad {
		t.Fatalf("%+v: stopped with -skip-bad", s)
	}
	if all := physicalLines(data); s.Lines > all || (out.err == nil && s.Lines != all) {
		t.Fatalf("%+v: %d lines read (error %v), the input has %d", s, s.Lines, out.err, all)
	}
	// Every row handed over once, in file order, on a line of its own.
	lines := map[int]bool{}
	for _, l := range out.good {
		lines[l] = true
	}
	for _, b := range out.bad {
		if b.err == nil || lines[b.line] {
			t.Fatalf("bad row %+v without an error or on the line of another row", b)
		}
		lines[b.line] = true
	}
	for l := range lines {
		if l < 1+s.HeaderLines || l > s.Lines {
			t.Fatalf("a row on line %d, outside the lines of rows %d–%d", l, 1+s.HeaderLines, s.Lines)
		}
	}
	if len(lines) != len(out.good)+len(out.bad) {
		t.Fatalf("%d rows handed over on %d distinct lines", len(out.good)+len(out.bad), len(lines))
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkPrintable fails unless out is valid UTF-8 of printable runes and line breaks: nothing echoed from the input
// can reach the terminal as a control sequence.
func checkPrintable(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s is not valid UTF-8: %q", what, out)
	}
	for _, r := range out {
		if r != '\n' && !unicode.IsPrint(r) {
			t.Fatalf("%s holds %U:\n%q", what, r, out)
		}
	}
}

// FuzzImportCSV reads arbitrary input on the call rubric and the phone-etiquette checklist, with and without
// -skip-bad. The counts add up (every line read is the header's, a blank one or a row's; every row is imported or
// bad), a run that ends normally has read every line of the input, every row is handed over once on a line of
// its own, -skip-bad never stops, and whatever is printed is free of control characters.
func FuzzImportCSV(f *testing.F) {
	for _, name := range []string{"sample.csv", "sample_bad.csv", "sample_etiquette.csv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(header + goodRow + "\n\r\n" + strings.Replace(goodRow, "c-1", "\"c\n-1\"", 1)))
	f.Add([]byte(header + strings.Replace(goodRow, "c-1", "\"c-1", 1) + goodRow))
	f.Add([]byte(header + strings.Replace(goodRow, "anna", "\x1b[31manna\u0085", 1)))
	rubrics := []*rubric.Rubric{rubric.CallQuality(), rubric.PhoneEtiquette()}
	small := limits{record: 512, span: 4, cell: 64, id: 16, rows: 50}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range rubrics {
			for _, skip := range []bool{false, true} {
				o := options{skipBad: skip, limits: small}
				checkCounts(t, data, o, importBytes(data, r, o))
			}
		}
		var stdout, stderr bytes.Buffer
		importFile("fuzz.csv", bytes.NewReader(data), rubrics[0], options{skipBad: true, limits: small}, 5,
			new(bytes.Buffer), &stdout, &stderr)
		checkPrintable(t, "stdout", stdout.String())
		checkPrintable(t, "stderr", stderr.String())
	})
}

// FuzzImportRoundTrip writes valid rows, with IDs made of the fuzzer's text (commas, quotes, line breaks and
// control characters included), with encoding/csv and imports them: every row is imported, none is bad, every
// line is counted, and each employee's count and exact sum of totals equal those of scoring the same
// evaluations directly.
func FuzzImportRoundTrip(f *testing.F) {
	f.Add("anna", uint8(12), uint16(7))
	f.Add("a,\"b\"\nc", uint8(3), uint16(1))
	f.Add("\x1b[31m;\u0085 ", uint8(40), uint16(65535))
	r := rubric.CallQuality()
	f.Fuzz(func(t *testing.T, text string, rows uint8, seed uint16) {
		// IDs: valid UTF-8 without "\r" (a quoted "\r\n" reads back as "\n", as in encoding/csv), within the limit.
		// At most one line break, so that a row spans at most 5 lines (four ID cells), within the limit of 8.
		text = strings.ReplaceAll(strings.ToValidUTF8(text, "?"), "\r", "?")
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text = text[:i+1] + strings.ReplaceAll(text[i+1:], "\n", "?")
		}
		if len(text) > 40 {
			text = strings.ToValidUTF8(text[:40], "")
		}
		n := int(rows%60) + 1
		state := uint64(seed) + 1
		next := func(k int) int {
			state = state*6364136223846793005 + 1442695040888963407
			return int(state>>33) % k
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		cols := strings.Split(strings.TrimSuffix(header, "\n"), ",")
		if err := w.Write(cols); err != nil {
			t.Fatal(err)
		}
		want := map[string]*rating.Accumulator{}
		tones := []string{"green", "yellow", "red"}
		for i := range n {
			e := rubric.Evaluation{ID: fmt.Sprintf("%s#%d", text, i), CallID: fmt.Sprintf("%s/c%d", text, i),
				EmployeeID: fmt.Sprintf("%s@%d", text, next(4)), EvaluatorID: text + "!",
				At: mustTime(t, "2026-03-02T10:00:00+05:00")}
			row := make([]string, len(cols))
			for j, c := range cols {
				switch c {
				case colEvaluation:
					row[j] = e.ID
				case colCall:
					row[j] = e.CallID
				case colEmployee:
					row[j] = e.EmployeeID
				case colEvaluator:
					row[j] = e.EvaluatorID
				case colAt:
					row[j] = e.At.Format("2006-01-02T15:04:05Z07:00")
				case colViolations:
					if next(8) == 0 {
						row[j] = "profanity"
						e.Violations = []string{"profanity"}
					}
				case "tonality":
					row[j] = tones[next(3)]
					e.Answers = append(e.Answers, rubric.LevelAnswer(c, row[j]))
				default:
					p := decimal.New(int64(next(6)), -1)
					row[j] = p.StringFixed(1)
					e.Answers = append(e.Answers, rubric.PointsAnswer(c, p))
				}
			}
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
			res, err := r.Score(e)
			if err != nil {
				t.Fatalf("Score(%q): %v", e.ID, err)
			}
			if want[e.EmployeeID] == nil {
				want[e.EmployeeID] = new(rating.Accumulator)
			}
			if err := want[e.EmployeeID].AddUnits(res.TotalUnits()); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		data := buf.Bytes()
		o := options{limits: defaultLimits}
		out := importBytes(data, r, o)
		checkCounts(t, data, o, out)
		if out.err != nil || out.sum.Imported != n || out.sum.Bad != 0 {
			t.Fatalf("import of %d valid rows: %+v, error %v, bad %v", n, out.sum, out.err, out.bad)
		}
		if got := out.rep.calls.Len(); got != len(want) {
			t.Fatalf("%d employees imported, want %d", got, len(want))
		}
		for id, acc := range want {
			if got, ok := out.rep.calls.Get(id); !ok || !got.Equal(*acc) {
				t.Fatalf("employee %q: imported %v, scored directly %v", id, got, acc)
			}
		}
	})
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}
