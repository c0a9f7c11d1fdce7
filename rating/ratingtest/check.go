package ratingtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Names of the invariants CheckSettings proves, for Skip and for reading failure messages.
const (
	InvValid       = "valid"       // the settings are accepted, and every valid input with a component is rated
	InvJSON        = "json"        // the settings read back Equal from their JSON
	InvRange       = "range"       // the rating lies on 0–5, between the least and the greatest component present
	InvScale       = "scale"       // multiplying every weight by a positive constant changes nothing
	InvSufficiency = "sufficiency" // too few calls, or too few clients surveyed, make the rating insufficient
	InvMerge       = "merge"       // accumulators merge in any order, and calls split between Earlier and Calls rate alike
)

// Option tunes CheckSettings. Options are inert values, safe to share and reuse.
type Option interface{ apply(*config) }

type config struct {
	draws      int
	skip       map[string]bool
	invariants []userInvariant
}

type userInvariant struct {
	name string
	f    func(rating.PersonalInput, rating.Personal) error
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

func newConfig(opts []Option) *config {
	c := &config{draws: 1, skip: map[string]bool{}}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	return c
}

// Draws makes every rapid case draw n inputs instead of one (n < 1 counts as 1). The number of cases is rapid's:
// 100 unless the test runs with -rapid.checks=N.
func Draws(n int) Option { return optionFunc(func(c *config) { c.draws = max(n, 1) }) }

// Skip leaves out the named invariants (InvScale, ...), for settings that break one on purpose.
func Skip(names ...string) Option {
	return optionFunc(func(c *config) {
		for _, n := range names {
			c.skip[n] = true
		}
	})
}

// Invariant adds a property of the caller's own, proved on every input CheckSettings draws and rates: f gets the
// input and its rating and returns an error saying what is wrong, or nil.
func Invariant(name string, f func(in rating.PersonalInput, p rating.Personal) error) Option {
	return optionFunc(func(c *config) { c.invariants = append(c.invariants, userInvariant{name, f}) })
}

// rateFunc rates inputs by settings; newRateFunc builds one. The checker takes the library's by default; the
// kit's own tests give it broken ones to prove that it fails.
type rateFunc func(rating.PersonalInput) (rating.Personal, error)

type newRateFunc func(rating.PersonalSettings) (rateFunc, error)

func libraryRater(s rating.PersonalSettings) (rateFunc, error) {
	r, err := rating.NewPersonalRater(s)
	if err != nil {
		return nil, err
	}
	return r.Rate, nil
}

// scales are the constants InvScale multiplies every weight by.
var scales = []decimal.Decimal{decimal.NewFromInt(2), decimal.NewFromInt(3), decimal.NewFromInt(10), decimal.New(25, -2)}

// CheckSettings proves in one line of a test that personal-rating settings behave as the methodology says, and
// fails t with every broken invariant in words, with the input that shows it:
//
//   - InvValid: rating.NewPersonalRater accepts s, and rates every valid input that has a component; an input
//     may be refused only for having no component (ErrEmpty) or missing one the settings require
//     (ErrMissingComponent);
//   - InvJSON: s reads back Equal from its JSON;
//   - InvRange: the rating lies on 0–5, between the least and the greatest value of the components present and
//     weighed (call totals, the mean of Earlier, the shrinkage prior, CSI, NPS), computed from the input;
//   - InvScale: multiplying every weight of both schemes by 2, 3, 10 or 0.25 gives the same exact value, status
//     and reasons (SPEC R9: weights are relative);
//   - InvSufficiency: fewer than MinCalls calls (Earlier included) make the rating insufficient with FewCalls,
//     and only then; a coverage below the Coverage rule, or an unknown number of clients, make it insufficient with
//     LowCoverage, and only then (each only when its component weighs more than 0); a rating is sufficient
//     exactly when it has no reason;
//   - InvMerge: accumulators merged in any grouping and order, and with the zero accumulator, are Equal; and
//     moving the first calls of an input into Earlier gives the same rating;
//   - the caller's own invariants (Invariant).
//
// Inputs are drawn by Input, 100 cases unless -rapid.checks says otherwise, and a failure shrinks to a small
// input. CheckSettings calls t's methods only from the calling goroutine.
func CheckSettings(t testing.TB, s rating.PersonalSettings, opts ...Option) {
	t.Helper()
	checkSettings(t, s, newConfig(opts), libraryRater)
}

func checkSettings(t testing.TB, s rating.PersonalSettings, c *config, newRate newRateFunc) {
	t.Helper()
	fail := func(inv, format string, args ...any) {
		t.Helper()
		t.Errorf("ratingtest: settings: %s: %s", inv, fmt.Sprintf(format, args...))
	}
	rate, err := newRate(s)
	if err != nil {
		fail(InvValid, "%v", err)
		return
	}
	if !c.skip[InvJSON] {
		var back rating.PersonalSettings
		if b, err := s.MarshalJSON(); err != nil {
			fail(InvJSON, "the settings have no JSON form: %v", err)
		} else if err := back.UnmarshalJSON(b); err != nil || !back.Equal(s) {
			fail(InvJSON, "the settings do not read back Equal from %s (error %v)", b, err)
		}
	}
	scaled := make([]rateFunc, len(scales))
	for i, k := range scales {
		if scaled[i], err = newRate(scaleSettings(s, k)); err != nil && !errors.Is(err, sq.ErrLimit) && !c.skip[InvScale] {
			fail(InvScale, "the weights multiplied by %s are refused: %v", k, err)
		}
	}
	if t.Failed() {
		return
	}
	ck := &checker{s: s, c: c, rate: rate, scaled: scaled}
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			in := Input("emp").Draw(rt, fmt.Sprintf("input%d", k))
			if inv, msg := ck.input(rt, in); msg != "" {
				rt.Fatalf("ratingtest: settings: %s: %s\ninput: %s", inv, msg, describe(in))
			}
		}
	})
}

// scaleSettings returns s with every weight multiplied by k.
func scaleSettings(s rating.PersonalSettings, k decimal.Decimal) rating.PersonalSettings {
	scale(k, &s.CallWeight, &s.SurveyWeight, &s.CSIWeight, &s.NPSWeight)
	return s
}

// scale multiplies every weight by k.
func scale(k decimal.Decimal, ws ...*decimal.Decimal) {
	for _, w := range ws {
		*w = w.Mul(k)
	}
}

type checker struct {
	s      rating.PersonalSettings
	c      *config
	rate   rateFunc
	scaled []rateFunc
}

// input proves the invariants on one input and returns the first broken one, with what is wrong.
func (ck *checker) input(t *rapid.T, in rating.PersonalInput) (inv, msg string) {
	c := ck.c
	if !c.skip[InvMerge] {
		if msg := accumulatorsMerge(t); msg != "" {
			return InvMerge, msg
		}
	}
	p, err := ck.rate(in)
	if err != nil {
		if errors.Is(err, rating.ErrEmpty) || errors.Is(err, rating.ErrMissingComponent) {
			return "", ""
		}
		return InvValid, fmt.Sprintf("Rate refuses a valid input: %v", err)
	}
	if !c.skip[InvRange] {
		if msg := ck.inRange(in, p); msg != "" {
			return InvRange, msg
		}
	}
	if !c.skip[InvSufficiency] {
		if msg := ck.sufficiency(in, p); msg != "" {
			return InvSufficiency, msg
		}
	}
	if !c.skip[InvScale] {
		i := rapid.IntRange(0, len(scales)-1).Draw(t, "scale")
		if rate := ck.scaled[i]; rate != nil {
			q, err := rate(in)
			if err != nil || !same(p, q) {
				return InvScale, fmt.Sprintf("rating %s; with every weight multiplied by %s: %s (error %v)",
					words(p), scales[i], words(q), err)
			}
		}
	}
	if !c.skip[InvMerge] && len(in.Calls) > 0 {
		n := rapid.IntRange(1, len(in.Calls)).Draw(t, "moved")
		moved := in
		moved.Calls = in.Calls[n:]
		for _, call := range in.Calls[:n] {
			if err := moved.Earlier.Add(call.Total); err != nil {
				return InvMerge, fmt.Sprintf("Earlier refuses the total %s: %v", call.Total, err)
			}
		}
		q, err := ck.rate(moved)
		if err != nil || !same(p, q) || !q.Calls.Equal(p.Calls) {
			return InvMerge, fmt.Sprintf("rating %s; with the first %d calls moved into Earlier: %s (error %v)",
				words(p), n, words(q), err)
		}
	}
	for _, u := range c.invariants {
		if err := u.f(in, p); err != nil {
			return u.name, fmt.Sprintf("%v (rating %s)", err, words(p))
		}
	}
	return "", ""
}

// accumulatorsMerge draws three accumulators and reports a merge that depends on order or grouping.
func accumulatorsMerge(t *rapid.T) string {
	a, b, c := Accumulator(6).Draw(t, "a"), Accumulator(6).Draw(t, "b"), Accumulator(6).Draw(t, "c")
	merge := func(xs ...rating.Accumulator) rating.Accumulator {
		var m rating.Accumulator
		for _, x := range xs {
			if err := m.Merge(x); err != nil {
				panic(fmt.Sprintf("ratingtest: %v", err)) // 18 small values never overflow
			}
		}
		return m
	}
	ab, ba := merge(a, b), merge(b, a)
	if !ab.Equal(ba) {
		return fmt.Sprintf("a (%s) merged with b (%s) gives %s, b merged with a gives %s", a, b, ab, ba)
	}
	left, right := merge(merge(a, b), c), merge(a, merge(b, c))
	if !left.Equal(right) {
		return fmt.Sprintf("(a+b)+c gives %s, a+(b+c) gives %s (a %s, b %s, c %s)", left, right, a, b, c)
	}
	if z := merge(a, rating.Accumulator{}); !z.Equal(a) {
		return fmt.Sprintf("a (%s) merged with the empty accumulator gives %s", a, z)
	}
	return ""
}

// inRange checks the rating against the least and greatest component value present and weighed, computed from
// the input alone.
func (ck *checker) inRange(in rating.PersonalInput, p rating.Personal) string {
	var vals []sq.Fraction
	if ck.s.CallWeight.Sign() > 0 && (len(in.Calls) > 0 || in.Earlier.Count() > 0) {
		for _, c := range in.Calls {
			vals = append(vals, sq.FractionOf(c.Total))
		}
		if m, err := in.Earlier.Mean(); err == nil {
			vals = append(vals, m)
		}
		if ck.s.ShrinkStrength.Sign() > 0 {
			vals = append(vals, sq.FractionOf(ck.s.ShrinkPrior))
		}
	}
	vals = append(vals, surveyValues(ck.s.SurveyWeight, ck.s.CSIWeight, ck.s.NPSWeight, in.Survey)...)
	if len(vals) == 0 {
		return ""
	}
	lo := slices.MinFunc(vals, sq.Fraction.Cmp)
	hi := slices.MaxFunc(vals, sq.Fraction.Cmp)
	x := p.Exact()
	if x.Cmp(lo) < 0 || x.Cmp(hi) > 0 || x.Cmp(sq.FractionOf(decimal.NewFromInt(5))) > 0 {
		return fmt.Sprintf("rating %s lies outside %s…%s, the range of the components present", x.Rat().RatString(), lo.Rat().RatString(), hi.Rat().RatString())
	}
	return ""
}

// sufficiency checks the FewCalls and LowCoverage rules of SPEC R5 and R14, both ways.
func (ck *checker) sufficiency(in rating.PersonalInput, p rating.Personal) string {
	count := int64(len(in.Calls)) + in.Earlier.Count()
	few := ck.s.CallWeight.Sign() > 0 && count < int64(ck.s.MinCalls)
	if has(p.Rating, rating.FewCalls) != few {
		return fmt.Sprintf("%d calls with a minimum of %d: reason few-calls is %t, want %t (rating %s)",
			count, ck.s.MinCalls, has(p.Rating, rating.FewCalls), few, words(p))
	}
	low := false
	minPercent := ck.s.MinSurveyedPercent
	if minPercent.IsZero() {
		minPercent = decimal.NewFromInt(survey.DefaultMinCoveragePercent)
	}
	if ck.s.SurveyWeight.Sign() > 0 {
		// A naive reference: surveyed/clients < min/100, in decimals.
		low = in.Survey.Clients == 0 ||
			decimal.NewFromInt(100*in.Survey.Surveyed).LessThan(decimal.NewFromInt(in.Survey.Clients).Mul(minPercent))
	}
	if has(p.Rating, rating.LowCoverage) != low {
		return fmt.Sprintf("%d of %d clients surveyed with a minimum of %s%%: reason low-coverage is %t, want %t (rating %s)",
			in.Survey.Surveyed, in.Survey.Clients, minPercent, has(p.Rating, rating.LowCoverage), low, words(p))
	}
	if p.Sufficient() != (len(p.Reasons()) == 0) {
		return fmt.Sprintf("rating %s: sufficient %t with %d reasons", words(p), p.Sufficient(), len(p.Reasons()))
	}
	return ""
}

// same reports whether two ratings have the same exact value, status and reason codes.
func same(p, q rating.Personal) bool {
	codes := func(p rating.Personal) []rating.ReasonCode {
		var cs []rating.ReasonCode
		for _, r := range p.Reasons() {
			cs = append(cs, r.Code)
		}
		return cs
	}
	return p.Exact().Equal(q.Exact()) && p.Sufficient() == q.Sufficient() && slices.Equal(codes(p), codes(q))
}

// words describes a rating: its exact value, status and reasons.
func words(p rating.Personal) string {
	var rs []string
	for _, r := range p.Reasons() {
		rs = append(rs, r.String())
	}
	s := fmt.Sprintf("%s (%s)", p.Exact().Rat().RatString(), status(p.Rating))
	if len(rs) > 0 {
		s += ": " + strings.Join(rs, "; ")
	}
	return s
}

// describe writes an input in words: the call totals, the earlier accumulator and the survey.
func describe(in rating.PersonalInput) string {
	totals := make([]string, len(in.Calls))
	for i, c := range in.Calls {
		totals[i] = c.Total.String()
	}
	return fmt.Sprintf("calls [%s], earlier %s, %s", strings.Join(totals, " "), in.Earlier, describeSurvey(in.Survey))
}

// describeSurvey writes a survey in words.
func describeSurvey(s rating.Survey) string {
	opt := func(f *sq.Fraction) string {
		if f == nil {
			return "none"
		}
		return f.Rat().RatString()
	}
	return fmt.Sprintf("survey CSI %s NPS %s, %d of %d clients surveyed", opt(s.CSI), opt(s.NPS), s.Surveyed, s.Clients)
}

// status returns "sufficient" or "insufficient".
func status(r rating.Rating) string {
	if r.Sufficient() {
		return "sufficient"
	}
	return "insufficient"
}

// has reports whether r breaks the rule code.
func has(r rating.Rating, code rating.ReasonCode) bool {
	for _, x := range r.Reasons() {
		if x.Code == code {
			return true
		}
	}
	return false
}
