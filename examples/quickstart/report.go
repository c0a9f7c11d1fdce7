package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/rating"
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

func (t *table) add(cells ...string) { t.Rows = append(t.Rows, cells) }

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
	rep := &report{Lang: t.code, Title: t.s("title"), Meta: []string{t.f("reportDate", org, when, ds.loc),
		t.f("dataSource", source), t.s("scaleNote"), b.weightsLine()}}
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

// weightsLine states the weights in force (SPEC R9: the weights are settings), in the order of the defaults.
func (b *builder) weightsLine() string {
	p, d := b.ds.settings.Personal, b.ds.settings.Department
	var ws []any
	for _, w := range []decimal.Decimal{p.CallWeight, p.SurveyWeight, p.CSIWeight, p.NPSWeight, d.PlatformWeight,
		d.EmployeeWeight, d.SurveyWeight} {
		ws = append(ws, b.t.plain(w))
	}
	return b.t.f("weightsNote", ws...)
}

// dash stands for a value that does not exist.
const dash = "–"

// show1 formats a fraction for people: one decimal, half-up from the exact value (sq.DisplayPrecision); a
// dash when it does not exist.
func (b *builder) show1(f sq.Fraction, ok bool) string {
	if !ok {
		return dash
	}
	return b.t.num(display(f), 1)
}

// display rounds f as people see it: one decimal, half-up (sq.DisplayPrecision).
func display(f sq.Fraction) decimal.Decimal {
	r, _ := f.Round(sq.DisplayPrecision())
	return r.Value
}

// showNull formats an index on the 5-point scale, or a dash when it was not measured.
func (b *builder) showNull(f *sq.Fraction) string {
	if f == nil {
		return dash
	}
	return b.show1(*f, true)
}

// missingOf lists the missing components of positive weight in a breakdown.
func missingOf(cs []rating.Contribution) []string {
	var names []string
	for _, c := range cs {
		if !c.Present && c.Weight.Sign() > 0 {
			names = append(names, c.Name)
		}
	}
	return names
}

// round formats num/den with places digits after multiplying by 10^shift, half-up; a dash for den ≤ 0.
func (b *builder) round(num, den int64, shift, places int32) string {
	f, err := sq.NewFraction(decimal.NewFromInt(num).Shift(shift), decimal.NewFromInt(den))
	if den <= 0 || err != nil {
		return dash
	}
	return b.t.num(halfUp(f, places), places)
}

// percent formats 100·num/den with one decimal, half-up, and a dash for den 0.
func (b *builder) percent(num, den int64) string { return pct(b.round(num, den, 2, 1)) }

// pct adds a percent sign to a number.
func pct(s string) string {
	if s == dash {
		return s
	}
	return s + "%"
}

// days formats a duration in days with one decimal, half-up.
func (b *builder) days(d time.Duration) string { return b.round(int64(d), int64(24*time.Hour), 0, 1) }

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

// halfUp rounds f half-up to places, a constant of this program within 0–sq.MaxPlaces.
func halfUp(f sq.Fraction, places int32) decimal.Decimal {
	r, err := f.Round(sq.Precision{Places: places, Rounding: sq.HalfUp})
	if err != nil {
		panic(err) // a programming error: places are constants of this program
	}
	return r.Value
}
