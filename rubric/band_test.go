package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// pointsRubric returns a rubric of one criterion of 0–max points in steps of step, on 0–max, with the bands.
func pointsRubric(max, step string, bands ...rubric.Band) (*rubric.Rubric, error) {
	for i := range bands {
		if bands[i].Title == nil {
			bands[i].Title = rubric.Text{"en": bands[i].ID}
		}
	}
	return rubric.New(rubric.Definition{ID: "pts", Version: "1", Title: rubric.Text{"en": "Points"}, Max: d(max),
		Criteria: []rubric.Criterion{{ID: "x", Title: rubric.Text{"en": "X"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d(max), Step: d(step)}}},
		Bands:    bands})
}

// percentBands are "below 70%", "70–90%" and "above 90%".
func percentBands() []rubric.Band {
	return []rubric.Band{
		{ID: "below", Min: d("0"), Percent: true},
		{ID: "meets", Min: d("70"), Percent: true},
		{ID: "exceeds", Min: d("90"), Percent: true, Above: true},
	}
}

// TestBandsByPercent pins bands given as a percent of Max with an exclusive bound: "below 70%", "70–90%",
// "above 90%", on rubrics of any maximum.
func TestBandsByPercent(t *testing.T) {
	tests := []struct {
		max, step, total string
		want             string
		reason           string
	}{
		{"5", "0.1", "0", "below", "0 is 0%"},
		{"5", "0.1", "3.4", "below", "68%"},
		{"5", "0.1", "3.5", "meets", "70% exactly: an inclusive bound"},
		{"5", "0.1", "4.5", "meets", "90% exactly is not above 90%: it stays in the band below"},
		{"5", "0.1", "4.6", "exceeds", "92%"},
		{"5", "0.1", "5", "exceeds", "100%"},
		{"100", "1", "90", "meets", "90 of 100"},
		{"100", "1", "91", "exceeds", "91 of 100"},
		{"10", "0.01", "9.01", "exceeds", "90.1%"},
		{"3", "0.0001", "2.7", "meets", "90% of 3 = 2.7 exactly"},
		{"3", "0.0001", "2.7001", "exceeds", "just above 90% of 3"},
		{"3", "0.0001", "2.0999", "below", "just below 70% of 3 = 2.1"},
	}
	for _, tt := range tests {
		r, err := pointsRubric(tt.max, tt.step, percentBands()...)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{rubric.PointsAnswer("x", d(tt.total))}})
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		got, _ := res.Band()
		if got.ID != tt.want {
			t.Errorf("Band() of %s of %s = %q, want %q: %s", tt.total, tt.max, got.ID, tt.want, tt.reason)
		}
	}
}

// TestBandsValidation: bands must increase without overlap; a percent is 0–100 with at most 4 places; an
// exclusive bound at Max is an empty band.
func TestBandsValidation(t *testing.T) {
	b := func(id, min string, percent, above bool) rubric.Band {
		return rubric.Band{ID: id, Min: d(min), Percent: percent, Above: above}
	}
	tests := []struct {
		bands  []rubric.Band
		want   string // a part of the error, or "" for none
		reason string
	}{
		{percentBands(), "", "the three percent bands"},
		{[]rubric.Band{b("a", "2", false, false), b("b", "2", false, true)}, "", "inclusive then exclusive at one bound: the first holds 2 only"},
		{[]rubric.Band{b("a", "2", false, false), b("b", "2", false, false)}, `rubric: bands[2].min 2: must be above the previous band's min 2`, "two bands starting at 2 overlap"},
		{[]rubric.Band{b("a", "2", false, true), b("b", "2", false, true)}, `must be above the previous band's min above 2`, "two bands starting above 2 overlap"},
		{[]rubric.Band{b("a", "2", false, true), b("b", "2", false, false)}, `must be above the previous band's min above 2`, "an inclusive bound after an exclusive one at the same value goes back"},
		{[]rubric.Band{b("a", "3", false, false), b("b", "50", true, false)}, `rubric: bands[2].min 50% (2.5): must be above the previous band's min 3`, "percent bounds compare as points"},
		{[]rubric.Band{b("a", "100.5", true, false)}, `rubric: bands[1].min 100.5%: exceeds 100%`, "a percent above 100"},
		{[]rubric.Band{b("a", "33.33333", true, false)}, `has more than 4 digits after the point`, "a percent with 5 places"},
		{[]rubric.Band{b("a", "100", true, true)}, `rubric: bands[1].above true: with min at the rubric's max 5 leaves the band empty`, "above 100% is empty"},
		{[]rubric.Band{b("a", "5", false, true)}, `leaves the band empty`, "above Max is empty"},
		{[]rubric.Band{b("a", "33.3333", true, false)}, "", "4 places of percent are exact in points: 1.666665"},
	}
	for _, tt := range tests {
		_, err := pointsRubric("5", "0.1", tt.bands...)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New() error = %v, want none: %s", err, tt.reason)
		case tt.want != "" && (err == nil || !errors.Is(err, rubric.ErrInvalidDefinition) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("New() error = %v, want ErrInvalidDefinition containing %q: %s", err, tt.want, tt.reason)
		}
	}
}

// TestPropertyBands: the band of a total is the last whose bound it reaches (or passes, for an exclusive bound),
// computed from the definition with exact decimals.
func TestPropertyBands(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		max := rapid.SampledFrom([]string{"1", "5", "10", "100", "3", "7.5"}).Draw(t, "max")
		var bands []rubric.Band
		var last decimal.Decimal
		lastAbove := false
		for i := range rapid.IntRange(0, 5).Draw(t, "bands") {
			pct := decimal.New(rapid.Int64Range(0, 1000000).Draw(t, "percent"), -4)
			band := rubric.Band{ID: fmt.Sprintf("b%d", i), Min: pct, Percent: true, Above: rapid.Bool().Draw(t, "above")}
			if !rapid.Bool().Draw(t, "percent?") {
				band.Min, band.Percent = pct.Mul(d(max)).Shift(-2).Truncate(2), false
			}
			points := band.Min
			if band.Percent {
				points = band.Min.Mul(d(max)).Shift(-2)
			}
			if i > 0 && (points.LessThan(last) || points.Equal(last) && (lastAbove || !band.Above)) ||
				band.Above && points.Equal(d(max)) {
				continue
			}
			bands, last, lastAbove = append(bands, band), points, band.Above
		}
		r, err := pointsRubric(max, "0.01", bands...)
		if err != nil {
			t.Fatal(err)
		}
		total := decimal.New(rapid.Int64Range(0, d(max).Shift(2).IntPart()).Draw(t, "total"), -2)
		res, err := r.Score(rubric.Evaluation{Answers: []rubric.Answer{rubric.PointsAnswer("x", total)}})
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		for _, b := range bands {
			points := b.Min
			if b.Percent {
				points = b.Min.Mul(d(max)).Shift(-2)
			}
			if c := total.Cmp(points); c > 0 || c == 0 && !b.Above {
				want = b.ID
			}
		}
		got, _ := res.Band()
		if got.ID != want {
			t.Fatalf("Band() of %s = %q, want %q (bands %v)", total, got.ID, want, bands)
		}
	})
}

// TestBandsJSON: the percent and exclusive flags round-trip through the definition's JSON, byte for byte.
func TestBandsJSON(t *testing.T) {
	r, err := pointsRubric("100", "1", percentBands()...)
	if err != nil {
		t.Fatal(err)
	}
	data, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `"bands":[{"id":"below","title":{"en":"below"},"min":"0","percent":true},{"id":"meets","title":{"en":"meets"},"min":"70","percent":true},{"id":"exceeds","title":{"en":"exceeds"},"min":"90","percent":true,"above":true}]`
	if !bytes.Contains(data, []byte(want)) {
		t.Errorf("MarshalJSON() = %s, want it to contain %s", data, want)
	}
	back, err := rubric.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Definition().Bands, back.Definition().Bands, cmp.Comparer(decimal.Decimal.Equal)); diff != "" {
		t.Errorf("Parse() bands mismatch (-want +got):\n%s", diff)
	}
	again, _ := back.MarshalJSON()
	if !bytes.Equal(again, data) {
		t.Errorf("second MarshalJSON() = %s, want %s", again, data)
	}
	if _, err := rubric.Parse(bytes.Replace(data, []byte(`"above":true`), []byte(`"Above":true`), 1)); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("Parse() with key \"Above\": error = %v, want ErrSyntax", err)
	}
}

// Bands as a percent of the maximum: "above 90%" is exclusive, so 90% exactly is in "70–90%".
func ExampleBand_percent() {
	r := rubric.MustNew(rubric.Definition{ID: "survey", Version: "1", Title: rubric.Text{"en": "Checklist"}, Max: d("100"),
		Criteria: []rubric.Criterion{{ID: "score", Title: rubric.Text{"en": "Score"}, Scale: rubric.Scale{Kind: rubric.Points, Max: d("100"), Step: d("1")}}},
		Bands: []rubric.Band{
			{ID: "below", Title: rubric.Text{"en": "below 70%"}, Min: d("0"), Percent: true},
			{ID: "meets", Title: rubric.Text{"en": "70–90%"}, Min: d("70"), Percent: true},
			{ID: "exceeds", Title: rubric.Text{"en": "above 90%"}, Min: d("90"), Percent: true, Above: true},
		}})
	for _, total := range []string{"69", "70", "90", "91"} {
		res, _ := r.Score(rubric.Evaluation{Answers: []rubric.Answer{rubric.PointsAnswer("score", d(total))}})
		b, _ := res.Band()
		fmt.Println(total, b.Title.Get("en"))
	}
	// Output:
	// 69 below 70%
	// 70 70–90%
	// 90 70–90%
	// 91 above 90%
}
