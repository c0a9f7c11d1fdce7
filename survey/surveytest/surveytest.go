package surveytest

import (
	"time"

	"github.com/servicequality/servicequality/survey"
	"pgregory.net/rapid"
)

// part draws a part of whole: 0…whole, often one of the ends.
func part(t *rapid.T, label string, whole int64) int64 {
	return rapid.OneOf(rapid.Just(int64(0)), rapid.Just(whole), rapid.Int64Range(0, whole)).Draw(t, label)
}

// Share draws k-of-n tallies (recommend shares, CSAT, FCR, coverage, retention) of 0…maxTotal answers.
func Share(maxTotal int64) *rapid.Generator[survey.Share] {
	return rapid.Custom(func(t *rapid.T) survey.Share {
		total := rapid.Int64Range(0, maxTotal).Draw(t, "total")
		s, err := survey.NewShare(part(t, "hits", total), total)
		if err != nil {
			t.Fatalf("surveytest: %v", err)
		}
		return s
	})
}

// ClassicNPS draws classic NPS tallies of 0…maxTotal answers.
func ClassicNPS(maxTotal int64) *rapid.Generator[survey.ClassicNPS] {
	return rapid.Custom(func(t *rapid.T) survey.ClassicNPS {
		total := rapid.Int64Range(0, maxTotal).Draw(t, "total")
		p := part(t, "promoters", total)
		d := part(t, "detractors", total-p)
		c, err := survey.NewClassicNPS(p, total-p-d, d)
		if err != nil {
			t.Fatalf("surveytest: %v", err)
		}
		return c
	})
}

// CSI draws CSI tallies of up to maxPerAnswer answers of each value.
func CSI(maxPerAnswer int64) *rapid.Generator[survey.CSI] {
	return rapid.Custom(func(t *rapid.T) survey.CSI {
		var counts [5]int64
		for i := range counts {
			counts[i] = rapid.Int64Range(0, maxPerAnswer).Draw(t, "count")
		}
		c, err := survey.NewCSI(counts)
		if err != nil {
			t.Fatalf("surveytest: %v", err)
		}
		return c
	})
}

// CES draws CES tallies of up to maxPerAnswer answers of each value.
func CES(maxPerAnswer int64) *rapid.Generator[survey.CES] {
	return rapid.Custom(func(t *rapid.T) survey.CES {
		var counts [7]int64
		for i := range counts {
			counts[i] = rapid.Int64Range(0, maxPerAnswer).Draw(t, "count")
		}
		c, err := survey.NewCES(counts)
		if err != nil {
			t.Fatalf("surveytest: %v", err)
		}
		return c
	})
}

// Tallies draws Tallies whose every tally holds up to about maxTotal answers.
func Tallies(maxTotal int64) *rapid.Generator[survey.Tallies] {
	return rapid.Custom(func(t *rapid.T) survey.Tallies {
		return survey.Tallies{
			CSI:       CSI(maxTotal/5).Draw(t, "csi"),
			Recommend: Share(maxTotal).Draw(t, "recommend"),
			Classic:   ClassicNPS(maxTotal).Draw(t, "classic"),
			CSAT:      Share(maxTotal).Draw(t, "csat"),
			CES:       CES(maxTotal/7).Draw(t, "ces"),
			FCR:       Share(maxTotal).Draw(t, "fcr"),
		}
	})
}

// Answer draws a valid answer of any kind.
func Answer() *rapid.Generator[survey.Answer] {
	return rapid.OneOf(
		answer(survey.KindCSI, 1, 5),
		answer(survey.KindRecommend, 0, 1),
		answer(survey.KindClassic, 0, 10),
		answer(survey.KindCSAT, 1, 5),
		answer(survey.KindCES, 1, 7),
		answer(survey.KindFCR, 0, 1),
	)
}

func answer(k survey.Kind, lo, hi int) *rapid.Generator[survey.Answer] {
	return rapid.Map(rapid.IntRange(lo, hi), func(v int) survey.Answer { return survey.Answer{Kind: k, Value: v} })
}

// Response draws a valid response at a time within [from, from+span) (whole seconds), with employee, department,
// channel and client drawn from small pools so that groups and repeat respondents occur.
func Response(from time.Time, span time.Duration) *rapid.Generator[survey.Response] {
	secs := int64(span / time.Second)
	if secs < 1 {
		secs = 1
	}
	return rapid.Custom(func(t *rapid.T) survey.Response {
		return survey.Response{
			Client:     rapid.SampledFrom([]string{"", "c1", "c2", "c3", "c4", "c5", "c6"}).Draw(t, "client"),
			Employee:   rapid.SampledFrom([]string{"anna", "bolat", "dina"}).Draw(t, "employee"),
			Department: rapid.SampledFrom([]string{"sales", "service"}).Draw(t, "department"),
			Channel:    rapid.SampledFrom([]string{"phone", "email", "office"}).Draw(t, "channel"),
			At:         from.Add(time.Duration(rapid.Int64Range(0, secs-1).Draw(t, "second")) * time.Second),
			Answer:     Answer().Draw(t, "answer"),
		}
	})
}
