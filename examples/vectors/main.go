// Command vectors writes conformance vectors for a rubric: a JSON-lines file of evaluations with the total, raw
// total, exactness, band, auto-fail and reasons the library gives for each, for teams that re-implement scoring
// elsewhere (the CRM's web form in JavaScript, a Kotlin service, a 1C module) and must give the same numbers.
// VECTORS.md describes the format and how to use it.
//
//	go run ./examples/vectors > vectors.jsonl                       # the built-in call rubric
//	go run ./examples/vectors -rubric rubric.json -n 500 > vectors.jsonl
//	go run ./examples/vectors -template phone-etiquette -seed 7
//
// Flags:
//
//	-rubric FILE    the rubric's JSON definition (as rubric.Parse reads it); default: the template below
//	-template ID    a built-in template: call-quality (default), phone-etiquette or branch-audit
//	-n N            random cases after the fixed ones, 0 to 1000000; default 500
//	-seed S         the seed of the random cases; the same rubric, seed and n give the same file
//
// The output is the same bytes for the same rubric, seed, n and version of this module.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

// maxRubricFile bounds the rubric file read, as rubric.Parse bounds the JSON it reads.
const maxRubricFile = rubric.MaxDefinitionJSON

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vectors", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("rubric", "", "the rubric's JSON definition")
	template := fs.String("template", rubric.CallQualityID, "a built-in template")
	n := fs.Int("n", 500, "random cases after the fixed ones")
	seed := fs.Uint64("seed", 1, "the seed of the random cases")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("vectors: %w", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("vectors: unexpected argument %q; the rubric file goes after -rubric", fs.Arg(0))
	}
	r, err := load(*file, *template)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if err := rubrictest.WriteVectors(w, r, *seed, *n); err != nil {
		return fmt.Errorf("vectors: %w", err)
	}
	return w.Flush()
}

func load(file, template string) (*rubric.Rubric, error) {
	if file == "" {
		r, err := rubric.Template(template)
		if err != nil {
			return nil, fmt.Errorf("vectors: -template: %w", err)
		}
		return r, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("vectors: -rubric: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRubricFile+1))
	if err != nil {
		return nil, fmt.Errorf("vectors: -rubric %s: %w", file, err)
	}
	if len(data) > maxRubricFile {
		return nil, fmt.Errorf("vectors: -rubric %s: larger than %d bytes", file, maxRubricFile)
	}
	r, err := rubric.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("vectors: -rubric %s: %w", file, err)
	}
	return r, nil
}
