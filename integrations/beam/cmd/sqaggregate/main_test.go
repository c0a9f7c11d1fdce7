package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	gocmp "github.com/google/go-cmp/cmp"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// sortedLines reads a JSON lines file and sorts its lines (a runner writes them in any order).
func sortedLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	slices.Sort(lines)
	return lines
}

// TestPrismEqualsLocal runs the command on a generated sample on prism and in the plain loop and compares the
// files they write, line for line.
func TestPrismEqualsLocal(t *testing.T) {
	dir := t.TempDir()
	base := options{n: 3000, employees: 120, departments: 6, runner: "prism"}
	gen := base
	gen.gen = filepath.Join(dir, "in")
	if err := run(context.Background(), gen, os.Stderr); err != nil {
		t.Fatal(err)
	}
	in := func(name string) string { return filepath.Join(gen.gen, name) }
	outs := map[string]string{}
	for _, runner := range []string{"prism", "local"} {
		o := base
		o.runner = runner
		o.evaluations, o.answers, o.roster, o.platforms = in("evaluations.jsonl"), in("answers.jsonl"), in("roster.json"), in("platforms.json")
		o.out = filepath.Join(dir, runner)
		var w strings.Builder
		if err := run(context.Background(), o, &w); err != nil {
			t.Fatalf("%s: %v", runner, err)
		}
		if !strings.Contains(w.String(), "top employees:") {
			t.Errorf("%s: the summary has no leaderboard:\n%s", runner, w.String())
		}
		outs[runner] = o.out
	}
	for _, name := range []string{"ratings.jsonl", "dead.jsonl"} {
		want := sortedLines(t, filepath.Join(outs["local"], name))
		got := sortedLines(t, filepath.Join(outs["prism"], name))
		if len(want) < 10 {
			t.Errorf("%s: only %d lines", name, len(want))
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("%s mismatch (-local +prism):\n%s", name, diff)
		}
	}
}

// TestRefusesBadOptions checks that out-of-range sizes and unknown runners are errors.
func TestRefusesBadOptions(t *testing.T) {
	for _, o := range []options{
		{n: 0, employees: 10, departments: 1, runner: "prism"},
		{n: 10, employees: 1, departments: 1, runner: "prism"},
		{n: 10, employees: 10, departments: 11, runner: "prism"},
		{n: 10, employees: 10, departments: 1, runner: "spark", out: t.TempDir()},
	} {
		if err := run(context.Background(), o, os.Stderr); err == nil {
			t.Errorf("run(%+v) = nil, want an error", o)
		}
	}
}
