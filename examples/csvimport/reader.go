package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// recordReader reads CSV records (RFC 4180: comma-separated, a cell quoted with " may hold commas, line breaks and
// doubled quotes) one at a time, with memory bounded by one record, and resynchronizes after a malformed record
// at the next physical line, which encoding/csv cannot do.
//
// A record is one physical line, or several when a quoted cell holds a line break. A line ends with "\n" or
// "\r\n"; empty lines are skipped and counted. A record (and so a line) is at most maxRecord bytes and maxSpan
// lines, so each line is parsed at most maxSpan times (as the first line of its record, and in the look-ahead of
// the records before it that turned out malformed): the cost stays linear in the input.
//
// A malformed record — a " inside an unquoted cell, text after the closing " of a quoted cell, a line too long,
// or a quote that a line leaves open when the lines after it do not close it into a record of the expected
// number of cells within the bounds — is reported as a *formatError on its first line, and reading resumes on
// the line after that one: a bad line costs that line only, never the rest of the file.
type recordReader struct {
	br        *bufio.Reader
	maxRecord int      // bytes of a record
	maxSpan   int      // lines of a record
	cells     int      // the number of cells every multi-line record must have; 0: any
	names     []string // the names of the cells, for messages; may be shorter than a record

	read    int          // lines taken from the input
	pending []heldLine   // lines read ahead for a record that turned out malformed, to be read again
	held    []heldLine   // the lines after the first of the record being read
	fields  []string     // the cells of the record being read
	cell    bytes.Buffer // the cell being read

	// Counts of the lines handed out, for the summary: blank lines and the lines of records; parsed counts the
	// lines parsed, each at most maxSpan times.
	blank, recordLines, parsed int
}

// heldLine is a line kept to be read again: its number and text without the line break, or tooLong.
type heldLine struct {
	num     int
	text    []byte
	tooLong bool
}

// formatError is a record that is not well-formed CSV, at its first line.
type formatError struct {
	line, cell int // cell is 1-based; 0 when the whole line is concerned
	name       string
	why        string
}

func (e *formatError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.detail()) }

// detail is the message without the line.
func (e *formatError) detail() string {
	switch {
	case e.cell == 0:
		return e.why
	case e.name != "":
		return fmt.Sprintf("cell %d (%s): %s", e.cell, e.name, e.why)
	}
	return fmt.Sprintf("cell %d: %s", e.cell, e.why)
}

// newRecordReader reads records of at most maxRecord bytes and maxSpan lines from in.
func newRecordReader(in io.Reader, maxRecord, maxSpan int) *recordReader {
	// Room for a line of maxRecord bytes and its "\r\n": a longer line fills the buffer.
	return &recordReader{br: bufio.NewReaderSize(in, maxRecord+2), maxRecord: maxRecord, maxSpan: maxSpan}
}

// lines returns the number of lines handed out: the input's lines read so far, less those read ahead.
func (r *recordReader) lines() int { return r.read - len(r.pending) }

// nextLine returns the next line without its line break, from the lines read ahead first. The text is valid
// until the next call. At the end of the input it returns io.EOF.
func (r *recordReader) nextLine() (heldLine, error) {
	if len(r.pending) > 0 {
		l := r.pending[0]
		r.pending = r.pending[1:]
		return l, nil
	}
	text, err := r.br.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of the line
			_, err = r.br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return heldLine{}, err
		}
		r.read++
		return heldLine{num: r.read, tooLong: true}, nil
	case err == io.EOF && len(text) == 0:
		return heldLine{}, io.EOF
	case err != nil && err != io.EOF:
		return heldLine{}, err
	}
	r.read++
	text = bytes.TrimSuffix(text, []byte("\n"))
	text = bytes.TrimSuffix(text, []byte("\r"))
	if len(text) > r.maxRecord {
		return heldLine{num: r.read, tooLong: true}, nil
	}
	return heldLine{num: r.read, text: text}, nil
}

// errTooLong is the reason of a line over the limit.
func (r *recordReader) errTooLong(line int) *formatError {
	return &formatError{line: line, why: fmt.Sprintf("the line is longer than %d bytes; a line, or a record spanning lines, is at most %d bytes (%d KiB)",
		r.maxRecord, r.maxRecord, r.maxRecord>>10)}
}

// next returns the next record, its first line and the number of lines it spans. Empty lines are skipped. A
// malformed record is a *formatError (the next call reads the line after its first); a failure of the input is
// returned as is; the end of the input is io.EOF.
func (r *recordReader) next() (fields []string, line, span int, err error) {
	var first heldLine
	for {
		first, err = r.nextLine()
		if err != nil {
			return nil, 0, 0, err
		}
		if first.tooLong || len(first.text) > 0 {
			break
		}
		r.blank++
	}
	r.recordLines++
	if first.tooLong {
		return nil, first.num, 1, r.errTooLong(first.num)
	}
	r.fields, r.held = r.fields[:0], r.held[:0]
	r.cell.Reset()
	open, cell, why := r.parse(first.text, false)
	if why != "" {
		return nil, first.num, 1, r.errAt(first.num, cell, why)
	}
	if !open {
		return r.fields, first.num, 1, nil
	}
	// A quoted cell goes on past the end of the line: read on, within the bound, holding the lines read in case
	// the record turns out malformed.
	openCell := cell
	size := len(first.text) + 1
	for open {
		l, err := r.nextLine()
		switch {
		case err == io.EOF:
			why = "the quoted cell is not closed by the end of the file"
		case err != nil:
			return nil, 0, 0, err
		case l.tooLong:
			why = "the quoted cell is not closed on this line, and a line after it is too long"
		}
		if err == nil {
			r.held = append(r.held, heldLine{num: l.num, text: bytes.Clone(l.text), tooLong: l.tooLong})
		}
		if why != "" {
			break
		}
		if size += len(l.text) + 1; size > r.maxRecord {
			why = fmt.Sprintf("the quoted cell is not closed within %d bytes", r.maxRecord)
			break
		}
		if 1+len(r.held) > r.maxSpan {
			why = fmt.Sprintf("the quoted cell is not closed within %d lines", r.maxSpan)
			break
		}
		r.cell.WriteByte('\n')
		var bad string
		open, _, bad = r.parse(l.text, true)
		if bad != "" {
			why = "the quoted cell is not closed on this line, and the lines after it do not make a well-formed record"
		}
	}
	if why == "" && r.cells > 0 && len(r.fields) != r.cells {
		why = fmt.Sprintf("the quoted cell is not closed on this line, and closing it on a later line makes a record of %d cells, not %d",
			len(r.fields), r.cells)
	}
	if why != "" {
		// The record is the first line alone; the lines after it are read again.
		r.pending = append(append([]heldLine(nil), r.held...), r.pending...)
		return nil, first.num, 1, r.errAt(first.num, openCell, why)
	}
	span = 1 + len(r.held)
	r.recordLines += span - 1
	return r.fields, first.num, span, nil
}

func (r *recordReader) errAt(line, cell int, why string) *formatError {
	e := &formatError{line: line, cell: cell, why: why}
	if cell >= 1 && cell <= len(r.names) {
		e.name = r.names[cell-1]
	}
	return e
}

// parse reads the cells of one line into r.fields, going on inside a quoted cell when inQuote. It returns
// whether a quoted cell is still open at the end of the line, the 1-based number of the cell it stopped at, and
// why the line is malformed ("" when it is not).
func (r *recordReader) parse(line []byte, inQuote bool) (open bool, cell int, why string) {
	r.parsed++
	i := 0
	for {
		cell = len(r.fields) + 1
		if !inQuote {
			if i < len(line) && line[i] == '"' {
				inQuote = true
				i++
			} else {
				j := bytes.IndexByte(line[i:], ',')
				text := line[i:]
				if j >= 0 {
					text = line[i : i+j]
				}
				if bytes.IndexByte(text, '"') >= 0 {
					return false, cell, `a " inside an unquoted cell; quote the whole cell and double each " inside it ("a ""b"" c")`
				}
				r.fields = append(r.fields, string(text))
				if j < 0 {
					return false, cell, ""
				}
				i += j + 1
				continue
			}
		}
		// Inside a quoted cell.
		k := bytes.IndexByte(line[i:], '"')
		if k < 0 {
			r.cell.Write(line[i:])
			return true, cell, ""
		}
		r.cell.Write(line[i : i+k])
		i += k + 1
		if i < len(line) && line[i] == '"' { // a doubled quote
			r.cell.WriteByte('"')
			i++
			continue
		}
		inQuote = false
		r.fields = append(r.fields, r.cell.String())
		r.cell.Reset()
		if i == len(line) {
			return false, cell, ""
		}
		if line[i] != ',' {
			return false, cell, `text after the closing " of a quoted cell; double each " inside a quoted cell ("a ""b"" c")`
		}
		i++
	}
}
