package rubric_test

import (
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestRescaled pins the explicit rescale of a total to another maximum, such as the 5-point scale of the ratings
// (SPEC R9): total · to / Max from the exact total, rounded once.
func TestRescaled(t *testing.T) {
	pct := binaries(4, "100", 0, sq.HalfUp, rubric.NAForbidden)
	thirds := binaries(3, "5", 0, sq.HalfUp, rubric.NAForbidden)
	sevenths := binaries(7, "7", 0, sq.HalfUp, rubric.NAForbidden)
	tests := []struct {
		r      *rubric.Rubric
		pass   int
		to     string
		places int32
		mode   sq.Rounding
		want   string
		exact  bool
		reason string
	}{
		{pct, 3, "5", 10, sq.HalfEven, "3.75", true, "75 of 100 is 3.75 of 5 exactly"},
		{pct, 4, "5", 10, sq.HalfEven, "5", true, "the top maps to the top"},
		{pct, 0, "5", 10, sq.HalfEven, "0", true, "0 stays 0"},
		{sevenths, 1, "5", 10, sq.HalfEven, "0.7142857143", false, "1 of 7 is 5/7: rounded once to 10 places"},
		{sevenths, 1, "5", 2, sq.Down, "0.71", false, "the stated rule applies"},
		{thirds, 2, "100", 10, sq.HalfEven, "66.6666666667", false,
			"from the exact total 10/3, not from Total 3.3333 (which would give 66.666)"},
		{thirds, 2, "5", 4, sq.HalfUp, "3.3333", false, "to its own Max, Places and Rounding it is Total"},
		{rubric.CallQuality(), 0, "100", 0, sq.HalfUp, "0", true, "an auto-fail is 0 on every scale"},
	}
	for _, tt := range tests {
		e := answers(tt.r, tt.pass, 0)
		if tt.r.ID() == "call-quality" {
			e = callAnswers("green", nil, "profanity")
		}
		res, err := tt.r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		got, exact, err := rescaled(res, d(tt.to), tt.places, tt.mode)
		if err != nil || !got.Equal(d(tt.want)) || exact != tt.exact {
			t.Errorf("Rescaled(%s, %d, %s) = %s, %v, %v; want %s, %v: %s", tt.to, tt.places, tt.mode, got, exact, err, tt.want, tt.exact, tt.reason)
		}
	}
}

// rescaled rescales res to 0–to and rounds it once to places by mode, as a caller does.
func rescaled(res rubric.Result, to decimal.Decimal, places int32, mode sq.Rounding) (decimal.Decimal, bool, error) {
	f, err := res.Rescaled(to)
	if err != nil {
		return decimal.Decimal{}, false, err
	}
	r, err := f.Round(sq.Precision{Places: places, Rounding: mode})
	return r.Value, !r.Inexact, err
}

// TestRescaledRefuses: a scale Rescaled cannot give is an error, as is the zero Result.
func TestRescaledRefuses(t *testing.T) {
	res, err := rubric.CallQuality().Score(callAnswers("green", nil))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		res    rubric.Result
		to     decimal.Decimal
		want   error
		reason string
	}{
		{res, d("0"), sq.ErrInvalid, "a zero scale"},
		{res, d("-5"), sq.ErrInvalid, "a negative scale"},
		{res, d("1000001"), sq.ErrInvalid, "beyond 10^6"},
		{res, d("0.0000001"), sq.ErrInvalid, "7 places"},
		{res, decimal.New(1, 999999), sq.ErrLimit, "an absurd exponent"},
		{rubric.Result{}, d("5"), rubric.ErrNoRubric, "the zero Result"},
	}
	for _, tt := range tests {
		var se *sq.Error
		if _, err := tt.res.Rescaled(tt.to); !errors.Is(err, tt.want) || !errors.As(err, &se) {
			t.Errorf("Rescaled() error = %v, want an *sq.Error wrapping %v: %s", err, tt.want, tt.reason)
		}
	}
}

// TestPropertyRescaled: rescaling to the rubric's own Max, Places and Rounding gives Total and its exactness; any
// rescale lies within [0, to] and, when exact, scales back to the total exactly.
func TestPropertyRescaled(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rubrictest.Rubric().Draw(t, "rubric")
		e := rubrictest.Evaluation(r).Draw(t, "evaluation")
		res, err := r.Score(e)
		if err != nil {
			return
		}
		same, exact, err := rescaled(res, r.Max(), r.Precision().Places, r.Precision().Rounding)
		if err != nil || !same.Equal(res.Total()) || exact != res.Exact() {
			t.Fatalf("Rescaled(Max, Places, Rounding) = %s, %v, %v; want Total %s, %v", same, exact, err, res.Total(), res.Exact())
		}
		to := decimal.New(rapid.Int64Range(1, 1000000).Draw(t, "to"), -rapid.Int32Range(0, 6).Draw(t, "to places"))
		v, exact, err := rescaled(res, to, 18, sq.HalfEven)
		if err != nil {
			t.Fatal(err)
		}
		if v.Sign() < 0 || v.GreaterThan(to) {
			t.Fatalf("Rescaled(%s) = %s outside [0, %s]", to, v, to)
		}
		if exact && res.Exact() && !v.Mul(r.Max()).Equal(res.Total().Mul(to)) {
			t.Fatalf("Rescaled(%s) = %s exact, but %s·%s ≠ %s·%s", to, v, v, r.Max(), res.Total(), to)
		}
	})
}

// A 0–100 checklist feeds the 5-point ratings through an explicit rescale.
func ExampleResult_Rescaled() {
	r := binaries(20, "100", 0, sq.HalfUp, rubric.NAForbidden) // 20 yes/no items, 5 points each
	res, _ := r.Score(answers(r, 17, 0))
	five, _ := res.Rescaled(decimal.NewFromInt(5))
	stored, _ := five.Round(sq.StoredPrecision())
	fmt.Println(res.Total(), "of", res.Max(), "is", five, "of 5, stored as", stored)
	// Output:
	// 85 of 100 is 4.25 of 5, stored as 4.25
}
