package survey_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// checkJSON checks that v encodes, decodes to an Equal value, and encodes again to the same bytes.
func checkJSON[T interface{ Equal(T) bool }](t *rapid.T, v T) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	back := new(T)
	if err := json.Unmarshal(b, back); err != nil || !(*back).Equal(v) {
		t.Fatalf("%T: JSON %s read back %v, %v", v, b, *back, err)
	}
	again, _ := json.Marshal(*back)
	if diff := cmp.Diff(string(b), string(again)); diff != "" {
		t.Fatalf("%T: re-encoding mismatch (-first +second):\n%s", v, diff)
	}
}

// TestMoreJSONRoundTrip: answers, responses, settings, statistics, assessments and segments encode to snake_case
// JSON that reads back Equal and re-encodes to the same bytes.
func TestMoreJSONRoundTrip(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3*3600))
	months, err := survey.Months(from, from.AddDate(0, 3, 0), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(surveytest.Response(from, 90*24*time.Hour), 1, 30).Draw(t, "responses")
		for _, r := range rs {
			checkJSON(t, r)
			checkJSON(t, r.Answer)
		}
		g := survey.Grouping{Key: survey.ByEmployee}
		if rapid.Bool().Draw(t, "periods") {
			g.Periods, g.Cumulative = months, rapid.Bool().Draw(t, "cumulative")
		}
		segs, err := survey.Segments(rs, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segs {
			checkJSON(t, s)
		}
		checkJSON(t, survey.ClassicCuts{DetractorMax: rapid.IntRange(0, 5).Draw(t, "dmax"), PromoterMin: rapid.IntRange(6, 10).Draw(t, "pmin")})
		checkJSON(t, survey.CoveragePolicy{MinPercent: decimal.New(rapid.Int64Range(0, 10000).Draw(t, "min"), -2)})
		csat := surveytest.CSAT(1000).Draw(t, "csat")
		if iv, err := csat.Wilson(decimal.RequireFromString("0.95"), 4); err == nil {
			checkJSON(t, iv)
		}
		a, b := surveytest.ClassicNPS(1000).Draw(t, "a"), surveytest.ClassicNPS(1000).Draw(t, "b")
		if ch, err := survey.CompareClassic(a, b, 3, survey.HalfEven); err == nil {
			checkJSON(t, ch)
		}
		target := survey.Target{Metric: "NPS", Compare: survey.Comparison(rapid.IntRange(1, 2).Draw(t, "cmp")),
			Value: decimal.New(rapid.Int64Range(-100, 100).Draw(t, "target"), -1)}
		at, err := target.Assess(decimal.New(rapid.Int64Range(-1000, 1000).Draw(t, "value"), -1))
		if err != nil {
			t.Fatal(err)
		}
		checkJSON(t, at)
		checkJSON(t, target)
		tl := surveytest.Tallies(survey.MaxCount/10).Draw(t, "tallies")
		checkJSON(t, tl)
		checkJSON(t, tl.CSI)
		checkJSON(t, tl.Recommend)
		checkJSON(t, tl.Classic)
		checkJSON(t, tl.CSAT)
		checkJSON(t, tl.CES)
		checkJSON(t, tl.FCR)
		checkJSON(t, surveytest.Coverage(survey.MaxCount).Draw(t, "coverage"))
	})
}

// TestMoreJSONStrict: null enums (which encoding/json would skip), invalid answers, keys in another case, numbers
// for decimals and a Grouping are refused.
func TestMoreJSONStrict(t *testing.T) {
	tests := []struct {
		dst    any
		in     string
		want   error
		reason string
	}{
		{new(survey.Kind), `null`, survey.ErrSyntax, "null kind"},
		{new(survey.Comparison), `null`, survey.ErrSyntax, "null comparison"},
		{new(survey.Mode), `null`, survey.ErrSyntax, "null mode"},
		{new(survey.Answer), `{"kind":"csi","value":6}`, survey.ErrInvalidAnswer, "off the scale"},
		{new(survey.Answer), `{"kind":"CSI","value":4}`, survey.ErrInvalidResponse, "kind in another case"},
		{new(survey.Answer), `{"Kind":"csi","value":4}`, survey.ErrSyntax, "key in another case"},
		{new(survey.Interval), `{"low":0.1,"high":"0.2"}`, survey.ErrSyntax, "decimal as a number"},
		{new(survey.Segment), `{"key":"a","period":null,"tallies":null,"respondents":1}`, survey.ErrSyntax, "null tallies"},
		{new(survey.ClassicCuts), `{"detractor_max":9,"promoter_min":9}`, survey.ErrInvalidSetting, "overlapping cuts"},
		{new(survey.Grouping), `{}`, survey.ErrInvalidSetting, "a Grouping has no JSON form"},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), tt.dst)
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) into %T: error %v, want %v (%s)", tt.in, tt.dst, err, tt.want, tt.reason)
		}
	}
	if _, err := json.Marshal(survey.Grouping{Key: survey.ByEmployee}); !errors.Is(err, survey.ErrInvalidSetting) {
		t.Errorf("Marshal(Grouping) error = %v, want ErrInvalidSetting", err)
	}
}
