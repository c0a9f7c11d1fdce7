package rating

import (
	"fmt"
	"slices"

	"github.com/servicequality/servicequality/sq"
)

// rater is the implementation both raters share: a weighted mean over named components, one of which may be the
// survey index (itself the weighted mean of CSI and NPS).
type rater struct {
	top, survey *aggregator
}

// newRater returns the rater of two validated schemes.
func newRater(top, sv scheme) rater {
	a, _ := newAggregator(top)
	b, _ := newAggregator(sv)
	return rater{top: a, survey: b}
}

// built reports whether r was made by newRater.
func (r rater) built() bool { return r.top != nil && r.survey != nil }

// errUnbuilt is the error of Rate on a rater not made by its constructor.
func errUnbuilt(typ string) error {
	return errorf("%s was not made by New%s (the zero value or nil): %w", typ, typ, errInvalidSetting)
}

// weightOf returns the weight of the named component of the rating.
func (r rater) positive(name string) bool {
	w, _ := r.top.weightOf(name)
	return w.Sign() > 0
}

// rate computes the weighted mean of the components: part gives the value of each but the survey index, which
// comes from sv. none describes the input when no component is present (ErrEmpty). Next to the mean it returns
// the MissingComponent reasons of the survey index.
func (r rater) rate(ctx string, part func(name string) (sq.Fraction, bool), sv Survey, none string) (weighted, []Reason, error) {
	if err := sv.validate(ctx); err != nil {
		return weighted{}, nil, err
	}
	slots := make([]slot, len(r.top.weights))
	var surveyIndex weighted
	hasSurvey, any := false, false
	for i, w := range r.top.scheme.Weights {
		if w.Name == componentSurvey {
			if ss, ok := sv.slots(r.survey); ok {
				var err error
				if surveyIndex, err = r.survey.mean(ss); err != nil {
					return weighted{}, nil, within(ctx+": survey index", err)
				}
				slots[i] = slot{value: surveyIndex.value, ok: true}
				hasSurvey = true
			}
		} else {
			v, ok := part(w.Name)
			slots[i] = slot{value: v, ok: ok}
		}
		any = any || slots[i].ok
	}
	if !any {
		return weighted{}, nil, errorf("%s: %s: %w", ctx, none, ErrEmpty)
	}
	w, err := r.top.mean(slots)
	if err != nil {
		return weighted{}, nil, within(ctx, err)
	}
	var reasons []Reason
	if hasSurvey {
		for _, name := range surveyIndex.missing() {
			reasons = append(reasons, Reason{Code: MissingComponent, Component: name,
				Message: fmt.Sprintf("survey component %q is missing, the survey index is renormalized over %s of its weight",
					name, surveyIndex.coverage)})
		}
	}
	return w, reasons, nil
}

// missingReason is the MissingComponent reason of the component name of w.
func missingReason(w weighted, name string) Reason {
	return Reason{Code: MissingComponent, Component: name,
		Message: fmt.Sprintf("component %q is missing, the rating is renormalized over %s of the weight", name, w.coverage)}
}

// sortReasons orders reasons by code, keeping the order of equal codes.
func sortReasons(reasons []Reason) {
	slices.SortStableFunc(reasons, func(a, b Reason) int { return int(a.Code) - int(b.Code) })
}

// plural returns one when n is 1 and many otherwise.
func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
