package calibrationtest

import (
	"strings"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/servicequality/servicequality/sq"
)

// skewed is a session whose alignments are changed by f, given the benchmark and the evaluator.
type skewed struct {
	*calibration.Session
	f func(benchmark, evaluator string, x sq.Fraction) sq.Fraction
}

func (s skewed) Alignment(b string) (calibration.AlignmentReport, error) {
	rep, err := s.Session.Alignment(b)
	for i := range rep.Evaluators {
		rep.Evaluators[i].Overall = s.f(b, rep.Evaluators[i].EvaluatorID, rep.Evaluators[i].Overall)
	}
	return rep, err
}

func skew(f func(benchmark, evaluator string, x sq.Fraction) sq.Fraction) func([]rubric.Result) (stats, error) {
	return func(results []rubric.Result) (stats, error) {
		s, err := calibration.New(results, calibration.Config{})
		return skewed{s, f}, err
	}
}

// TestCheckFails proves that each invariant of Check can fail on a broken re-implementation, with the session in
// the message.
func TestCheckFails(t *testing.T) {
	half, _ := sq.Ratio(1, 2)
	nine, _ := sq.Ratio(9, 10)
	tests := []struct {
		name   string
		stats  func([]rubric.Result) (stats, error)
		want   []string
		reason string
	}{
		{"range", skew(func(_, _ string, x sq.Fraction) sq.Fraction { return x.Add(half) }),
			[]string{"range: benchmark", "outside 0–1", "session: \n  call1 by benchmark: total"}, "alignment raised by 0.5"},
		{"symmetric", skew(func(b, e string, x sq.Fraction) sq.Fraction {
			if b < e {
				return x.Mul(half)
			}
			return x
		}), []string{"symmetric: ", "with benchmark"}, "halved when the benchmark sorts first"},
		{"perfect", skew(func(_, _ string, x sq.Fraction) sq.Fraction { return x.Mul(nine) }),
			[]string{"perfect: evaluator", "aligns at 0.9, not 1"}, "every alignment 10% low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failed, out := recordtb.Run(t, func(tb testing.TB) {
				check(tb, rubric.CallQuality(), &config{draws: 1, skip: map[string]bool{}}, tt.stats)
			})
			for _, w := range tt.want {
				if !failed || !strings.Contains(out, w) {
					t.Errorf("check (%s): failed %t, output:\n%s\nwant it to contain %q", tt.reason, failed, out, w)
				}
			}
		})
	}
}
