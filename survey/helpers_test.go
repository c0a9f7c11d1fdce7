package survey_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/servicequality/servicequality/survey"

	"github.com/shopspring/decimal"
)

// d parses a decimal literal of a test.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// must returns v, or panics on an error: for building test inputs that are valid by design.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// wantErr checks that err wraps want and its message starts with "survey: ".
func wantErr(t testing.TB, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error = %v, want one wrapping %v", what, err, want)
		return
	}
	if msg := err.Error(); len(msg) < 8 || msg[:8] != "survey: " {
		t.Errorf("%s: message %q does not start with \"survey: \"", what, msg)
	}
}

// withinHalfUnit reports whether got is within half a unit of the last place (a whole unit for Down) of num/den.
func withinHalfUnit(got decimal.Decimal, num, den int64, places int32, down bool) bool {
	exact := big.NewRat(num, den)
	diff := new(big.Rat).Sub(got.Rat(), exact)
	diff.Abs(diff)
	unit := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	if down {
		return diff.Cmp(unit) < 0
	}
	return diff.Cmp(new(big.Rat).Mul(unit, big.NewRat(1, 2))) <= 0
}

// Answers of each kind, for building test inputs.
func csiAnswer(v int) survey.Answer     { return survey.Answer{Kind: survey.KindCSI, Value: v} }
func classicAnswer(v int) survey.Answer { return survey.Answer{Kind: survey.KindClassic, Value: v} }
func csatAnswer(v int) survey.Answer    { return survey.Answer{Kind: survey.KindCSAT, Value: v} }
func cesAnswer(v int) survey.Answer     { return survey.Answer{Kind: survey.KindCES, Value: v} }
func recommendAnswer(yes bool) survey.Answer {
	return survey.Answer{Kind: survey.KindRecommend, Value: b2i(yes)}
}
func fcrAnswer(resolved bool) survey.Answer {
	return survey.Answer{Kind: survey.KindFCR, Value: b2i(resolved)}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// within reports whether iv.Low ≤ x ≤ iv.High.
func within(iv survey.Interval, x decimal.Decimal) bool {
	return iv.Low.LessThanOrEqual(x) && x.LessThanOrEqual(iv.High)
}
