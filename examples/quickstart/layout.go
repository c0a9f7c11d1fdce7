package main

import (
	"bufio"
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The two forms of a report: plain text and one HTML page.

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

// Chart geometry, in SVG user units. The template holds the fixed ones: the chart is 760 wide, labels end at
// 310 and the bars start at the axis, 326.
const (
	axisX       = 326
	barArea     = 360 // the length of a full-scale bar
	rowHeight   = 24
	barHeight   = 16
	chartMargin = 16
)

// writeHTML writes the report as one self-contained XHTML-compatible page: inline CSS, an inline SVG bar chart
// per section, no scripts and no external files. Every text is escaped by html/template.
func writeHTML(w io.Writer, rep *report) error { return pageTemplate.Execute(w, rep) }

// barLength is the length of a bar of value v on chart c, in SVG units rounded to 0.1, at most a full bar.
func barLength(c chart, v decimal.Decimal) decimal.Decimal {
	if !c.Max.IsPositive() || !v.IsPositive() {
		return decimal.Zero
	}
	return decimal.Min(v.Mul(decimal.NewFromInt(barArea)).DivRound(c.Max, 1), decimal.NewFromInt(barArea))
}

// Chart geometry as template functions: rows from the top margin, bars from the axis.
var chartFuncs = template.FuncMap{
	"height": func(c chart) int { return 2*chartMargin + max(len(c.Bars), 1)*rowHeight },
	"rowY":   func(i int) int { return chartMargin + i*rowHeight + (rowHeight-barHeight)/2 },
	"textY":  func(i int) int { return chartMargin + i*rowHeight + rowHeight/2 + 4 },
	"x": func(c chart, v decimal.Decimal) string {
		return barLength(c, v).Add(decimal.NewFromInt(axisX)).String()
	},
	"length": func(c chart, v decimal.Decimal) string { return barLength(c, v).String() },
	"label":  func(s string) string { return truncate(s, 38) },
	"sub":    func(a, b int) int { return a - b },
}

var pageTemplate = template.Must(template.New("page").Funcs(chartFuncs).Parse(`<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="{{.Lang}}">
<head>
<meta charset="utf-8"/>
<title>{{.Title}}</title>
<style>
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #cbd2d9; padding-bottom: 0.2em; }
p.meta { color: #52606d; margin: 0.2em 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1em 0; }
figcaption { color: #52606d; font-size: 0.9em; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{range .Meta}}<p class="meta">{{.}}</p>
{{end}}{{range $i, $s := .Sections}}<section id="{{$s.ID}}">
<h2>{{$s.Title}}</h2>
{{range $s.Blocks}}{{if .Table}}{{template "table" .Table}}{{else}}<p>{{.Text}}</p>
{{end}}{{end}}{{template "chart" $s.Chart}}</section>
{{end}}</body>
</html>
{{define "table"}}<table>
{{with .Caption}}<caption>{{.}}</caption>
{{end}}<thead><tr>{{range $i, $h := .Header}}<th{{if index $.Right $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if index $.Right $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{define "chart"}}{{$c := .}}{{$h := height .}}<figure>
<svg xmlns="http://www.w3.org/2000/svg" width="760" height="{{$h}}" viewBox="0 0 760 {{$h}}" role="img" aria-label="{{.Title}}" font-family="sans-serif" font-size="12">
<title>{{.Title}}</title>
<line x1="326" y1="16" x2="326" y2="{{$h}}" stroke="#9aa5b1" stroke-width="1"/>
{{range $i, $b := .Bars}}<text x="310" y="{{textY $i}}" text-anchor="end" fill="#1f2933">{{label .Label}}</text><rect x="326" y="{{rowY $i}}" width="{{length $c .Value}}" height="16" fill="{{if .Muted}}#b9cde3{{else}}#2f6fb0{{end}}"/><text x="{{x $c .Value}}" dx="6" y="{{textY $i}}" fill="#1f2933">{{.Text}}</text>
{{end}}{{if .Marker.Valid}}<line x1="{{x $c .Marker.Decimal}}" y1="12" x2="{{x $c .Marker.Decimal}}" y2="{{sub $h 12}}" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{{x $c .Marker.Decimal}}" y="16" dx="4" fill="#c0392b" font-size="11">{{.MarkerLabel}}</text>
{{end}}</svg>
<figcaption>{{.Title}}</figcaption>
</figure>
{{end}}`))
