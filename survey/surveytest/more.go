package surveytest

import (
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Target draws valid targets: either comparison; absolute thresholds of −100…100, percent changes of −100%…+200%
// on a positive baseline, and offsets in points from any baseline, with up to 2 digits after the point.
func Target() *rapid.Generator[survey.Target] {
	return rapid.Custom(func(t *rapid.T) survey.Target {
		num := func(label string, lo, hi int) decimal.Decimal {
			return decimal.New(int64(rapid.IntRange(lo*100, hi*100).Draw(t, label)), -2)
		}
		tg := survey.Target{
			Metric:  rapid.SampledFrom([]string{"NPS", "CSAT, %", "response time, minutes", "complainants kept, %"}).Draw(t, "metric"),
			Compare: rapid.SampledFrom([]survey.Comparison{survey.AtLeast, survey.AtMost}).Draw(t, "compare"),
			Mode:    rapid.SampledFrom([]survey.Mode{survey.Absolute, survey.Percent, survey.Offset}).Draw(t, "mode"),
		}
		switch tg.Mode {
		case survey.Absolute:
			tg.Value = num("value", -100, 100)
		case survey.Percent:
			tg.Value, tg.Baseline = num("value", -100, 200), num("baseline", 0, 100).Add(decimal.New(1, -2))
		case survey.Offset:
			tg.Value, tg.Baseline = num("value", -50, 50), num("baseline", -100, 100)
		}
		return tg
	})
}
