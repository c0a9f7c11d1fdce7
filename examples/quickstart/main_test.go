package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// runQuickstart runs the program with args and returns its output and exit code.
func runQuickstart(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// The text report, compared with golden files; go test ./examples/quickstart -update rewrites them.
func TestGoldenReport(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		reason string
	}{
		{"report.en.golden", nil, "no arguments: the embedded sample in English as of 2026-12-15"},
		{"report.ru.golden", []string{"-lang", "ru"}, "Russian texts, decimal commas, dd.mm.yyyy dates, plural forms"},
		{"mini.en.golden", []string{"-data", "testdata/mini", "-at", "2026-03-31"},
			"a directory without settings.json or rubric.json: library defaults, two built-in templates, " +
				"every survey kind, unknown clients, records after the report date"},
		{"mini.ru.golden", []string{"-data", "testdata/mini", "-at", "2026-03-31T12:00:00+05:00", "-lang", "ru"},
			"a report time within the day"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, errs, code := runQuickstart(t, tt.args...)
			if code != 0 {
				t.Fatalf("run(%q) = %d (%s); stderr:\n%s", tt.args, code, tt.reason, errs)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./examples/quickstart -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("run(%q) report mismatch (-want +got) (%s):\n%s", tt.args, tt.reason, diff)
			}
		})
	}
}

// Reading the sample from its directory gives the same report as the embedded copy: the embedded files are the
// directory's, and -data reads the documented formats.
func TestDataDirMatchesEmbedded(t *testing.T) {
	embedded, _, code := runQuickstart(t)
	if code != 0 {
		t.Fatal("embedded run failed")
	}
	fromDir, errs, code := runQuickstart(t, "-data", "data")
	if code != 0 {
		t.Fatalf("run -data data = %d; stderr:\n%s", code, errs)
	}
	dataLine := func(s string) string {
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "Data: ") {
				return line
			}
		}
		return ""
	}
	fromDir = strings.Replace(fromDir, dataLine(fromDir), dataLine(embedded), 1)
	if diff := cmp.Diff(embedded, fromDir); diff != "" {
		t.Errorf("-data data report mismatch with the embedded one (-embedded +dir):\n%s", diff)
	}
}

// copyMini copies testdata/mini into a new directory and applies the changes: file name → new content, or nil
// to delete the file.
func copyMini(t *testing.T, changes map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(os.DirFS("testdata/mini"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("testdata", "mini", name))
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range changes {
		path := filepath.Join(dir, name)
		if b == nil {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// miniFile returns a file of testdata/mini with old replaced by new, failing when old is not in it.
func miniFile(t *testing.T, name, old, new string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mini", name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("testdata/mini/%s has no %q", name, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// settingsWith returns the sample's settings.json with old replaced by new.
func settingsWith(t *testing.T, old, new string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("data", "settings.json"))
	if err != nil || !bytes.Contains(b, []byte(old)) {
		t.Fatalf("data/settings.json has no %q (%v)", old, err)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// Bad flags and bad data: a clear message naming the flag or the file and place, and a non-zero exit code.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		changes func(t *testing.T) map[string][]byte
		code    int
		want    []string // substrings of stderr
		reason  string
	}{
		{name: "lang", args: []string{"-lang", "fr"}, code: 2, want: []string{`-lang "fr" is not one of en, ru`},
			reason: "only English and Russian texts exist"},
		{name: "argument", args: []string{"report"}, code: 2, want: []string{`unexpected argument "report"`},
			reason: "the program takes flags only"},
		{name: "flag", args: []string{"-verbose"}, code: 2, want: []string{"-verbose"}, reason: "unknown flag"},
		{name: "at", args: []string{"-at", "15.12.2026"}, code: 2,
			want:   []string{`-at "15.12.2026" is neither a date YYYY-MM-DD nor an RFC 3339 time`},
			reason: "dates are ISO 8601"},
		{name: "missing file", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"surveys.csv": nil}
		}, code: 1, want: []string{"surveys.csv"}, reason: "surveys.csv is required"},
		{name: "header", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"employees.csv": miniFile(t, "employees.csv", "clients", "customers")}
		}, code: 1, want: []string{"employees.csv line 1", "must name the columns"}, reason: "the header names the columns"},
		{name: "CSV syntax", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"surveys.csv": miniFile(t, "surveys.csv", "k-2,anna", `"k-2,anna`)}
		}, code: 1, want: []string{"surveys.csv", "line 5"}, reason: "the CSV reader's error names the line"},
		{name: "duplicate employee", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"employees.csv": miniFile(t, "employees.csv", "chen,", "anna,")}
		}, code: 1, want: []string{"employees.csv line 4", `employee "anna" is listed twice`}, reason: "IDs are unique"},
		{name: "hired", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"employees.csv": miniFile(t, "employees.csv", "2025-06-02", "June 2025")}
		}, code: 1, want: []string{"employees.csv line 3", `hired "June 2025"`}, reason: "dates are YYYY-MM-DD"},
		{name: "answer off the scale", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"surveys.csv": miniFile(t, "surveys.csv", "csi,5", "csi,6")}
		}, code: 1, want: []string{"surveys.csv line 2", "value 6", "CSI answers are 1–5"},
			reason: "the survey package checks the answer; the line is the file's"},
		{name: "survey kind", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"surveys.csv": miniFile(t, "surveys.csv", "recommend,yes", "recommend,maybe")}
		}, code: 1, want: []string{"surveys.csv line 3", `value "maybe" is not an answer of kind recommend`},
			reason: "yes/no answers are yes or no"},
		{name: "survey employee", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"surveys.csv": miniFile(t, "surveys.csv", "k-10,chen", "k-10,dana")}
		}, code: 1, want: []string{`employee "dana" is not in employees.csv`}, reason: "answers belong to employees"},
		{name: "unknown rubric", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"evaluations.json": miniFile(t, "evaluations.json", `"rubric":"call-quality"`,
				`"rubric":"chat-quality"`)}
		}, code: 1, want: []string{`rubric "chat-quality" is neither in rubric.json nor a built-in template`},
			reason: "evaluations name their rubric"},
		{name: "score", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"evaluations.json": miniFile(t, "evaluations.json",
				`{"criterion":"greeting","points":"0.5"}`, `{"criterion":"greeting","points":"0.55"}`)}
		}, code: 1, want: []string{`evaluation "m-5"`, `answers[1].points 0.55: criterion "greeting"`},
			reason: "the rubric package refuses the score and names the criterion"},
		{name: "evaluation JSON", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"evaluations.json": miniFile(t, "evaluations.json", `"evaluator":"qa-1"`,
				`"evaluator":"qa-1","mood":"good"`)}
		}, code: 1, want: []string{"evaluation 1", "mood"}, reason: "evaluations are decoded strictly"},
		{name: "history", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"complaints.json": miniFile(t, "complaints.json", `"kind": "acknowledged"`,
				`"kind": "resumed"`)}
		}, code: 1, want: []string{"complaint 3", "resume without a pause"}, reason: "histories are replayed"},
		{name: "settings field", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": []byte(`{"timezone": "Asia/Almaty"}`)}
		}, code: 1, want: []string{"settings.json", "timezone"}, reason: "settings are decoded strictly"},
		{name: "weight", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": settingsWith(t, `"call_weight": "0.6"`, `"call_weight": "-1"`)}
		}, code: 1, want: []string{"settings.json: rating:", `call_weight -1: at least 0`},
			reason: "weights are non-negative (SPEC R9); rating refuses a negative one"},
		{name: "zero weights", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": settingsWith(t, `"call_weight": "0.6",
    "survey_weight": "0.4"`, `"call_weight": "0", "survey_weight": "0"`)}
		}, code: 1, want: []string{"settings.json: rating:"}, reason: "at least one weight is positive (SPEC R9)"},
		{name: "partial settings", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": []byte(`{"personal": {"call_weight": "2"}}`)}
		}, code: 1, want: []string{"settings.json: rating: personal settings JSON", "is missing"},
			reason: "rating's settings JSON needs every field"},
		{name: "local time", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": []byte(`{"location": "Local"}`)}
		}, code: 1, want: []string{`location "Local" depends on the machine`}, reason: "time zones are explicit"},
		{name: "policy", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"settings.json": []byte(`{"complaint_policy": {"length": 0, "location": "UTC"}}`)}
		}, code: 1, want: []string{"settings.json: complaint_policy: complaints:"}, reason: "policies are validated"},
		{name: "platform", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"platforms.json": miniFile(t, "platforms.json", `"4.1"`, `"6"`)}
		}, code: 1, want: []string{`department "support"`, "rating:"}, reason: "platform ratings lie on 1–5"},
		{name: "seed", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"calls.json": []byte(`{"seed": "short", "calls": []}`)}
		}, code: 1, want: []string{"calls.json: sampling: seed of 5 bytes"},
			reason: "the sampling key is long enough to be secret; sampling checks it"},
		{name: "call employee", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"calls.json": callsJSON(`{"id":"x-1","employee":"dana",` + q1Call + `}`)}
		}, code: 1, want: []string{"calls.json", `call 1 ("x-1"): employee "dana" is not in employees.csv`},
			reason: "calls belong to employees"},
		{name: "call twice", changes: func(t *testing.T) map[string][]byte {
			c := `{"id":"x-1","employee":"anna",` + q1Call + `}`
			return map[string][]byte{"calls.json": callsJSON(c, c)}
		}, code: 1, want: []string{"calls.json: sampling:", `"x-1"`, "twice"},
			reason: "the sampling package refuses a repeated call; the file is named"},
		{name: "call direction", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"calls.json": callsJSON(strings.Replace(`{"id":"x-1","employee":"anna",`+q1Call+`}`,
				"incoming", "inbound", 1))}
		}, code: 1, want: []string{"calls.json", "inbound"}, reason: "directions are incoming or outgoing"},
		{name: "review rubric", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"reviews.json": []byte(`[{"rubric": "chat-quality"}]`)}
		}, code: 1, want: []string{`reviews.json: review 1: rubric "chat-quality"`}, reason: "reviews name their rubric"},
		{name: "review JSON", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"reviews.json": []byte(`[{"rubric": "call-quality", "mood": "good"}]`)}
		}, code: 1, want: []string{"reviews.json: review 1: review:"}, reason: "reviews are read strictly"},
		{name: "review of an unknown evaluation", changes: func(t *testing.T) map[string][]byte {
			e := miniEvaluation(t, "m-5")
			e.ID = "m-99"
			return map[string][]byte{"reviews.json": reviewsJSON(t, e)}
		}, code: 1, want: []string{`reviews.json: review 1: evaluation "m-99" is not in evaluations.json`},
			reason: "a review refers to an evaluation of the data set"},
		{name: "review of another evaluation", changes: func(t *testing.T) map[string][]byte {
			e := miniEvaluation(t, "m-5")
			e.EvaluatorID = "qa-9"
			return map[string][]byte{"reviews.json": reviewsJSON(t, e)}
		}, code: 1, want: []string{`review 1: evaluation "m-5" differs from the one in evaluations.json`},
			reason: "a review holds the evaluation as scored"},
		{name: "facts of an unknown call", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"facts.json": []byte(`[{"call":"c-99",` + q1Facts + `}]`)}
		}, code: 1, want: []string{`facts.json: facts 1: call "c-99" is not an evaluated call`},
			reason: "facts complete an evaluated call"},
		{name: "facts without rules", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"facts.json": []byte(`[{"call":"c-1",` + q1Facts + `}]`)}
		}, code: 1, want: []string{`facts.json: facts 1: call "c-1": autoqa:`},
			reason: "the promise rule needs a rubric with the violation promise_not_kept; phone-etiquette has none"},
		{name: "facts interval", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"facts.json": []byte(`[{"call":"c-5","start":"2026-01-14T11:05:00+05:00",` +
				`"end":"2026-01-14T11:00:00+05:00","ended_by":"client"}]`)}
		}, code: 1, want: []string{"facts.json: facts 1: autoqa:"}, reason: "a call ends after it starts"},
		{name: "coverage", changes: func(t *testing.T) map[string][]byte {
			return map[string][]byte{"employees.csv": miniFile(t, "employees.csv", "2025-01-10,120", "2025-01-10,3")}
		}, code: 1, want: []string{`employee "anna"`, "survey:"},
			reason: "more clients surveyed than the employee has is inconsistent data, not low coverage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.changes != nil {
				args = append([]string{"-data", copyMini(t, tt.changes(t)), "-at", "2026-03-31"}, args...)
			}
			out, errs, code := runQuickstart(t, args...)
			if code != tt.code {
				t.Fatalf("run(%q) = %d, want %d (%s); stderr:\n%s", args, code, tt.code, tt.reason, errs)
			}
			if out != "" {
				t.Errorf("run(%q) printed a report despite the error:\n%s", args, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("run(%q) stderr lacks %q (%s):\n%s", args, w, tt.reason, errs)
				}
			}
		})
	}
}

// q1Call and q1Facts are the rest of a call of calls.json and of facts.json in the first quarter of 2026.
const (
	q1Call  = `"at":"2026-01-14T11:00:00+05:00","direction":"incoming","client":"new"`
	q1Facts = `"start":"2026-01-14T11:00:00+05:00","end":"2026-01-14T11:05:00+05:00","ended_by":"client"`
)

// callsJSON returns calls.json with a valid seed and the given calls.
func callsJSON(calls ...string) []byte {
	return []byte(`{"seed": "0123456789abcdef", "calls": [` + strings.Join(calls, ",") + `]}`)
}

// miniEvaluation returns the evaluation id of testdata/mini/evaluations.json.
func miniEvaluation(t testing.TB, id string) rubric.Evaluation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mini", "evaluations.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for _, msg := range raw {
		if e, err := rubric.ParseEvaluation(msg); err == nil && e.ID == id {
			return e
		}
	}
	t.Fatalf("testdata/mini/evaluations.json has no evaluation %q", id)
	return rubric.Evaluation{}
}

// reviewsJSON returns reviews.json holding the review of e on the call-quality template, undisputed.
func reviewsJSON(t testing.TB, e rubric.Evaluation) []byte {
	t.Helper()
	v, err := review.New(rubric.CallQuality(), e, review.Actor{ID: e.EvaluatorID, Role: review.RoleSpecialist}, e.At)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]review.Review{v})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An HTML file that cannot be written fails the run after the text report.
func TestHTMLWriteError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "missing", "report.html")
	_, errs, code := runQuickstart(t, "-html", file)
	if code != 1 || !strings.Contains(errs, "report.html") {
		t.Errorf("run -html %s = %d, stderr %q; want 1 and a message naming the file", file, code, errs)
	}
}
