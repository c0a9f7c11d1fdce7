package rubric_test

import (
	"errors"
	"github.com/servicequality/servicequality/sq"
	"math/big"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestPropertyTotalWithinScale: the total and the raw total always lie in [0, Max].
func TestPropertyTotalWithinScale(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			t.Fatalf("valid evaluation refused: %v", err)
		}
		for name, v := range map[string]decimal.Decimal{"total": res.Total(), "raw": res.RawTotal()} {
			if v.Sign() < 0 || v.GreaterThan(r.Max()) {
				t.Fatalf("%s %s outside [0, %s]", name, v, r.Max())
			}
		}
		if res.Total().GreaterThan(res.RawTotal()) {
			t.Fatalf("overrides raised the total: %s > raw %s", res.Total(), res.RawTotal())
		}
		if u, s := res.TotalUnits(); !decimal.New(u, -s).Equal(res.Total()) {
			t.Fatalf("TotalUnits() = %d·10^-%d, Total() = %s", u, s, res.Total())
		}
	})
}

// TestPropertyAutoFail: any auto-fail (a level or violation with EffectEvaluation, such as red tonality or
// profanity, SPEC R3/R4) gives 0 whatever the rest.
func TestPropertyAutoFail(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		fatal := false
		for _, v := range r.Violations() {
			if v.Effect == rubric.EffectEvaluation {
				e.Violations = appendOnce(e.Violations, v.ID)
				fatal = true
				break
			}
		}
		if !fatal {
			return // this rubric has no fatal violation; the level case is covered by the reasons check below
		}
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if !res.AutoFail() || !res.Total().IsZero() {
			t.Fatalf("auto-fail violation gave total %s (auto-fail %v)", res.Total(), res.AutoFail())
		}
	})
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		fired := false
		for _, why := range res.Reasons() {
			fired = fired || why.Effect == rubric.EffectEvaluation
		}
		if fired != res.AutoFail() || (fired && !res.Total().IsZero()) {
			t.Fatalf("reasons %v, auto-fail %v, total %s", res.Reasons(), res.AutoFail(), res.Total())
		}
	})
}

func appendOnce(ids []string, id string) []string {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(append([]string(nil), ids...), id)
}

// TestPropertyMonotone: when no override fires, raising one criterion never lowers the total.
func TestPropertyMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{NoOverrides: true}).Draw(t, "evaluation")
		i := rapid.IntRange(0, len(e.Answers)-1).Draw(t, "criterion")
		ups := rubrictest.Raise(r, e, i)
		if len(ups) == 0 {
			return
		}
		before, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		raised := e
		raised.Answers = append([]rubric.Answer(nil), e.Answers...)
		raised.Answers[i] = rapid.SampledFrom(ups).Draw(t, "raised")
		after, err := r.Score(raised)
		if err != nil {
			t.Fatal(err)
		}
		if after.Total().LessThan(before.Total()) {
			t.Fatalf("raising %s from %v to %v lowered the total %s → %s", e.Answers[i].Criterion, e.Answers[i], raised.Answers[i], before.Total(), after.Total())
		}
	})
}

// TestPropertyNARescaling: a total with N/A criteria excluded stays within the scale and equals the exact rescaled
// value Max·Σpoints/Σmax (unweighted rubrics), rounded by the rubric's rule only when it does not terminate.
func TestPropertyNARescaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		if weighted(r) {
			return
		}
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{NoOverrides: true}).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		p, m := new(big.Rat), new(big.Rat)
		for _, c := range res.Criteria() {
			p.Add(p, c.Points.Rat())
			m.Add(m, c.Max.Rat())
		}
		exact := new(big.Rat).Mul(r.Max().Rat(), new(big.Rat).Quo(p, m))
		want := roundRat(exact, r.Precision().Places, r.Precision().Rounding)
		if res.Exact() {
			want = exact
		}
		if res.Total().Rat().Cmp(want) != 0 {
			t.Fatalf("total %s, want %s (exact %s, %v to %d places)", res.Total(), want.FloatString(int(r.Precision().Places)), exact.FloatString(14), r.Precision().Rounding, r.Precision().Places)
		}
	})
}

// roundRat rounds a non-negative x to places digits by mode, independently of the code under test.
func roundRat(x *big.Rat, places int32, mode sq.Rounding) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(x.Num(), scale)
	q, rem := new(big.Int).QuoRem(n, x.Denom(), new(big.Int))
	twice := new(big.Int).Mul(rem, big.NewInt(2))
	switch c := twice.Cmp(x.Denom()); mode {
	case sq.HalfUp:
		if c >= 0 {
			q.Add(q, big.NewInt(1))
		}
	case sq.HalfEven:
		if c > 0 || (c == 0 && q.Bit(0) == 1) {
			q.Add(q, big.NewInt(1))
		}
	}
	return new(big.Rat).SetFrac(q, scale)
}

// TestPropertyInvalid: every evaluation broken in one way is refused with the error it is labelled with, and
// refusing it changes nothing.
func TestPropertyInvalid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		bad := rubrictest.InvalidEvaluation(r).Draw(t, "invalid")
		before, _ := bad.Evaluation.MarshalJSON()
		_, err := r.Score(bad.Evaluation)
		if !errors.Is(err, bad.Err) {
			t.Fatalf("%s: error = %v, want %v", bad.Why, err, bad.Err)
		}
		if after, _ := bad.Evaluation.MarshalJSON(); string(after) != string(before) {
			t.Fatalf("Score changed the evaluation")
		}
	})
}

// TestPropertyOrderFree: the order of the answers does not change the result.
func TestPropertyOrderFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		shuffled := e
		shuffled.Answers = rapid.Permutation(e.Answers).Draw(t, "order")
		a, errA := r.Score(e)
		b, errB := r.Score(shuffled)
		if errA != nil || errB != nil || !a.Equal(b) {
			t.Fatalf("order changed the result: %v (%v) vs %v (%v)", a, errA, b, errB)
		}
	})
}

// TestPropertyDefinitionRoundTrip: Definition → JSON → Definition is the identity, and so is a rubric's JSON.
func TestPropertyDefinitionRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		def := rubrictest.Definition().Draw(t, "definition")
		r, err := rubric.New(def)
		if err != nil {
			t.Fatal(err)
		}
		data, err := def.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseDefinition(data)
		if err != nil {
			t.Fatalf("ParseDefinition(%s): %v", data, err)
		}
		if diff := cmp.Diff(def, back, rubrictest.EquateDecimals()); diff != "" {
			t.Fatalf("definition round trip mismatch (-want +got):\n%s", diff)
		}
		r2, err := rubric.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r.Definition(), r2.Definition(), rubrictest.EquateDecimals()); diff != "" {
			t.Fatalf("rubric round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestPropertyEvaluationRoundTrip: Evaluation → JSON → Evaluation scores the same.
func TestPropertyEvaluationRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		data, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseEvaluation(data)
		if err != nil {
			t.Fatalf("ParseEvaluation(%s): %v", data, err)
		}
		a, _ := r.Score(e)
		b, err := r.Score(back)
		if err != nil || !a.Equal(b) {
			t.Fatalf("round trip changed the result: %v vs %v (%v)", a, b, err)
		}
	})
}

// TestConcurrentScoring scores on one shared rubric from many goroutines; run with -race.
func TestConcurrentScoring(t *testing.T) {
	r := rubric.CallQuality()
	want, err := r.Score(call(all("0.4"), "yellow"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				res, err := r.Score(call(all("0.4"), "yellow"))
				if err != nil || !res.Equal(want) || len(res.Reasons()) != 1 {
					t.Errorf("concurrent score = %v, %v", res, err)
					return
				}
				_ = r.Definition()
			}
		}()
	}
	wg.Wait()
}

// TestPropertyMatchesNaive: Score and the naive all-decimal reference agree on random rubrics and evaluations,
// valid or not: the same totals (exactly), exactness, auto-fail and reasons, and the same refusals.
func TestPropertyMatchesNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		n := newNaive(r)
		var e rubric.Evaluation
		if rapid.Bool().Draw(t, "valid") {
			e = rubrictest.EvaluationWith(r, rubrictest.EvalOptions{Shuffle: rapid.Bool().Draw(t, "shuffle")}).Draw(t, "evaluation")
		} else {
			e = rubrictest.InvalidEvaluation(r).Draw(t, "invalid").Evaluation
		}
		got, err := r.Score(e)
		want, nerr := n.score(e)
		if (err == nil) != (nerr == nil) {
			t.Fatalf("Score error %v, naive error %v", err, nerr)
		}
		if err != nil {
			return
		}
		if !got.Total().Equal(want.total) || !got.RawTotal().Equal(want.raw) || got.Exact() != want.exact || got.AutoFail() != want.autoFail {
			t.Fatalf("Score = %s raw %s exact %v auto-fail %v; naive = %s raw %s exact %v auto-fail %v",
				got.Total(), got.RawTotal(), got.Exact(), got.AutoFail(), want.total, want.raw, want.exact, want.autoFail)
		}
		if diff := cmp.Diff(want.reasons, got.Reasons()); diff != "" {
			t.Fatalf("Reasons() mismatch (-naive +got):\n%s", diff)
		}
	})
}
