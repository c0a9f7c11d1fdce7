package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden pins the vectors of the built-in call rubric, the fixed cases and ten random ones: a change of the
// format or of the cases changes what other teams' tests are held to, so it must be deliberate
// (go test ./examples/vectors -update, and say so in CHANGES.md).
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-n", "10"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "call-quality.jsonl")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("vectors mismatch (-want +got):\n%s", diff)
	}
}
