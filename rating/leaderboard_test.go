package rating_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"pgregory.net/rapid"
)

// surveyOnly returns a rater whose ratings are the survey index alone, so a test can make a rating of any value.
func surveyOnly(t tb) *rating.PersonalRater {
	return personalRater(t, func(s *rating.PersonalSettings) {
		s.Weights.Weights[0].Weight = d("0")
	})
}

// entry returns a leaderboard entry of the given value, sufficient or not (too few clients surveyed).
func entry(t tb, r *rating.PersonalRater, id, value string, sufficient bool) rating.Entry {
	t.Helper()
	clients := int64(100)
	if !sufficient {
		clients = 1000
	}
	p, err := r.Rate(rating.PersonalInput{EmployeeID: id,
		Survey: rating.Survey{CSI: nd(value), NPS: nd(value), Surveyed: 10, Clients: clients}})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entry()
}

func standings(ss []rating.Standing) []string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%d %d %s %s", s.Rank, s.DenseRank, s.ID, s.Rating))
	}
	return out
}

// TestLeaderboard pins competition (1224) and dense (1223) ranks, the ID tiebreak and insufficient ratings apart.
func TestLeaderboard(t *testing.T) {
	r := surveyOnly(t)
	entries := []rating.Entry{
		entry(t, r, "dina", "4.2", true),
		entry(t, r, "boris", "4.7", true),
		entry(t, r, "erik", "3.1", false),
		entry(t, r, "anna", "4.2", true),
		entry(t, r, "carl", "4.9", true),
		entry(t, r, "fedor", "4.1", true),
		entry(t, r, "gleb", "4.25", true),
		entry(t, r, "alla", "5", false),
	}
	l, err := rating.NewLeaderboard(entries)
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
	}
	if diff := cmp.Diff(want, standings(l.Ranked())); diff != "" {
		t.Errorf("Ranked() mismatch (-want +got):\n%s", diff)
	}
	wantApart := []string{"0 0 alla insufficient [5.0]: low-coverage", "0 0 erik insufficient [3.1]: low-coverage"}
	if diff := cmp.Diff(wantApart, standings(l.Insufficient())); diff != "" {
		t.Errorf("Insufficient() mismatch (-want +got):\n%s", diff)
	}
	if l.Len() != len(entries) {
		t.Errorf("Len() = %d", l.Len())
	}
	_, err = rating.NewLeaderboard(append(entries, entries[0]))
	wantErr(t, err, rating.ErrDuplicate, "an ID twice")
	_, err = rating.NewLeaderboard([]rating.Entry{{}})
	wantErr(t, err, rating.ErrInvalidInput, "an empty ID")
	var zero rating.Leaderboard
	if zero.Len() != 0 || len(zero.Ranked()) != 0 {
		t.Error("the zero Leaderboard is not empty")
	}
}

// TestLeaderboardProperties: the competition rank is one more than the number of entries rated strictly higher,
// the dense rank one more than the number of distinct higher values, and the order does not depend on the order
// of the input.
func TestLeaderboardProperties(t *testing.T) {
	r := surveyOnly(t)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		var entries []rating.Entry
		for i := 0; i < n; i++ {
			v := rapid.SampledFrom([]string{"3", "3.5", "4", "4.5", "5"}).Draw(t, "value")
			entries = append(entries, entry(t, r, fmt.Sprintf("e%02d", i), v, rapid.Bool().Draw(t, "sufficient")))
		}
		l, err := rating.NewLeaderboard(entries)
		if err != nil {
			t.Fatal(err)
		}
		ranked := l.Ranked()
		for _, s := range ranked {
			higher, distinct := 0, map[string]bool{}
			for _, o := range ranked {
				if o.Rating.Exact().Cmp(s.Rating.Exact()) > 0 {
					higher++
					distinct[o.Rating.Exact().RatString()] = true
				}
			}
			if s.Rank != higher+1 || s.DenseRank != len(distinct)+1 {
				t.Fatalf("%s: rank %d dense %d, want %d and %d", s.ID, s.Rank, s.DenseRank, higher+1, len(distinct)+1)
			}
		}
		if len(ranked)+len(l.Insufficient()) != n {
			t.Fatalf("%d ranked and %d apart of %d", len(ranked), len(l.Insufficient()), n)
		}
		shuffled, err := rating.NewLeaderboard(rapid.Permutation(entries).Draw(t, "shuffled"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(standings(l.Ranked()), standings(shuffled.Ranked())); diff != "" {
			t.Fatalf("order depends on the input order (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(standings(l.Insufficient()), standings(shuffled.Insufficient())); diff != "" {
			t.Fatalf("insufficient order depends on the input order (-want +got):\n%s", diff)
		}
	})
}
