package survey_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// checkJSON checks that v encodes, decodes to an equal value, and encodes again to the same bytes.
func checkJSON[T any](t *rapid.T, v T) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	back := new(T)
	if err := json.Unmarshal(b, back); err != nil || !cmp.Equal(*back, v) {
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
	months, err := months(from, from.AddDate(0, 3, 0), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(surveytest.Response(from, 90*24*time.Hour), 1, 30).Draw(t, "responses")
		for _, r := range rs {
			checkJSON(t, r)
			checkJSON(t, r.Answer)
		}
		g := survey.Grouping{Key: byEmployee}
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
		csat := surveytest.Share(1000).Draw(t, "csat")
		if iv, err := csat.Wilson(decimal.RequireFromString("0.95"), 4); err == nil {
			checkWritten(t, iv, &struct {
				Low  decimal.Decimal `json:"low"`
				High decimal.Decimal `json:"high"`
			}{iv.Low, iv.High})
		}
		a, b := surveytest.ClassicNPS(1000).Draw(t, "a"), surveytest.ClassicNPS(1000).Draw(t, "b")
		if ch, err := survey.CompareClassic(a, b, prec(3, sq.HalfEven)); err == nil {
			checkWritten(t, ch, &struct {
				Difference sq.Fraction     `json:"difference"`
				StdErr     decimal.Decimal `json:"std_err"`
				Z          decimal.Decimal `json:"z"`
				PValue     decimal.Decimal `json:"p_value"`
			}{ch.Difference, ch.StdErr, ch.Z, ch.PValue})
		}
		target := survey.Target{Metric: "NPS", Compare: survey.Comparison(rapid.IntRange(1, 2).Draw(t, "cmp")),
			Value: decimal.New(rapid.Int64Range(-100, 100).Draw(t, "target"), -1)}
		at, err := target.Assess(decimal.New(rapid.Int64Range(-1000, 1000).Draw(t, "value"), -1))
		if err != nil {
			t.Fatal(err)
		}
		checkWritten(t, at, &struct {
			Metric   string          `json:"metric"`
			Compare  string          `json:"compare"`
			Value    decimal.Decimal `json:"value"`
			Target   decimal.Decimal `json:"target"`
			Met      bool            `json:"met"`
			Distance decimal.Decimal `json:"distance"`
		}{at.Metric, at.Compare.String(), at.Value, at.Target, at.Met, at.Distance})
		checkJSON(t, target)
		tl := surveytest.Tallies(survey.MaxCount/10).Draw(t, "tallies")
		checkJSON(t, tl)
		checkJSON(t, tl.CSI)
		checkJSON(t, tl.Recommend)
		checkJSON(t, tl.Classic)
		checkJSON(t, tl.CES)
		checkJSON(t, surveytest.Share(survey.MaxCount).Draw(t, "share"))
	})
}

// TestMoreJSONStrict: null enums and decimals (which encoding/json would skip), invalid answers and keys in
// another case are refused.
func TestMoreJSONStrict(t *testing.T) {
	tests := []struct {
		dst    any
		in     string
		want   error
		reason string
	}{
		{new(survey.Answer), `{"kind":null,"value":4}`, sq.ErrMalformed, "null kind"},
		{new(survey.Target), `{"metric":"NPS","compare":null,"value":"1"}`, sq.ErrMalformed, "null comparison"},
		{new(survey.Target), `{"metric":"NPS","compare":"at-least","mode":null,"value":"1"}`, sq.ErrMalformed, "null mode"},
		{new(survey.Answer), `{"kind":"csi","value":6}`, survey.ErrInvalidAnswer, "off the scale"},
		{new(survey.Answer), `{"kind":"CSI","value":4}`, survey.ErrInvalidAnswer, "kind in another case"},
		{new(survey.Answer), `{"Kind":"csi","value":4}`, sq.ErrMalformed, "key in another case"},
		{new(survey.Target), `{"metric":"NPS","compare":"at-least","value":"1","baseline":null}`, sq.ErrMalformed, "null decimal"},
		{new(survey.Segment), `{"key":"a","period":null,"tallies":null,"respondents":1}`, sq.ErrMalformed, "null tallies"},
		{new(survey.ClassicCuts), `{"detractor_max":9,"promoter_min":9}`, survey.ErrInvalidSetting, "overlapping cuts"},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), tt.dst)
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) into %T: error %v, want %v (%s)", tt.in, tt.dst, err, tt.want, tt.reason)
		}
	}
}

// checkWritten checks the JSON form of a value that is only written: it reads into want's type, strictly, as the
// fields of want.
func checkWritten[T any](t *rapid.T, v any, want *T) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	got := new(T)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(got); err != nil {
		t.Fatalf("%T: JSON %s: %v", v, b, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%T: JSON %s mismatch (-want +got):\n%s", v, b, diff)
	}
}
