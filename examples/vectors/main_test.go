package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

// vectors runs the command and reads its output back.
func vectors(t *testing.T, args ...string) (*bytes.Buffer, []rubrictest.Vector) {
	t.Helper()
	var out bytes.Buffer
	if err := run(args, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("run(%q): %v", args, err)
	}
	var vs []rubrictest.Vector
	sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v rubrictest.Vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		vs = append(vs, v)
	}
	return &out, vs
}

// TestDefault writes vectors for the built-in call rubric and checks each against the library: the file is what
// a re-implementation is held to, so every line must be what Score gives.
func TestDefault(t *testing.T) {
	out, vs := vectors(t, "-n", "20")
	r := rubric.CallQuality()
	random := 0
	for _, v := range vs {
		res, err := r.Score(v.Evaluation)
		if err != nil {
			t.Fatalf("%s: %v", v.Case, err)
		}
		if !res.Total().Equal(v.Total) || !res.RawTotal().Equal(v.RawTotal) || res.AutoFail() != v.AutoFail {
			t.Errorf("%s: file says total %s raw %s auto-fail %t; Score gives %v", v.Case, v.Total, v.RawTotal, v.AutoFail, res)
		}
		if strings.HasPrefix(v.Case, "random ") {
			random++
		}
	}
	if random != 20 {
		t.Errorf("%d random cases, want 20", random)
	}
	again, _ := vectors(t, "-n", "20")
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Error("two runs with the same seed wrote different files")
	}
	other, _ := vectors(t, "-n", "20", "-seed", "2")
	if bytes.Equal(out.Bytes(), other.Bytes()) {
		t.Error("another seed wrote the same file")
	}
}

// TestRubricFile writes vectors for a rubric read from a file, as a team's CI would.
func TestRubricFile(t *testing.T) {
	data, err := rubric.TemplateJSON(rubric.PhoneEtiquetteID)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "rubric.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, vs := vectors(t, "-rubric", file, "-n", "5")
	if len(vs) == 0 || vs[0].Evaluation.Rubric != rubric.PhoneEtiquetteID {
		t.Fatalf("vectors of %s: %d lines, first %+v", file, len(vs), vs)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"id": "x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args   []string
		want   string
		reason string
	}{
		{[]string{"-n", "-1"}, "vectors: rubrictest: vectors: n -1: from 0 to 1000000 allowed", "a negative count"},
		{[]string{"-template", "nope"}, "vectors: -template: rubric: id \"nope\": one of", "an unknown template"},
		{[]string{"-rubric", filepath.Join(dir, "missing.json")}, "vectors: -rubric: open", "a missing file"},
		{[]string{"-rubric", bad}, "vectors: -rubric " + bad + ": rubric:", "an invalid rubric"},
		{[]string{"extra"}, `vectors: unexpected argument "extra"`, "a stray argument"},
		{[]string{"-x"}, "vectors: flag provided but not defined: -x", "an unknown flag"},
	} {
		err := run(tt.args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("run(%q) (%s): error %v, want it to start with %q", tt.args, tt.reason, err, tt.want)
		}
	}
}
