package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// htmlFacts is what a strict XML parse of the HTML report finds.
type htmlFacts struct {
	Root         xml.Name
	Sections     []string       // section IDs in order
	SVGs         map[string]int // <svg> elements per section
	SVGTitles    map[string]int // <title> elements inside each section's svg
	Bars         map[string]int // <rect> elements per section
	Scripts      int
	ExternalRefs []string // attributes that could load something: href, src, or any value with "://" but xmlns
	Text         string   // all character data, joined
}

// parseHTML parses the report with encoding/xml in strict mode (no auto-closed tags, no HTML entities), so any
// markup that is not well-formed fails the test.
func parseHTML(t *testing.T, b []byte) htmlFacts {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	f := htmlFacts{SVGs: map[string]int{}, SVGTitles: map[string]int{}, Bars: map[string]int{}}
	var stack []string
	section, inSVG := "", false
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("HTML is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				f.Root = tok.Name
			}
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if a.Name.Local == "href" || a.Name.Local == "src" ||
					(strings.Contains(a.Value, "://") && a.Name.Local != "xmlns" && a.Name.Space != "xmlns") {
					f.ExternalRefs = append(f.ExternalRefs, a.Name.Local+"="+a.Value)
				}
			}
			switch tok.Name.Local {
			case "section":
				for _, a := range tok.Attr {
					if a.Name.Local == "id" {
						section = a.Value
					}
				}
				f.Sections = append(f.Sections, section)
			case "svg":
				f.SVGs[section]++
				inSVG = true
			case "title":
				if inSVG {
					f.SVGTitles[section]++
				}
			case "rect":
				f.Bars[section]++
			case "script":
				f.Scripts++
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch tok.Name.Local {
			case "svg":
				inSVG = false
			case "section":
				section = ""
			}
		case xml.CharData:
			text.Write(tok)
			text.WriteByte(' ')
		}
	}
	if len(stack) != 0 {
		t.Fatalf("HTML ends with open elements %v", stack)
	}
	f.Text = text.String()
	return f
}

// The HTML report is well-formed XHTML-compatible markup with one SVG bar chart per section, no script and
// nothing loaded from outside.
func TestHTMLReport(t *testing.T) {
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "report.html")
			text, errs, code := runQuickstart(t, "-lang", lang, "-html", file)
			if code != 0 {
				t.Fatalf("run = %d; stderr:\n%s", code, errs)
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f := parseHTML(t, b)
			if want := (xml.Name{Space: "http://www.w3.org/1999/xhtml", Local: "html"}); f.Root != want {
				t.Errorf("root element = %v, want %v", f.Root, want)
			}
			wantSections := []string{"personal", "department", "compliance", "criteria", "surveys", "complaints",
				"sampling", "disputes", "autoqa"}
			if diff := cmp.Diff(wantSections, f.Sections); diff != "" {
				t.Errorf("sections mismatch (-want +got):\n%s", diff)
			}
			for _, s := range wantSections {
				if f.SVGs[s] != 1 || f.SVGTitles[s] != 1 {
					t.Errorf("section %q has %d <svg> with %d <title>, want one chart with a title", s, f.SVGs[s],
						f.SVGTitles[s])
				}
				if f.Bars[s] == 0 {
					t.Errorf("section %q chart has no bars", s)
				}
			}
			if f.Scripts != 0 || len(f.ExternalRefs) != 0 {
				t.Errorf("HTML has %d scripts and external references %q, want none", f.Scripts, f.ExternalRefs)
			}
			// Every line of the text report's tables is in the page (as cells, so compare a few values).
			for _, want := range []string{firstCell(t, text, "1  ")} {
				if !strings.Contains(f.Text, want) {
					t.Errorf("HTML lacks %q from the text report", want)
				}
			}
		})
	}
}

// firstCell returns the employee of the text report's first leaderboard row ("1  Aigerim Seitkali  4.8 ...").
func firstCell(t *testing.T, text, prefix string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			fields := strings.Fields(line)
			return fields[1] + " " + fields[2]
		}
	}
	t.Fatalf("no line starting with %q in the text report", prefix)
	return ""
}

// Texts from the data are escaped: a name with markup stays text and the page stays well-formed.
func TestHTMLEscapesData(t *testing.T) {
	const name = `Chen <b>Li</b> & "Co" 'x' ]]>`
	dir := copyMini(t, map[string][]byte{
		"employees.csv": miniFile(t, "employees.csv", ",Chen Li,", `,"Chen <b>Li</b> & ""Co"" 'x' ]]>",`),
	})
	file := filepath.Join(t.TempDir(), "report.html")
	if _, errs, code := runQuickstart(t, "-data", dir, "-at", "2026-03-31", "-html", file); code != 0 {
		t.Fatalf("run = %d; stderr:\n%s", code, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("<b>")) {
		t.Errorf("the name's markup reached the page unescaped")
	}
	f := parseHTML(t, b)
	if !strings.Contains(f.Text, name) {
		t.Errorf("the parsed page lacks the name %q as text", name)
	}
}

// A report date before all the data: every section says so in words and the page keeps its nine charts.
func TestEarlyReport(t *testing.T) {
	file := filepath.Join(t.TempDir(), "report.html")
	text, errs, code := runQuickstart(t, "-at", "2025-06-01", "-html", file)
	if code != 0 {
		t.Fatalf("run = %d; stderr:\n%s", code, errs)
	}
	for _, want := range []string{"No sufficient personal rating yet.", "Dated at or after the report date and left out: " +
		"328 evaluations", "No complaints.", "No call of 2025-Q2 before the report date.",
		"No evaluated call has facts.", "Provisional: no employees' ratings, survey index, rated on the rest."} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f := parseHTML(t, b)
	if len(f.Sections) != 9 {
		t.Errorf("%d sections, want 9", len(f.Sections))
	}
	for _, s := range f.Sections {
		if f.SVGs[s] != 1 {
			t.Errorf("section %q has %d charts, want 1", s, f.SVGs[s])
		}
	}
}
