package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/complaints/complaintstest"
	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// TestOutput: the snippets print what the README's comments say (testdata/output.golden).
func TestOutput(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	got, _ := io.ReadAll(r)
	want, err := os.ReadFile("testdata/output.golden")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

// TestREADMESnippets: every Go block of README.md appears, line for line, in this program or this test, so each
// one compiles and runs. Indentation, blank lines, comment lines, package and import lines are not compared, nor
// the lines declaring main and test functions, at which a block is split into parts checked one by one.
func TestREADMESnippets(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var here []string
	for _, f := range []string{"main.go", "readme_test.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		here = append(here, normalize(string(b))...)
	}
	blocks := goBlocks(string(readme))
	for i, b := range blocks {
		var kept []string
		for _, l := range strings.Split(b, "\n") {
			if s := strings.TrimSpace(l); s == "func main() {" || strings.HasPrefix(s, "func Test") {
				l = splitMark
			}
			kept = append(kept, l)
		}
		blocks[i] = strings.Join(kept, "\n")
	}
	if len(blocks) < 6 {
		t.Fatalf("found %d Go blocks in README.md, want at least 6", len(blocks))
	}
	for _, b := range blocks {
		for _, part := range strings.Split(b, splitMark) {
			lines := normalize(part)
			if len(lines) > 0 && !contains(here, lines) {
				t.Errorf("README block not in examples/readme (first lines %q)", lines[:min(3, len(lines))])
			}
		}
	}
}

// goBlocks returns the bodies of the ```go fences of a Markdown text.
func goBlocks(md string) []string {
	var out []string
	for {
		i := strings.Index(md, "```go\n")
		if i < 0 {
			return out
		}
		md = md[i+len("```go\n"):]
		j := strings.Index(md, "```")
		if j < 0 {
			return out
		}
		out = append(out, md[:j])
		md = md[j+3:]
	}
}

// splitMark replaces the lines at which a README block is split.
const splitMark = "\x00"

// normalize returns the lines of Go source that a snippet comparison looks at.
func normalize(src string) []string {
	var out []string
	inImport := false
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "package ") || strings.HasPrefix(l, "//"):
		case l == "import (":
			inImport = true
		case inImport:
			inImport = l != ")"
		default:
			out = append(out, l)
		}
	}
	return out
}

// contains reports whether sub appears as consecutive lines of all.
func contains(all, sub []string) bool {
	for i := 0; i+len(sub) <= len(all); i++ {
		if slicesEqual(all[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func slicesEqual(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The README's "testing your rubrics" example, on the files in this directory.
func TestRubrics(t *testing.T) {
	rubrictest.CheckFile(t, "rubrics/chat.json", rubrictest.MaxShare(decimal.RequireFromString("0.4")))
	complaintstest.CheckPolicyFile(t, "policies/complaints.json")
}

// The README's float64 re-implementation of the call rubric.
func formScore(e rubric.Evaluation) (decimal.Decimal, error) {
	sum := 0.0
	for _, a := range e.Answers {
		switch a.Level {
		case "":
			sum += a.Points.InexactFloat64()
		case "green":
			sum += 0.5
		case "red":
			return decimal.Zero, nil // auto-fail
		}
	}
	if len(e.Violations) > 0 {
		return decimal.Zero, nil // promise_not_kept, profanity: auto-fail
	}
	return decimal.NewFromFloat(sum), nil
}

// TestFormConforms runs the README's conformance test, which the README shows failing, under a recording T that
// must see it fail on the float64 sum.
func TestFormConforms(t *testing.T) {
	failed, out := recordtb.Run(t, formConforms)
	if !failed || !bytes.Contains([]byte(out), []byte("your scorer gives")) {
		t.Errorf("the float64 scorer passed conformance (failed %v):\n%s", failed, out)
	}
}

// formConforms is the body of the README's TestFormConforms.
func formConforms(t testing.TB) {
	rubrictest.Conformance(t, rubric.CallQuality(), formScore)
}
