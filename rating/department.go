package rating

import (
	"fmt"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// DepartmentRater computes department ratings by validated settings. It is immutable and safe for concurrent
// use. The zero DepartmentRater (and a nil *DepartmentRater) rates nothing: Rate returns an error wrapping
// sq.ErrInvalid.
type DepartmentRater struct {
	rater
	settings DepartmentSettings
}

// NewDepartmentRater validates s and returns a rater that keeps its own copy of it.
func NewDepartmentRater(s DepartmentSettings) (*DepartmentRater, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	top, sv := s.schemes()
	return &DepartmentRater{rater: newRater(top, sv), settings: s}, nil
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
// reviews, all reviews zero under ReviewWeighted), duplicate employees, an invalid survey (sq.ErrInvalid,
// ErrDuplicate, ErrOutOfRange, ErrInvalidWeight, sq.ErrLimit); no component at all (ErrEmpty); a missing component
// under FailOnMissing or below MinCoverage (ErrMissingComponent).
func (r *DepartmentRater) Rate(in DepartmentInput) (Department, error) {
	if r == nil || !r.built() {
		return Department{}, errUnbuilt("DepartmentRater")
	}
	if in.DepartmentID == "" {
		return Department{}, errorf("department rating: empty department ID: %w", errInvalidInput)
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
	w, surveyReasons, err := r.rate(ctx, func(name string) (sq.Fraction, bool) {
		if name == componentPlatforms {
			return platforms, hasPlatforms
		}
		return employees, counted > 0
	}, in.Survey, "no platform rating, no counted personal rating and no survey index")
	if err != nil {
		return Department{}, err
	}
	var reasons []Reason
	for _, name := range w.missing() {
		if name == componentEmployees && skipped > 0 {
			reasons = append(reasons, Reason{Code: NoSufficientEmployees, Component: componentEmployees,
				Message: fmt.Sprintf("none of the %d personal ratings is sufficient, the rating is renormalized over %s of the weight",
					skipped, w.coverage)})
			continue
		}
		reasons = append(reasons, missingReason(w, name))
	}
	reasons = append(reasons, surveyReasons...)
	sortReasons(reasons)
	return Department{DepartmentID: in.DepartmentID, Counted: counted, Skipped: skipped, Rating: newRating(w, reasons)}, nil
}

// platformMean validates the platforms and combines them; false when there is none.
func (r *DepartmentRater) platformMean(ps []PlatformRating) (sq.Fraction, bool, error) {
	if len(ps) == 0 {
		return sq.Fraction{}, false, nil
	}
	one, five := decimal.NewFromInt(1), decimal.NewFromInt(5)
	seen := make(map[string]int, len(ps))
	var num, den sq.Fraction
	for i, p := range ps {
		if p.Name == "" {
			return sq.Fraction{}, false, errorf("platforms[%d] has an empty name: %w", i+1, errInvalidInput)
		}
		if j, dup := seen[p.Name]; dup {
			return sq.Fraction{}, false, errorf("platform %q appears twice (platforms[%d] and [%d]): %w", p.Name, j+1, i+1, ErrDuplicate)
		}
		seen[p.Name] = i
		if err := dec.Check(p.Rating); err != nil {
			return sq.Fraction{}, false, errorf("platform %q: %w", p.Name, err)
		}
		if p.Rating.Cmp(one) < 0 || p.Rating.Cmp(five) > 0 {
			return sq.Fraction{}, false, errorf("platform %q: rating %s is outside the scale 1–5: %w", p.Name, p.Rating, ErrOutOfRange)
		}
		if p.Reviews < 0 {
			return sq.Fraction{}, false, errorf("platform %q: %d reviews, at least 0 allowed: %w", p.Name, p.Reviews, ErrOutOfRange)
		}
		w := fracInt(1)
		if r.settings.ReviewWeighted {
			w = fracInt(p.Reviews)
		}
		num = fracAdd(num, fracMul(w, sq.FractionOf(p.Rating)))
		den = fracAdd(den, w)
	}
	if den.IsZero() {
		return sq.Fraction{}, false, errorf("platform ratings are review-weighted, but all %d have 0 reviews: %w", len(ps), ErrInvalidWeight)
	}
	return fracQuo(num, den), true, nil
}

// employeeMean returns the exact mean of the personal ratings that count, how many counted and how many were
// skipped as insufficient.
func (r *DepartmentRater) employeeMean(ps []Personal) (sq.Fraction, int, int, error) {
	seen := make(map[string]int, len(ps))
	var sum sq.Fraction
	counted, skipped := 0, 0
	for i, p := range ps {
		if p.EmployeeID == "" {
			return sq.Fraction{}, 0, 0, errorf("employees[%d] has an empty employee ID: %w", i+1, errInvalidInput)
		}
		if j, dup := seen[p.EmployeeID]; dup {
			return sq.Fraction{}, 0, 0, errorf("employee %q appears twice (employees[%d] and [%d]): %w", p.EmployeeID, j+1, i+1, ErrDuplicate)
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
		return sq.Fraction{}, 0, skipped, nil
	}
	return fracQuo(sum, fracInt(int64(counted))), counted, skipped, nil
}
