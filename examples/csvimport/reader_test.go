package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll reads every record of in and describes each as "line: cell|cell" (line+span for a record spanning
// lines) or "line err: why", then the lines handed out and the blank ones. A record spans at most 4 lines.
func readAll(t *testing.T, in string, cells, maxRecord int) []string {
	t.Helper()
	rr := newRecordReader(strings.NewReader(in), maxRecord, 4)
	rr.cells = cells
	var out []string
	for range 1000 {
		fields, line, span, err := rr.next()
		if err == io.EOF {
			return append(out, fmt.Sprintf("lines %d, blank %d", rr.lines(), rr.blank))
		}
		var fe *formatError
		switch {
		case errors.As(err, &fe):
			if fe.line != line || span != 1 {
				t.Fatalf("error %v reported with line %d span %d", err, line, span)
			}
			out = append(out, fmt.Sprintf("%d err: %s", line, fe.detail()))
		case err != nil:
			t.Fatalf("next: %v", err)
		case span > 1:
			out = append(out, fmt.Sprintf("%d+%d: %s", line, span-1, strings.Join(fields, "|")))
		default:
			out = append(out, fmt.Sprintf("%d: %s", line, strings.Join(fields, "|")))
		}
	}
	t.Fatal("no end after 1000 records")
	return nil
}

// The reader reads RFC 4180 records line by line and, after a malformed record, goes on at the line after its
// first line: a bad line costs that line only.
func TestRecordReader(t *testing.T) {
	const (
		bare  = `a " inside an unquoted cell`
		after = `text after the closing " of a quoted cell`
	)
	tests := []struct {
		name      string
		in        string
		cells     int // cells of a multi-line record; 0: any
		maxRecord int
		want      []string // prefixes of the descriptions
		reason    string
	}{
		{"plain", "a,b\nc,d\n", 0, 64, []string{"1: a|b", "2: c|d", "lines 2, blank 0"}, "one record a line"},
		{"crlf", "a,b\r\nc,d\r\n", 0, 64, []string{"1: a|b", "2: c|d", "lines 2, blank 0"}, `"\r\n" ends a line too`},
		{"no final newline", "a,b\nc,d", 0, 64, []string{"1: a|b", "2: c|d", "lines 2, blank 0"},
			"the last line needs no line break"},
		{"blank lines", "a,b\n\n\r\nc,d\n\n", 0, 64, []string{"1: a|b", "4: c|d", "lines 5, blank 3"},
			"empty lines are skipped and counted"},
		{"empty cells", ",\n\"\"\n", 0, 64, []string{"1: |", "2: ", "lines 2, blank 0"}, "empty and quoted empty cells"},
		{"quoted", "\"a,1\",\"b\"\"c\"\n", 0, 64, []string{`1: a,1|b"c`}, "a quoted cell holds commas and doubled quotes"},
		{"line break in quotes", "\"a\nb\",c\nd,e\n", 2, 64, []string{"1+1: a\nb|c", "3: d|e", "lines 3, blank 0"},
			"a quoted cell holds a line break; the record spans two lines"},
		{"crlf in quotes", "\"a\r\nb\",c\r\n", 2, 64, []string{"1+1: a\nb|c"}, `"\r\n" in a quoted cell reads as "\n"`},
		{"bare quote", "a,b\"c,d\ne,f\n", 0, 64, []string{"1 err: cell 2: " + bare, "2: e|f"}, "a quote in an unquoted cell"},
		{"after closing", "\"a\"b,c\ne,f\n", 0, 64, []string{"1 err: cell 1: " + after, "2: e|f"},
			"text after a closing quote"},
		{"unclosed to the end", "x,\"y\nc,d\ne,f\n", 2, 64,
			[]string{"1 err: cell 2: the quoted cell is not closed by the end of the file", "2: c|d", "3: e|f", "lines 3, blank 0"},
			"an unclosed quote costs its line, not the rest of the file"},
		{"unclosed, malformed later", "x,\"y\nc,\"d\"\ne,f\n", 2, 64,
			[]string{"1 err: cell 2: the quoted cell is not closed on this line, and the lines after it do not make a well-formed record",
				"2: c|d", "3: e|f"},
			"a quote closed in the middle of a later cell does not make a record"},
		{"unclosed, wrong count", "a,\"b\nc\",d,e\nf,g,h\n", 3, 64,
			[]string{"1 err: cell 2: the quoted cell is not closed on this line, and closing it on a later line makes a record of 4 cells, not 3",
				"2 err: cell 1: " + bare, "3: f|g|h"},
			"a record spanning lines must have the header's number of cells"},
		{"line too long", "a,b\n" + strings.Repeat("x", 17) + "\nc,d\n", 0, 16,
			[]string{"1: a|b", "2 err: the line is longer than 16 bytes", "3: c|d", "lines 3, blank 0"}, "a line over the limit"},
		{"line at the limit", strings.Repeat("x", 16) + "\r\n", 0, 16, []string{"1: " + strings.Repeat("x", 16)},
			"a line of exactly the limit, with \"\\r\\n\""},
		{"line far too long", strings.Repeat("x", 100) + "\nc,d", 0, 16,
			[]string{"1 err: the line is longer than 16 bytes", "2: c|d", "lines 2, blank 0"},
			"a line longer than the buffer is skipped to its end"},
		{"too long after a quote", "a,\"b\n" + strings.Repeat("x", 20) + "\nc,d\n", 2, 16,
			[]string{"1 err: cell 2: the quoted cell is not closed on this line, and a line after it is too long",
				"2 err: the line is longer than 16 bytes", "3: c|d", "lines 3, blank 0"},
			"the long line is reported on its own"},
		{"record too long", "a,\"bbbbbb\ncccccc\ndddddd\",e\nf,g\n", 2, 16,
			[]string{"1 err: cell 2: the quoted cell is not closed within 16 bytes", "2: cccccc", "3 err: cell 1: " + bare,
				"4: f|g", "lines 4, blank 0"},
			"a record spanning lines is bounded as a whole"},
		{"span at the limit", "a,\"1\n\n3\n4\",b\nc,d,e\n", 3, 64, []string{"1+3: a|1\n\n3\n4|b", "5: c|d|e", "lines 5, blank 0"},
			"a record of 4 lines; an empty line inside quotes belongs to the cell"},
		{"span over the limit", "a,\"1\n2\n3\n4\n5\",b\nc,d\n", 3, 64,
			[]string{"1 err: cell 2: the quoted cell is not closed within 4 lines", "2: 2", "3: 3", "4: 4", "5 err: cell 1: " + bare,
				"6: c|d", "lines 6, blank 0"},
			"a record spans at most 4 lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.in, tt.cells, tt.maxRecord)
			if len(got) < len(tt.want) {
				t.Fatalf("records %q, want at least %d (%s)", got, len(tt.want), tt.reason)
			}
			trimmed := make([]string, len(tt.want))
			for i, w := range tt.want {
				trimmed[i] = got[i]
				if strings.HasPrefix(got[i], w) {
					trimmed[i] = w
				}
			}
			if diff := cmp.Diff(tt.want, trimmed); diff != "" {
				t.Errorf("records mismatch (-want +got) (%s):\n%s\nall: %q", tt.reason, diff, got)
			}
		})
	}
}

// failingReader gives data and then an error.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// A failure of the input is returned as is, not taken for the end of the file or a malformed record.
func TestRecordReaderInputError(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, in := range []string{"a,b\nc,", "a,\"b\nc"} {
		rr := newRecordReader(&failingReader{data: in, err: boom}, 64, 4)
		var err error
		for range 10 {
			if _, _, _, err = rr.next(); err != nil && !errors.Is(err, boom) {
				var fe *formatError
				if errors.As(err, &fe) {
					continue
				}
			}
			if err != nil {
				break
			}
		}
		if !errors.Is(err, boom) {
			t.Errorf("reading %q then failing: error %v, want the input's error", in, err)
		}
	}
}

// Lines that each open a quote never closed cost a bounded look-ahead each: every line is parsed at most maxSpan
// times, so the work grows linearly with the input, not with the square of its lines.
func TestRecordReaderLinearCost(t *testing.T) {
	const lines = 20_000
	rr := newRecordReader(strings.NewReader(strings.Repeat("\"x\n", lines)), defaultLimits.record, defaultLimits.span)
	rr.cells = 16
	bad := 0
	for {
		_, _, _, err := rr.next()
		if err == io.EOF {
			break
		}
		var fe *formatError
		if !errors.As(err, &fe) {
			t.Fatalf("next: %v", err)
		}
		bad++
	}
	if bad != lines || rr.parsed > defaultLimits.span*lines {
		t.Errorf("%d malformed records, %d lines parsed; want %d and at most %d", bad, rr.parsed, lines, defaultLimits.span*lines)
	}
}
