package rubric_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// naiveStat is CriterionStat as a report computes it by hand from Result.Criteria, in big.Rat.
type naiveStat struct {
	ID                  string
	Counted, NA, Zeroed int
	Sum                 string
	Mean, Share         string // RatString; "0" when undefined
	Levels              map[string]int
}

func naiveStats(results []rubric.Result) []naiveStat {
	if len(results) == 0 {
		return nil
	}
	crits := results[0].Rubric().Criteria()
	out := make([]naiveStat, len(crits))
	sums := make([]*big.Rat, len(crits))
	for i, c := range crits {
		out[i].ID, sums[i] = c.ID, new(big.Rat)
		if c.Scale.Kind != rubric.Points {
			out[i].Levels = map[string]int{}
		}
	}
	for _, res := range results {
		for i, cr := range res.Criteria() {
			if cr.NA {
				out[i].NA++
			}
			if cr.Excluded {
				continue
			}
			out[i].Counted++
			if cr.Zeroed {
				out[i].Zeroed++
			}
			sums[i].Add(sums[i], cr.Raw.Rat())
			if cr.Level != "" {
				out[i].Levels[cr.Level]++
			}
		}
	}
	for i, c := range crits {
		out[i].Sum, out[i].Mean, out[i].Share = sums[i].RatString(), "0", "0"
		if out[i].Counted == 0 {
			continue
		}
		mean := new(big.Rat).Quo(sums[i], big.NewRat(int64(out[i].Counted), 1))
		out[i].Mean = mean.RatString()
		if m := c.MaxPoints(); m.IsPositive() {
			out[i].Share = new(big.Rat).Quo(mean, m.Rat()).RatString()
		}
	}
	return out
}

func asNaive(stats []rubric.CriterionStat) []naiveStat {
	var out []naiveStat
	for _, st := range stats {
		out = append(out, naiveStat{ID: st.Criterion.ID, Counted: st.Counted, NA: st.NA, Zeroed: st.Zeroed,
			Sum: st.Sum.Rat().RatString(), Mean: st.Mean.Rat().RatString(), Share: st.Share.Rat().RatString(), Levels: st.Levels})
	}
	return out
}

// TestCriterionStatsCallQuality pins the statistics of three calls on the source's call rubric by hand.
func TestCriterionStatsCallQuality(t *testing.T) {
	r := rubric.CallQuality()
	var results []rubric.Result
	for _, e := range []rubric.Evaluation{
		call(all("0.5"), "green"),
		call(all("0.4"), "yellow"),
		call(all("0.3"), "red", "profanity"),
	} {
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	stats, err := rubric.CriterionStats(results)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 10 {
		t.Fatalf("CriterionStats() gave %d statistics, want one per criterion (10)", len(stats))
	}
	greeting, tonality := stats[0], stats[9]
	if greeting.Criterion.ID != "greeting" || greeting.Counted != 3 || greeting.Zeroed != 1 ||
		!greeting.Sum.Equal(d("1.2")) || greeting.Mean.String() != "0.4" || greeting.Share.String() != "0.8" {
		t.Errorf("greeting = %+v; want 3 counted, 1 zeroed (profanity), sum 1.2, mean 0.4, share 0.8", greeting)
	}
	// yellow zeroes tonality itself and red the whole call: two zeroed; raw points 0.5, 0 and 0.
	wantLevels := map[string]int{"green": 1, "yellow": 1, "red": 1}
	if diff := cmp.Diff(wantLevels, tonality.Levels); diff != "" || tonality.Zeroed != 2 || tonality.Share.Rat().RatString() != "1/3" {
		t.Errorf("tonality = %+v (levels -want +got: %s); want zeroed 2, share 1/3", tonality, diff)
	}
	if diff := cmp.Diff(naiveStats(results), asNaive(stats)); diff != "" {
		t.Errorf("CriterionStats() mismatch with the naive loop (-want +got):\n%s", diff)
	}
}

// TestCriterionStatsRefuses: results of another rubric and zero results are refused; none give none.
func TestCriterionStatsRefuses(t *testing.T) {
	call1, err := rubric.CallQuality().Score(call(all("0.5"), "green"))
	if err != nil {
		t.Fatal(err)
	}
	copied, err := rubric.New(rubric.CallQuality().Definition())
	if err != nil {
		t.Fatal(err)
	}
	call2, err := copied.Score(call(all("0.4"), "green"))
	if err != nil {
		t.Fatal(err)
	}
	phone := rubric.PhoneEtiquette()
	var answers []rubric.Answer
	for _, c := range phone.Criteria() {
		answers = append(answers, rubric.LevelAnswer(c.ID, "pass"))
	}
	etiquette, err := phone.Score(rubric.Evaluation{Answers: answers})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		results []rubric.Result
		err     error
		path    string
		reason  string
	}{
		{[]rubric.Result{call1, etiquette}, rubric.ErrRubricMismatch, "results[2]", "two rubrics"},
		{[]rubric.Result{call1, {}}, rubric.ErrNoRubric, "results[2]", "a zero Result"},
		{[]rubric.Result{{}}, rubric.ErrNoRubric, "results[1]", "only a zero Result"},
	}
	for _, tt := range tests {
		stats, err := rubric.CriterionStats(tt.results)
		var se *sq.Error
		if !errors.Is(err, tt.err) || !errors.As(err, &se) || se.Path != tt.path || stats != nil {
			t.Errorf("CriterionStats() = %v, %v; want an *sq.Error at %s wrapping %v (%s)", stats, err, tt.path, tt.err, tt.reason)
		}
	}
	if stats, err := rubric.CriterionStats(nil); stats != nil || err != nil {
		t.Errorf("CriterionStats(nil) = %v, %v; want nil, nil", stats, err)
	}
	if stats, err := rubric.CriterionStats([]rubric.Result{call1, call2}); err != nil || stats[0].Counted != 2 {
		t.Errorf("CriterionStats() of Equal rubrics = %v, %v; want both results counted", stats, err)
	}
}

// TestPropertyCriterionStats: on any rubric and any evaluations, CriterionStats agrees with the naive loop over
// Result.Criteria, and its shares lie in [0, 1].
func TestPropertyCriterionStats(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		evals := rapid.SliceOfN(rubrictest.Evaluation(r), 0, 12).Draw(t, "evaluations")
		var results []rubric.Result
		for _, e := range evals {
			res, err := r.Score(e)
			if err != nil {
				t.Fatalf("valid evaluation refused: %v", err)
			}
			results = append(results, res)
		}
		stats, err := rubric.CriterionStats(results)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(naiveStats(results), asNaive(stats)); diff != "" {
			t.Fatalf("CriterionStats() mismatch with the naive loop (-want +got):\n%s", diff)
		}
		one, _ := sq.Ratio(1, 1)
		for _, st := range stats {
			if st.Share.Sign() < 0 || st.Share.Cmp(one) > 0 {
				t.Fatalf("criterion %q share %s outside [0, 1]", st.Criterion.ID, st.Share)
			}
		}
	})
}

// Per-criterion statistics of a team's calls, weakest first: what a quality report shows.
func ExampleCriterionStats() {
	r := rubric.CallQuality()
	p := decimal.RequireFromString
	var results []rubric.Result
	for _, needs := range []string{"0.2", "0.3", "0.5"} {
		var answers []rubric.Answer
		for _, c := range r.Criteria() {
			switch c.ID {
			case "tonality":
				answers = append(answers, rubric.LevelAnswer(c.ID, "green"))
			case "needs":
				answers = append(answers, rubric.PointsAnswer(c.ID, p(needs)))
			default:
				answers = append(answers, rubric.PointsAnswer(c.ID, p("0.5")))
			}
		}
		res, err := r.Score(rubric.Evaluation{Answers: answers})
		if err != nil {
			fmt.Println(err)
			return
		}
		results = append(results, res)
	}
	stats, err := rubric.CriterionStats(results)
	if err != nil {
		fmt.Println(err)
		return
	}
	needs := stats[2]
	share, _ := needs.Share.Round(sq.Precision{Places: 3})
	fmt.Printf("%s: %d calls, mean %s of %s, share %s (exactly %s)\n", needs.Criterion.ID, needs.Counted,
		needs.Mean, needs.Criterion.MaxPoints(), share, needs.Share)
	fmt.Println("tonality levels:", stats[9].Levels)
	// Output:
	// needs: 3 calls, mean 1/3 of 0.5, share 0.667 (exactly 2/3)
	// tonality levels: map[green:3]
}
