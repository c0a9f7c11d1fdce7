package ratingtest

import (
	"strings"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestGeneratedSettings proves every invariant of CheckSettings on the library for settings drawn by
// PersonalSettings and inputs drawn by Input, and that drawn settings read back from JSON.
func TestGeneratedSettings(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := PersonalSettings().Draw(t, "settings")
		rate, err := libraryRater(s)
		if err != nil {
			t.Fatalf("PersonalSettings drew invalid settings: %v", err)
		}
		scaled := make([]rateFunc, len(scales))
		for i, k := range scales {
			if scaled[i], err = libraryRater(scaleSettings(s, k)); err != nil {
				t.Fatalf("scaled by %s: %v", k, err)
			}
		}
		ck := &checker{s: s, c: newConfig(nil), rate: rate, scaled: scaled}
		in := Input("emp").Draw(t, "input")
		if inv, msg := ck.input(t, in); msg != "" {
			t.Fatalf("%s: %s\ninput: %s", inv, msg, describe(in))
		}
	})
}

// TestDepartmentSettingsGenerator: drawn department settings are valid.
func TestDepartmentSettingsGenerator(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		if _, err := rating.NewDepartmentRater(DepartmentSettings().Draw(t, "settings")); err != nil {
			t.Fatalf("DepartmentSettings drew invalid settings: %v", err)
		}
	})
}

// broken wraps the library's rater: change alters the settings or the input before rating.
func broken(changeSettings func(rating.PersonalSettings) rating.PersonalSettings,
	changeInput func(rating.PersonalInput) rating.PersonalInput) newRateFunc {
	return func(s rating.PersonalSettings) (rateFunc, error) {
		rate, err := libraryRater(changeSettings(s))
		if err != nil {
			return nil, err
		}
		return func(in rating.PersonalInput) (rating.Personal, error) { return rate(changeInput(in)) }, nil
	}
}

func unchanged[T any](x T) T { return x }

// TestCheckSettingsFails proves that each invariant can fail: a re-implementation broken in one way is caught,
// and the message names the invariant and shows the shrunk input.
func TestCheckSettingsFails(t *testing.T) {
	tests := []struct {
		name   string
		rate   newRateFunc
		want   []string
		reason string
	}{
		{"range", broken(unchanged, func(in rating.PersonalInput) rating.PersonalInput {
			in.Calls = append([]rating.CallScore(nil), in.Calls...)
			for i := range in.Calls {
				in.Calls[i].Total = decimal.NewFromInt(5).Sub(in.Calls[i].Total)
			}
			return in
		}), []string{"range: rating", "outside", "input: calls ["}, "rates 5 − total instead of the total"},
		{"sufficiency", broken(func(s rating.PersonalSettings) rating.PersonalSettings { s.MinCalls = 1; return s }, unchanged),
			[]string{"sufficiency: ", "reason few-calls is false, want true"}, "ignores the minimum of calls"},
		{"scale", broken(func(s rating.PersonalSettings) rating.PersonalSettings {
			s.CallWeight = s.CallWeight.Add(decimal.NewFromInt(1))
			return s
		}, unchanged), []string{"scale: rating", "with every weight multiplied by"}, "adds 1 to a weight, which is not scale-free"},
		{"merge", broken(unchanged, func(in rating.PersonalInput) rating.PersonalInput { in.Earlier = rating.Accumulator{}; return in }),
			[]string{"merge: rating", "moved into Earlier"}, "drops the earlier calls (range and sufficiency, which catch it too, are skipped so that merge must)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failed, out := recordtb.Run(t, func(tb testing.TB) {
				var opts []Option
				if tt.name == "merge" {
					opts = append(opts, Skip(InvRange, InvSufficiency))
				}
				checkSettings(tb, rating.DefaultPersonalSettings(), newConfig(opts), tt.rate)
			})
			for _, w := range tt.want {
				if !failed || !strings.Contains(out, w) {
					t.Errorf("CheckSettings (%s): failed %t, output:\n%s\nwant it to contain %q", tt.reason, failed, out, w)
				}
			}
		})
	}
}

// TestGeneratedDepartmentSettings proves every department invariant on the library for drawn settings and inputs,
// and that the inputs drawn are rated (not all refused).
func TestGeneratedDepartmentSettings(t *testing.T) {
	rated, drawn := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		s := DepartmentSettings().Draw(t, "settings")
		rate, err := libraryDepartmentRater(s)
		if err != nil {
			t.Fatalf("DepartmentSettings drew invalid settings: %v", err)
		}
		scaled := make([]departmentRateFunc, len(scales))
		for i, k := range scales {
			ks := s
			scale(k, &ks.PlatformWeight, &ks.EmployeeWeight, &ks.SurveyWeight, &ks.CSIWeight, &ks.NPSWeight)
			if scaled[i], err = libraryDepartmentRater(ks); err != nil {
				t.Fatalf("scaled by %s: %v", k, err)
			}
		}
		in := DepartmentInput("dept").Draw(t, "input")
		if inv, msg := checkDepartmentInput(t, s, newConfig(nil), rate, scaled, in); msg != "" {
			t.Fatalf("%s: %s\ninput: %s", inv, msg, describeDepartment(in))
		}
		drawn++
		if _, err := rate(in); err == nil {
			rated++
		}
	})
	if rated*2 < drawn {
		t.Errorf("only %d of %d drawn department inputs were rated", rated, drawn)
	}
}

// TestCheckDepartmentSettingsFails proves that the department checker fails on broken re-implementations.
func TestCheckDepartmentSettingsFails(t *testing.T) {
	tests := []struct {
		name   string
		rate   func(rating.DepartmentSettings) (departmentRateFunc, error)
		want   []string
		reason string
	}{
		{"range", func(s rating.DepartmentSettings) (departmentRateFunc, error) {
			rate, err := libraryDepartmentRater(s)
			return func(in rating.DepartmentInput) (rating.Department, error) {
				in.Platforms = append([]rating.PlatformRating(nil), in.Platforms...)
				for i := range in.Platforms {
					in.Platforms[i].Rating = decimal.NewFromInt(6).Sub(in.Platforms[i].Rating)
				}
				return rate(in)
			}, err
		}, []string{"department settings: range: rating", "input: platforms ["}, "rates 6 − rating instead of the rating"},
		{"sufficiency", func(s rating.DepartmentSettings) (departmentRateFunc, error) {
			s.IncludeInsufficient = true
			return libraryDepartmentRater(s)
		}, []string{"department settings: ", "no-sufficient-employees is false, want true"}, "includes insufficient ratings against the settings"},
		{"scale", func(s rating.DepartmentSettings) (departmentRateFunc, error) {
			s.PlatformWeight = s.PlatformWeight.Add(decimal.NewFromInt(1))
			return libraryDepartmentRater(s)
		}, []string{"department settings: scale: rating", "with every weight multiplied by"}, "adds 1 to a weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failed, out := recordtb.Run(t, func(tb testing.TB) {
				checkDepartment(tb, rating.DefaultDepartmentSettings(), newConfig(nil), tt.rate)
			})
			for _, w := range tt.want {
				if !failed || !strings.Contains(out, w) {
					t.Errorf("CheckDepartmentSettings (%s): failed %t, output:\n%s\nwant it to contain %q", tt.reason, failed, out, w)
				}
			}
		})
	}
}
