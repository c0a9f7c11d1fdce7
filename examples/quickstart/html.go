package main

import (
	"html/template"
	"io"
	"strconv"

	"github.com/shopspring/decimal"
)

// Chart geometry, in SVG user units.
const (
	chartWidth  = 760
	labelWidth  = 310 // the label column, right-aligned against the bars
	barArea     = 360 // the length of a full-scale bar
	rowHeight   = 24
	barHeight   = 16
	chartMargin = 16
)

// htmlPage is what the HTML template renders: the report and each section's chart laid out.
type htmlPage struct {
	*report
	Charts []svgChart // one per section, in order
}

// svgChart is a chart with every coordinate computed, as text ready for an attribute.
type svgChart struct {
	Title          string
	Width, Height  string
	Bars           []svgBar
	HasMarker      bool
	MarkerX        string
	MarkerY1       string
	MarkerY2       string
	MarkerLabel    string
	MarkerLabelY   string
	AxisX, AxisTop string
}

type svgBar struct {
	Label, Text    string
	Muted          bool
	LabelX, LabelY string
	X, Y, W, H     string
	TextX          string
}

// writeHTML writes the report as one self-contained XHTML-compatible page: inline CSS, an inline SVG bar chart
// per section, no scripts and no external files. Every text is escaped by html/template.
func writeHTML(w io.Writer, rep *report) error {
	page := htmlPage{report: rep}
	for _, s := range rep.Sections {
		page.Charts = append(page.Charts, layoutChart(s.Chart))
	}
	return pageTemplate.Execute(w, page)
}

// layoutChart computes the coordinates of a chart's bars, with decimal arithmetic rounded to 0.1 unit.
func layoutChart(c chart) svgChart {
	n := len(c.Bars)
	height := 2*chartMargin + max(n, 1)*rowHeight
	out := svgChart{Title: c.Title, Width: strconv.Itoa(chartWidth), Height: strconv.Itoa(height),
		AxisX: strconv.Itoa(labelWidth + chartMargin), AxisTop: strconv.Itoa(chartMargin)}
	x0 := decimal.NewFromInt(labelWidth + chartMargin)
	length := func(v decimal.Decimal) decimal.Decimal {
		if !c.Max.IsPositive() || !v.IsPositive() {
			return decimal.Zero
		}
		l := v.Mul(decimal.NewFromInt(barArea)).DivRound(c.Max, 1)
		return decimal.Min(l, decimal.NewFromInt(barArea))
	}
	for i, b := range c.Bars {
		y := chartMargin + i*rowHeight
		l := length(b.Value)
		out.Bars = append(out.Bars, svgBar{
			Label: truncate(b.Label, 38), Text: b.Text, Muted: b.Muted,
			LabelX: strconv.Itoa(labelWidth), LabelY: strconv.Itoa(y + rowHeight/2 + 4),
			X: x0.String(), Y: strconv.Itoa(y + (rowHeight-barHeight)/2), W: l.String(), H: strconv.Itoa(barHeight),
			TextX: x0.Add(l).Add(decimal.NewFromInt(6)).String(),
		})
	}
	if c.Marker.Valid {
		out.HasMarker = true
		out.MarkerX = x0.Add(length(c.Marker.Decimal)).String()
		out.MarkerY1 = strconv.Itoa(chartMargin - 4)
		out.MarkerY2 = strconv.Itoa(height - chartMargin + 4)
		out.MarkerLabel = c.MarkerLabel
		out.MarkerLabelY = strconv.Itoa(chartMargin)
	}
	return out
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
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
{{end}}{{end}}{{template "chart" index $.Charts $i}}</section>
{{end}}</body>
</html>
{{define "table"}}<table>
{{with .Caption}}<caption>{{.}}</caption>
{{end}}<thead><tr>{{range $i, $h := .Header}}<th{{if index $.Right $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if index $.Right $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{define "chart"}}<figure>
<svg xmlns="http://www.w3.org/2000/svg" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="{{.Title}}" font-family="sans-serif" font-size="12">
<title>{{.Title}}</title>
<line x1="{{.AxisX}}" y1="{{.AxisTop}}" x2="{{.AxisX}}" y2="{{.Height}}" stroke="#9aa5b1" stroke-width="1"/>
{{range .Bars}}<text x="{{.LabelX}}" y="{{.LabelY}}" text-anchor="end" fill="#1f2933">{{.Label}}</text><rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{if .Muted}}#b9cde3{{else}}#2f6fb0{{end}}"/><text x="{{.TextX}}" y="{{.LabelY}}" fill="#1f2933">{{.Text}}</text>
{{end}}{{if .HasMarker}}<line x1="{{.MarkerX}}" y1="{{.MarkerY1}}" x2="{{.MarkerX}}" y2="{{.MarkerY2}}" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{{.MarkerX}}" y="{{.MarkerLabelY}}" dx="4" fill="#c0392b" font-size="11">{{.MarkerLabel}}</text>
{{end}}</svg>
<figcaption>{{.Title}}</figcaption>
</figure>
{{end}}`))
