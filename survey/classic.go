package survey

import (
	"fmt"
	"math"
	"math/big"

	"github.com/servicequality/servicequality/sq"
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
		return problem(ErrInvalidSetting, "cuts", fmt.Sprintf("detractors 0–%d, promoters %d–10", e.DetractorMax,
			e.PromoterMin), "0 ≤ DetractorMax < PromoterMin ≤ 10")
	}
	return nil
}

// ClassicNPS is the Net Promoter Score as most survey tools define it (SPEC R15): answers 0–10 to "how likely are
// you to recommend us?", promoters minus detractors as a percentage of all answers, from −100 to +100.
//
// It is not the NPS of the source methodology (the share of "yes" answers, a Share, SPEC R12): the two types
// share no method, interface or conversion, and ClassicNPS has no 5-point form of its own: the conversion of SPEC
// R13 (percent / 20) belongs to the share of "yes" answers, and a classic NPS of 0 is not a share of 0%. Where a
// classic NPS must sit beside 5-point ratings, map it explicitly, (score + 100) / 40 (−100 → 0, 0 → 2.5, +100 → 5),
// and say so where it is shown.
//
// Build it with NewClassicNPS (from group counts) or ClassicNPSFromAnswers; combine tallies with Merge (tallies
// sorted with different cuts should not be merged). The zero value is the empty sample, the identity of Merge; its
// Score reports ErrEmpty. Values are immutable and safe for concurrent use.
type ClassicNPS struct {
	promoters, passives, detractors int64
}

// NewClassicNPS returns the tally of the given group counts. Negative counts are errors wrapping
// ErrInvalidCount, totals above MaxCount errors wrapping sq.ErrLimit.
func NewClassicNPS(promoters, passives, detractors int64) (ClassicNPS, error) {
	for _, c := range []struct {
		name string
		n    int64
	}{{"promoters", promoters}, {"passives", passives}, {"detractors", detractors}} {
		if err := checkCount(c.name, c.n); err != nil {
			return ClassicNPS{}, err
		}
	}
	if _, err := checkCounts("classic NPS", []int64{promoters, passives, detractors}, 0); err != nil {
		return ClassicNPS{}, err
	}
	return ClassicNPS{promoters: promoters, passives: passives, detractors: detractors}, nil
}

// ClassicNPSFromAnswers sorts answers on 0–10 into groups by cuts (the zero ClassicCuts means the standard cuts).
// Invalid cuts wrap ErrInvalidSetting; an answer off the scale is an error wrapping ErrInvalidAnswer.
func ClassicNPSFromAnswers(answers []int, cuts ClassicCuts) (ClassicNPS, error) {
	if err := cuts.Validate(); err != nil {
		return ClassicNPS{}, err
	}
	cuts = cuts.effective()
	var c ClassicNPS
	for i, a := range answers {
		if a < 0 || a > 10 {
			return ClassicNPS{}, answerError("classic NPS", i, a, 0, 10)
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
// A merged total above MaxCount is an error wrapping sq.ErrLimit.
func (c ClassicNPS) Merge(o ClassicNPS) (ClassicNPS, error) {
	if _, err := addCounts("classic NPS", c.Total(), o.Total()); err != nil {
		return ClassicNPS{}, err
	}
	return ClassicNPS{promoters: c.promoters + o.promoters, passives: c.passives + o.passives,
		detractors: c.detractors + o.detractors}, nil
}

// Score returns the classic NPS, 100 × (promoters − detractors) / total, exact, within [−100, 100]: 291 promoters
// and 395 detractors of 1162 give −5200/581 (−8.95 rounded to 2 places). An empty tally is an error wrapping
// ErrEmpty.
func (c ClassicNPS) Score() (sq.Fraction, error) {
	if c.Total() == 0 {
		return sq.Fraction{}, errEmpty("classic NPS")
	}
	return c.score(), nil
}

func (c ClassicNPS) score() sq.Fraction {
	return ratio(c.promoters-c.detractors, 100, c.Total())
}

// Variance returns the variance of one answer scored +1 (promoter), 0 (passive) or −1 (detractor):
// p + d − (p − d)², where p and d are the promoter and detractor proportions, exact, within [0, 1]; multiply by
// 10 000 for the variance in points². It is the population (plug-in) variance, the one the usual margin-of-error
// formula uses. An empty tally is an error wrapping ErrEmpty.
func (c ClassicNPS) Variance() (sq.Fraction, error) {
	if c.Total() == 0 {
		return sq.Fraction{}, errEmpty("classic NPS")
	}
	return c.variance(), nil
}

// variance returns the per-answer variance p + d − (p − d)² of a non-empty tally, exact.
func (c ClassicNPS) variance() sq.Fraction {
	n := c.Total()
	p, d := ratio(c.promoters, 1, n), ratio(c.detractors, 1, n)
	diff := p.Sub(d)
	return p.Add(d).Sub(diff.Mul(diff))
}

// varianceRatio returns the per-answer variance as num/den = ((P + D)·n − (P − D)²) / n², in integers.
func (c ClassicNPS) varianceRatio() (num, den *big.Int) {
	n := big.NewInt(c.Total())
	pd := big.NewInt(c.promoters + c.detractors)
	diff := big.NewInt(c.promoters - c.detractors)
	num = new(big.Int).Mul(pd, n)
	num.Sub(num, new(big.Int).Mul(diff, diff))
	return num, new(big.Int).Mul(n, n)
}

// stdErr returns the standard error of the score in points, 100 × √(variance / n), as a float64 from the exact
// variance.
func (c ClassicNPS) stdErr() float64 {
	return 100 * math.Sqrt(ratFloat(c.varianceRatio())/float64(c.Total()))
}

// StdErr returns the standard error of the score in points, 100 × √((p + d − (p − d)²) / n), an estimate computed
// in float64 and rounded to p. An empty tally wraps ErrEmpty; an invalid p is the error of p.Validate.
func (c ClassicNPS) StdErr(p sq.Precision) (decimal.Decimal, error) {
	if err := c.ready(p); err != nil {
		return decimal.Decimal{}, err
	}
	return estimate("classic NPS standard error", c.stdErr(), p)
}

// Margin returns the margin of error of the score in points at the confidence level (0.95 for 95%): z × StdErr,
// where z is the two-sided critical value of the normal distribution (1.959963984540054 for 0.95). It is an estimate
// computed in float64 and rounded to p: 291 promoters and 395 detractors of 1162 give 4.39 at 0.95 and 2 places.
// A level outside (0, 1) wraps ErrInvalidSetting; other errors as for StdErr.
func (c ClassicNPS) Margin(level decimal.Decimal, p sq.Precision) (decimal.Decimal, error) {
	if err := c.ready(p); err != nil {
		return decimal.Decimal{}, err
	}
	z, err := criticalZ(level)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return estimate("classic NPS margin of error", z*c.stdErr(), p)
}

func (c ClassicNPS) ready(p sq.Precision) error {
	if err := p.Validate(); err != nil {
		return at("precision", err)
	}
	if c.Total() == 0 {
		return errEmpty("classic NPS")
	}
	return nil
}

// ClassicChange is the comparison of two classic NPS samples, such as two periods, made by CompareClassic.
// The zero value means no change was measured.
type ClassicChange struct {
	// Difference is Score(after) − Score(before) in points, exact.
	Difference sq.Fraction
	// StdErr is the standard error of the difference in points, √(SE_before² + SE_after²), an estimate rounded to
	// the precision of the call.
	StdErr decimal.Decimal
	// Z is Difference / StdErr, computed before rounding, an estimate rounded to the precision of the call.
	Z decimal.Decimal
	// PValue is the two-sided p-value of Z under the normal distribution, erfc(|Z| / √2), an estimate in [0, 1]
	// rounded to the precision of the call.
	PValue decimal.Decimal
}

// CompareClassic compares the classic NPS of two independent samples, before and after (two periods, two
// channels): the exact difference in points, and its standard error, the z statistic and the two-sided p-value
// rounded to p. An empty sample wraps ErrEmpty; when both samples have zero variance (every answer of each in one
// group) the z statistic is undefined and the error wraps ErrUndefined; an invalid p is the error of p.Validate.
func CompareClassic(before, after ClassicNPS, p sq.Precision) (ClassicChange, error) {
	if err := p.Validate(); err != nil {
		return ClassicChange{}, at("precision", err)
	}
	if before.Total() == 0 {
		return ClassicChange{}, at("before", errEmpty("classic NPS"))
	}
	if after.Total() == 0 {
		return ClassicChange{}, at("after", errEmpty("classic NPS"))
	}
	diff := after.score().Sub(before.score())
	sb, sa := before.stdErr(), after.stdErr()
	se := math.Sqrt(sb*sb + sa*sa)
	if se == 0 {
		return ClassicChange{}, fail(ErrUndefined,
			"both samples have zero variance, so the z statistic of the classic NPS comparison is undefined")
	}
	z := diff.Float64() / se
	pv := math.Erfc(math.Abs(z) / math.Sqrt2)
	out := ClassicChange{Difference: diff}
	var err error
	if out.StdErr, err = estimate("standard error of the difference", se, p); err != nil {
		return ClassicChange{}, err
	}
	if out.Z, err = estimate("z statistic", z, p); err != nil {
		return ClassicChange{}, err
	}
	if out.PValue, err = estimate("p-value", pv, p); err != nil {
		return ClassicChange{}, err
	}
	return out, nil
}
