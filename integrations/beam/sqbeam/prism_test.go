package sqbeam_test

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
)

func init() {
	register.DoFn1x0[string](&collectFn{})
	register.Function1x2[sqbeam.RatingRow, string, error](rowJSON)
	register.Function1x2[sqbeam.DeadLetter, string, error](deadJSON)
}

// collected holds what collectFn saw, by name. Prism runs the workers in this process (loopback), so a DoFn can
// hand its elements to the test directly.
var (
	mu        sync.Mutex
	collected = map[string][]string{}
)

type collectFn struct{ Name string }

func (f *collectFn) ProcessElement(s string) {
	mu.Lock()
	defer mu.Unlock()
	collected[f.Name] = append(collected[f.Name], s)
}

func rowJSON(r sqbeam.RatingRow) (string, error) {
	b, err := json.Marshal(r)
	return string(b), err
}

func deadJSON(d sqbeam.DeadLetter) (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

// collect sends col's elements (strings) to collected[name].
func collect(s beam.Scope, name string, col beam.PCollection) {
	mu.Lock()
	delete(collected, name)
	mu.Unlock()
	beam.ParDo0(s, &collectFn{Name: name}, col)
}

// take returns and forgets what was collected under name.
func take(name string) []string {
	mu.Lock()
	defer mu.Unlock()
	out := collected[name]
	delete(collected, name)
	return out
}

// createChunks creates col from xs in chunks separate Create transforms, flattened, so that the runner processes
// them in separate bundles and every combine has partial accumulators to encode and merge.
func createChunks[T any](s beam.Scope, xs []T, chunks int) beam.PCollection {
	var cols []beam.PCollection
	size := (len(xs) + chunks - 1) / chunks
	for i := 0; i < len(xs); i += size {
		cols = append(cols, beam.CreateList(s, xs[i:min(i+size, len(xs))]))
	}
	return beam.Flatten(s, cols...)
}

// run executes p on prism, in process.
func run(t testing.TB, p *beam.Pipeline) {
	t.Helper()
	if err := sqbeam.CheckCoders(p); err != nil {
		t.Fatal(err)
	}
	if _, err := prism.Execute(t.Context(), p); err != nil {
		t.Fatalf("prism: %v", err)
	}
}

func decodeAll[T any](t *testing.T, lines []string) []T {
	t.Helper()
	out := make([]T, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func sortRows(rows []sqbeam.RatingRow) {
	slices.SortFunc(rows, func(a, b sqbeam.RatingRow) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
}

func sortDead(ds []sqbeam.DeadLetter) {
	slices.SortFunc(ds, func(a, b sqbeam.DeadLetter) int {
		return cmp.Or(cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Key, b.Key), cmp.Compare(a.Input, b.Input),
			cmp.Compare(a.Error, b.Error))
	})
}

// TestAggregateOnPrism runs the whole aggregation on prism over thousands of evaluations in many chunks and
// compares every rating row and dead letter with the plain loop, exactly (decimal strings equal digit for digit,
// SPEC R5, R7, R8, R10: cumulative accumulators merged across machines equal the batch result), with and without
// the duplicate check.
func TestAggregateOnPrism(t *testing.T) {
	// More than 2,000 employees: the SDK's lifted combine keeps at most 2,000 keys per bundle and emits the
	// accumulators of others early, so partial accumulators of one employee are encoded and merged.
	const employees, departments = 2600, 23
	lines := sample.Lines(16000, employees, true)
	answers := sample.Answers(8000, employees, 20000)
	for _, tt := range []struct {
		name         string
		assumeUnique bool
		lines        []string
		reason       string
	}{
		{"unique", false, lines, "duplicate evaluation IDs go to the dead letters, as the plain loop refuses them"},
		{"assume unique", true, slices.Delete(slices.Clone(lines), 50, 51),
			"without duplicates, skipping the check changes nothing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := sqbeam.RateConfig{Roster: sample.Roster(employees, departments), Platforms: sample.Platforms(departments),
				AssumeUniqueIDs: tt.assumeUnique}
			aggregateOnPrism(t, cfg, tt.lines, answers, tt.reason)
		})
	}
}

func aggregateOnPrism(t *testing.T, cfg sqbeam.RateConfig, lines []string, answers []sqbeam.SurveyAnswer, reason string) {
	rubricJSON := sample.Rubric()
	wantRows, wantDead, err := sqbeam.RateLocal(cfg, rubricJSON, lines, answers)
	if err != nil {
		t.Fatal(err)
	}
	if len(wantRows) < len(cfg.Roster) || len(wantDead) < 10 {
		t.Fatalf("the sample should rate every employee and have dead letters: %d rows, %d dead", len(wantRows), len(wantDead))
	}

	decodes, merges := sqbeam.Decodes.Load(), sqbeam.Merges.Load()
	p, s := beam.NewPipelineWithRoot()
	rows, dead := sqbeam.Aggregate(s, rubricJSON, cfg, createChunks(s, lines, 16), createChunks(s, answers, 8))
	collect(s, "rows", beam.ParDo(s, rowJSON, rows))
	collect(s, "dead", beam.ParDo(s, deadJSON, dead))
	run(t, p)

	gotRows := decodeAll[sqbeam.RatingRow](t, take("rows"))
	gotDead := decodeAll[sqbeam.DeadLetter](t, take("dead"))
	sortRows(gotRows)
	sortRows(wantRows)
	sortDead(gotDead)
	sortDead(wantDead)
	if diff := gocmp.Diff(wantRows, gotRows); diff != "" {
		t.Errorf("Aggregate() rows mismatch (-want +got) (%s):\n%s", reason, diff)
	}
	if diff := gocmp.Diff(wantDead, gotDead); diff != "" {
		t.Errorf("Aggregate() dead letters mismatch (-want +got) (%s):\n%s", reason, diff)
	}
	if d := sqbeam.Decodes.Load() - decodes; d == 0 {
		t.Errorf("no accumulator was decoded: the combines never crossed an encoding boundary")
	}
	if m := sqbeam.Merges.Load() - merges; m == 0 {
		t.Errorf("no accumulators were merged: the input was not split into bundles")
	}
	t.Logf("%d rows, %d dead letters, %d decodes, %d merges", len(gotRows), len(gotDead),
		sqbeam.Decodes.Load()-decodes, sqbeam.Merges.Load()-merges)
}
