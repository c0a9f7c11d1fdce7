package rating

import (
	"slices"
	"strings"
)

// Standing is a rating's place on a leaderboard (Rank).
type Standing struct {
	// ID is the employee or department rated.
	ID string
	// Rank is the competition rank ("1224"): one more than the number of sufficient ratings strictly higher; 0 for
	// an insufficient rating, which is not ranked.
	Rank int
	// DenseRank is the dense rank ("1223"): one more than the number of distinct values rated strictly higher;
	// 0 for an insufficient rating.
	DenseRank int
	Rating    Rating
}

// Rank ranks the sufficient ratings, keyed by ID, and lists the insufficient ones after them, unranked (ranks 0),
// in ascending order of ID. Ratings are compared by their exact values, so two ratings tie only when they are
// equal, not when they merely display alike (4.44 and 4.36 both show 4.4 but do not tie). The order is by value,
// highest first, and among equal values by ID in ascending byte order; tied ratings share their ranks. An empty
// ID is an error wrapping sq.ErrInvalid.
func Rank(ratings map[string]Rating) ([]Standing, error) {
	out := make([]Standing, 0, len(ratings))
	for id, r := range ratings {
		if id == "" {
			return nil, errorf("leaderboard: a rating has an empty ID: %w", errInvalidInput)
		}
		out = append(out, Standing{ID: id, Rating: r})
	}
	slices.SortFunc(out, func(a, b Standing) int {
		if sa, sb := a.Rating.Sufficient(), b.Rating.Sufficient(); sa != sb {
			if sa {
				return -1
			}
			return 1
		} else if sa {
			if c := b.Rating.Exact().Cmp(a.Rating.Exact()); c != 0 {
				return c
			}
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i := range out {
		if !out[i].Rating.Sufficient() {
			break
		}
		if i > 0 && out[i].Rating.Exact().Equal(out[i-1].Rating.Exact()) {
			out[i].Rank, out[i].DenseRank = out[i-1].Rank, out[i-1].DenseRank
			continue
		}
		out[i].Rank = i + 1
		out[i].DenseRank = 1
		if i > 0 {
			out[i].DenseRank = out[i-1].DenseRank + 1
		}
	}
	return out, nil
}

// Equal reports whether s and o have the same ID, ranks and equal ratings.
func (s Standing) Equal(o Standing) bool {
	return s.ID == o.ID && s.Rank == o.Rank && s.DenseRank == o.DenseRank && s.Rating.Equal(o.Rating)
}
