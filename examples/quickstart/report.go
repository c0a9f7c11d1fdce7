package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// report is the report in one language, as text: what writeText and writeHTML lay out.
type report struct {
	Lang, Title string
	Meta        []string
	Sections    []*section
}

// section is one numbered part of the report: paragraphs and tables in order, and one chart (for the HTML).
type section struct {
	ID, Title string
	Blocks    []block
	Chart     chart
	b         *builder
}

// block is a paragraph (Text) or a table.
type block struct {
	Text  string
	Table *table
}

// table is a table of text cells; Right marks the columns aligned to the right (numbers).
type table struct {
	Caption string
	Header  []string
	Right   []bool
	Rows    [][]string
}

// chart is a horizontal bar chart on the scale 0 to Max, with an optional marker line (a minimum to reach).
type chart struct {
	Title       string
	Max         decimal.Decimal
	Marker      decimal.NullDecimal
	MarkerLabel string
	Bars        []bar
}

// bar is one bar: its label, its length on the chart's scale, the value printed next to it, and whether it is
// provisional (drawn muted).
type bar struct {
	Label string
	Value decimal.Decimal
	Text  string
	Muted bool
}

// say adds a paragraph: the catalogue's text of key, formatted with args when there are any.
func (s *section) say(key string, args ...any) {
	text := s.b.t.s(key)
	if len(args) > 0 {
		text = fmt.Sprintf(text, args...)
	}
	s.Blocks = append(s.Blocks, block{Text: text})
}

// table adds t unless it has no rows; it reports whether it did.
func (s *section) table(t *table) bool {
	if len(t.Rows) > 0 {
		s.Blocks = append(s.Blocks, block{Table: t})
	}
	return len(t.Rows) > 0
}

// add adds a row; numbers and other values are written as fmt.Sprint writes them.
func (t *table) add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.Rows = append(t.Rows, row)
}

// bar adds a bar to the chart.
func (c *chart) bar(label string, v decimal.Decimal, text string, muted bool) {
	c.Bars = append(c.Bars, bar{label, v, text, muted})
}

// count adds a bar of a count, raising the chart's scale to fit it.
func (c *chart) count(label string, n int64, muted bool) {
	c.bar(label, decimal.NewFromInt(n), strconv.FormatInt(n, 10), muted)
	c.Max = decimal.Max(c.Max, decimal.NewFromInt(n))
}

// marker sets the chart's scale and marker line to a minimum n.
func (c *chart) marker(n int) {
	c.Max, c.Marker, c.MarkerLabel = decimal.NewFromInt(int64(n)), decimal.NewNullDecimal(decimal.NewFromInt(int64(n))),
		strconv.Itoa(n)
}

// builder holds what every section needs.
type builder struct {
	ds *dataset
	a  *analysis
	t  *texts
}

// newTable starts a table whose header cells are catalogue keys; a key starting with ">" heads a column of
// numbers, aligned to the right.
func (b *builder) newTable(caption string, keys ...string) *table {
	tab := &table{Caption: caption}
	for _, k := range keys {
		tab.Header = append(tab.Header, b.t.s(strings.TrimPrefix(k, ">")))
		tab.Right = append(tab.Right, strings.HasPrefix(k, ">"))
	}
	return tab
}

// newSection starts a section with the catalogue's chart title for id, on the scale 0 to max.
func (b *builder) newSection(id, title, chartKey string, max int64) *section {
	return &section{ID: id, Title: title, Chart: chart{Title: b.t.s(chartKey), Max: decimal.NewFromInt(max)}, b: b}
}

// buildReport lays the analysis out as a report in the language of t.
func buildReport(ds *dataset, a *analysis, t *texts, source string) *report {
	b := &builder{ds: ds, a: a, t: t}
	org := ds.settings.Organisation.Get(t.code)
	if org == "" {
		var ids []string
		for _, d := range a.depts {
			ids = append(ids, d.DepartmentID)
		}
		org = strings.Join(ids, ", ")
	}
	when := t.date(a.at, ds.loc)
	if at := a.at.In(ds.loc); at.Hour() != 0 || at.Minute() != 0 || at.Second() != 0 {
		when += at.Format(" 15:04")
	}
	p, d := ds.settings.Personal, ds.settings.Department
	var ws []any // the weights in force (SPEC R9), in the order of the defaults
	for _, w := range []decimal.Decimal{p.CallWeight, p.SurveyWeight, p.CSIWeight, p.NPSWeight, d.PlatformWeight,
		d.EmployeeWeight, d.SurveyWeight} {
		ws = append(ws, t.plain(w))
	}
	rep := &report{Lang: t.code, Title: t.s("title"), Meta: []string{t.f("reportDate", org, when, ds.loc),
		t.f("dataSource", source), t.s("scaleNote"), t.f("weightsNote", ws...)}}
	if a.later[0]+a.later[1]+a.complaintReport.NotYetReceived > 0 {
		rep.Meta = append(rep.Meta, t.f("leftOut", t.count(a.later[0], "evaluation"),
			t.count(a.later[1], "survey-answer"), t.count(a.complaintReport.NotYetReceived, "complaint")))
	}
	rep.Sections = []*section{b.personal(), b.department(), b.compliance(), b.criteria(), b.surveys(), b.complaints()}
	if a.selection != nil {
		rep.Sections = append(rep.Sections, b.sampling())
	}
	if a.disputeReport != nil {
		rep.Sections = append(rep.Sections, b.disputes())
	}
	if ds.facts != nil {
		rep.Sections = append(rep.Sections, b.autoChecks())
	}
	for i, s := range rep.Sections {
		s.Title = strconv.Itoa(i+1) + ". " + s.Title
	}
	return rep
}

// dash stands for a value that does not exist.
const dash = "–"

// rounded rounds f·10^shift half-up to places, the one rounding of a value shown (places are constants).
func rounded(f sq.Fraction, places, shift int32) decimal.Decimal {
	r, _ := f.Mul(sq.FractionOf(decimal.New(1, shift))).Round(sq.Precision{Places: places})
	return r.Value
}

// fixed formats f·10^shift rounded half-up to places, then unit ("%" or ""); a dash when f does not exist.
func (b *builder) fixed(f sq.Fraction, ok bool, places, shift int32, unit string) string {
	if !ok {
		return dash
	}
	return b.t.num(rounded(f, places, shift), places) + unit
}

// show1 formats a value on the 5-point scale with one decimal (sq.DisplayPrecision), or a dash.
func (b *builder) show1(f sq.Fraction, ok bool) string { return b.fixed(f, ok, 1, 0, "") }

// showNull formats an index on the 5-point scale, or a dash when it was not measured.
func (b *builder) showNull(f *sq.Fraction) string {
	if f == nil {
		return dash
	}
	return b.show1(*f, true)
}

// percent formats 100·num/den with one decimal, half-up, and a percent sign; a dash for den 0.
func (b *builder) percent(num, den int64) string {
	f, err := sq.Ratio(num, den)
	return b.fixed(f, err == nil && den > 0, 1, 2, "%")
}

// days formats a duration in days with one decimal, half-up.
func (b *builder) days(d time.Duration) string {
	f, _ := sq.Ratio(int64(d), int64(24*time.Hour))
	return b.show1(f, true)
}

// name returns the name of an employee in the report's language, or the ID as given.
func (b *builder) name(id string) string {
	if e, ok := b.ds.byID[id]; ok {
		return e.name(b.t.code)
	}
	if id == "" || id == unnamed {
		return b.t.s("nobody")
	}
	return id
}

// truncate shortens s to at most n characters, with an ellipsis.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
