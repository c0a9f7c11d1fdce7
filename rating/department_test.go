package rating_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

func departmentRater(t tb, change func(*rating.DepartmentSettings)) *rating.DepartmentRater {
	t.Helper()
	s := rating.DefaultDepartmentSettings()
	if change != nil {
		change(&s)
	}
	r, err := rating.NewDepartmentRater(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// staff returns the personal ratings of three employees: anna (sufficient, 4.455), boris (sufficient, 4.275) and
// carol (insufficient: 2 calls, 3.775).
func staff(t tb) []rating.Personal {
	t.Helper()
	r := personalRater(t, nil)
	var ps []rating.Personal
	for _, in := range []rating.PersonalInput{
		{EmployeeID: "anna", Calls: callsOn("anna", day(2024, 2, 1), "4.3", "4.5", "5", "3.9", "4.1"), Survey: goodSurvey},
		{EmployeeID: "boris", Calls: callsOn("boris", day(2024, 2, 1), "4", "4", "4", "4", "4"), Survey: goodSurvey},
		{EmployeeID: "carol", Calls: callsOn("carol", day(2024, 2, 1), "3", "3"), Survey: goodSurvey},
	} {
		p, err := r.Rate(in)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

var platforms = []rating.PlatformRating{
	{Name: "Yandex", Rating: d("4.8"), Reviews: 120},
	{Name: "Google", Rating: d("4.6"), Reviews: 80},
	{Name: "2GIS", Rating: d("4.4"), Reviews: 0},
}

var deptSurvey = rating.Survey{CSI: nd("4.4"), NPS: nd("4"), Surveyed: 40, Clients: 900}

// TestDepartmentRating pins SPEC R7 on hand-computed cases.
func TestDepartmentRating(t *testing.T) {
	tests := []struct {
		change    func(*rating.DepartmentSettings)
		in        rating.DepartmentInput
		platforms string
		employees string
		value     string
		counted   int
		skipped   int
		reasons   []rating.ReasonCode
		reason    string
	}{
		{nil, rating.DepartmentInput{Platforms: platforms, Employees: staff(t), Survey: deptSurvey},
			"23/5", "873/200", "2633/600", 2, 1, nil,
			"plain platform mean 4.6, employees (4.455 + 4.275)/2 = 4.365, survey 4.2; (4.6 + 4.365 + 4.2)/3 = 13.165/3"},
		{func(s *rating.DepartmentSettings) { s.ReviewWeighted = true },
			rating.DepartmentInput{Platforms: platforms, Employees: staff(t), Survey: deptSurvey},
			"118/25", "873/200", "2657/600", 2, 1, nil,
			"review-weighted (4.8·120 + 4.6·80)/200 = 4.72; (4.72 + 4.365 + 4.2)/3 = 13.285/3"},
		{func(s *rating.DepartmentSettings) { s.IncludeInsufficient = true },
			rating.DepartmentInput{Platforms: platforms, Employees: staff(t), Survey: deptSurvey},
			"23/5", "2501/600", "7781/1800", 3, 0, nil,
			"insufficient ratings counted when the setting says so: (4.455 + 4.275 + 3.775)/3 = 12.505/3"},
		{func(s *rating.DepartmentSettings) { s.PlatformWeight = d("2") },
			rating.DepartmentInput{Platforms: platforms, Employees: staff(t), Survey: deptSurvey},
			"23/5", "873/200", "3553/800", 2, 1, nil,
			"platforms weigh double: (2·4.6 + 4.365 + 4.2)/4 = 17.765/4"},
		{nil, rating.DepartmentInput{Employees: staff(t), Survey: deptSurvey},
			"0", "873/200", "1713/400", 2, 1, []rating.ReasonCode{rating.MissingComponent},
			"no platform: renormalized and reported"},
		{nil, rating.DepartmentInput{Platforms: platforms, Employees: staff(t)[2:], Survey: deptSurvey},
			"23/5", "0", "22/5", 0, 1, []rating.ReasonCode{rating.NoSufficientEmployees},
			"the only employee is insufficient"},
	}
	for _, tt := range tests {
		tt.in.DepartmentID = "almaty-sales"
		dep, err := departmentRater(t, tt.change).Rate(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		pl, _ := dep.Component("platforms")
		em, _ := dep.Component("employees")
		got := []string{pl.Rat().RatString(), em.Rat().RatString(), dep.Exact().Rat().RatString()}
		if diff := cmp.Diff([]string{tt.platforms, tt.employees, tt.value}, got); diff != "" {
			t.Errorf("%s: platforms, employees, value mismatch (-want +got):\n%s", tt.reason, diff)
		}
		if dep.Counted != tt.counted || dep.Skipped != tt.skipped {
			t.Errorf("%s: counted %d skipped %d, want %d and %d", tt.reason, dep.Counted, dep.Skipped, tt.counted, tt.skipped)
		}
		if diff := cmp.Diff(tt.reasons, codes(dep.Rating)); diff != "" {
			t.Errorf("%s: reasons mismatch (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestDepartmentErrors(t *testing.T) {
	withPlatform := func(p rating.PlatformRating) []rating.PlatformRating {
		return append(append([]rating.PlatformRating(nil), platforms...), p)
	}
	tests := []struct {
		change func(*rating.DepartmentSettings)
		in     rating.DepartmentInput
		want   error
		reason string
	}{
		{nil, rating.DepartmentInput{DepartmentID: "x"}, rating.ErrEmpty, "nothing to rate"},
		{nil, rating.DepartmentInput{Platforms: platforms}, sq.ErrInvalid, "empty department ID"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"Yell", d("0.5"), 3})},
			rating.ErrOutOfRange, "platform rating below 1"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"Yell", d("5.1"), 3})},
			rating.ErrOutOfRange, "platform rating above 5"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"Yell", d("4"), -1})},
			rating.ErrOutOfRange, "negative reviews"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"Google", d("4"), 1})},
			rating.ErrDuplicate, "platform twice"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"", d("4"), 1})},
			sq.ErrInvalid, "platform without a name"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Platforms: withPlatform(rating.PlatformRating{"Yell", decimal.New(1, -20), 1})},
			sq.ErrLimit, "platform rating with 20 places"},
		{func(s *rating.DepartmentSettings) { s.ReviewWeighted = true },
			rating.DepartmentInput{DepartmentID: "x", Platforms: []rating.PlatformRating{{"2GIS", d("4"), 0}}},
			rating.ErrInvalidWeight, "review-weighted with no review"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Employees: append(staff(t), staff(t)[0])},
			rating.ErrDuplicate, "employee twice"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Employees: []rating.Personal{{}}},
			sq.ErrInvalid, "a zero personal rating"},
		{nil, rating.DepartmentInput{DepartmentID: "x", Survey: rating.Survey{NPS: nd("5.5")}},
			rating.ErrOutOfRange, "NPS above 5"},
		{func(s *rating.DepartmentSettings) { s.FailOnMissing = true },
			rating.DepartmentInput{DepartmentID: "x", Platforms: platforms}, rating.ErrMissingComponent, "fail policy"},
		{func(s *rating.DepartmentSettings) { s.MinCoverage = d("0.5") },
			rating.DepartmentInput{DepartmentID: "x", Platforms: platforms}, rating.ErrMissingComponent, "coverage 1/3 below 1/2"},
	}
	for _, tt := range tests {
		_, err := departmentRater(t, tt.change).Rate(tt.in)
		wantErr(t, err, tt.want, tt.reason)
		if err != nil && (!strings.HasPrefix(err.Error(), "rating: ") || strings.Contains(err.Error(), ": rating: ")) {
			t.Errorf("%s: message %q", tt.reason, err)
		}
	}
	for _, bad := range []func(*rating.DepartmentSettings){
		func(s *rating.DepartmentSettings) {
			s.PlatformWeight, s.EmployeeWeight, s.SurveyWeight = d("0"), d("0"), d("0")
		},
		func(s *rating.DepartmentSettings) { s.EmployeeWeight = d("-1") },
		func(s *rating.DepartmentSettings) { s.CSIWeight, s.NPSWeight = d("0"), d("0") },
		func(s *rating.DepartmentSettings) { s.MinCoverage = d("1.5") },
		func(s *rating.DepartmentSettings) { s.NPSWeight = decimal.New(1, 40) },
	} {
		s := rating.DefaultDepartmentSettings()
		bad(&s)
		if _, err := rating.NewDepartmentRater(s); err == nil {
			t.Errorf("invalid settings %+v accepted", s)
		}
	}
}

func TestDepartmentAccessors(t *testing.T) {
	s := rating.DefaultDepartmentSettings()
	r, err := rating.NewDepartmentRater(s)
	if err != nil {
		t.Fatal(err)
	}
	s.PlatformWeight = d("9") // the rater keeps its own copy
	a, err := r.Rate(rating.DepartmentInput{DepartmentID: "a", Platforms: platforms, Employees: staff(t), Survey: deptSurvey})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Rate(rating.DepartmentInput{DepartmentID: "b", Platforms: platforms[:1], Survey: deptSurvey})
	if err != nil {
		t.Fatal(err)
	}
	if idx, ok := a.Component("survey"); !ok || idx.Rat().RatString() != "21/5" {
		t.Errorf("SurveyIndex() = %s, %v; want 21/5", idx.Rat().RatString(), ok)
	}
	if _, ok := b.Component("employees"); ok {
		t.Error("EmployeeMean() of a department without employees reports a value")
	}
	if !a.Equal(a) || a.Equal(b) {
		t.Error("Equal disagrees with the ratings")
	}
	// Departments rank like employees: b is insufficient (no employees), so it is listed after a, unranked.
	l, err := rating.Rank(map[string]rating.Rating{"a": a.Rating, "b": b.Rating})
	if err != nil {
		t.Fatal(err)
	}
	got := standings(l)
	if len(got) != 2 || got[0] != "1 1 a 4.4" || !strings.HasPrefix(got[1], "0 0 b insufficient [4.5]: missing-component") {
		t.Errorf("department leaderboard = %v", got)
	}
}

// TestNames pins the text of the enumerations, used in messages and logs.
func TestNames(t *testing.T) {
	got := []string{
		rating.FewCalls.String(), rating.NoSufficientEmployees.String(), rating.ReasonCode(0).String(),
		rating.ByEmployee.String(), rating.ByDepartment.String(), rating.GroupBy(9).String(),
	}
	want := []string{
		"few-calls", "no-sufficient-employees", "ReasonCode(0)",
		"employee", "department", "GroupBy(9)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names mismatch (-want +got):\n%s", diff)
	}
	var zero rating.Rating
	if zero.Sufficient() || zero.String() != "insufficient [0.0]" {
		t.Errorf("zero Rating is %v %q, want insufficient", zero.Sufficient(), zero.String())
	}
}
