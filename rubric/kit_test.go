package rubric_test

import (
	"slices"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// TestTemplatesHoldInvariants checks every built-in template with the test kit other teams use on theirs: every
// criterion and level reachable, the maximum achievable, bands from 0 with none out of reach, every override
// zeroing what it says with the raw total kept (SPEC R3, R4), no criterion above a tenth of the total, JSON
// round trips, and Score agreeing with an independent computation of the rules on drawn evaluations.
func TestTemplatesHoldInvariants(t *testing.T) {
	for _, id := range rubric.Templates() {
		r, err := rubric.Template(id)
		if err != nil {
			t.Fatal(err)
		}
		rubrictest.Check(t, r, rubrictest.MaxShare(decimal.New(1, -1)))
	}
}

// TestStoredResultConforms holds the stored form of a result to the library's own total: scoring through JSON —
// the evaluation written and read, the result written and read back against its rubric — gives the same total
// on every template, for the fixed conformance cases and drawn evaluations.
func TestStoredResultConforms(t *testing.T) {
	for _, id := range rubric.Templates() {
		r, _ := rubric.Template(id)
		viaJSON := func(e rubric.Evaluation) (decimal.Decimal, error) {
			b, err := e.MarshalJSON()
			if err != nil {
				return decimal.Decimal{}, err
			}
			e2, err := rubric.ParseEvaluation(b)
			if err != nil {
				return decimal.Decimal{}, err
			}
			res, err := r.Score(e2)
			if err != nil {
				return decimal.Decimal{}, err
			}
			rb, err := res.MarshalJSON()
			if err != nil {
				return decimal.Decimal{}, err
			}
			back, err := rubric.ParseResult(r, rb)
			return back.Total(), err
		}
		rubrictest.Conformance(t, r, viaJSON)
	}
}

// weighted reports whether r's sections carry weights.
func weighted(r *rubric.Rubric) bool {
	return slices.ContainsFunc(r.Definition().Sections, func(s rubric.Section) bool { return s.Weight.IsPositive() })
}
