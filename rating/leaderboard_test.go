package rating_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// surveyOnly returns a rater whose ratings are the survey index alone, so a test can make a rating of any value.
func surveyOnly(t tb) *rating.PersonalRater {
	return personalRater(t, func(s *rating.PersonalSettings) { s.CallWeight = d("0") })
}

// rated returns a rating of the given value, sufficient or not (too few clients surveyed).
func rated(t tb, r *rating.PersonalRater, value string, sufficient bool) rating.Rating {
	t.Helper()
	clients := int64(100)
	if !sufficient {
		clients = 1000
	}
	p, err := r.Rate(rating.PersonalInput{EmployeeID: "e",
		Survey: rating.Survey{CSI: nd(value), NPS: nd(value), Surveyed: 10, Clients: clients}})
	if err != nil {
		t.Fatal(err)
	}
	return p.Rating
}

func standings(ss []rating.Standing) []string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%d %d %s %s", s.Rank, s.DenseRank, s.ID, s.Rating))
	}
	return out
}

// TestRank pins competition (1224) and dense (1223) ranks, the ID tiebreak and insufficient ratings after the
// ranked ones.
func TestRank(t *testing.T) {
	r := surveyOnly(t)
	ratings := map[string]rating.Rating{
		"dina":  rated(t, r, "4.2", true),
		"boris": rated(t, r, "4.7", true),
		"erik":  rated(t, r, "3.1", false),
		"anna":  rated(t, r, "4.2", true),
		"carl":  rated(t, r, "4.9", true),
		"fedor": rated(t, r, "4.1", true),
		"gleb":  rated(t, r, "4.25", true),
		"alla":  rated(t, r, "5", false),
	}
	got, err := rating.Rank(ratings)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 1 carl 4.9",
		"2 2 boris 4.7",
		"3 3 gleb 4.3", // 4.25 displays half-up as 4.3 but ranks above the 4.2s
		"4 4 anna 4.2",
		"4 4 dina 4.2",
		"6 5 fedor 4.1",
		"0 0 alla insufficient [5.0]: low-coverage",
		"0 0 erik insufficient [3.1]: low-coverage",
	}
	if diff := cmp.Diff(want, standings(got)); diff != "" {
		t.Errorf("Rank() mismatch (-want +got):\n%s", diff)
	}
	_, err = rating.Rank(map[string]rating.Rating{"": {}})
	wantErr(t, err, sq.ErrInvalid, "an empty ID")
	if got, err := rating.Rank(nil); err != nil || len(got) != 0 {
		t.Errorf("Rank(nil) = %v, %v; want nothing", got, err)
	}
}

// TestRankProperties: the competition rank is one more than the number of ratings strictly higher, the dense
// rank one more than the number of distinct higher values, insufficient ratings come last unranked in ID order,
// and every rating is listed once.
func TestRankProperties(t *testing.T) {
	r := surveyOnly(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		ratings := map[string]rating.Rating{}
		for i := 0; i < n; i++ {
			v := rapid.SampledFrom([]string{"3", "3.5", "4", "4.5", "5"}).Draw(t, "value")
			ratings[fmt.Sprintf("e%02d", i)] = rated(t, r, v, rapid.Bool().Draw(t, "sufficient"))
		}
		got, err := rating.Rank(ratings)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("%d standings of %d ratings", len(got), n)
		}
		lastApart := ""
		for i, s := range got {
			if !s.Rating.Equal(ratings[s.ID]) {
				t.Fatalf("%s: rating %s, want %s", s.ID, s.Rating, ratings[s.ID])
			}
			if !s.Rating.Sufficient() {
				if s.Rank != 0 || s.DenseRank != 0 || s.ID <= lastApart {
					t.Fatalf("insufficient %s: rank %d dense %d, after %q", s.ID, s.Rank, s.DenseRank, lastApart)
				}
				lastApart = s.ID
				continue
			}
			if i > 0 && !got[i-1].Rating.Sufficient() {
				t.Fatalf("sufficient %s listed after an insufficient rating", s.ID)
			}
			higher, distinct := 0, map[string]bool{}
			for _, o := range got {
				if o.Rating.Sufficient() && o.Rating.Exact().Cmp(s.Rating.Exact()) > 0 {
					higher++
					distinct[o.Rating.Exact().Rat().RatString()] = true
				}
			}
			if s.Rank != higher+1 || s.DenseRank != len(distinct)+1 {
				t.Fatalf("%s: rank %d dense %d, want %d and %d", s.ID, s.Rank, s.DenseRank, higher+1, len(distinct)+1)
			}
		}
	})
}
