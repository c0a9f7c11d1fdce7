package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func runImport(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// The samples' outputs, compared with golden files; go test ./examples/csvimport -update rewrites them.
func TestSamples(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
		reason string
	}{
		{"sample", []string{"sample.csv"}, 0, "the documented sample on the call rubric"},
		{"sample_bad", []string{"sample_bad.csv"}, 1, "bad rows fail the run, every one listed with its line"},
		{"sample_bad_skip", []string{"-skip-bad", "sample_bad.csv"}, 0, "-skip-bad imports the good rows"},
		{"sample_etiquette", []string{"-rubric", "phone-etiquette", "sample_etiquette.csv"}, 0,
			"a binary checklist with N/A cells, rescaled to 0–5"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, errs, code := runImport(tt.args...)
			if code != tt.code {
				t.Fatalf("run(%q) = %d, want %d (%s); stderr:\n%s", tt.args, code, tt.code, tt.reason, errs)
			}
			got := "== stdout\n" + out + "== stderr\n" + errs
			path := filepath.Join("testdata", tt.golden+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./examples/csvimport -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("run(%q) output mismatch (-want +got) (%s):\n%s", tt.args, tt.reason, diff)
			}
		})
	}
}

// The ratings of sample.csv, computed by hand from the file (SPEC R1–R5): a call's total is the sum of its
// points and 0.5 for green tonality (yellow adds nothing), 0 with red tonality or a violation; the rating is the
// mean of an employee's totals, one decimal half-up.
func TestSampleRatingsByHand(t *testing.T) {
	f, err := os.Open("sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	sum, n := map[string]*big.Rat{}, map[string]int64{}
	for _, r := range rows[1:] {
		total := new(big.Rat)
		for _, c := range rubric.CallQuality().Criteria() {
			if c.ID == "tonality" {
				continue
			}
			p, ok := new(big.Rat).SetString(r[col[c.ID]])
			if !ok {
				t.Fatalf("bad points %q", r[col[c.ID]])
			}
			total.Add(total, p)
		}
		switch tone := r[col["tonality"]]; {
		case tone == "red" || r[col["violations"]] != "":
			total.SetInt64(0)
		case tone == "green":
			total.Add(total, big.NewRat(1, 2))
		}
		emp := r[col["employee_id"]]
		if sum[emp] == nil {
			sum[emp] = new(big.Rat)
		}
		sum[emp].Add(sum[emp], total)
		n[emp]++
	}
	out, _, code := runImport("sample.csv")
	if code != 0 {
		t.Fatal("sample.csv failed")
	}
	checked := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || n[f[1]] == 0 {
			continue
		}
		want := new(big.Rat).Quo(sum[f[1]], big.NewRat(n[f[1]], 1)).FloatString(1) // half away from zero
		if n[f[1]] < 5 {
			want = "[" + want + "]"
		}
		if f[3] != want {
			t.Errorf("%s: rating %s, by hand %s", f[1], f[3], want)
		}
		checked++
	}
	if checked != len(n) {
		t.Errorf("checked %d ratings, want one per employee (%d):\n%s", checked, len(n), out)
	}
}

const header = "evaluation_id,call_id,employee_id,evaluator_id,at,greeting,identification,needs,client_focus," +
	"current_info,objections,recording,inappropriate_info,business_style,tonality,violations\n"

const goodRow = "ev-1,c-1,anna,qa-1,2026-03-02T10:00:00+05:00,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,green,\n"

// writeFile writes a file into a new directory and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Problems of the file as a whole stop the run with a message naming them.
func TestFileErrors(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
		reason        string
	}{
		{"empty", "", []string{"the file is empty"}, "a header is needed"},
		{"unknown column", strings.Replace(header, "tonality", "tone", 1) + goodRow,
			[]string{`column "tone" is neither a fixed column nor a criterion of call-quality`, `column "tonality" is missing`},
			"the header names the rubric's criteria"},
		{"missing column", strings.Replace(header, ",violations", "", 1),
			[]string{`column "violations" is missing`}, "every fixed column is present"},
		{"twice", strings.Replace(header, "\n", ",needs\n", 1), []string{`column "needs" appears twice`},
			"a column once"},
		{"quote", "evaluation_id,\"call_id\n", []string{"header:"}, "a malformed header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runImport(writeFile(t, "calls.csv", tt.content))
			if code != 1 || out != "" {
				t.Fatalf("run = %d with output %q, want 1 and nothing on stdout (%s)", code, out, tt.reason)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q (%s):\n%s", w, tt.reason, errs)
				}
			}
		})
	}
}

// Cells: how each kind of cell is read, and what a bad one says.
func TestCells(t *testing.T) {
	row := func(old, new string) string { return strings.Replace(goodRow, old, new, 1) }
	tests := []struct {
		name, row string
		ok        bool
		want      string // in stdout when ok, in stderr otherwise
		reason    string
	}{
		{"good", goodRow, true, "5.0", "all 0.5 and green is 5 (R1)"},
		{"spaces", row(",0.5,0.5,", ", 0.5 ,0.5,"), true, "5.0", "cells are trimmed"},
		{"violations", row("green,", "green, profanity ; promise_not_kept"), true,
			`violation "promise_not_kept" zeroes the whole evaluation; violation "profanity" zeroes the whole evaluation`,
			"violations are separated by semicolons (R4)"},
		{"not points", row(",0.5,0.5,", ",half,0.5,"), false,
			`column greeting: "half" is neither points such as 0.4 nor n/a`, "points are decimals"},
		{"exponent", row(",0.5,0.5,", ",5e-1,0.5,"), false, `column greeting: "5e-1"`, "plain decimals only"},
		{"off scale", row(",0.5,0.5,", ",0.6,0.5,"), false, `answers[1].points 0.6: criterion "greeting"`, "at most 0.5 (R1)"},
		{"n/a", row(",0.5,0.5,", ",N/A,0.5,"), false, `answers[1].na true: criterion "greeting" takes points from 0 to 0.5 in steps of 0.1, not N/A`,
			"the call rubric forbids N/A"},
		{"no id", row("ev-1", ""), false, "evaluation_id is empty", "rows are identified"},
		{"no employee", row("anna", ""), false, "employee_id is empty", "calls belong to someone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runImport(writeFile(t, "calls.csv", header+tt.row))
			if ok := code == 0; ok != tt.ok {
				t.Fatalf("run = %d, want success %v (%s); stderr:\n%s", code, tt.ok, tt.reason, errs)
			}
			got := out
			if !tt.ok {
				got = errs
				if !strings.Contains(errs, "line 2") {
					t.Errorf("stderr does not name line 2:\n%s", errs)
				}
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q (%s):\n%s%s", tt.want, tt.reason, out, errs)
			}
		})
	}
}

// A rubric from a JSON file: the call rubric with N/A allowed on objections, as a department would adapt it.
func TestRubricFile(t *testing.T) {
	b, err := rubric.TemplateJSON(rubric.CallQualityID)
	if err != nil {
		t.Fatal(err)
	}
	def, err := rubric.ParseDefinition(b)
	if err != nil {
		t.Fatal(err)
	}
	def.ID = "sales-call"
	for i := range def.Criteria {
		if def.Criteria[i].ID == "objections" {
			def.Criteria[i].NA = rubric.NAExclude
		}
	}
	js, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	rubricFile := writeFile(t, "rubric.json", string(js))
	calls := writeFile(t, "calls.csv", header+strings.Replace(goodRow, "0.5,0.5,0.5,0.5,0.5,0.5,", "0.5,0.5,0.5,0.5,0.5,n/a,", 1))
	out, errs, code := runImport("-rubric", rubricFile, calls)
	if code != 0 || !strings.Contains(out, `"Phone call quality" (sales-call`) || !strings.Contains(out, "5.0") {
		t.Errorf("run -rubric %s = %d; want the N/A answer left out and 5 from the other nine criteria:\n%s%s",
			rubricFile, code, out, errs)
	}

	for _, tt := range []struct {
		rubric, want, reason string
	}{
		{"chat-quality", "neither a built-in rubric (call-quality, phone-etiquette, branch-audit) nor a readable file",
			"an unknown name"},
		{writeFile(t, "bad.json", `{"id": "x"}`), "rubric:", "the rubric package validates the file"},
	} {
		_, errs, code := runImport("-rubric", tt.rubric, calls)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("run -rubric %s = %d, stderr %q; want 2 and %q (%s)", tt.rubric, code, errs, tt.want, tt.reason)
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		reason string
	}{
		{nil, 2, "a file is needed"},
		{[]string{"a.csv", "b.csv"}, 2, "one file at a time"},
		{[]string{"-min-calls", "0", "sample.csv"}, 2, "at least one call for a rating"},
		{[]string{filepath.Join("testdata", "missing.csv")}, 1, "an unreadable file"},
		{[]string{"-bogus", "sample.csv"}, 2, "an unknown flag"},
	}
	for _, tt := range tests {
		if _, errs, code := runImport(tt.args...); code != tt.code {
			t.Errorf("run(%q) = %d, want %d (%s); stderr:\n%s", tt.args, code, tt.code, tt.reason, errs)
		}
	}
}
