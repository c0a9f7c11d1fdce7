package rating

import (
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Component names of the personal and department schemes.
const (
	// ComponentCalls is the call-quality rating: the mean of the evaluated call totals (SPEC R5).
	ComponentCalls = "calls"
	// ComponentSurvey is the survey index: CSI and NPS on 5 points combined by the survey scheme (SPEC R11–R13).
	ComponentSurvey = "survey"
	// ComponentCSI and ComponentNPS are the components of a survey scheme.
	ComponentCSI = "csi"
	ComponentNPS = "nps"
	// ComponentPlatforms is the department's rating on the map and review platforms (SPEC R7).
	ComponentPlatforms = "platforms"
	// ComponentEmployees is the mean of the personal ratings of a department's employees (SPEC R7).
	ComponentEmployees = "employees"
)

// Defaults of the sufficiency rules, from the source methodology.
const (
	// DefaultMinCalls is the least number of evaluated calls behind a call-quality rating (SPEC R5).
	DefaultMinCalls = 5
)

// DefaultMinSurveyed returns the least share of an employee's clients that must be surveyed (SPEC R14): 4%, as
// 0.04. It is a function, not a variable, so no caller can change the default of every rater.
func DefaultMinSurveyed() decimal.Decimal { return decimal.New(4, -2) }

// PersonalSettings configure personal ratings (SPEC R8). The zero value is not valid (its schemes have no
// weights): start from DefaultPersonalSettings and change what differs.
type PersonalSettings struct {
	// Weights weighs ComponentCalls and ComponentSurvey; it must name both (a weight may be 0).
	Weights Scheme
	// Survey weighs ComponentCSI and ComponentNPS into the survey index; it must name both.
	Survey Scheme
	// MinCalls is the least number of evaluated calls for a sufficient rating; at least 1.
	MinCalls int
	// MinSurveyed is the least share (0–1) of the employee's clients surveyed for a sufficient rating.
	MinSurveyed decimal.Decimal
	// CallShrinkage, when its Strength is positive, replaces the plain mean of the call totals by the shrinkage
	// mean, pulling thin samples toward the prior. The zero value is the plain mean.
	CallShrinkage Shrinkage
}

// DefaultPersonalSettings returns the documented defaults. The source gives no weights (SPEC R9), so they are
// equal: calls 1, survey 1, and CSI 1, NPS 1 in the survey index. A missing component is renormalized over the
// others (and the rating then reports why it is insufficient); at least 5 evaluated calls (R5) and 4% of the
// clients surveyed (R14); plain mean of the calls.
func DefaultPersonalSettings() PersonalSettings {
	one := decimal.NewFromInt(1)
	return PersonalSettings{
		Weights:     Scheme{Weights: []Weight{{ComponentCalls, one}, {ComponentSurvey, one}}, Missing: MissingRenormalize},
		Survey:      Scheme{Weights: []Weight{{ComponentCSI, one}, {ComponentNPS, one}}, Missing: MissingRenormalize},
		MinCalls:    DefaultMinCalls,
		MinSurveyed: DefaultMinSurveyed(),
	}
}

// checkNames reports an error unless s names exactly the components names (in any order).
func checkNames(what string, s Scheme, names ...string) error {
	for _, w := range s.Weights {
		if !slices.Contains(names, w.Name) {
			return within(what, &ComponentError{Component: w.Name,
				Err: fmt.Errorf("not one of the components %v: %w", names, ErrUnknownComponent)})
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(s.Weights, func(w Weight) bool { return w.Name == n }) {
			return errorf("%s must name the component %q (its weight may be 0): %w", what, n, ErrInvalidSetting)
		}
	}
	return nil
}

// Validate reports the first invalid setting. Errors wrap those of Scheme.Validate and Shrinkage.Validate,
// ErrUnknownComponent, or ErrInvalidSetting.
func (s PersonalSettings) Validate() error {
	if err := s.Weights.Validate(); err != nil {
		return within("personal weights", err)
	}
	if err := checkNames("personal weights", s.Weights, ComponentCalls, ComponentSurvey); err != nil {
		return err
	}
	if err := s.Survey.Validate(); err != nil {
		return within("personal survey weights", err)
	}
	if err := checkNames("personal survey weights", s.Survey, ComponentCSI, ComponentNPS); err != nil {
		return err
	}
	if s.MinCalls < 1 {
		return errorf("minimum calls %d, at least 1 allowed: %w", s.MinCalls, ErrInvalidSetting)
	}
	if err := checkShare("minimum surveyed share", s.MinSurveyed); err != nil {
		return err
	}
	return s.CallShrinkage.Validate()
}

// checkShare reports an error wrapping ErrInvalidSetting unless d is a share from 0 to 1.
func checkShare(what string, d decimal.Decimal) error {
	if err := dec.Check(d); err != nil {
		return errorf("%s: %w: %w", what, ErrInvalidSetting, err)
	}
	if d.Sign() < 0 || d.Cmp(decimal.NewFromInt(1)) > 0 {
		return errorf("%s %s is outside 0–1: %w", what, d, ErrInvalidSetting)
	}
	return nil
}

// PersonalRater computes personal ratings by validated settings. It is immutable and safe for concurrent use. The zero
// PersonalRater (and a nil *PersonalRater) rates nothing: Rate returns an error wrapping ErrInvalidSetting.
type PersonalRater struct {
	settings PersonalSettings
	weights  *Aggregator
	survey   *Aggregator
}

// NewPersonalRater validates s and returns a rater that keeps its own copy of it.
func NewPersonalRater(s PersonalSettings) (*PersonalRater, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	w, _ := NewAggregator(s.Weights)
	sv, _ := NewAggregator(s.Survey)
	r := &PersonalRater{settings: s, weights: w, survey: sv}
	r.settings.Weights, r.settings.Survey = w.Scheme(), sv.Scheme()
	return r, nil
}

// built reports whether r was made by NewPersonalRater (not the zero value, not nil).
func (r *PersonalRater) built() bool { return r != nil && r.weights != nil && r.survey != nil }

// errUnbuilt is the error of Rate on a rater not made by NewPersonalRater.
func (r *PersonalRater) errUnbuilt() error {
	return errorf("PersonalRater was not made by NewPersonalRater (the zero value or nil): %w", ErrInvalidSetting)
}

// Settings returns a copy of the settings of r; the zero PersonalSettings for a rater not made by NewPersonalRater.
func (r *PersonalRater) Settings() PersonalSettings {
	if !r.built() {
		return PersonalSettings{}
	}
	s := r.settings
	s.Weights, s.Survey = r.weights.Scheme(), r.survey.Scheme()
	return s
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
	// least one of Calls (SPEC R6); the zero Period checks nothing.
	RequireEvaluationIn Period
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

// CallRating returns the call-quality rating (the component "calls"), and false when there was no call.
func (p Personal) CallRating() (Fraction, bool) { return p.part(ComponentCalls) }

// SurveyIndex returns the survey index (the component "survey"), and false when there was none.
func (p Personal) SurveyIndex() (Fraction, bool) { return p.part(ComponentSurvey) }

func (p Personal) part(name string) (Fraction, bool) {
	for _, c := range p.weighted.parts {
		if c.Name == name {
			return c.Value, c.Present
		}
	}
	return Fraction{}, false
}

// Entry returns the rating as a leaderboard entry under the employee ID.
func (p Personal) Entry() Entry { return Entry{ID: p.EmployeeID, Rating: p.Rating} }

// Equal reports whether p and o are the same rating of the same employee.
func (p Personal) Equal(o Personal) bool {
	return p.EmployeeID == o.EmployeeID && p.Calls.Equal(o.Calls) && p.Rating.Equal(o.Rating)
}

// Rate computes the personal rating of in.EmployeeID. The call-quality rating is the mean of all counted call
// totals (SPEC R5), or their shrinkage mean when set; the survey index combines CSI and NPS by the survey
// scheme; the rating weighs the two by the personal scheme (SPEC R8), all exactly.
//
// The rating is Insufficient, with reasons, when fewer than MinCalls calls are counted (FewCalls, R5), when fewer
// than MinSurveyed of the clients were surveyed or the number of clients is unknown (LowCoverage, R14), when no
// call lies in RequireEvaluationIn (NoEvaluationInQuarter, R6), or when a component of the rating or of the survey
// index was missing and renormalized (MissingComponent). A rule about a component whose weight is 0 is not
// checked, and a component of weight 0 is never missing.
//
// Errors: invalid calls or survey (ErrInvalidInput, ErrDuplicate, ErrOutOfRange, ErrLimit), neither calls nor
// survey index (ErrEmpty), a missing component under the fail policy or below the minimum coverage
// (ErrMissingComponent).
func (r *PersonalRater) Rate(in PersonalInput) (Personal, error) {
	if !r.built() {
		return Personal{}, r.errUnbuilt()
	}
	if in.EmployeeID == "" {
		return Personal{}, errorf("personal rating: empty employee ID: %w", ErrInvalidInput)
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
				ctx, c.EvaluationID, c.EmployeeID, ErrInvalidInput)
		}
		if err := ids.add(c, i); err != nil {
			return Personal{}, within(ctx, err)
		}
		if err := calls.Add(c.Total); err != nil {
			return Personal{}, within(ctx, err)
		}
		evaluated = evaluated || in.RequireEvaluationIn.Contains(c.At)
	}
	if err := in.Survey.validate(ctx); err != nil {
		return Personal{}, err
	}

	slots := make([]slot, len(r.weights.weights))
	var surveyIndex Weighted
	for i, w := range r.weights.scheme.Weights {
		switch w.Name {
		case ComponentCalls:
			if calls.Count() > 0 {
				slots[i] = slot{value: r.settings.CallShrinkage.of(calls), ok: true}
			}
		case ComponentSurvey:
			if ss, ok := in.Survey.slots(r.survey); ok {
				var err error
				if surveyIndex, err = r.survey.mean(ss); err != nil {
					return Personal{}, within(ctx+": survey index", err)
				}
				slots[i] = slot{value: surveyIndex.Exact(), ok: true}
			}
		}
	}
	if !slices.ContainsFunc(slots, func(s slot) bool { return s.ok }) {
		return Personal{}, errorf("%s: no evaluated call and no survey index: %w", ctx, ErrEmpty)
	}
	w, err := r.weights.mean(slots)
	if err != nil {
		return Personal{}, within(ctx, err)
	}

	var reasons []Reason
	callWeight, _ := r.weights.weightOf(ComponentCalls)
	surveyWeight, _ := r.weights.weightOf(ComponentSurvey)
	if callWeight.Sign() > 0 && calls.Count() < int64(r.settings.MinCalls) {
		reasons = append(reasons, Reason{Code: FewCalls,
			Message: fmt.Sprintf("%d evaluated %s, at least %d needed", calls.Count(), plural(calls.Count(), "call", "calls"), r.settings.MinCalls)})
	}
	if surveyWeight.Sign() > 0 {
		if reason, low := coverageReason(in.Survey, r.settings.MinSurveyed); low {
			reasons = append(reasons, reason)
		}
	}
	if callWeight.Sign() > 0 && !in.RequireEvaluationIn.IsZero() && !evaluated {
		reasons = append(reasons, Reason{Code: NoEvaluationInQuarter,
			Message: fmt.Sprintf("no evaluated call in %s", in.RequireEvaluationIn)})
	}
	reasons = append(reasons, missingReasons(w)...)
	if slots[r.weights.index[ComponentSurvey]].ok {
		reasons = append(reasons, surveyMissingReasons(surveyIndex)...)
	}
	return Personal{EmployeeID: in.EmployeeID, Calls: calls, Rating: newRating(w, reasons)}, nil
}

// coverageReason returns the LowCoverage reason when fewer than min of the clients were surveyed (SPEC R14).
func coverageReason(s Survey, min decimal.Decimal) (Reason, bool) {
	cov, known := s.Coverage()
	if !known {
		return Reason{Code: LowCoverage, Message: fmt.Sprintf("%d clients surveyed, the number of clients is unknown", s.Surveyed)}, true
	}
	if cov.Cmp(FractionOf(min)) >= 0 {
		return Reason{}, false
	}
	pct := func(f Fraction) string {
		return decText(fracMul(f, fracInt(100)).round(DisplayPlaces, Down)) + "%"
	}
	return Reason{Code: LowCoverage, Message: fmt.Sprintf("%d of %d clients surveyed (%s), at least %s needed",
		s.Surveyed, s.Clients, pct(cov), pct(FractionOf(min)))}, true
}

// missingReasons returns one MissingComponent reason per missing component of w.
func missingReasons(w Weighted) []Reason {
	var reasons []Reason
	for _, name := range w.Missing() {
		reasons = append(reasons, missingReason(w, name))
	}
	return reasons
}

// surveyMissingReasons returns one MissingComponent reason per missing component of a survey index.
func surveyMissingReasons(w Weighted) []Reason {
	var reasons []Reason
	for _, name := range w.Missing() {
		reasons = append(reasons, Reason{Code: MissingComponent, Component: name,
			Message: fmt.Sprintf("survey component %q is missing, the survey index is renormalized over %s of its weight",
				name, w.Coverage())})
	}
	return reasons
}

func missingReason(w Weighted, name string) Reason {
	return Reason{Code: MissingComponent, Component: name,
		Message: fmt.Sprintf("component %q is missing, the rating is renormalized over %s of the weight", name, w.Coverage())}
}

// RateEmployees rates every employee that has a call in calls or an entry in surveys, in ascending order of
// employee ID. Calls outside p are not counted (use Since(start) for cumulative ratings, SPEC R10, or the zero
// Period for all); check, when not zero, is the period that must hold an evaluation (SPEC R6). Errors are those
// of Rate and GroupCalls.
func (r *PersonalRater) RateEmployees(calls []CallScore, surveys map[string]Survey, p, check Period) ([]Personal, error) {
	if !r.built() {
		return nil, r.errUnbuilt()
	}
	if err := p.Validate(); err != nil {
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
		if p.Contains(c.At) {
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
		pr, err := r.Rate(PersonalInput{EmployeeID: id, Calls: byEmployee[id], Survey: surveys[id], RequireEvaluationIn: check})
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}

// plural returns one when n is 1 and many otherwise.
func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
