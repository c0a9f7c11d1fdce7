package rubrictest_test

import (
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"pgregory.net/rapid"
)

// callWithBands is the call rubric with the bands of a typical scorecard: "exceeds" from 4.5 of 5.
func callWithBands(t testing.TB) *rubric.Rubric {
	def := rubric.CallQuality().Definition()
	def.Bands = []rubric.Band{
		{ID: "needs_improvement", Title: en("Needs improvement"), Min: d("0")},
		{ID: "meets", Title: en("Meets"), Min: d("3.5")},
		{ID: "exceeds", Title: en("Exceeds"), Min: d("4.5")},
	}
	r, err := rubric.New(def)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// topShare draws n evaluations and returns the share of them in the top band.
func topShare(t *testing.T, r *rubric.Rubric, o rubrictest.EvalOptions, n int) float64 {
	gen := rubrictest.EvaluationWith(r, o)
	top := 0
	for i := range n {
		res, err := r.Score(gen.Example(i))
		if err != nil {
			t.Fatalf("draw %d: %v", i, err)
		}
		if b, ok := res.Band(); ok && b.ID == "exceeds" {
			top++
		}
	}
	return float64(top) / float64(n)
}

// TestHighScoresReachTopBand measures the promise of HighScores: at least 20% of 2,000 draws on the call rubric
// reach its top band, where uniform draws almost never do.
func TestHighScoresReachTopBand(t *testing.T) {
	r := callWithBands(t)
	high := topShare(t, r, rubrictest.EvalOptions{Toward: rubrictest.HighScores}, 2000)
	uniform := topShare(t, r, rubrictest.EvalOptions{NoOverrides: true}, 2000)
	t.Logf("top band: HighScores %.1f%%, uniform without overrides %.2f%%", 100*high, 100*uniform)
	if high < 0.20 {
		t.Errorf("HighScores: %.1f%% of draws in the top band, want at least 20%%", 100*high)
	}
	if uniform >= 0.01 {
		t.Errorf("uniform draws: %.2f%% in the top band; the measurement no longer shows why HighScores exists", 100*uniform)
	}
}

// TestRegions proves what each region promises, on generated rubrics: every draw is valid; HighScores and
// LowScores and BandEdges fire no override; Overrides fires one when the rubric has any.
func TestRegions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		g := rapid.SampledFrom(rubrictest.Regions()).Draw(t, "region")
		e := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{Toward: g}).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			t.Fatalf("%v drew an invalid evaluation: %v", g, err)
		}
		hasEffect := false
		for _, v := range r.Violations() {
			hasEffect = hasEffect || v.Effect != rubric.EffectNone
		}
		for _, c := range r.Criteria() {
			for _, l := range c.Scale.Levels {
				hasEffect = hasEffect || l.Effect != rubric.EffectNone
			}
		}
		switch g {
		case rubrictest.HighScores, rubrictest.LowScores, rubrictest.BandEdges:
			if len(res.Reasons()) > 0 {
				t.Fatalf("%v fired overrides: %v", g, res.Reasons())
			}
		case rubrictest.Overrides:
			if hasEffect && len(res.Reasons()) == 0 {
				t.Fatalf("Overrides fired none, though the rubric has overrides")
			}
		}
	})
}

func TestRegionString(t *testing.T) {
	for _, tt := range []struct {
		g    rubrictest.Region
		want string
	}{{rubrictest.Anywhere, "anywhere"}, {rubrictest.HighScores, "high scores"}, {rubrictest.Region(9), "Region(9)"}} {
		if got := tt.g.String(); got != tt.want {
			t.Errorf("Region(%d).String() = %q, want %q", int(tt.g), got, tt.want)
		}
	}
}

// TestBandEdges proves that BandEdges lands exactly at an edge of the call rubric or one step (0.1) below it: at
// the maximum 5, the bands' minimums 4.5 and 3.5, and the lowest total without an override (0.5, tonality green
// is its only answer that fires none), and that 500 draws meet every one of them.
func TestBandEdges(t *testing.T) {
	r := callWithBands(t)
	gen := rubrictest.EvaluationWith(r, rubrictest.EvalOptions{Toward: rubrictest.BandEdges})
	want := map[string]bool{"5": false, "4.9": false, "4.5": false, "4.4": false, "3.5": false, "3.4": false, "0.6": false, "0.5": false}
	for i := range 500 {
		res, err := r.Score(gen.Example(i))
		if err != nil {
			t.Fatal(err)
		}
		k := res.Total().String()
		if _, ok := want[k]; !ok {
			t.Fatalf("draw %d: total %s is no edge of the call rubric", i, k)
		}
		want[k] = true
	}
	for k, met := range want {
		if !met {
			t.Errorf("no draw met the edge total %s", k)
		}
	}
}
