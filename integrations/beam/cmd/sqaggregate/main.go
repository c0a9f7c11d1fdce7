// Command sqaggregate rates employees and departments from JSON lines of evaluations and survey answers on an
// Apache Beam runner: it scores every evaluation, combines the call totals and survey tallies per employee,
// rates everyone, ranks them, and writes the rating rows and the dead letters (inputs it could not use, with the
// reason) as JSON lines.
//
// Without input files it generates a deterministic sample (-n evaluations of -employees employees) and rates
// that; -gen DIR only writes the sample's files. The runner is prism, in process, by default; -runner local
// computes the same in a plain loop; -runner universal submits to a portable job server (Flink, Spark) given
// with --endpoint.
//
//	go run ./cmd/sqaggregate -out /tmp/ratings
//	go run ./cmd/sqaggregate -gen /tmp/in -n 200000 -employees 500
//	go run ./cmd/sqaggregate -evaluations /tmp/in/evaluations.jsonl -answers /tmp/in/answers.jsonl \
//	    -roster /tmp/in/roster.json -out /tmp/ratings
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
)

func init() {
	register.Function1x2[sqbeam.RatingRow, string, error](rowJSON)
	register.Function1x2[sqbeam.DeadLetter, string, error](deadJSON)
}

func rowJSON(r sqbeam.RatingRow) (string, error) {
	b, err := json.Marshal(r)
	return string(b), err
}

func deadJSON(d sqbeam.DeadLetter) (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

type options struct {
	evaluations, answers, roster, platforms, rubric string
	out, gen, runner                                string
	n, employees, departments                       int
	assumeUnique                                    bool
}

func main() {
	var o options
	flag.StringVar(&o.evaluations, "evaluations", "", "JSON lines of evaluations (file or glob); empty: a generated sample")
	flag.StringVar(&o.answers, "answers", "", "JSON lines of survey answers {\"Employee\",\"Client\",\"Kind\",\"Value\"}")
	flag.StringVar(&o.roster, "roster", "", "JSON object: employee ID → {\"Department\",\"Clients\"}")
	flag.StringVar(&o.platforms, "platforms", "", "JSON object: department ID → [{\"Name\",\"Rating\",\"Reviews\"}]")
	flag.StringVar(&o.rubric, "rubric", "", "rubric JSON file; empty: the built-in call-quality rubric")
	flag.StringVar(&o.out, "out", "", "directory for ratings.jsonl and dead.jsonl; empty: a temporary directory")
	flag.StringVar(&o.gen, "gen", "", "write the generated sample's input files to this directory and exit")
	flag.StringVar(&o.runner, "runner", "prism", "prism (in process), universal (a job server at --endpoint) or local (a plain loop)")
	flag.BoolVar(&o.assumeUnique, "assume-unique", false, "skip the duplicate evaluation ID check (a shuffle of every call): only when IDs are unique by construction")
	flag.IntVar(&o.n, "n", 20000, "evaluations in the generated sample")
	flag.IntVar(&o.employees, "employees", 200, "employees in the generated sample")
	flag.IntVar(&o.departments, "departments", 8, "departments in the generated sample")
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sqaggregate:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, w io.Writer) error {
	if o.n < 1 || o.n > 50_000_000 || o.employees < 2 || o.employees > 1_000_000 || o.departments < 1 || o.departments > o.employees {
		return fmt.Errorf("-n %d, -employees %d, -departments %d: need 1 ≤ n ≤ 50,000,000, 2 ≤ employees ≤ 1,000,000, 1 ≤ departments ≤ employees",
			o.n, o.employees, o.departments)
	}
	if o.gen != "" {
		return generate(o)
	}
	if o.evaluations == "" {
		dir, err := os.MkdirTemp("", "sqaggregate-in-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.gen = dir
		if err := generate(o); err != nil {
			return err
		}
		o.evaluations, o.answers = filepath.Join(dir, "evaluations.jsonl"), filepath.Join(dir, "answers.jsonl")
		o.roster, o.platforms = filepath.Join(dir, "roster.json"), filepath.Join(dir, "platforms.json")
	}
	cfg, rubricJSON, err := config(o)
	if err != nil {
		return err
	}
	if o.out == "" {
		if o.out, err = os.MkdirTemp("", "sqaggregate-out-"); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	start := time.Now()
	switch o.runner {
	case "local":
		err = runLocal(o, cfg, rubricJSON)
	case "prism", "universal":
		err = runBeam(ctx, o, cfg, rubricJSON)
	default:
		err = fmt.Errorf("-runner %q: prism, universal or local allowed", o.runner)
	}
	if err != nil {
		return err
	}
	return summary(w, o, time.Since(start))
}

// config reads the roster, platforms and rubric.
func config(o options) (sqbeam.RateConfig, []byte, error) {
	var cfg sqbeam.RateConfig
	if o.roster != "" {
		if err := readJSON(o.roster, &cfg.Roster); err != nil {
			return cfg, nil, err
		}
	}
	if o.platforms != "" {
		if err := readJSON(o.platforms, &cfg.Platforms); err != nil {
			return cfg, nil, err
		}
	}
	cfg.AssumeUniqueIDs = o.assumeUnique
	rubricJSON := sample.Rubric()
	if o.rubric != "" {
		var err error
		if rubricJSON, err = os.ReadFile(o.rubric); err != nil {
			return cfg, nil, err
		}
	}
	return cfg, rubricJSON, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// runBeam builds the pipeline, checks its coders and runs it.
func runBeam(ctx context.Context, o options, cfg sqbeam.RateConfig, rubricJSON []byte) error {
	p, s := beam.NewPipelineWithRoot()
	lines := textio.Read(s, o.evaluations)
	answers := beam.CreateList(s, []sqbeam.SurveyAnswer{})
	var badAnswers beam.PCollection
	if o.answers != "" {
		answers, badAnswers = sqbeam.ParseAnswers(s, textio.Read(s, o.answers))
	}
	rows, dead := sqbeam.Aggregate(s, rubricJSON, cfg, lines, answers)
	if badAnswers.IsValid() {
		dead = beam.Flatten(s, dead, badAnswers)
	}
	textio.Write(s, filepath.Join(o.out, "ratings.jsonl"), beam.ParDo(s, rowJSON, rows))
	textio.Write(s, filepath.Join(o.out, "dead.jsonl"), beam.ParDo(s, deadJSON, dead))
	if err := sqbeam.CheckCoders(p); err != nil {
		return err
	}
	var err error
	if o.runner == "prism" {
		_, err = prism.Execute(ctx, p)
	} else {
		_, err = universal.Execute(ctx, p)
	}
	return err
}

// runLocal computes the same rows in a plain loop.
func runLocal(o options, cfg sqbeam.RateConfig, rubricJSON []byte) error {
	lines, err := readLines(o.evaluations)
	if err != nil {
		return err
	}
	var answers []sqbeam.SurveyAnswer
	var bad []sqbeam.DeadLetter
	if o.answers != "" {
		raw, err := readLines(o.answers)
		if err != nil {
			return err
		}
		for _, l := range raw {
			if strings.TrimSpace(l) == "" {
				continue
			}
			var a sqbeam.SurveyAnswer
			d := json.NewDecoder(strings.NewReader(l))
			d.DisallowUnknownFields()
			if err := d.Decode(&a); err == nil {
				_, err = a.Answer()
			}
			if err != nil {
				bad = append(bad, sqbeam.DeadLetter{Stage: "parse", Input: l, Error: err.Error()})
				continue
			}
			answers = append(answers, a)
		}
	}
	rows, dead, err := sqbeam.RateLocal(cfg, rubricJSON, lines, answers)
	if err != nil {
		return err
	}
	if err := writeLines(filepath.Join(o.out, "ratings.jsonl"), rows, rowJSON); err != nil {
		return err
	}
	return writeLines(filepath.Join(o.out, "dead.jsonl"), append(dead, bad...), deadJSON)
}

func readLines(glob string) ([]string, error) {
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("%s: no such file", glob)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, strings.Split(strings.TrimRight(string(b), "\n"), "\n")...)
	}
	return out, nil
}

func writeLines[T any](path string, xs []T, enc func(T) (string, error)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for _, x := range xs {
		s, err := enc(x)
		if err != nil {
			f.Close()
			return err
		}
		bw.WriteString(s + "\n")
	}
	return errors.Join(bw.Flush(), f.Close())
}

// generate writes the sample's input files to o.gen.
func generate(o options) error {
	if err := os.MkdirAll(o.gen, 0o755); err != nil {
		return err
	}
	lines := sample.Lines(o.n, o.employees, true)
	answers := sample.Answers(o.n/4, o.employees, o.employees*8)
	var ab strings.Builder
	for _, a := range answers {
		b, _ := json.Marshal(a)
		ab.Write(b)
		ab.WriteByte('\n')
	}
	roster, _ := json.MarshalIndent(sample.Roster(o.employees, o.departments), "", " ")
	platforms, _ := json.MarshalIndent(sample.Platforms(o.departments), "", " ")
	files := map[string]string{
		"evaluations.jsonl": strings.Join(lines, "\n") + "\n",
		"answers.jsonl":     ab.String(),
		"roster.json":       string(roster) + "\n",
		"platforms.json":    string(platforms) + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(o.gen, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// summary prints the counts and the top of both leaderboards.
func summary(w io.Writer, o options, took time.Duration) error {
	rowLines, err := readLines(filepath.Join(o.out, "ratings.jsonl"))
	if err != nil {
		return err
	}
	var rows []sqbeam.RatingRow
	for _, l := range rowLines {
		if l == "" {
			continue
		}
		var r sqbeam.RatingRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			return err
		}
		rows = append(rows, r)
	}
	deadLines, err := readLines(filepath.Join(o.out, "dead.jsonl"))
	if err != nil {
		deadLines = nil
	}
	dead := 0
	for _, l := range deadLines {
		if l != "" {
			dead++
		}
	}
	slices.SortFunc(rows, func(a, b sqbeam.RatingRow) int {
		if a.Kind != b.Kind {
			return strings.Compare(b.Kind, a.Kind) // employees first
		}
		ra, rb := a.Rank, b.Rank
		if ra == 0 {
			ra = 1 << 30
		}
		if rb == 0 {
			rb = 1 << 30
		}
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a.ID, b.ID)
	})
	fmt.Fprintf(w, "runner %s: %d rating rows, %d dead letters in %s, written to %s\n", o.runner, len(rows), dead,
		took.Round(time.Millisecond), o.out)
	for _, kind := range []string{"employee", "department"} {
		fmt.Fprintf(w, "top %ss:\n", kind)
		shown := 0
		for _, r := range rows {
			if r.Kind == kind && r.Rank > 0 && shown < 5 {
				fmt.Fprintf(w, "  %2d. %-10s %s (%s)\n", r.Rank, r.ID, r.Display, r.Value)
				shown++
			}
		}
	}
	return nil
}
