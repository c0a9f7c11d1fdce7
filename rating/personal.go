package rating

import (
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// PersonalRater computes personal ratings by validated settings. It is immutable and safe for concurrent use.
// The zero PersonalRater (and a nil *PersonalRater) rates nothing: Rate returns an error wrapping
// sq.ErrInvalid.
type PersonalRater struct {
	rater
	settings PersonalSettings
}

// NewPersonalRater validates s and returns a rater that keeps its own copy of it.
func NewPersonalRater(s PersonalSettings) (*PersonalRater, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	top, sv := s.schemes()
	return &PersonalRater{rater: newRater(top, sv), settings: s}, nil
}

// PersonalInput is what a personal rating is computed from.
type PersonalInput struct {
	EmployeeID string
	// Calls are the employee's evaluated calls to count; each must carry EmployeeID.
	Calls []CallScore
	// Earlier holds the totals of calls evaluated before, restored from storage (SPEC R10: the rating is
	// cumulative); it is merged with Calls. Do not pass the same calls in both.
	Earlier Accumulator
	// Survey is the survey index of the employee's clients.
	Survey Survey
	// RequireEvaluationIn, when not zero, is the period (usually a quarter, Quarter.Period) that must hold at
	// least one of Calls (SPEC R6); the zero sq.Period checks nothing.
	RequireEvaluationIn sq.Period
}

// Personal is an employee's personal rating (SPEC R8): the weighted mean of the call-quality rating and the
// survey index, with its sufficiency status. It is an immutable value, safe for concurrent use. The zero Personal
// was never computed and is insufficient.
type Personal struct {
	EmployeeID string
	// Calls holds the count and sum of the evaluated call totals counted (Earlier and Calls).
	Calls Accumulator
	Rating
}

// Component returns the value of the named component of the rating — "calls" (the call-quality rating) and
// "survey" (the survey index) in a personal rating; "platforms", "employees" and "survey" in a department
// rating — and false when it is missing or the rating has no such component.
func (r Rating) Component(name string) (sq.Fraction, bool) {
	for _, c := range r.weighted.parts {
		if c.Name == name {
			return c.Value, c.Present
		}
	}
	return sq.Fraction{}, false
}

// Equal reports whether p and o are the same rating of the same employee.
func (p Personal) Equal(o Personal) bool {
	return p.EmployeeID == o.EmployeeID && p.Calls.Equal(o.Calls) && p.Rating.Equal(o.Rating)
}

// Rate computes the personal rating of in.EmployeeID. The call-quality rating is the mean of all counted call
// totals (SPEC R5), or their shrinkage mean when set; the survey index combines CSI and NPS; the rating weighs
// the two (SPEC R8), all exactly.
//
// The rating is Insufficient, with reasons, when fewer than MinCalls calls are counted (FewCalls, R5), when the
// clients surveyed are below MinSurveyedPercent (survey's rule) or their number is unknown (LowCoverage, R14),
// when no call lies in RequireEvaluationIn (NoEvaluationInQuarter, R6), or when a component of the rating or of
// the survey index was missing and renormalized (MissingComponent). A rule about a component whose weight is 0 is not
// checked, and a component of weight 0 is never missing.
//
// Errors: invalid calls or survey (sq.ErrInvalid, ErrDuplicate, ErrOutOfRange, sq.ErrLimit), neither calls nor
// survey index (ErrEmpty), a missing component under FailOnMissing or below MinCoverage (ErrMissingComponent).
func (r *PersonalRater) Rate(in PersonalInput) (Personal, error) {
	if r == nil || !r.built() {
		return Personal{}, errUnbuilt("PersonalRater")
	}
	if in.EmployeeID == "" {
		return Personal{}, errorf("personal rating: empty employee ID: %w", errInvalidInput)
	}
	ctx := fmt.Sprintf("employee %q", in.EmployeeID)
	if err := in.RequireEvaluationIn.Validate(); err != nil {
		return Personal{}, within(ctx, err)
	}
	calls := in.Earlier
	evaluated := false
	ids := make(evaluationIDs, len(in.Calls))
	for i, c := range in.Calls {
		if err := c.validate(i); err != nil {
			return Personal{}, within(ctx, err)
		}
		if c.EmployeeID != in.EmployeeID {
			return Personal{}, errorf("%s: call score %q belongs to employee %q: %w",
				ctx, c.EvaluationID, c.EmployeeID, errInvalidInput)
		}
		if err := ids.add(c, i); err != nil {
			return Personal{}, within(ctx, err)
		}
		if err := calls.Add(c.Total); err != nil {
			return Personal{}, within(ctx, err)
		}
		evaluated = evaluated || in.RequireEvaluationIn.Contains(c.At)
	}
	s := r.settings
	w, surveyReasons, err := r.rate(ctx, func(string) (sq.Fraction, bool) {
		if calls.Count() == 0 {
			return sq.Fraction{}, false
		}
		return shrinkageOf(s.ShrinkPrior, s.ShrinkStrength, calls), true
	}, in.Survey, "no evaluated call and no survey index")
	if err != nil {
		return Personal{}, err
	}

	var reasons []Reason
	callsCount := r.positive(componentCalls)
	if callsCount && calls.Count() < int64(s.MinCalls) {
		reasons = append(reasons, Reason{Code: FewCalls,
			Message: fmt.Sprintf("%d evaluated %s, at least %d needed", calls.Count(), plural(calls.Count(), "call", "calls"), s.MinCalls)})
	}
	if r.positive(componentSurvey) {
		reason, low, err := coverageReason(in.Survey, s.MinSurveyedPercent)
		if err != nil {
			return Personal{}, within(ctx, err)
		}
		if low {
			reasons = append(reasons, reason)
		}
	}
	if callsCount && !in.RequireEvaluationIn.IsZero() && !evaluated {
		reasons = append(reasons, Reason{Code: NoEvaluationInQuarter,
			Message: fmt.Sprintf("no evaluated call in %s", in.RequireEvaluationIn)})
	}
	for _, name := range w.missing() {
		reasons = append(reasons, missingReason(w, name))
	}
	reasons = append(reasons, surveyReasons...)
	return Personal{EmployeeID: in.EmployeeID, Calls: calls, Rating: newRating(w, reasons)}, nil
}

// coverageReason returns the LowCoverage reason when the clients surveyed do not meet the survey package's
// coverage rule p (SPEC R14), or when their number is unknown.
func coverageReason(s Survey, minPercent decimal.Decimal) (Reason, bool, error) {
	if s.Clients <= 0 {
		return Reason{Code: LowCoverage, Message: fmt.Sprintf("%d clients surveyed, the number of clients is unknown", s.Surveyed)}, true, nil
	}
	c, err := survey.NewShare(s.Surveyed, s.Clients)
	if err != nil {
		return Reason{}, false, errorf("survey counts: %v: %w", err, ErrOutOfRange)
	}
	meets, err := c.Meets(minPercent)
	if err != nil || meets {
		return Reason{}, false, err
	}
	min := minPercent
	if min.IsZero() {
		min = decimal.NewFromInt(survey.DefaultMinCoveragePercent)
	}
	pct := func(f sq.Fraction) string {
		return decText(round(fracMul(f, fracInt(100)), sq.Precision{Places: 1, Rounding: sq.Down})) + "%"
	}
	cov := fracQuo(fracInt(s.Surveyed), fracInt(s.Clients))
	return Reason{Code: LowCoverage, Message: fmt.Sprintf("%d of %d clients surveyed (%s), at least %s needed",
		s.Surveyed, s.Clients, pct(cov), pct(sq.FractionOf(min.Shift(-2))))}, true, nil
}

// RateOptions choose the calls RateEmployees counts. The zero value counts every call and checks no quarter.
type RateOptions struct {
	// Within is the period of the calls to count: sq.Period{From: start} for cumulative ratings (SPEC R10), the zero
	// sq.Period for all.
	Within sq.Period
	// RequireEvaluationIn, when not zero, is the period that must hold an evaluation (SPEC R6), as in
	// PersonalInput.
	RequireEvaluationIn sq.Period
}

// RateEmployees rates every employee that has a call in calls or an entry in surveys, in ascending order of
// employee ID, by opts. Errors are those of Rate.
func (r *PersonalRater) RateEmployees(calls []CallScore, surveys map[string]Survey, opts RateOptions) ([]Personal, error) {
	if r == nil || !r.built() {
		return nil, errUnbuilt("PersonalRater")
	}
	if err := opts.Within.Validate(); err != nil {
		return nil, err
	}
	byEmployee := make(map[string][]CallScore)
	ids := make(evaluationIDs, len(calls))
	for i, c := range calls {
		if err := c.validate(i); err != nil {
			return nil, err
		}
		if err := ids.add(c, i); err != nil {
			return nil, err
		}
		if opts.Within.Contains(c.At) {
			byEmployee[c.EmployeeID] = append(byEmployee[c.EmployeeID], c)
		}
	}
	for id := range surveys {
		if _, ok := byEmployee[id]; !ok {
			byEmployee[id] = nil
		}
	}
	employees := make([]string, 0, len(byEmployee))
	for id := range byEmployee {
		employees = append(employees, id)
	}
	slices.Sort(employees)
	out := make([]Personal, 0, len(employees))
	for _, id := range employees {
		pr, err := r.Rate(PersonalInput{EmployeeID: id, Calls: byEmployee[id], Survey: surveys[id],
			RequireEvaluationIn: opts.RequireEvaluationIn})
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}
