package survey

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// ClassicCuts are the cut points that sort classic NPS answers (0–10) into groups: answers ≥ PromoterMin are
// promoters, answers ≤ DetractorMax are detractors, the rest passives. They must satisfy
// 0 ≤ DetractorMax < PromoterMin ≤ 10.
//
// The zero value means the standard cuts, detractors 0–6, passives 7–8, promoters 9–10 (the same as
// ClassicCuts{DetractorMax: 6, PromoterMin: 9}); any other value is used as given once checked. Cuts compare with ==.
type ClassicCuts struct {
	DetractorMax int
	PromoterMin  int
}

// effective returns the cuts to use: the standard cuts for the zero value.
func (c ClassicCuts) effective() ClassicCuts {
	if c == (ClassicCuts{}) {
		return ClassicCuts{DetractorMax: 6, PromoterMin: 9}
	}
	return c
}

// Validate reports an error wrapping ErrInvalidSetting unless 0 ≤ DetractorMax < PromoterMin ≤ 10 (the zero value
// is valid and means the standard cuts).
func (c ClassicCuts) Validate() error {
	e := c.effective()
	if e.DetractorMax < 0 || e.PromoterMin > 10 || e.DetractorMax >= e.PromoterMin {
		return fail(ErrInvalidSetting, "classic NPS cuts: detractors 0–%d and promoters %d–10 need 0 ≤ %d < %d ≤ 10",
			e.DetractorMax, e.PromoterMin, e.DetractorMax, e.PromoterMin)
	}
	return nil
}

// ClassicNPS is the Net Promoter Score as most survey tools define it (SPEC R15): answers 0–10 to "how likely are
// you to recommend us?", promoters minus detractors as a percentage of all answers, from −100 to +100.
//
// It is not the NPS of the source methodology (the share of "yes" answers, RecommendShare, SPEC R12): the two types
// share no method, interface or conversion, and ClassicNPS has no 5-point form of its own. MapClassicToFivePoints is
// an explicit, documented mapping for when one is wanted.
//
// Build it with NewClassicNPS (from group counts) or ClassicNPSFromAnswers; combine tallies with Merge (tallies
// sorted with different cuts should not be merged). The zero value is the empty sample, the identity of Merge; its
// Score reports ErrEmpty. Values are immutable and safe for concurrent use.
type ClassicNPS struct {
	promoters, passives, detractors int64
}

// NewClassicNPS returns the tally of the given group counts. Negative counts and totals above MaxCount are errors
// wrapping ErrInvalidCount.
func NewClassicNPS(promoters, passives, detractors int64) (ClassicNPS, error) {
	if _, err := checkCounts("classic NPS", []int64{promoters, passives, detractors}, 0); err != nil {
		return ClassicNPS{}, fail(ErrInvalidCount,
			"classic NPS counts promoters %d, passives %d, detractors %d must be non-negative and total at most %d",
			promoters, passives, detractors, MaxCount)
	}
	return ClassicNPS{promoters: promoters, passives: passives, detractors: detractors}, nil
}

// ClassicNPSFromAnswers sorts answers on 0–10 into groups by cuts (the zero ClassicCuts means the standard cuts).
// Invalid cuts wrap ErrInvalidSetting; an answer off the scale is an *AnswerError wrapping ErrInvalidAnswer.
func ClassicNPSFromAnswers(answers []int, cuts ClassicCuts) (ClassicNPS, error) {
	if err := cuts.Validate(); err != nil {
		return ClassicNPS{}, err
	}
	cuts = cuts.effective()
	var c ClassicNPS
	for i, a := range answers {
		if a < 0 || a > 10 {
			return ClassicNPS{}, &AnswerError{Metric: "classic NPS", Index: i, Value: a, Min: 0, Max: 10}
		}
		c.add(a, cuts)
	}
	return c, nil
}

// add counts one valid answer with effective cuts.
func (c *ClassicNPS) add(a int, cuts ClassicCuts) {
	switch {
	case a >= cuts.PromoterMin:
		c.promoters++
	case a <= cuts.DetractorMax:
		c.detractors++
	default:
		c.passives++
	}
}

// Counts returns the number of promoters, passives and detractors.
func (c ClassicNPS) Counts() (promoters, passives, detractors int64) {
	return c.promoters, c.passives, c.detractors
}

// Total returns the number of answers.
func (c ClassicNPS) Total() int64 { return c.promoters + c.passives + c.detractors }

// Equal reports whether both tallies hold the same counts.
func (c ClassicNPS) Equal(o ClassicNPS) bool { return c == o }

// Merge returns the tally of both samples together: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping ErrInvalidCount.
func (c ClassicNPS) Merge(o ClassicNPS) (ClassicNPS, error) {
	if _, err := addCounts("classic NPS", c.Total(), o.Total()); err != nil {
		return ClassicNPS{}, err
	}
	return ClassicNPS{promoters: c.promoters + o.promoters, passives: c.passives + o.passives,
		detractors: c.detractors + o.detractors}, nil
}

// Score returns the classic NPS, 100 × (promoters − detractors) / total, within [−100, 100], rounded to places
// digits by r, and whether it is exact: 291 promoters and 395 detractors of 1162 give −8.95 at 2 places.
// An empty tally is an error wrapping ErrEmpty; bad places or rule wrap ErrInvalidPrecision.
func (c ClassicNPS) Score(places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := c.ready(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	d, exact := ratio(100*(c.promoters-c.detractors), c.Total(), places, r)
	return d, exact, nil
}

// Variance returns the variance of one answer scored +1 (promoter), 0 (passive) or −1 (detractor):
// p + d − (p − d)², where p and d are the promoter and detractor proportions. It is exact arithmetic on the counts,
// rounded to places digits by r, and lies within [0, 1]; multiply by 10 000 for the variance in points². It is the
// population (plug-in) variance, the one the usual margin-of-error formula uses. Errors as for Score.
func (c ClassicNPS) Variance(places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := c.ready(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	num, den := c.variance()
	d, exact := bigRatio(num, den, places, r)
	return d, exact, nil
}

// variance returns the per-answer variance as num/den = ((P + D)·n − (P − D)²) / n².
func (c ClassicNPS) variance() (num, den *big.Int) {
	n := big.NewInt(c.Total())
	pd := big.NewInt(c.promoters + c.detractors)
	diff := big.NewInt(c.promoters - c.detractors)
	num = new(big.Int).Mul(pd, n)
	num.Sub(num, new(big.Int).Mul(diff, diff))
	return num, new(big.Int).Mul(n, n)
}

// stdErr returns the standard error of the score in points, 100 × √(variance / n), as a float64.
func (c ClassicNPS) stdErr() float64 {
	num, den := c.variance()
	return 100 * math.Sqrt(ratFloat(num, den)/float64(c.Total()))
}

// StdErr returns the standard error of the score in points, 100 × √((p + d − (p − d)²) / n), an estimate computed
// in float64 and rounded to places digits by r. Errors as for Score.
func (c ClassicNPS) StdErr(places int32, r Rounding) (decimal.Decimal, error) {
	if err := c.ready(places, r); err != nil {
		return decimal.Decimal{}, err
	}
	return estimate("classic NPS standard error", c.stdErr(), places, r)
}

// Margin returns the margin of error of the score in points at the confidence level (0.95 for 95%): z × StdErr,
// where z is the two-sided critical value of the normal distribution (1.959963984540054 for 0.95). It is an estimate
// computed in float64 and rounded to places digits by r: 291 promoters and 395 detractors of 1162 give 4.39 at
// 0.95 and 2 places. A level outside (0, 1) wraps ErrInvalidLevel; other errors as for Score.
func (c ClassicNPS) Margin(level decimal.Decimal, places int32, r Rounding) (decimal.Decimal, error) {
	if err := c.ready(places, r); err != nil {
		return decimal.Decimal{}, err
	}
	z, err := criticalZ(level)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return estimate("classic NPS margin of error", z*c.stdErr(), places, r)
}

func (c ClassicNPS) ready(places int32, r Rounding) error {
	if err := checkPrecision(places, r); err != nil {
		return err
	}
	if c.Total() == 0 {
		return errEmpty("classic NPS")
	}
	return nil
}

// ClassicChange is the comparison of two classic NPS samples, such as two periods, made by CompareClassic.
// All four values are rounded to the places and rule of the call. The zero value means no change was measured.
type ClassicChange struct {
	// Difference is Score(after) − Score(before) in points, exact arithmetic on the counts, then rounded.
	Difference decimal.Decimal
	// StdErr is the standard error of the difference in points, √(SE_before² + SE_after²), an estimate.
	StdErr decimal.Decimal
	// Z is Difference / StdErr, computed before rounding, an estimate.
	Z decimal.Decimal
	// PValue is the two-sided p-value of Z under the normal distribution, erfc(|Z| / √2), an estimate in [0, 1].
	PValue decimal.Decimal
}

// CompareClassic compares the classic NPS of two independent samples, before and after (two periods, two
// channels): the difference in points, its standard error, the z statistic and the two-sided p-value, rounded to
// places digits by r. An empty sample wraps ErrEmpty; when both samples have zero variance (every answer of each in
// one group) the z statistic is undefined and the error wraps ErrUndefined.
func CompareClassic(before, after ClassicNPS, places int32, r Rounding) (ClassicChange, error) {
	if err := checkPrecision(places, r); err != nil {
		return ClassicChange{}, err
	}
	if before.Total() == 0 {
		return ClassicChange{}, errEmpty("classic NPS comparison: the sample before")
	}
	if after.Total() == 0 {
		return ClassicChange{}, errEmpty("classic NPS comparison: the sample after")
	}
	// Difference = 100·(Pa − Da)/na − 100·(Pb − Db)/nb = 100·((Pa − Da)·nb − (Pb − Db)·na) / (na·nb).
	na, nb := big.NewInt(after.Total()), big.NewInt(before.Total())
	num := new(big.Int).Mul(big.NewInt(after.promoters-after.detractors), nb)
	num.Sub(num, new(big.Int).Mul(big.NewInt(before.promoters-before.detractors), na))
	num.Mul(num, big.NewInt(100))
	den := new(big.Int).Mul(na, nb)
	diff, _ := bigRatio(num, den, places, r)

	sb, sa := before.stdErr(), after.stdErr()
	se := math.Sqrt(sb*sb + sa*sa)
	if se == 0 {
		return ClassicChange{}, fail(ErrUndefined,
			"classic NPS comparison: both samples have zero variance, so the z statistic is undefined")
	}
	z := ratFloat(num, den) / se
	p := math.Erfc(math.Abs(z) / math.Sqrt2)
	out := ClassicChange{Difference: diff}
	var err error
	if out.StdErr, err = estimate("standard error of the difference", se, places, r); err != nil {
		return ClassicChange{}, err
	}
	if out.Z, err = estimate("z statistic", z, places, r); err != nil {
		return ClassicChange{}, err
	}
	if out.PValue, err = estimate("p-value", p, places, r); err != nil {
		return ClassicChange{}, err
	}
	return out, nil
}

// MapClassicToFivePoints maps a classic NPS onto the 5-point scale of the ratings by the linear mapping
//
//	points = (score + 100) / 40
//
// so −100 → 0, 0 → 2.5, +100 → 5. It is a mapping chosen for convenience, not the conversion of the source
// methodology: that conversion (percent / 20, SPEC R13) belongs to the share of "yes" answers, RecommendShare.Points,
// and a classic NPS of 0 (as many promoters as detractors) is not a share of 0%. Use this function only where a
// classic NPS must sit beside 5-point ratings, and say so where the result is shown.
//
// The result is computed from the counts, 5 × (n + promoters − detractors) / (2n), rounded once to places digits by
// r, with whether it is exact. Errors as for ClassicNPS.Score.
func MapClassicToFivePoints(c ClassicNPS, places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := c.ready(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	n := c.Total()
	d, exact := ratio(5*(n+c.promoters-c.detractors), 2*n, places, r)
	return d, exact, nil
}
