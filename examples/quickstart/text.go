package main

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// lineWidth is where paragraphs of the text report wrap.
const lineWidth = 110

// writeText writes the report as plain text: paragraphs wrapped at lineWidth, tables aligned in columns with
// numbers to the right.
func writeText(w io.Writer, rep *report) error {
	bw := bufio.NewWriter(w)
	underline(bw, rep.Title, '=')
	for _, m := range rep.Meta {
		wrap(bw, m)
	}
	for _, s := range rep.Sections {
		bw.WriteString("\n")
		underline(bw, s.Title, '-')
		for i, b := range s.Blocks {
			if i > 0 && (b.Table != nil || s.Blocks[i-1].Table != nil) {
				bw.WriteString("\n") // a blank line around tables
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

// underline writes a title and a line of c under it.
func underline(w *bufio.Writer, title string, c rune) {
	w.WriteString(title + "\n" + strings.Repeat(string(c), utf8.RuneCountInString(title)) + "\n")
}

// wrap writes a paragraph, broken between words at lineWidth; the continuation lines of an indented paragraph
// are indented two spaces more.
func wrap(w *bufio.Writer, text string) {
	indent := text[:len(text)-len(strings.TrimLeft(text, " "))]
	more := indent
	if indent != "" {
		more += "  "
	}
	words := strings.Fields(text)
	line, n := indent, utf8.RuneCountInString(indent)
	start := n
	for _, word := range words {
		k := utf8.RuneCountInString(word)
		if n > start && n+1+k > lineWidth {
			w.WriteString(line + "\n")
			line, n = more, len(more)
			start = n
		}
		if n > start {
			line += " "
			n++
		}
		line += word
		n += k
	}
	w.WriteString(line + "\n")
}

// writeTable writes a table: an optional caption, the header and the rows, columns two spaces apart.
func writeTable(w *bufio.Writer, t *table) {
	if t.Caption != "" {
		wrap(w, t.Caption)
	}
	widths := make([]int, len(t.Header))
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		var b strings.Builder
		for i, cell := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i < len(t.Right) && t.Right[i] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}
