package survey_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
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

// rounded rounds an exact metric once, as a caller does, and says whether that was exact:
// rounded(2, sq.HalfUp)(s.Percent()).
func rounded(places int32, r sq.Rounding) func(sq.Fraction, error) (decimal.Decimal, bool, error) {
	return func(f sq.Fraction, err error) (decimal.Decimal, bool, error) {
		if err != nil {
			return decimal.Decimal{}, false, err
		}
		v, err := f.Round(sq.Precision{Places: places, Rounding: r})
		return v.Value, !v.Inexact, err
	}
}

// prec is sq.Precision{Places: places, Rounding: r}.
func prec(places int32, r sq.Rounding) sq.Precision { return sq.Precision{Places: places, Rounding: r} }

// months returns the calendar months of loc overlapping [from, to) as periods, for groupings.
func months(from, to time.Time, loc *time.Location) ([]sq.Period, error) {
	ms, err := sq.Months(sq.Period{From: from, To: to}, loc)
	out := make([]sq.Period, len(ms))
	for i, m := range ms {
		out[i] = m.Period(loc)
	}
	return out, err
}

// quarters returns the calendar quarters of loc overlapping [from, to) as periods, for groupings.
func quarters(from, to time.Time, loc *time.Location) ([]sq.Period, error) {
	qs, err := sq.Quarters(sq.Period{From: from, To: to}, loc)
	out := make([]sq.Period, len(qs))
	for i, q := range qs {
		out[i] = q.Period(loc)
	}
	return out, err
}

// Grouping keys.
func byEmployee(r survey.Response) string   { return r.Employee }
func byDepartment(r survey.Response) string { return r.Department }
func byChannel(r survey.Response) string    { return r.Channel }

// mapToFive maps a classic NPS onto 5 points, (score + 100) / 40, as a caller does where one must sit beside
// 5-point ratings.
func mapToFive(c survey.ClassicNPS) (sq.Fraction, error) {
	score, err := c.Score()
	if err != nil {
		return sq.Fraction{}, err
	}
	return score.Add(sq.FractionOf(decimal.NewFromInt(100))).Quo(sq.FractionOf(decimal.NewFromInt(40)))
}

// shareOf tallies yes/no answers, true counting as a hit.
func shareOf(answers []bool) survey.Share {
	var hits int64
	for _, a := range answers {
		if a {
			hits++
		}
	}
	return must(survey.NewShare(hits, int64(len(answers))))
}

// second returns the error of a two-value call.
func second[T any](_ T, err error) error { return err }

var almaty = time.FixedZone("UTC+5", 5*3600)

// at returns a time in the test zone.
func at(y int, m time.Month, day, hour int) time.Time {
	return time.Date(y, m, day, hour, 0, 0, 0, almaty)
}
