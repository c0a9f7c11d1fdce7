// Command gendata writes the sample data set that examples/quickstart embeds: a fictional sales department in
// Almaty through 2026, with employees, evaluated calls, client surveys, platform ratings, complaints, the
// department's call rubric and the report settings, and the quality specialist's files: the fourth quarter's
// calls to sample from, disputed evaluations and the telephony facts of evaluated calls. The formats are described in examples/quickstart/data/README.md.
//
// The generator is deterministic (math/rand/v2 with a fixed seed), so the committed files can be regenerated and
// compared byte for byte:
//
//	go run ./examples/gendata -out examples/quickstart/data
//
// It builds every record with the library (rubric.Evaluation, complaints.Complaint, ...) and writes it with the
// library's own JSON encoders, so the files are exactly what the loaders read; a record the library would refuse
// stops the generator.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
	_ "time/tzdata" // Asia/Almaty wherever the generator runs

	"github.com/servicequality/servicequality/complaints"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gendata", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the data files to (created if missing)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gendata -out DIR")
		return 2
	}
	files, err := generate()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	for _, name := range fileNames(files) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "%s: %d bytes\n", filepath.Join(*out, name), len(files[name]))
	}
	return 0
}

// fileNames returns the names of files in a stable order.
func fileNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// generate builds the whole data set: file name → content.
func generate() (map[string][]byte, error) {
	loc, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		return nil, fmt.Errorf("gendata: %w", err)
	}
	g := newGen(loc)
	files := map[string][]byte{}
	add := func(name string, b []byte, err error) error {
		if err != nil {
			return fmt.Errorf("gendata: %s: %w", name, err)
		}
		files[name] = b
		return nil
	}
	r, rubricJSON, err := salesRubric()
	errs := []error{add("rubric.json", rubricJSON, err)}
	if err == nil {
		b, evs, err := g.evaluations(r)
		errs = append(errs, add("evaluations.json", b, err))
		if err == nil {
			errs = append(errs, workflow(r, evs, loc, add))
		}
	}
	errs = append(errs, add("employees.csv", g.employeesCSV(), nil))
	b, err := g.surveys()
	errs = append(errs, add("surveys.csv", b, err))
	errs = append(errs, add("platforms.json", platformsJSON(), nil))
	policy := g.policy()
	b, err = g.complaints(policy)
	errs = append(errs, add("complaints.json", b, err))
	b, err = settingsJSON(policy)
	errs = append(errs, add("settings.json", b, err))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// policy is the department's complaint policy: the source's 15 calendar days (SPEC R16) in Almaty, with complaints
// marked due soon when at most 3 days remain.
func (g *gen) policy() complaints.Policy {
	p := complaints.DefaultPolicy(g.loc)
	p.Name = "15 calendar days (complaint mechanism, principle 7)"
	p.DueSoon = 3
	return p
}

// jsonLines writes a JSON array with one element per line, which keeps the files readable and their diffs small.
func jsonLines(items [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, it := range items {
		b.WriteString("  ")
		b.Write(it)
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}
