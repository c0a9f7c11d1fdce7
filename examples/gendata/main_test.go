package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The committed sample is exactly what the generator writes: regenerating it changes nothing.
func TestCommittedDataIsGenerated(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range fileNames(files) {
		committed, err := os.ReadFile(filepath.Join("..", "quickstart", "data", name))
		if err != nil {
			t.Errorf("%s: %v (run go run ./examples/gendata -out examples/quickstart/data)", name, err)
			continue
		}
		if !bytes.Equal(committed, files[name]) {
			t.Errorf("data/%s differs from the generator's output (run go run ./examples/gendata "+
				"-out examples/quickstart/data): first difference:\n%s", name, firstDiff(committed, files[name]))
		}
	}
}

// firstDiff shows the first differing line of two files.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return cmp.Diff(la[i], lb[i])
		}
	}
	return "one file is a prefix of the other"
}

// Two runs give the same bytes: the generator depends on nothing but its seed.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("generate() mismatch between two runs (-first +second):\n%s", diff)
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		reason string
	}{
		{nil, 2, "-out is required"},
		{[]string{"-out", "x", "extra"}, 2, "no positional arguments"},
		{[]string{"-nope"}, 2, "unknown flag"},
		{[]string{"-out", filepath.Join(t.TempDir(), "data")}, 0, "writes into a new directory"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if got := run(tt.args, &out, &errb); got != tt.code {
			t.Errorf("run(%q) = %d, want %d (%s); stderr:\n%s", tt.args, got, tt.code, tt.reason, errb.String())
		}
	}
}
