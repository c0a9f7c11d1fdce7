package survey

import (
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Share is a tally of hits out of a total: the one shape of every yes/no metric of this package.
//
//   - The NPS of the source methodology (SPEC R12): "yes" answers to "would you recommend us?" out of all answers,
//     with its 5-point form Points (SPEC R13). Tallies.Recommend.
//   - CSAT (SPEC R15): answers of 4 or 5 on 1–5 out of all answers. Tallies.CSAT; CSATFromAnswers.
//   - FCR (SPEC R15): contacts resolved at the first contact out of all contacts. Tallies.FCR.
//   - Coverage (SPEC R14): surveyed clients out of all clients of an employee or department, checked by Meets.
//     It counts clients, not answers (Segment.Respondents counts them so), every client alike: weighted samples
//     are not supported.
//   - Retention (SPEC R15): complainants still clients out of all complainants. RetentionFromOutcomes.
//
// A Share is not the classic 0–10 NPS: that is ClassicNPS, a separate type with no method or conversion in common.
//
// Build it with NewShare or one of the functions above; combine shares with Merge. The zero value is the empty
// sample, the identity of Merge; its Percent, Points and Wilson report ErrEmpty. Metrics are exact sq.Fraction
// values: round them once, where they are shown, with Fraction.Round. Values are immutable and safe for
// concurrent use.
type Share struct {
	hits, total int64
}

// NewShare returns the tally of hits out of total. Negative counts and hits > total are errors wrapping
// ErrInvalidCount, totals above MaxCount errors wrapping sq.ErrLimit. A total of zero gives the empty tally.
func NewShare(hits, total int64) (Share, error) {
	if err := checkPart("hits", hits, "total", total); err != nil {
		return Share{}, err
	}
	return Share{hits: hits, total: total}, nil
}

// CSATFromAnswers tallies answers on the scale 1–5, counting 4 and 5 as hits (satisfied). An answer off the scale
// is an error wrapping ErrInvalidAnswer, naming its index.
func CSATFromAnswers(answers []int) (Share, error) {
	var s Share
	for i, a := range answers {
		if a < 1 || a > 5 {
			return Share{}, answerError("CSAT", i, a, 1, 5)
		}
		if a >= 4 {
			s.hits++
		}
	}
	s.total = int64(len(answers))
	return s, nil
}

// Hits returns the number of hits: "yes" answers, satisfied answers, resolved contacts, surveyed clients or
// retained complainants.
func (s Share) Hits() int64 { return s.hits }

// Total returns the number of answers (contacts, clients, complainants).
func (s Share) Total() int64 { return s.total }

// Equal reports whether both tallies hold the same counts.
func (s Share) Equal(o Share) bool { return s == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity,
// so tallies of groups merge into the tally of the whole. For coverage it assumes the populations do not overlap
// (a client shared by two employees counts twice). A merged total above MaxCount is an error wrapping
// sq.ErrLimit.
func (s Share) Merge(o Share) (Share, error) {
	total, err := addCounts("share", s.total, o.total)
	if err != nil {
		return Share{}, err
	}
	return Share{hits: s.hits + o.hits, total: total}, nil
}

// Percent returns 100 × hits / total, exact: 9 of 10 give 90, 2 of 3 give 200/3 (66.67 rounded to 2 places). It is
// the NPS of SPEC R12 for Tallies.Recommend. An empty tally is an error wrapping ErrEmpty.
func (s Share) Percent() (sq.Fraction, error) {
	if s.total == 0 {
		return sq.Fraction{}, errEmpty("share")
	}
	return ratio(s.hits, 100, s.total), nil
}

// Points returns the share on the 5-point scale of SPEC R13, percent / 20 = 5 × hits / total, exact, within
// [0, 5]: 10 of 10 give 5, 9 of 10 give 4.5, 2 of 3 give 10/3. Of Tallies.Recommend it is the index the ratings of
// SPEC R7 and R8 take as "the NPS of the clients". An empty tally is an error wrapping ErrEmpty.
func (s Share) Points() (sq.Fraction, error) {
	if s.total == 0 {
		return sq.Fraction{}, errEmpty("share")
	}
	return ratio(s.hits, 5, s.total), nil
}

// Wilson returns the Wilson score interval of the proportion hits / total (on [0, 1]) at the confidence level,
// such as 0.95, with places digits (0–sq.MaxPlaces): the low bound rounded down and the high bound rounded up, so
// the rounded interval contains the computed one and always the observed proportion (see the package notes on
// estimates). Multiply by 100 for percent or by 5 for points. A level outside (0, 1) or bad places wrap
// ErrInvalidSetting; an empty tally wraps ErrEmpty.
func (s Share) Wilson(level decimal.Decimal, places int32) (Interval, error) {
	return wilson("share", s.hits, s.total, level, places)
}

// Meets reports whether hits / total reaches minPercent, compared exactly, without rounding: the coverage rule of
// SPEC R14. A zero minPercent means DefaultMinCoveragePercent (4), so 4 of 100 clients meet it and 3 of 76 (3.95%)
// do not. A minPercent outside [0, 100] wraps ErrInvalidSetting; an empty tally wraps ErrEmpty.
func (s Share) Meets(minPercent decimal.Decimal) (bool, error) {
	min, err := minimum(minPercent)
	if err != nil {
		return false, err
	}
	if s.total == 0 {
		return false, problem(ErrEmpty, "total", "0", "at least one client")
	}
	// hits / total ≥ min / 100  ⇔  100 × hits ≥ min × total.
	return decimal.NewFromInt(100*s.hits).Cmp(min.Mul(decimal.NewFromInt(s.total))) >= 0, nil
}

// Required returns the least number of hits that meet minPercent (zero meaning DefaultMinCoveragePercent) out of
// the total: ⌈min × total / 100⌉, the clients to survey. It is 0 for an empty tally. A minPercent outside [0, 100]
// wraps ErrInvalidSetting.
func (s Share) Required(minPercent decimal.Decimal) (int64, error) {
	min, err := minimum(minPercent)
	if err != nil {
		return 0, err
	}
	return min.Mul(decimal.NewFromInt(s.total)).Shift(-2).Ceil().IntPart(), nil
}

// DefaultMinCoveragePercent is the minimum share of an employee's clients that must be surveyed for a survey
// result to count (SPEC R14): 4%. Share.Meets and Share.Required apply it when given a zero minimum.
const DefaultMinCoveragePercent = 4

// minimum checks a minimum percent and returns the one that applies.
func minimum(minPercent decimal.Decimal) (decimal.Decimal, error) {
	if err := sq.CheckDecimal(minPercent); err != nil {
		return decimal.Decimal{}, at("minPercent", err)
	}
	if minPercent.Sign() < 0 || minPercent.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Decimal{}, problem(ErrInvalidSetting, "minPercent", decText(minPercent), "within 0–100 (0: the default 4)")
	}
	if minPercent.IsZero() {
		return decimal.NewFromInt(DefaultMinCoveragePercent), nil
	}
	return minPercent, nil
}
