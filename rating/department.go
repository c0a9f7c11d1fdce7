package rating

import (
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// PlatformRating is a department's rating on one public map or review platform (Yandex, Google, 2GIS or any
// other named platform, SPEC R7): the rating it shows, 1 to 5, and the number of reviews behind it.
type PlatformRating struct {
	Name    string
	Rating  decimal.Decimal
	Reviews int64
}

// PlatformMean says how the ratings of several platforms are combined.
type PlatformMean uint8

const (
	// PlainMean (the zero value) gives every platform the same weight.
	PlainMean PlatformMean = iota
	// ReviewWeighted weighs each platform by its number of reviews.
	ReviewWeighted
)

// String returns "plain" or "review-weighted".
func (m PlatformMean) String() string {
	switch m {
	case PlainMean:
		return "plain"
	case ReviewWeighted:
		return "review-weighted"
	}
	return fmt.Sprintf("PlatformMean(%d)", uint8(m))
}

// DepartmentSettings configure department ratings (SPEC R7). The zero value is not valid (its schemes have no
// weights): start from DefaultDepartmentSettings.
type DepartmentSettings struct {
	// Weights weighs ComponentPlatforms, ComponentEmployees and ComponentSurvey; it must name all three.
	Weights Scheme
	// Survey weighs ComponentCSI and ComponentNPS into the department's survey index; it must name both.
	Survey Scheme
	// Platforms says how platform ratings are combined.
	Platforms PlatformMean
	// IncludeInsufficient counts the personal ratings that are insufficient too; by default only sufficient ones
	// count.
	IncludeInsufficient bool
}

// DefaultDepartmentSettings returns the documented defaults: equal weights (platforms 1, employees 1, survey 1;
// CSI 1, NPS 1), missing components renormalized, the plain mean of the platforms, sufficient personal ratings
// only.
func DefaultDepartmentSettings() DepartmentSettings {
	one := decimal.NewFromInt(1)
	return DepartmentSettings{
		Weights: Scheme{Weights: []Weight{{ComponentPlatforms, one}, {ComponentEmployees, one}, {ComponentSurvey, one}},
			Missing: MissingRenormalize},
		Survey: Scheme{Weights: []Weight{{ComponentCSI, one}, {ComponentNPS, one}}, Missing: MissingRenormalize},
	}
}

// Validate reports the first invalid setting; errors wrap those of Scheme.Validate, ErrUnknownComponent or
// ErrInvalidSetting.
func (s DepartmentSettings) Validate() error {
	if err := s.Weights.Validate(); err != nil {
		return within("department weights", err)
	}
	if err := checkNames("department weights", s.Weights, ComponentPlatforms, ComponentEmployees, ComponentSurvey); err != nil {
		return err
	}
	if err := s.Survey.Validate(); err != nil {
		return within("department survey weights", err)
	}
	if err := checkNames("department survey weights", s.Survey, ComponentCSI, ComponentNPS); err != nil {
		return err
	}
	if s.Platforms > ReviewWeighted {
		return errorf("platform mean %d is not one of plain, review-weighted: %w", uint8(s.Platforms), ErrInvalidSetting)
	}
	return nil
}

// DepartmentRater computes department ratings by validated settings. It is immutable and safe for concurrent use. The zero
// DepartmentRater (and a nil *DepartmentRater) rates nothing: Rate returns an error wrapping ErrInvalidSetting.
type DepartmentRater struct {
	settings DepartmentSettings
	weights  *Aggregator
	survey   *Aggregator
}

// NewDepartmentRater validates s and returns a rater that keeps its own copy of it.
func NewDepartmentRater(s DepartmentSettings) (*DepartmentRater, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	w, _ := NewAggregator(s.Weights)
	sv, _ := NewAggregator(s.Survey)
	r := &DepartmentRater{settings: s, weights: w, survey: sv}
	r.settings.Weights, r.settings.Survey = w.Scheme(), sv.Scheme()
	return r, nil
}

// built reports whether r was made by NewDepartmentRater (not the zero value, not nil).
func (r *DepartmentRater) built() bool { return r != nil && r.weights != nil && r.survey != nil }

// errUnbuilt is the error of Rate on a rater not made by NewDepartmentRater.
func (r *DepartmentRater) errUnbuilt() error {
	return errorf("DepartmentRater was not made by NewDepartmentRater (the zero value or nil): %w", ErrInvalidSetting)
}

// Settings returns a copy of the settings of r; the zero DepartmentSettings for a rater not made by NewDepartmentRater.
func (r *DepartmentRater) Settings() DepartmentSettings {
	if !r.built() {
		return DepartmentSettings{}
	}
	s := r.settings
	s.Weights, s.Survey = r.weights.Scheme(), r.survey.Scheme()
	return s
}

// DepartmentInput is what a department rating is computed from.
type DepartmentInput struct {
	DepartmentID string
	// Platforms are the department's ratings on public platforms; names unique.
	Platforms []PlatformRating
	// Employees are the personal ratings of the department's employees; employee IDs unique.
	Employees []Personal
	// Survey is the survey index of the department's clients; its counts are not checked against a minimum.
	Survey Survey
}

// Department is a department's overall rating (SPEC R7) with its sufficiency status. It is an immutable value,
// safe for concurrent use. The zero Department was never computed and is insufficient.
type Department struct {
	DepartmentID string
	// Counted is the number of personal ratings that entered the mean; Skipped the insufficient ones left out.
	Counted, Skipped int
	Rating
}

// PlatformRating returns the combined platform rating (the component "platforms"), and false when there was none.
func (d Department) PlatformRating() (Fraction, bool) { return d.part(ComponentPlatforms) }

// EmployeeMean returns the mean of the counted personal ratings (the component "employees"), and false when none
// counted.
func (d Department) EmployeeMean() (Fraction, bool) { return d.part(ComponentEmployees) }

// SurveyIndex returns the department's survey index (the component "survey"), and false when there was none.
func (d Department) SurveyIndex() (Fraction, bool) { return d.part(ComponentSurvey) }

func (d Department) part(name string) (Fraction, bool) {
	for _, c := range d.weighted.parts {
		if c.Name == name {
			return c.Value, c.Present
		}
	}
	return Fraction{}, false
}

// Entry returns the rating as a leaderboard entry under the department ID.
func (d Department) Entry() Entry { return Entry{ID: d.DepartmentID, Rating: d.Rating} }

// Equal reports whether d and o are the same rating of the same department.
func (d Department) Equal(o Department) bool {
	return d.DepartmentID == o.DepartmentID && d.Counted == o.Counted && d.Skipped == o.Skipped &&
		d.Rating.Equal(o.Rating)
}

// Rate computes the rating of in.DepartmentID: the weighted mean (SPEC R7) of the platform rating (plain or
// review-weighted mean of the platforms), the mean of the employees' personal ratings (only sufficient ones unless
// IncludeInsufficient) and the department's survey index, all exactly.
//
// The rating is Insufficient when a component of the rating or of the survey index is missing and was
// renormalized (MissingComponent), or when there are employees but none whose rating counts
// (NoSufficientEmployees).
//
// Errors: an empty department ID, an invalid platform (empty or duplicate name, rating outside 1–5, negative
// reviews, all reviews zero under ReviewWeighted), duplicate employees, an invalid survey (ErrInvalidInput,
// ErrDuplicate, ErrOutOfRange, ErrInvalidWeight, ErrLimit); no component at all (ErrEmpty); a missing component
// under the fail policy or below the minimum coverage (ErrMissingComponent).
func (r *DepartmentRater) Rate(in DepartmentInput) (Department, error) {
	if !r.built() {
		return Department{}, r.errUnbuilt()
	}
	if in.DepartmentID == "" {
		return Department{}, errorf("department rating: empty department ID: %w", ErrInvalidInput)
	}
	ctx := fmt.Sprintf("department %q", in.DepartmentID)
	platforms, hasPlatforms, err := r.platformMean(in.Platforms)
	if err != nil {
		return Department{}, within(ctx, err)
	}
	employees, counted, skipped, err := r.employeeMean(in.Employees)
	if err != nil {
		return Department{}, within(ctx, err)
	}
	if err := in.Survey.validate(ctx); err != nil {
		return Department{}, err
	}
	slots := make([]slot, len(r.weights.weights))
	var surveyIndex Weighted
	for i, w := range r.weights.scheme.Weights {
		switch w.Name {
		case ComponentPlatforms:
			slots[i] = slot{value: platforms, ok: hasPlatforms}
		case ComponentEmployees:
			slots[i] = slot{value: employees, ok: counted > 0}
		case ComponentSurvey:
			if ss, ok := in.Survey.slots(r.survey); ok {
				var err error
				if surveyIndex, err = r.survey.mean(ss); err != nil {
					return Department{}, within(ctx+": survey index", err)
				}
				slots[i] = slot{value: surveyIndex.Exact(), ok: true}
			}
		}
	}
	if !slices.ContainsFunc(slots, func(s slot) bool { return s.ok }) {
		return Department{}, errorf("%s: no platform rating, no counted personal rating and no survey index: %w", ctx, ErrEmpty)
	}
	w, err := r.weights.mean(slots)
	if err != nil {
		return Department{}, within(ctx, err)
	}
	var reasons []Reason
	for _, name := range w.Missing() {
		if name == ComponentEmployees && skipped > 0 {
			reasons = append(reasons, Reason{Code: NoSufficientEmployees, Component: ComponentEmployees,
				Message: fmt.Sprintf("none of the %d personal ratings is sufficient, the rating is renormalized over %s of the weight",
					skipped, w.Coverage())})
			continue
		}
		reasons = append(reasons, missingReason(w, name))
	}
	if slots[r.weights.index[ComponentSurvey]].ok {
		reasons = append(reasons, surveyMissingReasons(surveyIndex)...)
	}
	slices.SortStableFunc(reasons, func(a, b Reason) int { return int(a.Code) - int(b.Code) })
	return Department{DepartmentID: in.DepartmentID, Counted: counted, Skipped: skipped, Rating: newRating(w, reasons)}, nil
}

// platformMean validates the platforms and combines them; false when there is none.
func (r *DepartmentRater) platformMean(ps []PlatformRating) (Fraction, bool, error) {
	if len(ps) == 0 {
		return Fraction{}, false, nil
	}
	one, five := decimal.NewFromInt(1), decimal.NewFromInt(5)
	seen := make(map[string]int, len(ps))
	var num, den Fraction
	for i, p := range ps {
		if p.Name == "" {
			return Fraction{}, false, errorf("platform at index %d has an empty name: %w", i, ErrInvalidInput)
		}
		if j, dup := seen[p.Name]; dup {
			return Fraction{}, false, errorf("platform %q appears twice (index %d and %d): %w", p.Name, j, i, ErrDuplicate)
		}
		seen[p.Name] = i
		if err := dec.Check(p.Rating); err != nil {
			return Fraction{}, false, errorf("platform %q: %w", p.Name, err)
		}
		if p.Rating.Cmp(one) < 0 || p.Rating.Cmp(five) > 0 {
			return Fraction{}, false, errorf("platform %q: rating %s is outside the scale 1–5: %w", p.Name, p.Rating, ErrOutOfRange)
		}
		if p.Reviews < 0 {
			return Fraction{}, false, errorf("platform %q: %d reviews, at least 0 allowed: %w", p.Name, p.Reviews, ErrOutOfRange)
		}
		w := fracInt(1)
		if r.settings.Platforms == ReviewWeighted {
			w = fracInt(p.Reviews)
		}
		num = fracAdd(num, fracMul(w, FractionOf(p.Rating)))
		den = fracAdd(den, w)
	}
	if den.IsZero() {
		return Fraction{}, false, errorf("platform ratings are review-weighted, but all %d have 0 reviews: %w", len(ps), ErrInvalidWeight)
	}
	return fracQuo(num, den), true, nil
}

// employeeMean returns the exact mean of the personal ratings that count, how many counted and how many were
// skipped as insufficient.
func (r *DepartmentRater) employeeMean(ps []Personal) (Fraction, int, int, error) {
	seen := make(map[string]int, len(ps))
	var sum Fraction
	counted, skipped := 0, 0
	for i, p := range ps {
		if p.EmployeeID == "" {
			return Fraction{}, 0, 0, errorf("personal rating at index %d has an empty employee ID: %w", i, ErrInvalidInput)
		}
		if j, dup := seen[p.EmployeeID]; dup {
			return Fraction{}, 0, 0, errorf("employee %q appears twice (index %d and %d): %w", p.EmployeeID, j, i, ErrDuplicate)
		}
		seen[p.EmployeeID] = i
		if !p.Sufficient() && !r.settings.IncludeInsufficient {
			skipped++
			continue
		}
		sum = fracAdd(sum, p.Exact())
		counted++
	}
	if counted == 0 {
		return Fraction{}, 0, skipped, nil
	}
	return fracQuo(sum, fracInt(int64(counted))), counted, skipped, nil
}
