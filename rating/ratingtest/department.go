package ratingtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// platformNames are the platforms a DepartmentInput draws from.
var platformNames = []string{"2gis", "google", "yandex"}

// DepartmentInput returns a generator of valid department inputs: up to three platforms (ratings 1–5 with one
// digit after the point, 0–500 reviews, at least one with reviews), up to four employees rated by the default
// personal settings on inputs drawn by Input (sufficient or not), and a survey of up to 500 clients.
func DepartmentInput(departmentID string) *rapid.Generator[rating.DepartmentInput] {
	rater, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		panic(fmt.Sprintf("ratingtest: the default personal settings are refused: %v", err))
	}
	return rapid.Custom(func(t *rapid.T) rating.DepartmentInput {
		in := rating.DepartmentInput{DepartmentID: departmentID, Survey: Survey(500).Draw(t, "survey")}
		names := rapid.Permutation(platformNames).Draw(t, "platforms")
		for _, n := range names[:rapid.IntRange(0, len(names)).Draw(t, "platformCount")] {
			in.Platforms = append(in.Platforms, rating.PlatformRating{Name: n,
				Rating:  decimal.New(int64(rapid.IntRange(10, 50).Draw(t, "platformRating")), -1),
				Reviews: rapid.Int64Range(0, 500).Draw(t, "reviews")})
		}
		if len(in.Platforms) > 0 && !slices.ContainsFunc(in.Platforms, func(p rating.PlatformRating) bool { return p.Reviews > 0 }) {
			in.Platforms[0].Reviews = 1
		}
		for i := range rapid.IntRange(0, 4).Draw(t, "employees") {
			p, err := rater.Rate(Input(fmt.Sprintf("emp%d", i+1)).Draw(t, "employee"))
			if err == nil {
				in.Employees = append(in.Employees, p)
			}
		}
		return in
	})
}

// CheckDepartmentSettings proves in one line of a test that department-rating settings behave, as CheckSettings
// does for personal ones, on inputs drawn by DepartmentInput:
//
//   - InvValid: rating.NewDepartmentRater accepts s and rates every valid input that has a component (an input
//     may be refused only with ErrEmpty or ErrMissingComponent);
//   - InvJSON: s reads back Equal from its JSON;
//   - InvRange: the rating lies between the least and the greatest value of the components present and weighed
//     (platform ratings that count, the counted personal ratings, CSI, NPS), computed from the input (SPEC R7);
//   - InvScale: multiplying every weight of both schemes by 2, 3, 10 or 0.25 changes nothing (SPEC R9);
//   - InvSufficiency: the rating has NoSufficientEmployees exactly when the employees weigh more than 0, there
//     are employees, none is sufficient and insufficient ones are not included; it is sufficient exactly when it
//     has no reason.
//
// Draws and Skip apply; Invariant applies to CheckSettings only. CheckDepartmentSettings calls t's methods only
// from the calling goroutine.
func CheckDepartmentSettings(t testing.TB, s rating.DepartmentSettings, opts ...Option) {
	t.Helper()
	checkDepartment(t, s, newConfig(opts), libraryDepartmentRater)
}

type departmentRateFunc func(rating.DepartmentInput) (rating.Department, error)

func libraryDepartmentRater(s rating.DepartmentSettings) (departmentRateFunc, error) {
	r, err := rating.NewDepartmentRater(s)
	if err != nil {
		return nil, err
	}
	return r.Rate, nil
}

func checkDepartment(t testing.TB, s rating.DepartmentSettings, c *config,
	newRate func(rating.DepartmentSettings) (departmentRateFunc, error)) {
	t.Helper()
	fail := func(inv, format string, args ...any) {
		t.Helper()
		t.Errorf("ratingtest: department settings: %s: %s", inv, fmt.Sprintf(format, args...))
	}
	rate, err := newRate(s)
	if err != nil {
		fail(InvValid, "%v", err)
		return
	}
	if !c.skip[InvJSON] {
		var back rating.DepartmentSettings
		if b, err := s.MarshalJSON(); err != nil {
			fail(InvJSON, "the settings have no JSON form: %v", err)
		} else if err := back.UnmarshalJSON(b); err != nil || !back.Equal(s) {
			fail(InvJSON, "the settings do not read back Equal from %s (error %v)", b, err)
		}
	}
	scaled := make([]departmentRateFunc, len(scales))
	for i, k := range scales {
		ks := s
		scale(k, &ks.PlatformWeight, &ks.EmployeeWeight, &ks.SurveyWeight, &ks.CSIWeight, &ks.NPSWeight)
		if scaled[i], err = newRate(ks); err != nil && !errors.Is(err, sq.ErrLimit) && !c.skip[InvScale] {
			fail(InvScale, "the weights multiplied by %s are refused: %v", k, err)
		}
	}
	if t.Failed() {
		return
	}
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			in := DepartmentInput("dept").Draw(rt, fmt.Sprintf("input%d", k))
			if inv, msg := checkDepartmentInput(rt, s, c, rate, scaled, in); msg != "" {
				rt.Fatalf("ratingtest: department settings: %s: %s\ninput: %s", inv, msg, describeDepartment(in))
			}
		}
	})
}

func checkDepartmentInput(t *rapid.T, s rating.DepartmentSettings, c *config, rate departmentRateFunc,
	scaled []departmentRateFunc, in rating.DepartmentInput) (inv, msg string) {
	d, err := rate(in)
	if err != nil {
		if errors.Is(err, rating.ErrEmpty) || errors.Is(err, rating.ErrMissingComponent) {
			return "", ""
		}
		return InvValid, fmt.Sprintf("Rate refuses a valid input: %v", err)
	}
	counted := func(p rating.Personal) bool { return s.IncludeInsufficient || p.Sufficient() }
	if !c.skip[InvRange] {
		var vals []sq.Fraction
		if s.PlatformWeight.Sign() > 0 {
			for _, p := range in.Platforms {
				if !s.ReviewWeighted || p.Reviews > 0 {
					vals = append(vals, sq.FractionOf(p.Rating))
				}
			}
		}
		if s.EmployeeWeight.Sign() > 0 {
			for _, p := range in.Employees {
				if counted(p) {
					vals = append(vals, p.Exact())
				}
			}
		}
		vals = append(vals, surveyValues(s.SurveyWeight, s.CSIWeight, s.NPSWeight, in.Survey)...)
		if len(vals) > 0 {
			lo, hi, x := slices.MinFunc(vals, sq.Fraction.Cmp), slices.MaxFunc(vals, sq.Fraction.Cmp), d.Exact()
			if x.Cmp(lo) < 0 || x.Cmp(hi) > 0 {
				return InvRange, fmt.Sprintf("rating %s lies outside %s…%s, the range of the components present", x.Rat().RatString(), lo.Rat().RatString(), hi.Rat().RatString())
			}
		}
	}
	if !c.skip[InvSufficiency] {
		none := len(in.Employees) > 0 && !slices.ContainsFunc(in.Employees, counted)
		want := s.EmployeeWeight.Sign() > 0 && none
		if has(d.Rating, rating.NoSufficientEmployees) != want {
			return InvSufficiency, fmt.Sprintf("reason no-sufficient-employees is %t, want %t (rating %s)", has(d.Rating, rating.NoSufficientEmployees), want, words(rating.Personal{Rating: d.Rating}))
		}
		if d.Sufficient() != (len(d.Reasons()) == 0) {
			return InvSufficiency, fmt.Sprintf("rating %s: sufficient %t with %d reasons", words(rating.Personal{Rating: d.Rating}), d.Sufficient(), len(d.Reasons()))
		}
	}
	if !c.skip[InvScale] {
		i := rapid.IntRange(0, len(scales)-1).Draw(t, "scale")
		if scaled[i] != nil {
			e, err := scaled[i](in)
			if err != nil || !same(rating.Personal{Rating: d.Rating}, rating.Personal{Rating: e.Rating}) {
				return InvScale, fmt.Sprintf("rating %s; with every weight multiplied by %s: %s (error %v)",
					words(rating.Personal{Rating: d.Rating}), scales[i], words(rating.Personal{Rating: e.Rating}), err)
			}
		}
	}
	return "", ""
}

// surveyValues returns the CSI and NPS of sv that are present and weighed, when the survey index is.
func surveyValues(surveyWeight, csiWeight, npsWeight decimal.Decimal, sv rating.Survey) []sq.Fraction {
	var vals []sq.Fraction
	if surveyWeight.Sign() > 0 {
		if sv.CSI != nil && csiWeight.Sign() > 0 {
			vals = append(vals, *sv.CSI)
		}
		if sv.NPS != nil && npsWeight.Sign() > 0 {
			vals = append(vals, *sv.NPS)
		}
	}
	return vals
}

// describeDepartment writes a department input in words.
func describeDepartment(in rating.DepartmentInput) string {
	var ps, es []string
	for _, p := range in.Platforms {
		ps = append(ps, fmt.Sprintf("%s %s (%d reviews)", p.Name, p.Rating, p.Reviews))
	}
	for _, p := range in.Employees {
		es = append(es, fmt.Sprintf("%s %s (%s)", p.EmployeeID, p.Exact().Rat().RatString(), status(p.Rating)))
	}
	return fmt.Sprintf("platforms [%s], employees [%s], %s", strings.Join(ps, ", "), strings.Join(es, ", "), describeSurvey(in.Survey))
}
