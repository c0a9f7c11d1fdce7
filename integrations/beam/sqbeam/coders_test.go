package sqbeam_test

import (
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// hiddenCount is an accumulator whose state is unexported and that has no registered coder: Beam's schema coder
// would encode it as an empty struct.
type hiddenCount struct{ n int64 }

// hiddenCountFn counts elements in a hiddenCount.
type hiddenCountFn struct{}

func (hiddenCountFn) CreateAccumulator() hiddenCount                 { return hiddenCount{} }
func (hiddenCountFn) AddInput(a hiddenCount, _ string) hiddenCount   { a.n++; return a }
func (hiddenCountFn) MergeAccumulators(a, b hiddenCount) hiddenCount { return hiddenCount{a.n + b.n} }
func (hiddenCountFn) ExtractOutput(a hiddenCount) int64              { return a.n }

// wrapped holds a library type without a schema provider in an exported field: the schema coder would encode
// the field by its exported fields and drop its state.
type wrapped struct{ Score rating.Rating }

func wrapFn(id string) wrapped { return wrapped{} }

// metrics holds the library's exact values in exported fields, as a user's element would.
type metrics struct {
	Rate   sq.Fraction
	Period sq.Period
	CSAT   survey.Share
}

func metricsFn(id string) metrics { return metrics{} }

// sqFn emits a bare sq.Fraction.
func sqFn(id string) sq.Fraction { return sq.Fraction{} }

// personalFn turns an employee ID into a rating.Personal, a library type without a coder.
func personalFn(id string) rating.Personal { return rating.Personal{EmployeeID: id} }

func init() {
	register.Combiner3[hiddenCount, string, int64](&hiddenCountFn{})
	register.Function1x1[string, rating.Personal](personalFn)
	register.Function1x1[string, wrapped](wrapFn)
	register.Function1x1[string, metrics](metricsFn)
	register.Function1x1[string, sq.Fraction](sqFn)
}

// TestCheckCodersCatchesMissingCoders shows that a library type or an accumulator with unexported state and no
// coder is refused before the pipeline runs, while the package's own pipeline passes.
func TestCheckCodersCatchesMissingCoders(t *testing.T) {
	tests := []struct {
		name   string
		build  func(s beam.Scope)
		want   []string // substrings of the error; none: no error
		reason string
	}{
		{
			name: "aggregate",
			build: func(s beam.Scope) {
				cfg := sqbeam.RateConfig{Roster: sample.Roster(4, 2)}
				sqbeam.Aggregate(s, sample.Rubric(), cfg, beam.Create(s, "{}"), beam.Create(s, sqbeam.SurveyAnswer{}))
			},
			reason: "every type of the package's own pipeline has a coder or exported fields only",
		},
		{
			name: "grouped and counts",
			build: func(s beam.Scope) {
				calls := beam.Create(s, sqbeam.ScoredCall{})
				beam.Combine(s, &sqbeam.GroupedFn{}, calls)
				beam.Combine(s, &sqbeam.CountsFn{}, beam.Create(s, sqbeam.ComplaintStatus{}))
			},
			reason: "*rating.Grouped has a registered coder",
		},
		{
			name: "sq values and shares",
			build: func(s beam.Scope) {
				beam.ParDo(s, sqFn, beam.Create(s, "e1"))
				beam.ParDo(s, metricsFn, beam.Create(s, "e1"))
			},
			reason: "sq.Fraction, sq.Period and survey.Share have registered coders and schema providers",
		},
		{
			name: "accumulator without coder",
			build: func(s beam.Scope) {
				beam.Combine(s, &hiddenCountFn{}, beam.Create(s, "a", "b"))
			},
			want:   []string{"hiddenCount has the unexported field n"},
			reason: "a combine's accumulator with unexported state would be encoded empty between bundles",
		},
		{
			name: "library type without coder",
			build: func(s beam.Scope) {
				beam.ParDo(s, personalFn, beam.Create(s, "e1"))
			},
			want:   []string{"rating.", "unexported field"},
			reason: "rating.Personal holds its rating in unexported fields",
		},
		{
			name: "library type inside a struct",
			build: func(s beam.Scope) {
				beam.ParDo(s, wrapFn, beam.Create(s, "e1"))
			},
			want:   []string{"rating.Rating has the unexported field"},
			reason: "Beam's schema coder ignores the registered coder of a field's type",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := beam.NewPipelineWithRoot()
			tt.build(s)
			err := sqbeam.CheckCoders(p)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("CheckCoders() = %v, want nil (%s)", err, tt.reason)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckCoders() = nil, want an error (%s)", tt.reason)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("CheckCoders() = %v, want it to mention %q (%s)", err, w, tt.reason)
				}
			}
		})
	}
}
