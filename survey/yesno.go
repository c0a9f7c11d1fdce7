package survey

import (
	"github.com/shopspring/decimal"
)

// RecommendShare is the NPS as the source methodology defines it (SPEC R12): the share of "yes" answers to
// "Would you recommend our company to friends and acquaintances?" in the whole sample, as a percentage, and its
// 5-point form percent / 20 (SPEC R13: 100% = 5, 90% = 4.5).
//
// It is not the classic Net Promoter Score of 0–10 answers: that is ClassicNPS, a separate type with no method,
// interface or conversion in common with this one, so neither can be passed for the other.
//
// A RecommendShare is a tally of counts: build it with NewRecommendShare or RecommendShareFromAnswers and combine
// tallies with Merge. The zero value is the empty sample, the identity of Merge; its Percent and Points report
// ErrEmpty. Values are immutable and safe for concurrent use.
type RecommendShare struct {
	yes, total int64
}

// NewRecommendShare returns the tally of yes "yes" answers out of total answers. Negative counts, yes > total and
// totals above MaxCount are errors wrapping ErrInvalidCount. A total of zero gives the empty tally.
func NewRecommendShare(yes, total int64) (RecommendShare, error) {
	if err := checkPart("recommend: yes", yes, "total", total); err != nil {
		return RecommendShare{}, err
	}
	return RecommendShare{yes: yes, total: total}, nil
}

// RecommendShareFromAnswers tallies yes/no answers: true is "yes, I would recommend you".
func RecommendShareFromAnswers(answers []bool) RecommendShare {
	var s RecommendShare
	for _, a := range answers {
		if a {
			s.yes++
		}
	}
	s.total = int64(len(answers))
	return s
}

// Yes returns the number of "yes" answers.
func (s RecommendShare) Yes() int64 { return s.yes }

// No returns the number of "no" answers.
func (s RecommendShare) No() int64 { return s.total - s.yes }

// Total returns the number of answers.
func (s RecommendShare) Total() int64 { return s.total }

// IsEmpty reports whether the tally holds no answers.
func (s RecommendShare) IsEmpty() bool { return s.total == 0 }

// Equal reports whether both tallies hold the same counts.
func (s RecommendShare) Equal(o RecommendShare) bool { return s == o }

// Merge returns the tally of both samples together. Merge is associative and commutative and the zero value is
// its identity, so tallies of groups merge to the tally of the whole. A merged total above MaxCount is an error
// wrapping ErrInvalidCount.
func (s RecommendShare) Merge(o RecommendShare) (RecommendShare, error) {
	total, err := addCounts("recommend", s.total, o.total)
	if err != nil {
		return RecommendShare{}, err
	}
	return RecommendShare{yes: s.yes + o.yes, total: total}, nil
}

// Percent returns the NPS of SPEC R12, 100 × yes / total, rounded to places digits by r, and whether that is the
// exact value: 9 of 10 gives 90 (exact); 2 of 3 gives 66.67 at 2 places half-up (not exact). An empty tally is an
// error wrapping ErrEmpty; places outside 0–MaxPlaces or an unknown rule wrap ErrInvalidPrecision.
func (s RecommendShare) Percent(places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := s.ready(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	d, exact := ratio(100*s.yes, s.total, places, r)
	return d, exact, nil
}

// Points returns the NPS on the 5-point scale of SPEC R13, percent / 20 = 5 × yes / total, within [0, 5] and
// rounded to places digits by r, and whether it is exact: 10 of 10 gives 5, 9 of 10 gives 4.5, 0 of n gives 0.
// It is computed from the counts with a single rounding, not from a rounded Percent. Errors as for Percent.
//
// This is the index the ratings of SPEC R7 and R8 take as "the NPS of the clients".
func (s RecommendShare) Points(places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := s.ready(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	d, exact := ratio(5*s.yes, s.total, places, r)
	return d, exact, nil
}

// Wilson returns the Wilson score interval of the "yes" proportion (on [0, 1]) at the confidence level, such as
// 0.95, with places digits: the low bound rounded down and the high bound rounded up (see the package notes on
// estimates). Multiply by 100 for percent or by 5 for points. It always contains the observed proportion.
func (s RecommendShare) Wilson(level decimal.Decimal, places int32) (Interval, error) {
	return wilson("recommend share", s.yes, s.total, level, places)
}

func (s RecommendShare) ready(places int32, r Rounding) error {
	if err := checkPrecision(places, r); err != nil {
		return err
	}
	if s.total == 0 {
		return errEmpty("recommend share")
	}
	return nil
}
