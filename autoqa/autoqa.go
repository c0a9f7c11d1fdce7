// Package autoqa derives answers and violations of an evaluation from the facts a telephony system or CRM exports
// about a call — hold intervals, who ended the call, callbacks promised and made, promises and their completion —
// by rules the rubric's owner configures, each answer carrying its provenance (the rule and the facts used).
//
// Automatic and manual answers are kept apart: Combine merges the automatic answers into a specialist's
// evaluation, and a specialist may replace an automatic answer only with an Override that gives a reason, which is
// recorded. PhoneEtiquetteRules holds the rules of SPEC R21 and R22 for rubric.PhoneEtiquette, and
// CallQualityRules the "promise not kept" fatal violation (SPEC R4.1) for rubric.CallQuality.
//
// Values are immutable once built and safe for concurrent use; the time an evaluation is made is an argument.
package autoqa

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
)

// Errors. Every error of this package for bad input is an *sq.Error wrapping one of them (each matches
// sq.ErrInvalid) or sq.ErrLimit.
var (
	// ErrInvalidFacts is wrapped by errors about facts: a negative or reversed interval, overlapping holds, an
	// interval outside the call, a zero time, too many entries.
	ErrInvalidFacts = sq.Sentinel("invalid call facts", sq.ErrInvalid)
	// ErrInvalidRule is wrapped by errors about rules: an unknown kind, a criterion or violation the rubric does
	// not have, a criterion whose scale the rule cannot answer, two rules on one criterion.
	ErrInvalidRule = sq.Sentinel("invalid auto-check rule", sq.ErrInvalid)
	// ErrOverride is wrapped when a manual answer replaces an automatic one without an Override and its reason,
	// or an Override names a criterion no rule answered.
	ErrOverride = sq.Sentinel("manual answer over an automatic one", sq.ErrInvalid)
)

// Party is who ended the call. The zero value means unknown.
type Party uint8

// Parties.
const (
	PartyAgent Party = iota + 1
	PartyClient
	PartySystem // a dropped line, a timeout
)

var partyNames = [...]string{PartyAgent: "agent", PartyClient: "client", PartySystem: "system"}

// String returns "agent", "client", "system" or "unknown".
func (p Party) String() string {
	if p >= PartyAgent && p <= PartySystem {
		return partyNames[p]
	}
	return "unknown"
}

// MarshalText writes the party's name; the zero Party is written as "unknown".
func (p Party) MarshalText() ([]byte, error) {
	if p > PartySystem {
		return nil, errf(ErrInvalidFacts, "party %d is not agent, client or system", uint8(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText reads "agent", "client", "system" or "unknown".
func (p *Party) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*p = 0
		return nil
	}
	i := slices.Index(partyNames[:], string(b))
	if i < 1 {
		return errf(ErrInvalidFacts, "party %q is not agent, client, system or unknown", clip(string(b)))
	}
	*p = Party(i)
	return nil
}

// Interval is a span of time, Start ≤ End.
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Callback is a call back promised to the client: the time agreed with them, and when it was made (zero: not
// made).
type Callback struct {
	Agreed time.Time `json:"agreed"`
	Made   time.Time `json:"made"`
}

// Promise is a task promised to the client in the call: its due time, and when it was completed (zero: not
// completed).
type Promise struct {
	ID        string    `json:"id"`
	Due       time.Time `json:"due"`
	Completed time.Time `json:"completed"`
}

// Facts are what a telephony system or CRM knows about one call. The zero value is invalid (no call times).
type Facts struct {
	CallID string     `json:"call"`
	Start  time.Time  `json:"start"` // when the call began
	End    time.Time  `json:"end"`   // and ended
	Holds  []Interval `json:"holds,omitempty"`
	// Talk is the time the agent and the client spoke (the call's length less holds and transfers), as the
	// telephony system measures it; zero when not known. It is kept for reports and custom rules.
	Talk      time.Duration `json:"talk,omitempty"`
	EndedBy   Party         `json:"ended_by"`
	Callbacks []Callback    `json:"callbacks,omitempty"`
	Promises  []Promise     `json:"promises,omitempty"`
}

// MaxEntries bounds the holds, callbacks and promises of one call.
const MaxEntries = 1000

// Validate reports the first problem with f, wrapping ErrInvalidFacts (sq.ErrLimit for too many entries).
func (f Facts) Validate() error {
	// failAt reports a problem of the field at path (the call itself when path is empty); the message names the
	// call.
	failAt := func(path, format string, args ...any) error {
		rule := fmt.Sprintf("call %s: ", sq.Quote(f.CallID)) + fmt.Sprintf(format, args...)
		if path == "" {
			return &sq.Error{Pkg: "autoqa", Path: "call", Value: sq.Quote(f.CallID), Rule: fmt.Sprintf(format, args...), Err: ErrInvalidFacts}
		}
		return &sq.Error{Pkg: "autoqa", Path: path, Rule: rule, Err: ErrInvalidFacts}
	}
	fail := func(format string, args ...any) error { return failAt("", format, args...) }
	switch {
	case f.Start.IsZero() || f.End.IsZero():
		return fail("the call's start and end are required")
	case f.End.Before(f.Start):
		return fail("the call ends at %s, before it starts at %s", stamp(f.End), stamp(f.Start))
	case len(f.Holds) > MaxEntries || len(f.Callbacks) > MaxEntries || len(f.Promises) > MaxEntries:
		return &sq.Error{Pkg: "autoqa", Path: "call", Value: sq.Quote(f.CallID),
			Rule: fmt.Sprintf("at most %d holds, callbacks and promises", MaxEntries), Err: sq.ErrLimit}
	case f.Talk < 0 || f.Talk > f.End.Sub(f.Start):
		return fail("talk time %v is outside 0 and the call's length %v", f.Talk, f.End.Sub(f.Start))
	case f.EndedBy > PartySystem:
		return fail("ended by %d: not agent, client or system", uint8(f.EndedBy))
	}
	holds := slices.Clone(f.Holds)
	for i, h := range f.Holds {
		switch {
		case h.Start.IsZero() || h.End.IsZero():
			return failAt(sq.Index("holds", i), "start and end are required")
		case h.End.Before(h.Start):
			return failAt(sq.Index("holds", i), "negative: it ends at %s before it starts at %s", stamp(h.End), stamp(h.Start))
		case h.Start.Before(f.Start) || h.End.After(f.End):
			return failAt(sq.Index("holds", i), "%s–%s is outside the call (%s–%s)", stamp(h.Start), stamp(h.End),
				stamp(f.Start), stamp(f.End))
		}
	}
	slices.SortFunc(holds, func(a, b Interval) int { return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End)) })
	for i := 1; i < len(holds); i++ {
		if holds[i].Start.Before(holds[i-1].End) {
			return fail("holds %s–%s and %s–%s overlap", stamp(holds[i-1].Start), stamp(holds[i-1].End),
				stamp(holds[i].Start), stamp(holds[i].End))
		}
	}
	for i, c := range f.Callbacks {
		if c.Agreed.IsZero() {
			return failAt(sq.Index("callbacks", i)+".agreed", "the agreed time is required")
		}
		if !c.Made.IsZero() && c.Made.Before(f.End) {
			return failAt(sq.Index("callbacks", i)+".made", "made at %s, before the call ended", stamp(c.Made))
		}
	}
	for i, p := range f.Promises {
		switch {
		case p.Due.IsZero():
			return failAt(sq.Index("promises", i)+".due", "promise %q: the due time is required", clip(p.ID))
		case len(p.ID) > maxText:
			return failAt(sq.Index("promises", i)+".id", "ID of %d bytes, at most %d", len(p.ID), maxText)
		case !p.Completed.IsZero() && p.Completed.Before(f.Start):
			return failAt(sq.Index("promises", i)+".completed", "promise %q was completed at %s, before the call", clip(p.ID), stamp(p.Completed))
		}
	}
	return nil
}

// Kind is the kind of an auto-check rule.
type Kind string

// Rule kinds.
const (
	// HoldLimit fails its criterion when a hold lasted longer than Limit (SPEC R21: 2 minutes; exactly 2:00
	// passes, 2:01 fails) and passes it otherwise; a call without a hold answers N/A.
	HoldLimit Kind = "hold-limit"
	// CallbackOnTime fails its criterion when a callback was made later than the agreed time plus Limit (the
	// tolerance, default 0), or not made by then (SPEC R22); passes it when every callback was on time; answers
	// N/A when the call promised none, or when a callback is not yet due.
	CallbackOnTime Kind = "callback-on-time"
	// PromiseKept raises Violation when a promise made in the call was not completed by its due time (SPEC R4.1:
	// a fatal violation of the call rubric). A promise not yet due raises nothing.
	PromiseKept Kind = "promise-kept"
	// ClientEndsCall fails its criterion when the agent ended the call and passes it when the client did (SPEC
	// R22: let the client say goodbye first); a call ended by the system, or by an unknown party, gets no answer.
	ClientEndsCall Kind = "client-ends-call"
)

// DefaultHoldLimit is the longest hold of SPEC R21.
const DefaultHoldLimit = 2 * time.Minute

// Rule maps call facts to a criterion's answer or to a violation. It is plain data the rubric's owner configures.
type Rule struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Criterion is the criterion a HoldLimit, CallbackOnTime or ClientEndsCall rule answers; Violation the
	// violation a PromiseKept rule raises.
	Criterion string `json:"criterion,omitempty"`
	Violation string `json:"violation,omitempty"`
	// Limit is the longest hold (HoldLimit; zero means DefaultHoldLimit) or the tolerance of a callback
	// (CallbackOnTime; zero means none).
	Limit time.Duration `json:"limit,omitempty"`
	// Pass and Fail are the levels to answer for a criterion on a Levels scale; a Binary criterion answers
	// "pass"/"fail" and a Points criterion its Max/Min without them.
	Pass string `json:"pass,omitempty"`
	Fail string `json:"fail,omitempty"`
}

// RuleSet is the rules of one rubric.
type RuleSet struct {
	Rules []Rule `json:"rules"`
}

const maxText = 200

// Validate checks the rules against rubric r: known kinds, criteria and violations r has, scales the rules can
// answer, at most one rule per criterion. Errors wrap ErrInvalidRule and name the rule and the field.
func (rs RuleSet) Validate(r *rubric.Rubric) error {
	if r == nil {
		return errf(ErrInvalidRule, "no rubric to check the rules against")
	}
	if len(rs.Rules) > MaxEntries {
		return errf(sq.ErrLimit, "%d rules, at most %d", len(rs.Rules), MaxEntries)
	}
	answered := map[string]string{}
	violations := map[string]bool{}
	for _, v := range r.Violations() {
		violations[v.ID] = true
	}
	for i, ru := range rs.Rules {
		fail := func(format string, args ...any) error {
			return errf(ErrInvalidRule, "rule %d (%q): %s", i+1, clip(ru.Name), fmt.Sprintf(format, args...))
		}
		if ru.Name == "" || len(ru.Name) > maxText || !utf8.ValidString(ru.Name) {
			return fail("the name must be 1–%d bytes of UTF-8", maxText)
		}
		if ru.Limit < 0 || ru.Limit > 24*time.Hour {
			return fail("limit %v is outside 0–24h", ru.Limit)
		}
		switch ru.Kind {
		case PromiseKept:
			if ru.Criterion != "" || ru.Pass != "" || ru.Fail != "" || ru.Limit != 0 {
				return fail("a promise-kept rule raises a violation; it has no criterion, levels or limit")
			}
			if !violations[ru.Violation] {
				return fail("violation %q is not a violation of rubric %q", clip(ru.Violation), clip(r.ID()))
			}
			continue
		case HoldLimit, CallbackOnTime, ClientEndsCall:
		default:
			return fail("kind %q is not hold-limit, callback-on-time, promise-kept or client-ends-call",
				clip(string(ru.Kind)))
		}
		if ru.Violation != "" {
			return fail("a %s rule answers a criterion; it raises no violation", ru.Kind)
		}
		if ru.Kind == ClientEndsCall && ru.Limit != 0 {
			return fail("a client-ends-call rule has no limit")
		}
		c, ok := r.Criterion(ru.Criterion)
		if !ok {
			return fail("criterion %q is not a criterion of rubric %q", clip(ru.Criterion), clip(r.ID()))
		}
		if prev, dup := answered[c.ID]; dup {
			return fail("criterion %q is already answered by rule %q", c.ID, clip(prev))
		}
		answered[c.ID] = ru.Name
		if _, _, err := ru.answers(c); err != nil {
			return fail("%v", err)
		}
		if (ru.Kind == HoldLimit || ru.Kind == CallbackOnTime) && c.NA == rubric.NAForbidden {
			return fail("criterion %q must allow N/A: a call without a hold or a callback answers it N/A", c.ID)
		}
	}
	return nil
}

// answers returns the pass and fail answers of the rule's criterion.
func (ru Rule) answers(c rubric.Criterion) (pass, fail rubric.Answer, err error) {
	switch c.Scale.Kind {
	case rubric.Binary:
		if ru.Pass != "" || ru.Fail != "" {
			return pass, fail, errors.New("a binary criterion answers pass and fail; set no levels")
		}
		return rubric.LevelAnswer(c.ID, "pass"), rubric.LevelAnswer(c.ID, "fail"), nil
	case rubric.Points:
		if ru.Pass != "" || ru.Fail != "" {
			return pass, fail, errors.New("a points criterion answers its Max and Min; set no levels")
		}
		return rubric.PointsAnswer(c.ID, c.Scale.Max), rubric.PointsAnswer(c.ID, c.Scale.Min), nil
	case rubric.Levels:
		has := func(id string) bool {
			return slices.ContainsFunc(c.Scale.Levels, func(l rubric.Level) bool { return l.ID == id })
		}
		if !has(ru.Pass) || !has(ru.Fail) || ru.Pass == ru.Fail {
			return pass, fail, fmt.Errorf("pass %q and fail %q must be two levels of criterion %q", clip(ru.Pass),
				clip(ru.Fail), c.ID)
		}
		return rubric.LevelAnswer(c.ID, ru.Pass), rubric.LevelAnswer(c.ID, ru.Fail), nil
	}
	return pass, fail, fmt.Errorf("criterion %q has a %s scale, which the rule cannot answer", c.ID, c.Scale.Kind)
}

// Provenance says where an automatic answer or violation came from.
type Provenance struct {
	Rule  string // the rule's name
	Kind  Kind
	Facts string // the facts used, in words: "longest hold 2m1s (10:03:10–10:05:11)"
}

// Auto is an answer derived from facts.
type Auto struct {
	Answer rubric.Answer
	Provenance
}

// AutoViolation is a violation derived from facts.
type AutoViolation struct {
	Violation string
	Provenance
}

// Derived is what the rules derived from one call's facts, in the order of the rules.
type Derived struct {
	Answers    []Auto
	Violations []AutoViolation
}

// Derive applies the rules to the facts as of at (the time the evaluation is made: a promise or callback not yet
// due counts as pending). The result depends only on the rules, the facts and at, not on the order of the facts'
// lists. Errors wrap ErrInvalidRule or ErrInvalidFacts.
func (rs RuleSet) Derive(r *rubric.Rubric, f Facts, at time.Time) (Derived, error) {
	if err := rs.Validate(r); err != nil {
		return Derived{}, err
	}
	if err := f.Validate(); err != nil {
		return Derived{}, err
	}
	if at.IsZero() {
		return Derived{}, errf(ErrInvalidFacts, "call %q: the evaluation time is zero", clip(f.CallID))
	}
	var d Derived
	for _, ru := range rs.Rules {
		p := Provenance{Rule: ru.Name, Kind: ru.Kind}
		if ru.Kind == PromiseKept {
			if broken := brokenPromises(f, at); len(broken) > 0 {
				p.Facts = strings.Join(broken, "; ")
				d.Violations = append(d.Violations, AutoViolation{Violation: ru.Violation, Provenance: p})
			}
			continue
		}
		c, _ := r.Criterion(ru.Criterion)
		pass, failed, _ := ru.answers(c)
		var ok, na, none bool
		switch ru.Kind {
		case HoldLimit:
			ok, na, p.Facts = holdCheck(f, ru.Limit)
		case CallbackOnTime:
			ok, na, p.Facts = callbackCheck(f, ru.Limit, at)
		case ClientEndsCall:
			ok, none, p.Facts = endCheck(f)
		}
		switch {
		case none:
			continue
		case na:
			d.Answers = append(d.Answers, Auto{Answer: rubric.NAAnswer(c.ID), Provenance: p})
		case ok:
			d.Answers = append(d.Answers, Auto{Answer: pass, Provenance: p})
		default:
			d.Answers = append(d.Answers, Auto{Answer: failed, Provenance: p})
		}
	}
	return d, nil
}

func holdCheck(f Facts, limit time.Duration) (ok, na bool, facts string) {
	if limit == 0 {
		limit = DefaultHoldLimit
	}
	if len(f.Holds) == 0 {
		return false, true, "no hold"
	}
	longest := slices.MaxFunc(f.Holds, func(a, b Interval) int {
		return cmp.Or(cmp.Compare(a.End.Sub(a.Start), b.End.Sub(b.Start)), b.Start.Compare(a.Start))
	})
	d := longest.End.Sub(longest.Start)
	return d <= limit, false, fmt.Sprintf("longest hold %v (%s–%s), limit %v", d, stamp(longest.Start),
		stamp(longest.End), limit)
}

func callbackCheck(f Facts, tolerance time.Duration, at time.Time) (ok, na bool, facts string) {
	if len(f.Callbacks) == 0 {
		return false, true, "no callback promised"
	}
	cbs := slices.Clone(f.Callbacks)
	slices.SortFunc(cbs, func(a, b Callback) int { return cmp.Or(a.Agreed.Compare(b.Agreed), a.Made.Compare(b.Made)) })
	var late, pending []string
	for _, c := range cbs {
		deadline := c.Agreed.Add(tolerance)
		switch {
		case !c.Made.IsZero() && c.Made.After(deadline):
			late = append(late, fmt.Sprintf("agreed %s, made %s", stamp(c.Agreed), stamp(c.Made)))
		case c.Made.IsZero() && at.After(deadline):
			late = append(late, fmt.Sprintf("agreed %s, not made by %s", stamp(c.Agreed), stamp(at)))
		case c.Made.IsZero():
			pending = append(pending, fmt.Sprintf("agreed %s, not yet due", stamp(c.Agreed)))
		}
	}
	switch {
	case len(late) > 0:
		return false, false, "late callback: " + strings.Join(late, "; ")
	case len(pending) > 0:
		return false, true, strings.Join(pending, "; ")
	}
	return true, false, fmt.Sprintf("%d callback(s) on time", len(cbs))
}

func endCheck(f Facts) (ok, none bool, facts string) {
	switch f.EndedBy {
	case PartyAgent:
		return false, false, "the agent ended the call"
	case PartyClient:
		return true, false, "the client ended the call"
	}
	return false, true, ""
}

func brokenPromises(f Facts, at time.Time) []string {
	ps := slices.Clone(f.Promises)
	slices.SortFunc(ps, func(a, b Promise) int { return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.ID, b.ID)) })
	var out []string
	for _, p := range ps {
		switch {
		case !p.Completed.IsZero() && p.Completed.After(p.Due):
			out = append(out, fmt.Sprintf("promise %q due %s, completed %s", clip(p.ID), stamp(p.Due),
				stamp(p.Completed)))
		case p.Completed.IsZero() && at.After(p.Due):
			out = append(out, fmt.Sprintf("promise %q due %s, not completed by %s", clip(p.ID), stamp(p.Due),
				stamp(at)))
		}
	}
	return out
}

// Override replaces an automatic answer with a specialist's, for a reason that is recorded.
type Override struct {
	Answer rubric.Answer
	Reason string
	By     string
}

// Record says how an evaluation's answers came about: which were automatic, with their provenance, which automatic
// answers a specialist overrode and why, and the violations derived.
type Record struct {
	Auto       []Auto
	Overridden []Override
	Violations []AutoViolation
}

// IsAutomatic reports whether the answer of criterion was derived from facts and not overridden.
func (rec Record) IsAutomatic(criterion string) bool {
	return slices.ContainsFunc(rec.Auto, func(a Auto) bool { return a.Answer.Criterion == criterion }) &&
		!slices.ContainsFunc(rec.Overridden, func(o Override) bool { return o.Answer.Criterion == criterion })
}

// Combine merges the derived answers and violations into a specialist's evaluation: each automatic answer goes in
// unless an Override for its criterion replaces it (with a reason); a manual answer for a criterion the rules
// answered, without an Override, is refused, as is an Override without a reason or for a criterion no rule
// answered. Derived violations are added to the evaluation's. manual is not changed. Errors wrap ErrOverride.
func Combine(manual rubric.Evaluation, d Derived, overrides []Override) (rubric.Evaluation, Record, error) {
	auto := map[string]Auto{}
	for _, a := range d.Answers {
		auto[a.Answer.Criterion] = a
	}
	over := map[string]Override{}
	for i, o := range overrides {
		switch {
		case strings.TrimSpace(o.Reason) == "" || len(o.Reason) > 2000 || !utf8.ValidString(o.Reason):
			return rubric.Evaluation{}, Record{}, errf(ErrOverride, "override %d (criterion %q): a reason of 1–2000"+
				" bytes is required", i+1, clip(o.Answer.Criterion))
		case !hasAuto(d, o.Answer.Criterion):
			return rubric.Evaluation{}, Record{}, errf(ErrOverride, "override %d: criterion %q was not answered"+
				" automatically; answer it in the evaluation", i+1, clip(o.Answer.Criterion))
		}
		if _, dup := over[o.Answer.Criterion]; dup {
			return rubric.Evaluation{}, Record{}, errf(ErrOverride, "override %d: criterion %q is overridden twice",
				i+1, clip(o.Answer.Criterion))
		}
		over[o.Answer.Criterion] = o
	}
	e := manual
	e.Answers = nil
	for i, a := range manual.Answers {
		if hasAuto(d, a.Criterion) {
			return rubric.Evaluation{}, Record{}, errf(ErrOverride, "answer %d: criterion %q is answered"+
				" automatically by rule %q; replace it with an Override and a reason", i+1, clip(a.Criterion),
				auto[a.Criterion].Rule)
		}
		e.Answers = append(e.Answers, a)
	}
	rec := Record{Auto: slices.Clone(d.Answers), Violations: slices.Clone(d.Violations)}
	for _, a := range d.Answers {
		if o, ok := over[a.Answer.Criterion]; ok {
			e.Answers = append(e.Answers, o.Answer)
			rec.Overridden = append(rec.Overridden, o)
			continue
		}
		e.Answers = append(e.Answers, a.Answer)
	}
	e.Violations = slices.Clone(manual.Violations)
	for _, v := range d.Violations {
		if !slices.Contains(e.Violations, v.Violation) {
			e.Violations = append(e.Violations, v.Violation)
		}
	}
	return e, rec, nil
}

func hasAuto(d Derived, criterion string) bool {
	return slices.ContainsFunc(d.Answers, func(a Auto) bool { return a.Answer.Criterion == criterion })
}

// PhoneEtiquetteRules returns the rules of SPEC R21 and R22 for rubric.PhoneEtiquette: a hold longer than 2
// minutes fails "hold_under_2_minutes", a late callback fails "callback_on_time", and the agent ending the call
// fails "client_ends_call".
func PhoneEtiquetteRules() RuleSet {
	return RuleSet{Rules: []Rule{
		{Name: "R21 hold at most 2 minutes", Kind: HoldLimit, Criterion: "hold_under_2_minutes",
			Limit: DefaultHoldLimit},
		{Name: "R22 call back at the agreed time", Kind: CallbackOnTime, Criterion: "callback_on_time"},
		{Name: "R22 let the client end the call", Kind: ClientEndsCall, Criterion: "client_ends_call"},
	}}
}

// CallQualityRules returns the rule of SPEC R4.1 for rubric.CallQuality: a promise made in the call and not kept
// by its due time raises the fatal violation "promise_not_kept".
func CallQualityRules() RuleSet {
	return RuleSet{Rules: []Rule{{Name: "R4.1 promise kept", Kind: PromiseKept, Violation: "promise_not_kept"}}}
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func clip(s string) string {
	if len(s) <= maxText {
		return s
	}
	i := maxText
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// errf returns an *sq.Error of this package whose rule is the formatted text.
func errf(kind error, format string, args ...any) error {
	return &sq.Error{Pkg: "autoqa", Rule: fmt.Sprintf(format, args...), Err: kind}
}
