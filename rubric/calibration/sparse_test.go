package calibration_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rubric/calibration"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestPropertySparseMatchesMatrix: a session keeps only the evaluations given, grouped by call, yet it behaves as
// the full calls × evaluators matrix with missing cells: Result finds exactly the evaluations given, and alpha on
// the totals equals KrippendorffAlphaMatrix on that matrix (observers = evaluators, units = calls), for every
// metric, undefined cases included.
func TestPropertySparseMatchesMatrix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := drawPanel(t, panelOptions{})
		s := newSession(t, p.results, calibration.Config{})
		calls, evs := s.Calls(), s.Evaluators()
		given := map[[2]string]decimal.Decimal{}
		for _, res := range p.results {
			m := res.Meta()
			given[[2]string{m.CallID, m.EvaluatorID}] = res.Total()
		}
		m := make([][]decimal.NullDecimal, len(evs))
		for i, ev := range evs {
			m[i] = make([]decimal.NullDecimal, len(calls))
			for u, call := range calls {
				total, ok := given[[2]string{call, ev}]
				res, found := s.Result(call, ev)
				if found != ok || (found && !res.Total().Equal(total)) {
					t.Fatalf("Result(%s, %s) = %v, %v; given: %v, %v", call, ev, res.Total(), found, total, ok)
				}
				if ok {
					m[i][u] = decimal.NewNullDecimal(total)
				}
			}
		}
		for _, metric := range []calibration.Metric{calibration.Nominal, calibration.Ordinal, calibration.Interval} {
			want, wantErr := calibration.KrippendorffAlphaMatrix(m, metric)
			got, err := s.KrippendorffAlphaTotals(metric)
			if errors.Is(err, calibration.ErrUndefined) != errors.Is(wantErr, calibration.ErrUndefined) ||
				(err == nil) != (wantErr == nil) {
				t.Fatalf("%s: session error %v, matrix error %v", metric, err, wantErr)
			}
			if err == nil && !got.Equal(want) {
				t.Fatalf("%s: session %v, matrix %v", metric, got, want)
			}
		}
	})
}
