package main

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// lineWidth is where paragraphs of the text report wrap.
const lineWidth = 110

// writeText writes the report as plain text: titles underlined, paragraphs wrapped at lineWidth, tables aligned
// in columns with numbers to the right and set off by blank lines.
func writeText(w io.Writer, rep *report) error {
	bw := bufio.NewWriter(w)
	underline := func(title, c string) {
		bw.WriteString(title + "\n" + strings.Repeat(c, utf8.RuneCountInString(title)) + "\n")
	}
	underline(rep.Title, "=")
	for _, m := range rep.Meta {
		wrap(bw, m)
	}
	for _, s := range rep.Sections {
		bw.WriteString("\n")
		underline(s.Title, "-")
		for i, b := range s.Blocks {
			if i > 0 && (b.Table != nil || s.Blocks[i-1].Table != nil) {
				bw.WriteString("\n")
			}
			if b.Table != nil {
				writeTable(bw, b.Table)
			} else {
				wrap(bw, b.Text)
			}
		}
	}
	return bw.Flush()
}

// wrap writes a paragraph, broken between words at lineWidth; the continuation lines of an indented paragraph
// are indented two spaces more.
func wrap(w *bufio.Writer, text string) {
	indent := text[:len(text)-len(strings.TrimLeft(text, " "))]
	more := indent
	if indent != "" {
		more += "  "
	}
	line, n, start := indent, len(indent), len(indent)
	for _, word := range strings.Fields(text) {
		k := utf8.RuneCountInString(word)
		if n > start && n+1+k > lineWidth {
			w.WriteString(line + "\n")
			line, n, start = more, len(more), len(more)
		}
		if n > start {
			line, n = line+" ", n+1
		}
		line, n = line+word, n+k
	}
	w.WriteString(line + "\n")
}

// writeTable writes a table: an optional caption, the header and the rows, columns two spaces apart.
func writeTable(w *bufio.Writer, t *table) {
	if t.Caption != "" {
		wrap(w, t.Caption)
	}
	rows := append([][]string{t.Header}, t.Rows...)
	widths := make([]int, len(t.Header))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if cells[i] = cell + pad; t.Right[i] {
				cells[i] = pad + cell
			}
		}
		w.WriteString(strings.TrimRight(strings.Join(cells, "  "), " ") + "\n")
	}
}
