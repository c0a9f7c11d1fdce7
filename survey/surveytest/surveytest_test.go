package surveytest_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"pgregory.net/rapid"
)

// The generators draw valid values within their bounds.
func TestGenerators(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		tl := survey.Tallies{
			CSI:       surveytest.CSI(10).Draw(t, "csi"),
			Recommend: surveytest.Share(10).Draw(t, "recommend"),
			Classic:   surveytest.ClassicNPS(10).Draw(t, "classic"),
			CSAT:      surveytest.Share(10).Draw(t, "csat"),
			FCR:       surveytest.Share(10).Draw(t, "fcr"),
		}
		if tl.CSI.Total() > 50 || tl.Recommend.Total() > 10 || tl.Classic.Total() > 10 || tl.CSAT.Total() > 10 ||
			tl.FCR.Total() > 10 {
			t.Fatalf("tallies beyond their bounds: %+v", tl)
		}
		b, err := json.Marshal(tl)
		var back survey.Tallies
		if err != nil || json.Unmarshal(b, &back) != nil || !back.Equal(tl) {
			t.Fatalf("drawn tallies do not survive JSON: %s", b)
		}
		r := surveytest.Response(from, time.Hour).Draw(t, "response")
		if err := r.Answer.Validate(); err != nil || r.At.Before(from) || !r.At.Before(from.Add(time.Hour)) {
			t.Fatalf("drawn response %+v invalid: %v", r, err)
		}
	})
}

// TestTalliesGenerator: drawn Tallies and shares stay within their bounds and survive the binary form.
func TestTalliesGenerator(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tl := surveytest.Tallies(70).Draw(t, "tallies")
		if tl.CSI.Total() > 70 || tl.CES.Total() > 70 || tl.Recommend.Total() > 70 {
			t.Fatalf("tallies beyond their bounds: %+v", tl)
		}
		b, _ := tl.MarshalBinary()
		var back survey.Tallies
		if err := back.UnmarshalBinary(b); err != nil || !back.Equal(tl) {
			t.Fatalf("drawn tallies do not survive the binary form: %v", err)
		}
		c := surveytest.Share(100).Draw(t, "coverage")
		if c.Total() > 100 || c.Hits() > c.Total() {
			t.Fatalf("share %+v beyond its bounds", c)
		}
	})
}
