package ratingtest

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// epoch is the first instant of the calls the kit draws: 1 January 2025, UTC.
var epoch = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// Score returns a generator of scores on the 5-point scale with 0–2 digits after the point, often 0 or 5.
func Score() *rapid.Generator[decimal.Decimal] {
	return rapid.OneOf(
		rapid.Just(decimal.Zero),
		rapid.Just(decimal.NewFromInt(5)),
		rapid.Map(rapid.IntRange(0, 50), func(n int) decimal.Decimal { return decimal.New(int64(n), -1) }),
		rapid.Map(rapid.IntRange(0, 500), func(n int) decimal.Decimal { return decimal.New(int64(n), -2) }),
	)
}

// CallScores returns a generator of 0…maxCalls evaluated calls of the employee, with unique evaluation IDs
// ("e1", "e2", ...), totals drawn by Score and times within the year 2025, UTC.
func CallScores(employeeID string, maxCalls int) *rapid.Generator[[]rating.CallScore] {
	return rapid.Custom(func(t *rapid.T) []rating.CallScore {
		n := rapid.IntRange(0, max(maxCalls, 0)).Draw(t, "calls")
		calls := make([]rating.CallScore, n)
		for i := range calls {
			calls[i] = rating.CallScore{
				EvaluationID: fmt.Sprintf("e%d", i+1),
				EmployeeID:   employeeID,
				At:           epoch.Add(time.Duration(rapid.IntRange(0, 364*24).Draw(t, "hour")) * time.Hour),
				Total:        Score().Draw(t, "total"),
			}
		}
		return calls
	})
}

// Survey returns a generator of valid surveys: CSI and NPS each present or not, on 0–5, and 0…maxClients clients
// of whom 0…all were surveyed; Clients 0 (unknown) is drawn too, with any number surveyed up to maxClients.
func Survey(maxClients int64) *rapid.Generator[rating.Survey] {
	return rapid.Custom(func(t *rapid.T) rating.Survey {
		var s rating.Survey
		if rapid.Bool().Draw(t, "csiPresent") {
			csi := sq.FractionOf(Score().Draw(t, "csi"))
			s.CSI = &csi
		}
		if rapid.Bool().Draw(t, "npsPresent") {
			nps := sq.FractionOf(Score().Draw(t, "nps"))
			s.NPS = &nps
		}
		s.Clients = rapid.Int64Range(0, max(maxClients, 0)).Draw(t, "clients")
		whole := s.Clients
		if whole == 0 {
			whole = max(maxClients, 0)
		}
		s.Surveyed = rapid.OneOf(rapid.Just(int64(0)), rapid.Just(whole), rapid.Int64Range(0, whole)).Draw(t, "surveyed")
		return s
	})
}

// Accumulator returns a generator of accumulators of 0…maxValues scores drawn by Score.
func Accumulator(maxValues int) *rapid.Generator[rating.Accumulator] {
	return rapid.Custom(func(t *rapid.T) rating.Accumulator {
		var a rating.Accumulator
		for range rapid.IntRange(0, max(maxValues, 0)).Draw(t, "values") {
			if err := a.Add(Score().Draw(t, "score")); err != nil {
				panic(fmt.Sprintf("ratingtest: %v", err)) // a score on 0–5 with two places always fits
			}
		}
		return a
	})
}

// Weight returns a generator of weights of 0–10 with 0–2 digits after the point, often 0 or 1.
func Weight() *rapid.Generator[decimal.Decimal] {
	return rapid.Map(rapid.OneOf(rapid.Just(0), rapid.Just(100), rapid.IntRange(0, 1000)),
		func(w int) decimal.Decimal { return decimal.New(int64(w), -2) })
}

// weights draws one weight per pointer by Weight and makes one of them 1 when all are 0.
func weights(t *rapid.T, label string, ws ...*decimal.Decimal) {
	positive := false
	for i, w := range ws {
		*w = Weight().Draw(t, fmt.Sprintf("%s%d", label, i))
		positive = positive || w.Sign() > 0
	}
	if !positive {
		*ws[rapid.IntRange(0, len(ws)-1).Draw(t, label+"Positive")] = decimal.NewFromInt(1)
	}
}

// missing draws the missing-component rule: fail, or renormalize with a minimum coverage of 0–1 in steps of
// 0.05.
func missing(t *rapid.T) (fail bool, minCoverage decimal.Decimal) {
	if rapid.Bool().Draw(t, "fail") {
		return true, decimal.Zero
	}
	return false, decimal.New(int64(rapid.IntRange(0, 20).Draw(t, "minCoverage")*5), -2)
}

// PersonalSettings returns a generator of valid personal settings: the defaults, and random ones with weights
// drawn by Weight (at least one positive in each pair), either missing-component rule, a minimum of 1–10 calls,
// a coverage minimum of 1–20% or the default and, sometimes, call shrinkage.
func PersonalSettings() *rapid.Generator[rating.PersonalSettings] {
	return rapid.OneOf(rapid.Just(rating.DefaultPersonalSettings()), rapid.Custom(func(t *rapid.T) rating.PersonalSettings {
		var s rating.PersonalSettings
		weights(t, "weight", &s.CallWeight, &s.SurveyWeight)
		weights(t, "surveyWeight", &s.CSIWeight, &s.NPSWeight)
		s.FailOnMissing, s.MinCoverage = missing(t)
		s.MinCalls = rapid.IntRange(1, 10).Draw(t, "minCalls")
		s.MinSurveyedPercent = decimal.NewFromInt(int64(rapid.IntRange(0, 20).Draw(t, "minPercent")))
		if rapid.Bool().Draw(t, "shrinkage") {
			s.ShrinkPrior = Score().Draw(t, "prior")
			s.ShrinkStrength = decimal.New(int64(rapid.IntRange(0, 100).Draw(t, "strength")), -1)
		}
		return s
	}))
}

// DepartmentSettings returns a generator of valid department settings: the defaults, and random ones with
// weights drawn by Weight, either missing-component rule, either platform mean and either rule for insufficient
// personal ratings.
func DepartmentSettings() *rapid.Generator[rating.DepartmentSettings] {
	return rapid.OneOf(rapid.Just(rating.DefaultDepartmentSettings()), rapid.Custom(func(t *rapid.T) rating.DepartmentSettings {
		var s rating.DepartmentSettings
		weights(t, "weight", &s.PlatformWeight, &s.EmployeeWeight, &s.SurveyWeight)
		weights(t, "surveyWeight", &s.CSIWeight, &s.NPSWeight)
		s.FailOnMissing, s.MinCoverage = missing(t)
		s.ReviewWeighted = rapid.Bool().Draw(t, "reviewWeighted")
		s.IncludeInsufficient = rapid.Bool().Draw(t, "includeInsufficient")
		return s
	}))
}

// Input returns a generator of valid personal inputs of the employee: up to 12 calls (CallScores), sometimes
// an earlier accumulator of up to 8 scores, and a survey of up to 200 clients. The input may hold no component
// at all, or miss one; a rater may refuse it with ErrEmpty or ErrMissingComponent.
func Input(employeeID string) *rapid.Generator[rating.PersonalInput] {
	return rapid.Custom(func(t *rapid.T) rating.PersonalInput {
		in := rating.PersonalInput{
			EmployeeID: employeeID,
			Calls:      CallScores(employeeID, 12).Draw(t, "calls"),
			Survey:     Survey(200).Draw(t, "survey"),
		}
		if rapid.Bool().Draw(t, "earlier") {
			in.Earlier = Accumulator(8).Draw(t, "earlierCalls")
		}
		return in
	})
}
