package rating

import (
	"cmp"
	"slices"
	"strings"
)

// Entry is a rating to place on a leaderboard under an ID (an employee or a department).
type Entry struct {
	ID     string
	Rating Rating
}

// Standing is an entry's place on a leaderboard.
type Standing struct {
	ID string
	// Rank is the competition rank ("1224"): one more than the number of entries rated strictly higher.
	Rank int
	// DenseRank is the dense rank ("1223"): one more than the number of distinct values rated strictly higher.
	DenseRank int
	Rating    Rating
}

// Leaderboard ranks sufficient ratings and lists insufficient ones apart. Ratings are compared by their exact
// values, so two ratings tie only when they are equal, not when they merely display alike (4.44 and 4.36 both
// show 4.4 but do not tie). The order is by value, highest first, and among equal values by ID in ascending byte
// order; tied entries share their ranks.
//
// The zero Leaderboard is empty. A Leaderboard is immutable and safe for concurrent use.
type Leaderboard struct {
	ranked       []Standing
	insufficient []Standing
}

// NewLeaderboard ranks entries. IDs must be non-empty and unique (errors wrap ErrInvalidInput or ErrDuplicate).
// Insufficient ratings get no rank; they are listed apart in ascending order of ID.
func NewLeaderboard(entries []Entry) (Leaderboard, error) {
	seen := make(map[string]int, len(entries))
	var l Leaderboard
	for i, e := range entries {
		if e.ID == "" {
			return Leaderboard{}, errorf("leaderboard entry at index %d has an empty ID: %w", i, ErrInvalidInput)
		}
		if j, dup := seen[e.ID]; dup {
			return Leaderboard{}, errorf("leaderboard ID %q appears twice (index %d and %d): %w", e.ID, j, i, ErrDuplicate)
		}
		seen[e.ID] = i
		s := Standing{ID: e.ID, Rating: e.Rating}
		if e.Rating.Sufficient() {
			l.ranked = append(l.ranked, s)
		} else {
			l.insufficient = append(l.insufficient, s)
		}
	}
	slices.SortStableFunc(l.ranked, func(a, b Standing) int {
		if c := b.Rating.Exact().Cmp(a.Rating.Exact()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i := range l.ranked {
		if i > 0 && l.ranked[i].Rating.Exact().Equal(l.ranked[i-1].Rating.Exact()) {
			l.ranked[i].Rank, l.ranked[i].DenseRank = l.ranked[i-1].Rank, l.ranked[i-1].DenseRank
			continue
		}
		l.ranked[i].Rank = i + 1
		if i == 0 {
			l.ranked[i].DenseRank = 1
		} else {
			l.ranked[i].DenseRank = l.ranked[i-1].DenseRank + 1
		}
	}
	slices.SortFunc(l.insufficient, func(a, b Standing) int { return cmp.Compare(a.ID, b.ID) })
	return l, nil
}

// Ranked returns the sufficient ratings in rank order. The slice is a copy.
func (l Leaderboard) Ranked() []Standing { return slices.Clone(l.ranked) }

// Insufficient returns the insufficient ratings, unranked, in ascending order of ID. The slice is a copy.
func (l Leaderboard) Insufficient() []Standing { return slices.Clone(l.insufficient) }

// Len returns the number of entries, ranked and not.
func (l Leaderboard) Len() int { return len(l.ranked) + len(l.insufficient) }
