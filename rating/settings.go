package rating

import (
	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// DefaultMinCalls is the least number of evaluated calls behind a sufficient call-quality rating (SPEC R5).
const DefaultMinCalls = 5

// Component names, as Contribution.Name and Reason.Component report them.
const (
	componentCalls     = "calls"
	componentSurvey    = "survey"
	componentCSI       = "csi"
	componentNPS       = "nps"
	componentPlatforms = "platforms"
	componentEmployees = "employees"
)

// PersonalSettings configure personal ratings (SPEC R8). Weights are relative ({2, 1} and {4, 2} are the same),
// at least 0, with at least one positive in each pair (SPEC R9). The zero value is not valid (all weights are
// 0): start from DefaultPersonalSettings and change what differs.
type PersonalSettings struct {
	// CallWeight and SurveyWeight weigh the call-quality rating (the mean of the evaluated call totals) against
	// the survey index.
	CallWeight, SurveyWeight decimal.Decimal
	// CSIWeight and NPSWeight weigh CSI against NPS in the survey index (SPEC R11–R13).
	CSIWeight, NPSWeight decimal.Decimal
	// FailOnMissing makes Rate fail (ErrMissingComponent) when a component of positive weight is missing. The
	// zero value renormalizes over the present components and reports a MissingComponent reason.
	FailOnMissing bool
	// MinCoverage is the least share (0–1) of the total weight the present components must carry when a missing
	// one is renormalized away; below it Rate fails (ErrMissingComponent). Zero accepts any positive share.
	MinCoverage decimal.Decimal
	// MinCalls is the least number of evaluated calls for a sufficient rating; at least 1.
	MinCalls int
	// Coverage is the least share of the employee's clients surveyed for a sufficient rating (SPEC R14). It is
	// the survey package's rule; its zero value is survey.DefaultMinCoveragePercent (4%).
	Coverage survey.CoveragePolicy
	// ShrinkPrior and ShrinkStrength, when ShrinkStrength is positive, replace the plain mean of the call totals
	// by the shrinkage mean (m·C + Σx)/(m + n) with C = ShrinkPrior (on 0–5) and m = ShrinkStrength, pulling
	// thin samples toward the prior. The zero values give the plain mean.
	ShrinkPrior, ShrinkStrength decimal.Decimal
}

// DefaultPersonalSettings returns the documented defaults. The source gives no weights (SPEC R9), so they are
// equal: calls 1, survey 1, and CSI 1, NPS 1 in the survey index. A missing component is renormalized over the
// others (and the rating then reports why it is insufficient); at least 5 evaluated calls (R5) and 4% of the
// clients surveyed (R14); plain mean of the calls.
func DefaultPersonalSettings() PersonalSettings {
	one := decimal.NewFromInt(1)
	return PersonalSettings{CallWeight: one, SurveyWeight: one, CSIWeight: one, NPSWeight: one, MinCalls: DefaultMinCalls}
}

// schemes returns the weighted means of s: the rating's and the survey index's.
func (s PersonalSettings) schemes() (top, sv scheme) {
	return scheme{Weights: []weight{{componentCalls, s.CallWeight}, {componentSurvey, s.SurveyWeight}},
			Renormalize: !s.FailOnMissing, MinCoverage: s.MinCoverage},
		surveyScheme(s.CSIWeight, s.NPSWeight, s.FailOnMissing, s.MinCoverage)
}

func surveyScheme(csi, nps decimal.Decimal, fail bool, minCoverage decimal.Decimal) scheme {
	return scheme{Weights: []weight{{componentCSI, csi}, {componentNPS, nps}}, Renormalize: !fail, MinCoverage: minCoverage}
}

// Validate reports the first invalid setting. Errors wrap ErrInvalidWeight, ErrInvalidSetting or ErrLimit.
func (s PersonalSettings) Validate() error {
	top, sv := s.schemes()
	if err := top.validate(); err != nil {
		return within("personal weights", err)
	}
	if err := sv.validate(); err != nil {
		return within("personal survey weights", err)
	}
	if s.MinCalls < 1 {
		return errorf("minimum calls %d, at least 1 allowed: %w", s.MinCalls, ErrInvalidSetting)
	}
	if err := s.Coverage.Validate(); err != nil {
		return errorf("coverage: %v: %w", err, ErrInvalidSetting)
	}
	return checkShrinkage(s.ShrinkPrior, s.ShrinkStrength)
}

// PlatformRating is a department's rating on one public map or review platform (Yandex, Google, 2GIS or any
// other named platform, SPEC R7): the rating it shows, 1 to 5, and the number of reviews behind it.
type PlatformRating struct {
	Name    string
	Rating  decimal.Decimal
	Reviews int64
}

// DepartmentSettings configure department ratings (SPEC R7). Weights are relative and follow the rules of
// PersonalSettings. The zero value is not valid (all weights are 0): start from DefaultDepartmentSettings.
type DepartmentSettings struct {
	// PlatformWeight, EmployeeWeight and SurveyWeight weigh the platform rating, the mean of the employees'
	// personal ratings and the department's survey index.
	PlatformWeight, EmployeeWeight, SurveyWeight decimal.Decimal
	// CSIWeight and NPSWeight weigh CSI against NPS in the survey index.
	CSIWeight, NPSWeight decimal.Decimal
	// FailOnMissing and MinCoverage work as in PersonalSettings.
	FailOnMissing bool
	MinCoverage   decimal.Decimal
	// ReviewWeighted weighs each platform by its number of reviews; the zero value gives every platform the same
	// weight (plain mean).
	ReviewWeighted bool
	// IncludeInsufficient counts the personal ratings that are insufficient too; by default only sufficient ones
	// count.
	IncludeInsufficient bool
}

// DefaultDepartmentSettings returns the documented defaults: equal weights (platforms 1, employees 1, survey 1;
// CSI 1, NPS 1), missing components renormalized, the plain mean of the platforms, sufficient personal ratings
// only.
func DefaultDepartmentSettings() DepartmentSettings {
	one := decimal.NewFromInt(1)
	return DepartmentSettings{PlatformWeight: one, EmployeeWeight: one, SurveyWeight: one, CSIWeight: one, NPSWeight: one}
}

// schemes returns the weighted means of s: the rating's and the survey index's.
func (s DepartmentSettings) schemes() (top, sv scheme) {
	return scheme{Weights: []weight{{componentPlatforms, s.PlatformWeight}, {componentEmployees, s.EmployeeWeight},
			{componentSurvey, s.SurveyWeight}}, Renormalize: !s.FailOnMissing, MinCoverage: s.MinCoverage},
		surveyScheme(s.CSIWeight, s.NPSWeight, s.FailOnMissing, s.MinCoverage)
}

// Validate reports the first invalid setting; errors wrap ErrInvalidWeight, ErrInvalidSetting or ErrLimit.
func (s DepartmentSettings) Validate() error {
	top, sv := s.schemes()
	if err := top.validate(); err != nil {
		return within("department weights", err)
	}
	if err := sv.validate(); err != nil {
		return within("department survey weights", err)
	}
	return nil
}

// checkShrinkage reports an error wrapping ErrInvalidSetting unless the prior lies on 0–5 and the strength is
// at least 0.
func checkShrinkage(prior, strength decimal.Decimal) error {
	if err := checkScale("shrinkage prior", prior); err != nil {
		return errorf("%w: %w", ErrInvalidSetting, err)
	}
	if err := dec.Check(strength); err != nil {
		return errorf("shrinkage strength: %w: %w", ErrInvalidSetting, err)
	}
	if strength.Sign() < 0 {
		return errorf("shrinkage strength %s is negative, it must be at least 0: %w", strength, ErrInvalidSetting)
	}
	return nil
}

// shrinkageOf returns the shrinkage mean of the values held by a, which is not empty; the plain mean when the
// strength is 0.
func shrinkageOf(prior, strength decimal.Decimal, a Accumulator) sq.Fraction {
	m := sq.FractionOf(strength)
	num := fracAdd(fracMul(m, sq.FractionOf(prior)), sq.FractionOf(a.Sum()))
	return fracQuo(num, fracAdd(m, fracInt(a.Count())))
}
