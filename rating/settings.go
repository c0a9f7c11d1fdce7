package rating

import (
	"strconv"
	"strings"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// defaultMinCalls is the least number of evaluated calls behind a sufficient call-quality rating (SPEC R5).
const defaultMinCalls = 5

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
	// MinSurveyedPercent is the least share, in percent (0–100), of the employee's clients surveyed for a
	// sufficient rating (SPEC R14), checked by the survey package's rule (survey.Share.Meets); zero means its
	// default, survey.DefaultMinCoveragePercent (4%).
	MinSurveyedPercent decimal.Decimal
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
	return PersonalSettings{CallWeight: one, SurveyWeight: one, CSIWeight: one, NPSWeight: one, MinCalls: defaultMinCalls}
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

// Validate reports the first invalid setting as a *sq.Error whose Path is the setting's JSON key. Errors wrap
// ErrInvalidWeight, sq.ErrInvalid or sq.ErrLimit.
func (s PersonalSettings) Validate() error {
	if err := checkWeights(setting{"call_weight", s.CallWeight}, setting{"survey_weight", s.SurveyWeight}); err != nil {
		return err
	}
	if err := checkWeights(setting{"csi_weight", s.CSIWeight}, setting{"nps_weight", s.NPSWeight}); err != nil {
		return err
	}
	if err := checkShare("min_coverage", s.MinCoverage); err != nil {
		return err
	}
	if s.MinCalls < 1 {
		return &sq.Error{Pkg: "rating", Path: "min_calls", Value: strconv.Itoa(s.MinCalls), Rule: "at least 1",
			Err: sq.ErrInvalid}
	}
	if _, err := (survey.Share{}).Required(s.MinSurveyedPercent); err != nil { // survey's rule checks the setting
		return within("min_surveyed_percent", err)
	}
	return checkShrinkage(s.ShrinkPrior, s.ShrinkStrength)
}

// setting is a named decimal setting.
type setting struct {
	path  string
	value decimal.Decimal
}

// checkWeights reports the first weight that is not a decimal within the module's limits of at least 0, or that
// all of ws are 0 (SPEC R9).
func checkWeights(ws ...setting) error {
	positive := false
	for _, w := range ws {
		if err := sq.CheckDecimal(w.value); err != nil {
			return sq.At(err, "rating", w.path)
		}
		if w.value.Sign() < 0 {
			return &sq.Error{Pkg: "rating", Path: w.path, Value: decText(w.value), Rule: "at least 0",
				Err: ErrInvalidWeight}
		}
		positive = positive || w.value.Sign() > 0
	}
	if !positive {
		paths := make([]string, len(ws))
		for i, w := range ws {
			paths[i] = w.path
		}
		return &sq.Error{Pkg: "rating", Path: strings.Join(paths, ", "), Value: "0",
			Rule: "at least one weight must be positive", Err: ErrInvalidWeight}
	}
	return nil
}

// checkShare reports an error unless d is a share from 0 to 1.
func checkShare(path string, d decimal.Decimal) error {
	if err := sq.CheckDecimal(d); err != nil {
		return sq.At(err, "rating", path)
	}
	if d.Sign() < 0 || d.Cmp(decimal.NewFromInt(1)) > 0 {
		return &sq.Error{Pkg: "rating", Path: path, Value: decText(d), Rule: "within 0–1", Err: sq.ErrInvalid}
	}
	return nil
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

// Validate reports the first invalid setting as a *sq.Error whose Path is the setting's JSON key; errors wrap
// ErrInvalidWeight, sq.ErrInvalid or sq.ErrLimit.
func (s DepartmentSettings) Validate() error {
	if err := checkWeights(setting{"platform_weight", s.PlatformWeight}, setting{"employee_weight", s.EmployeeWeight},
		setting{"survey_weight", s.SurveyWeight}); err != nil {
		return err
	}
	if err := checkWeights(setting{"csi_weight", s.CSIWeight}, setting{"nps_weight", s.NPSWeight}); err != nil {
		return err
	}
	return checkShare("min_coverage", s.MinCoverage)
}

// checkShrinkage reports an error wrapping sq.ErrInvalid unless the prior lies on 0–5 and the strength is
// at least 0.
func checkShrinkage(prior, strength decimal.Decimal) error {
	for _, f := range []setting{{"shrink_prior", prior}, {"shrink_strength", strength}} {
		if err := sq.CheckDecimal(f.value); err != nil {
			return sq.At(err, "rating", f.path)
		}
	}
	if prior.Sign() < 0 || prior.Cmp(scaleMax) > 0 {
		return &sq.Error{Pkg: "rating", Path: "shrink_prior", Value: decText(prior), Rule: "within the scale 0–5",
			Err: sq.ErrInvalid}
	}
	if strength.Sign() < 0 {
		return &sq.Error{Pkg: "rating", Path: "shrink_strength", Value: decText(strength), Rule: "at least 0",
			Err: sq.ErrInvalid}
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
