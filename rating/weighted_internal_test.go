package rating

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// d parses a decimal literal of a test.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// wantErr checks that err wraps want (nil: no error).
func wantErr(t *testing.T, err, want error, reason string) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Errorf("%s: unexpected error %v", reason, err)
	case want != nil && !errors.Is(err, want):
		t.Errorf("%s: error = %v, want one wrapping %v", reason, err, want)
	}
}

// genScore draws a score on 0–5 with 0 to 3 digits after the point.
func genScore(t *rapid.T, label string) decimal.Decimal {
	places := rapid.Int32Range(0, 3).Draw(t, label+".places")
	var limit int64 = 5
	for i := int32(0); i < places; i++ {
		limit *= 10
	}
	return decimal.New(rapid.Int64Range(0, limit).Draw(t, label), -places)
}

// genWeight draws a non-negative weight with up to 2 digits after the point.
func genWeight(t *rapid.T, label string) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 1000).Draw(t, label), -rapid.Int32Range(0, 2).Draw(t, label+".places"))
}

func weights(pairs ...string) []weight {
	var ws []weight
	for i := 0; i < len(pairs); i += 2 {
		ws = append(ws, weight{Name: pairs[i], Weight: d(pairs[i+1])})
	}
	return ws
}

func components(pairs ...string) []component {
	var cs []component
	for i := 0; i < len(pairs); i += 2 {
		cs = append(cs, component{Name: pairs[i], Value: d(pairs[i+1])})
	}
	return cs
}

// TestSchemeValidate pins SPEC R9: weights are settings, non-negative, at least one positive.
func TestSchemeValidate(t *testing.T) {
	tests := []struct {
		scheme scheme
		want   error
		reason string
	}{
		{scheme{Weights: weights("a", "1", "b", "0")}, nil, "one positive weight is enough"},
		{scheme{Weights: weights("a", "0.3333", "b", "0.6667")}, nil, "decimal weights"},
		{scheme{}, ErrEmpty, "no weights"},
		{scheme{Weights: weights("a", "-1", "b", "2")}, ErrInvalidWeight, "negative weight"},
		{scheme{Weights: weights("a", "0", "b", "0")}, ErrInvalidWeight, "all weights zero"},
		{scheme{Weights: weights("a", "1", "a", "2")}, ErrDuplicate, "duplicate name"},
		{scheme{Weights: weights("", "1")}, errInvalidSetting, "empty name"},
		{scheme{Weights: []weight{{"a", decimal.New(1, 40)}}}, sq.ErrLimit, "weight too large"},
		{scheme{Weights: []weight{{"a", decimal.New(1, 40)}}}, ErrInvalidWeight, "too large is an invalid weight"},
		{scheme{Weights: weights("a", "1"), MinCoverage: d("1.01")}, errInvalidSetting, "coverage above 1"},
		{scheme{Weights: weights("a", "1"), MinCoverage: d("-0.1")}, errInvalidSetting, "negative coverage"},
	}
	for _, tt := range tests {
		err := tt.scheme.validate()
		wantErr(t, err, tt.want, tt.reason)
		if err != nil && !strings.HasPrefix(err.Error(), "rating: ") {
			t.Errorf("%s: message %q does not start with the package name", tt.reason, err)
		}
		if _, err2 := newAggregator(tt.scheme); (err2 == nil) != (err == nil) {
			t.Errorf("%s: newAggregator error %v disagrees with validate %v", tt.reason, err2, err)
		}
	}
}

// TestMean pins the weighted mean of SPEC R7–R9 on hand-computed values.
func TestMean(t *testing.T) {
	tests := []struct {
		scheme  scheme
		in      []component
		want    string // exact value as a fraction
		display string
		reason  string
	}{
		{scheme{Weights: weights("a", "1", "b", "1")}, components("a", "4", "b", "5"), "9/2", "4.5", "plain mean"},
		{scheme{Weights: weights("a", "0.6", "b", "0.4")}, components("a", "4.2", "b", "3.7"), "4", "4.0", "0.6·4.2 + 0.4·3.7 = 4"},
		{scheme{Weights: weights("a", "2", "b", "1")}, components("a", "4", "b", "4.5"), "25/6", "4.2", "thirds do not terminate"},
		{scheme{Weights: weights("a", "1", "b", "1")}, components("b", "4.45", "a", "4.45"), "89/20", "4.5", "half-up display of an exact tie"},
		{scheme{Weights: weights("a", "1", "b", "0")}, components("a", "3"), "3", "3.0", "a zero-weight component may be missing"},
		{scheme{Weights: weights("a", "1", "b", "1", "c", "2"), Renormalize: true},
			components("a", "5", "c", "2"), "3", "3.0", "renormalized over a and c: (5 + 2·2)/3"},
		{scheme{Weights: weights("a", "1", "b", "3"), Renormalize: true, MinCoverage: d("0.25")},
			components("a", "2"), "2", "2.0", "coverage exactly at the minimum"},
	}
	for _, tt := range tests {
		agg, err := newAggregator(tt.scheme)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		w, err := agg.meanOf(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if got := w.value.Rat().RatString(); got != tt.want {
			t.Errorf("%s: exact value %s, want %s", tt.reason, got, tt.want)
		}
		if got := shown(w.value); got != tt.display {
			t.Errorf("%s: display %s, want %s", tt.reason, got, tt.display)
		}
	}
}

func TestMeanErrors(t *testing.T) {
	agg, err := newAggregator(scheme{Weights: weights("calls", "1", "survey", "1")})
	if err != nil {
		t.Fatal(err)
	}
	renorm, err := newAggregator(scheme{Weights: weights("calls", "1", "survey", "3"),
		Renormalize: true, MinCoverage: d("0.5")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		agg       *aggregator
		in        []component
		want      error
		component string // the component the *sq.Error's Path names, if any
		reason    string
	}{
		{agg, nil, ErrEmpty, "", "empty input"},
		{agg, components("calls", "4", "nps", "3"), errUnknownComponent, "nps", "unknown name"},
		{agg, components("calls", "4", "calls", "3"), ErrDuplicate, "calls", "name twice"},
		{agg, components("calls", "5.01", "survey", "3"), ErrOutOfRange, "calls", "above 5"},
		{agg, components("calls", "4", "survey", "-0.1"), ErrOutOfRange, "survey", "below 0"},
		{agg, []component{{"calls", decimal.New(1, -30)}}, sq.ErrLimit, "calls", "too many places"},
		{agg, components("calls", "4"), ErrMissingComponent, "survey", "missing under the fail policy"},
		{renorm, components("calls", "4"), ErrMissingComponent, "", "coverage 1/4 below 1/2"},
		{new(aggregator), components("calls", "4"), ErrEmpty, "", "zero aggregator"},
	}
	for _, tt := range tests {
		_, err := tt.agg.meanOf(tt.in)
		wantErr(t, err, tt.want, tt.reason)
		var se *sq.Error
		if !errors.As(err, &se) || se.Pkg != "rating" {
			t.Errorf("%s: error %v is not a *sq.Error of rating", tt.reason, err)
		} else if want := fmt.Sprintf("component %q", tt.component); (tt.component != "") != (se.Path == want) {
			t.Errorf("%s: error path %q, want it to name the component %q", tt.reason, se.Path, tt.component)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "rating: ") {
			t.Errorf("%s: message %q does not start with the package name", tt.reason, err)
		}
	}
}

// TestMeanExplains checks the contributions of a renormalized mean: shares sum to 1 and points to the value.
func TestMeanExplains(t *testing.T) {
	agg, err := newAggregator(scheme{Weights: weights("calls", "2", "csi", "1", "nps", "1"),
		Renormalize: true})
	if err != nil {
		t.Fatal(err)
	}
	w, err := agg.meanOf(components("nps", "4.5", "calls", "4"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name                 string
		Present              bool
		Value, Share, Points string
	}
	var got []row
	for _, c := range w.parts {
		got = append(got, row{c.Name, c.Present, c.Value.Rat().RatString(), c.Share.Rat().RatString(), c.Points.Rat().RatString()})
	}
	want := []row{
		{"calls", true, "4", "2/3", "8/3"},
		{"csi", false, "0", "0", "0"},
		{"nps", true, "9/2", "1/3", "3/2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Contributions() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"csi"}, w.missing()); diff != "" {
		t.Errorf("Missing() mismatch (-want +got):\n%s", diff)
	}
	if got := w.coverage.Rat().RatString(); got != "3/4" {
		t.Errorf("Coverage() = %s, want 3/4", got)
	}
	if got, want := w.value.Rat().RatString(), "25/6"; got != want {
		t.Errorf("value = %s, want %s", got, want)
	}
	wantText := "calls: 4 × share 0.6666666667 (weight 2) = 2.6666666667\ncsi: missing (weight 1)\n" +
		"nps: 4.5 × share 0.3333333333 (weight 1) = 1.5\n= 4.1666666667 (coverage 0.75)"
	if diff := cmp.Diff(wantText, w.String()); diff != "" {
		t.Errorf("String() mismatch (-want +got):\n%s", diff)
	}
}

// TestMeanDoesNotKeepCallerData checks that changing the caller's slices after the fact changes nothing.
func TestMeanDoesNotKeepCallerData(t *testing.T) {
	ws := weights("a", "1", "b", "2")
	agg, err := newAggregator(scheme{Weights: ws})
	if err != nil {
		t.Fatal(err)
	}
	ws[0].Weight = d("100")
	cs := components("a", "1", "b", "4")
	w, err := agg.meanOf(cs)
	if err != nil {
		t.Fatal(err)
	}
	cs[0].Value = d("5")
	if got := w.value.Rat().RatString(); got != "3" {
		t.Errorf("value = %s, want 3: caller data leaked in", got)
	}
	if got := agg.scheme.Weights[0].Weight; !got.Equal(d("1")) {
		t.Errorf("scheme weight = %s, want 1", got)
	}
}

// genMean draws a scheme of 1–6 components, all present, with at least one positive weight.
func genMean(t *rapid.T) ([]weight, []component) {
	n := rapid.IntRange(1, 6).Draw(t, "n")
	ws := make([]weight, n)
	cs := make([]component, n)
	for i := range ws {
		name := fmt.Sprintf("c%d", i)
		ws[i] = weight{Name: name, Weight: genWeight(t, "w"+name)}
		cs[i] = component{Name: name, Value: genScore(t, "v"+name)}
	}
	if !slices.ContainsFunc(ws, func(w weight) bool { return w.Weight.Sign() > 0 }) {
		ws[rapid.IntRange(0, n-1).Draw(t, "positive")].Weight = decimal.NewFromInt(1)
	}
	return ws, cs
}

func mustMean(t *rapid.T, ws []weight, renormalize bool, cs []component) weighted {
	agg, err := newAggregator(scheme{Weights: ws, Renormalize: renormalize})
	if err != nil {
		t.Fatal(err)
	}
	w, err := agg.meanOf(cs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestMeanBetweenMinAndMax: a weighted mean lies between the least and the greatest component of positive weight
// (SPEC R9).
func TestMeanBetweenMinAndMax(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		w := mustMean(t, ws, false, cs)
		var lo, hi *sq.Fraction
		for i, c := range cs {
			if ws[i].Weight.Sign() == 0 {
				continue
			}
			f := sq.FractionOf(c.Value)
			if lo == nil || f.Cmp(*lo) < 0 {
				lo = &f
			}
			if hi == nil || f.Cmp(*hi) > 0 {
				hi = &f
			}
		}
		if w.value.Cmp(*lo) < 0 || w.value.Cmp(*hi) > 0 {
			t.Fatalf("mean %s outside [%s, %s]", w.value.Rat().RatString(), lo.Rat().RatString(), hi.Rat().RatString())
		}
	})
}

// TestMeanScaleInvariant: multiplying every weight by k > 0 changes nothing (SPEC R9: weights are relative).
func TestMeanScaleInvariant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		k := decimal.New(rapid.Int64Range(1, 10_000).Draw(t, "k"), -rapid.Int32Range(0, 3).Draw(t, "k.places"))
		scaled := make([]weight, len(ws))
		for i, w := range ws {
			scaled[i] = weight{Name: w.Name, Weight: w.Weight.Mul(k)}
		}
		a, b := mustMean(t, ws, false, cs), mustMean(t, scaled, false, cs)
		if !a.value.Equal(b.value) {
			t.Fatalf("scaling weights by %s changed the mean from %s to %s", k, a.value.Rat().RatString(), b.value.Rat().RatString())
		}
	})
}

// TestMeanPermutationInvariant: the order of the components, and of the weights, changes nothing.
func TestMeanPermutationInvariant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		perm := rapid.Permutation(cs).Draw(t, "components")
		wperm := rapid.Permutation(ws).Draw(t, "weights")
		a, b := mustMean(t, ws, false, cs), mustMean(t, wperm, false, perm)
		if !a.value.Equal(b.value) {
			t.Fatalf("permuting changed the mean from %s to %s", a.value.Rat().RatString(), b.value.Rat().RatString())
		}
	})
}

// TestMeanAllEqual: when every component has the same value, the mean is that value.
func TestMeanAllEqual(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		v := genScore(t, "v")
		for i := range cs {
			cs[i].Value = v
		}
		w := mustMean(t, ws, false, cs)
		if got, exact := w.value.Decimal(); !exact || !got.Equal(v) {
			t.Fatalf("mean of all %s is %s", v, w.value.Rat().RatString())
		}
	})
}

// TestRenormalizeByHand: under MissingRenormalize the mean equals Σ wᵢxᵢ / Σ wᵢ over the present components,
// computed here with plain decimal sums and one division.
func TestRenormalizeByHand(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		keep := rapid.SliceOfN(rapid.Bool(), len(cs), len(cs)).Draw(t, "keep")
		var present []component
		num, den := decimal.Zero, decimal.Zero
		for i, c := range cs {
			if keep[i] {
				present = append(present, c)
				num = num.Add(ws[i].Weight.Mul(c.Value))
				den = den.Add(ws[i].Weight)
			}
		}
		agg, err := newAggregator(scheme{Weights: ws, Renormalize: true})
		if err != nil {
			t.Fatal(err)
		}
		w, err := agg.meanOf(present)
		switch {
		case len(present) == 0:
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("no component: error %v, want ErrEmpty", err)
			}
			return
		case den.IsZero():
			if !errors.Is(err, ErrMissingComponent) {
				t.Fatalf("no positive weight present: error %v, want ErrMissingComponent", err)
			}
			return
		case err != nil:
			t.Fatal(err)
		}
		want, err := sq.NewFraction(num, den)
		if err != nil {
			t.Fatal(err)
		}
		if !w.value.Equal(want) {
			t.Fatalf("renormalized mean %s, by hand %s/%s", w.value.Rat().RatString(), num, den)
		}
		points := new(big.Rat)
		for _, c := range w.parts {
			points.Add(points, c.Points.Rat())
		}
		if points.Cmp(w.value.Rat()) != 0 {
			t.Fatalf("points sum to %s, value %s", points.RatString(), w.value.Rat().RatString())
		}
	})
}
