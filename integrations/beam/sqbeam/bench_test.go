package sqbeam_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
)

// benchInput writes n sample evaluations to a file and returns its path with the rest of the input.
func benchInput(b *testing.B, n int) (string, sqbeam.RateConfig, []sqbeam.SurveyAnswer) {
	const employees, departments = 500, 10
	path := filepath.Join(b.TempDir(), "evaluations.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(sample.Lines(n, employees, true), "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg := sqbeam.RateConfig{Roster: sample.Roster(employees, departments), Platforms: sample.Platforms(departments)}
	return path, cfg, sample.Answers(n/4, employees, employees*8)
}

// BenchmarkAggregate rates the same evaluations, read from the same file, on prism (in process), with and without
// the duplicate check (Unique), and in a plain loop (RateLocal).
func BenchmarkAggregate(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		path, cfg, answers := benchInput(b, n)
		rubricJSON := sample.Rubric()
		for _, unique := range []bool{false, true} {
			name := fmt.Sprintf("prism/n=%d", n)
			if unique {
				name = fmt.Sprintf("prism-assume-unique/n=%d", n)
			}
			cfg := cfg
			cfg.AssumeUniqueIDs = unique
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, s := beam.NewPipelineWithRoot()
					rows, dead := sqbeam.Aggregate(s, rubricJSON, cfg, textio.Read(s, path), beam.CreateList(s, answers))
					collect(s, "bench-rows", beam.ParDo(s, rowJSON, rows))
					collect(s, "bench-dead", beam.ParDo(s, deadJSON, dead))
					run(b, p)
					if len(take("bench-rows")) == 0 || len(take("bench-dead")) == 0 {
						b.Fatal("no rows or no dead letters")
					}
				}
			})
		}
		b.Run(fmt.Sprintf("local/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				raw, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				rows, dead, err := sqbeam.RateLocal(cfg, rubricJSON, strings.Split(string(raw), "\n"), answers)
				if err != nil || len(rows) == 0 || len(dead) == 0 {
					b.Fatalf("RateLocal: %d rows, %d dead, %v", len(rows), len(dead), err)
				}
			}
		})
	}
}
