package rubrictest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

var d = decimal.RequireFromString

func en(s string) rubric.Text { return rubric.Text{"en": s} }

func points(id, max, step string) rubric.Criterion {
	return rubric.Criterion{ID: id, Title: en(id), Scale: rubric.Scale{Kind: rubric.Points, Min: d("0"), Max: d(max), Step: d(step)}}
}

func binary(id string) rubric.Criterion {
	return rubric.Criterion{ID: id, Title: en(id), Scale: rubric.Scale{Kind: rubric.Binary, Max: d("1")}}
}

func build(t *testing.T, def rubric.Definition) *rubric.Rubric {
	t.Helper()
	def.ID, def.Version, def.Title = "broken", "1", en("Broken")
	r, err := rubric.New(def)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

// TestCheckFails proves that every fixed invariant of Check can fail: each rubric is broken in one way, and the
// message names what a rubric owner must fix.
func TestCheckFails(t *testing.T) {
	extra := binary("extra")
	extra.Section = "bonus"
	main := binary("main")
	main.Section = "core"
	mood := rubric.Criterion{ID: "mood", Title: en("Mood"), Scale: rubric.Scale{Kind: rubric.Levels, Levels: []rubric.Level{
		{ID: "fine", Title: en("Fine"), Points: d("0.3")},
		{ID: "great", Title: en("Great"), Points: d("0.5"), Effect: rubric.EffectEvaluation},
	}}}
	tests := []struct {
		name   string
		def    rubric.Definition
		opts   []rubrictest.Option
		want   string
		reason string
	}{
		{"zero weight", rubric.Definition{Max: d("5"),
			Sections: []rubric.Section{{ID: "core", Title: en("Core"), Weight: d("1")}, {ID: "bonus", Title: en("Bonus")}},
			Criteria: []rubric.Criterion{main, extra}}, nil,
			`reachable: criterion "extra" can never change the total: answered level "fail" or level "pass", the total is 5 either way`,
			"a criterion in a section of weight 0 counts for nothing"},
		{"maximum", rubric.Definition{Max: d("1"), Criteria: []rubric.Criterion{points("greeting", "0.5", "0.1"), mood}}, nil,
			`maximum: the maximum 1 can never be reached: the best answers that fire no override give 0.8`,
			"the only level worth the maximum fails the whole evaluation"},
		{"band from 1", rubric.Definition{Max: d("5"), Criteria: []rubric.Criterion{points("greeting", "5", "1")},
			Bands: []rubric.Band{{ID: "ok", Title: en("OK"), Min: d("1")}}}, nil,
			`bands: totals from 0 up to 1 fall in no band: the first band, "ok", starts at 1`,
			"a total of 0 has no band"},
		{"band gap", rubric.Definition{Max: d("5"), Criteria: []rubric.Criterion{binary("greeting")},
			Bands: []rubric.Band{{ID: "low", Title: en("Low"), Min: d("0")}, {ID: "mid", Title: en("Mid"), Min: d("2")},
				{ID: "top", Title: en("Top"), Min: d("4.5")}}}, nil,
			`bands: band "mid" (from 2 to 4.5) is never reached: it lies in the gap between the totals 0 and 5 that evaluations reach`,
			"a single pass/fail item gives 0 or 5, nothing between"},
		{"share", rubric.Definition{Max: d("5"), Criteria: []rubric.Criterion{points("greeting", "3", "1"), points("farewell", "2", "1")}},
			[]rubrictest.Option{rubrictest.MaxShare(d("0.5"))},
			`share: criterion "greeting" weighs 60% of the total, more than the 50% allowed`,
			"one criterion decides more than half the score"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(t, tt.def)
			failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.Check(tb, r, tt.opts...) })
			if !failed || !strings.Contains(out, tt.want) {
				t.Errorf("Check (%s): failed %t, output:\n%s\nwant it to contain:\n%s", tt.reason, failed, out, tt.want)
			}
		})
	}
}

// TestCheckInvariantFails proves that the caller's own invariant is checked on drawn evaluations and that a
// failure shows the shrunk evaluation as JSON: "no call is auto-failed" is false for the call rubric.
func TestCheckInvariantFails(t *testing.T) {
	noAutoFail := rubrictest.Invariant("no auto-fail", func(e rubric.Evaluation, res rubric.Result) error {
		if res.AutoFail() {
			return errors.New("the call was auto-failed")
		}
		return nil
	})
	failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.Check(tb, rubric.CallQuality(), noAutoFail) })
	for _, want := range []string{`no auto-fail: the call was auto-failed`, `evaluation: {"id":`} {
		if !failed || !strings.Contains(out, want) {
			t.Errorf("Check: failed %t, output:\n%s\nwant it to contain %q", failed, out, want)
		}
	}
}

// TestSkip proves that Skip leaves out an invariant a rubric breaks on purpose.
func TestSkip(t *testing.T) {
	r := build(t, rubric.Definition{Max: d("5"), Criteria: []rubric.Criterion{points("greeting", "5", "1")},
		Bands: []rubric.Band{{ID: "ok", Title: en("OK"), Min: d("1")}}})
	if failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.Check(tb, r, rubrictest.Skip(rubrictest.InvBands)) }); failed {
		t.Errorf("Check with Skip(InvBands) failed:\n%s", out)
	}
}

// TestCheckFile checks a rubric kept as a JSON file, and reports a file that cannot be read or parsed by name.
func TestCheckFile(t *testing.T) {
	rubrictest.CheckFile(t, "testdata/chat.json", rubrictest.MaxShare(d("0.4")))
	for _, tt := range []struct {
		path, want, reason string
	}{
		{"testdata/missing.json", "rubrictest: open testdata/missing.json: no such file or directory", "a missing file"},
		{"testdata", "rubrictest: testdata: read testdata: is a directory", "a directory"},
	} {
		dir, _ := os.Getwd()
		failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.CheckFile(tb, filepath.Join(dir, tt.path)) })
		want := strings.ReplaceAll(tt.want, "testdata", filepath.Join(dir, "testdata"))
		if !failed || out != want {
			t.Errorf("CheckFile(%s) (%s): failed %t, output %q, want %q", tt.path, tt.reason, failed, out, want)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"id": "x", "Max": "5"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.CheckFile(tb, bad) })
	if want := "rubrictest: " + bad + ": rubric:"; !failed || !strings.HasPrefix(out, want) {
		t.Errorf("CheckFile(bad rubric): failed %t, output %q, want it to start with %q", failed, out, want)
	}
}
