// Package sampling chooses which calls a quality team evaluates: at least N calls per employee and period (5 a
// quarter by default), chosen at random yet reproducibly, stratified so that incoming and outgoing calls and new
// and existing clients are all represented (SPEC R5, R6).
//
// The choice is made by a keyed hash: every call is ranked by HMAC-SHA256(seed, call ID), and the calls with the
// smallest ranks are taken. The same population and seed give the same selection whatever the order of the calls;
// another seed gives another selection; and an auditor can recompute any selection from the seed and the call list
// (Select again, or Rank for one call), so nobody can pick the calls that suit them. Calls already evaluated count
// toward the quota: selecting again after more evaluations tops up the employees still short.
//
// Values are immutable once built and safe for concurrent use; nothing here reads the clock.
package sampling

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Errors. Every error of this package for bad input is an *sq.Error wrapping one of them (each matches
// sq.ErrInvalid) or sq.ErrLimit.
var (
	// ErrInvalidCall is wrapped by errors about a call of the population: an empty or repeated ID, no employee, a
	// zero time, an unknown direction or client kind.
	ErrInvalidCall = sq.Sentinel("invalid call", sq.ErrInvalid)
	// ErrInvalidRule is wrapped by errors about a Rule or a seed.
	ErrInvalidRule = sq.Sentinel("invalid sampling rule", sq.ErrInvalid)
	// ErrUnknownEmployee is wrapped when a call or an evaluated call belongs to an employee outside the rule's
	// roster.
	ErrUnknownEmployee = sq.Sentinel("employee not in the roster", sq.ErrInvalid)
	// ErrNotStored is wrapped when JSON is read into a Selection: it is computed; store the seed, the rule and the
	// population, and select again.
	ErrNotStored = sq.Sentinel("computed value cannot be read from JSON", sq.ErrInvalid)
)

// Direction is who placed the call. The zero value is not valid.
type Direction uint8

// Directions.
const (
	Incoming Direction = iota + 1
	Outgoing
)

// Client says whether the client was new or existing. The zero value is not valid.
type Client uint8

// Client kinds.
const (
	NewClient Client = iota + 1
	ExistingClient
)

var (
	directionNames = [...]string{Incoming: "incoming", Outgoing: "outgoing"}
	clientNames    = [...]string{NewClient: "new", ExistingClient: "existing"}
)

// String returns "incoming" or "outgoing".
func (d Direction) String() string {
	if d >= Incoming && d <= Outgoing {
		return directionNames[d]
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// String returns "new" or "existing".
func (c Client) String() string {
	if c >= NewClient && c <= ExistingClient {
		return clientNames[c]
	}
	return fmt.Sprintf("Client(%d)", uint8(c))
}

// MarshalText writes the direction's name.
func (d Direction) MarshalText() ([]byte, error) {
	if d < Incoming || d > Outgoing {
		return nil, errf(ErrInvalidCall, "direction %d is not incoming or outgoing", uint8(d))
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads "incoming" or "outgoing".
func (d *Direction) UnmarshalText(b []byte) error {
	i := slices.Index(directionNames[:], string(b))
	if i < 1 {
		return errf(ErrInvalidCall, "direction %q is not incoming or outgoing", clip(string(b)))
	}
	*d = Direction(i)
	return nil
}

// MarshalText writes the client kind's name.
func (c Client) MarshalText() ([]byte, error) {
	if c < NewClient || c > ExistingClient {
		return nil, errf(ErrInvalidCall, "client kind %d is not new or existing", uint8(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads "new" or "existing".
func (c *Client) UnmarshalText(b []byte) error {
	i := slices.Index(clientNames[:], string(b))
	if i < 1 {
		return errf(ErrInvalidCall, "client kind %q is not new or existing", clip(string(b)))
	}
	*c = Client(i)
	return nil
}

// Call is one call of the population to sample from, as a telephony system or CRM exports it.
type Call struct {
	ID        string        `json:"id"`
	Employee  string        `json:"employee"`
	At        time.Time     `json:"at"`
	Direction Direction     `json:"direction"`
	Client    Client        `json:"client"`
	Channel   string        `json:"channel,omitempty"`  // optional: "phone", "chat", …
	Duration  time.Duration `json:"duration,omitempty"` // optional
}

// Stratum is one kind of call within an employee's period: a direction and a client kind.
type Stratum struct {
	Direction Direction `json:"direction"`
	Client    Client    `json:"client"`
}

// String returns e.g. "incoming/new".
func (s Stratum) String() string { return s.Direction.String() + "/" + s.Client.String() }

// Period is the length of the periods calls are sampled in. The zero value is Quarterly.
type Period uint8

// Periods.
const (
	// Quarterly: calendar quarters (SPEC R6: an evaluation at least once a quarter).
	Quarterly Period = iota
	// Monthly: calendar months.
	Monthly
)

// String returns "quarterly" or "monthly".
func (p Period) String() string {
	switch p {
	case Quarterly:
		return "quarterly"
	case Monthly:
		return "monthly"
	}
	return fmt.Sprintf("Period(%d)", uint8(p))
}

// MarshalText writes the period's name.
func (p Period) MarshalText() ([]byte, error) {
	if p > Monthly {
		return nil, errf(ErrInvalidRule, "period %d is not quarterly or monthly", uint8(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText reads "quarterly" or "monthly".
func (p *Period) UnmarshalText(b []byte) error {
	switch string(b) {
	case "quarterly":
		*p = Quarterly
	case "monthly":
		*p = Monthly
	default:
		return &sq.Error{Pkg: "sampling", Path: "period", Value: sq.Quote(string(b)), Rule: "quarterly or monthly",
			Err: sq.ErrMalformed}
	}
	return nil
}

// periodKey is a period: a year and a quarter or month number.
type periodKey struct{ year, part int }

// key returns the period of t in loc.
func (p Period) key(t time.Time, loc *time.Location) periodKey {
	y, m, _ := t.In(loc).Date()
	if p == Monthly {
		return periodKey{y, int(m)}
	}
	return periodKey{y, (int(m) + 2) / 3}
}

// label names a period: "2026-Q1" or "2026-03".
func (p Period) label(k periodKey) string {
	if p == Monthly {
		return fmt.Sprintf("%04d-%02d", k.year, k.part)
	}
	return fmt.Sprintf("%04d-Q%d", k.year, k.part)
}

// DefaultPerEmployee is the number of calls evaluated per employee and period by default (SPEC R5).
const DefaultPerEmployee = 5

// Limits on the input.
const (
	MaxPopulation  = 1_000_000 // calls in one selection
	MaxPerEmployee = 1000      // calls per employee and period
	MaxText        = 200       // bytes of an ID, an employee or a channel
	MinSeed        = 16        // bytes of the seed
	MaxSeed        = 256
)

// Rule says how many calls to choose and in which periods. The zero Rule is invalid: it has no Location.
type Rule struct {
	// PerEmployee is the number of evaluated calls each employee needs per period; zero means DefaultPerEmployee.
	PerEmployee int `json:"per_employee"`
	// Period is the length of the periods; the zero value is Quarterly.
	Period Period `json:"period"`
	// Location is the time zone in which periods are counted. Required.
	Location *time.Location `json:"-"`
	// Evaluated lists the IDs of calls already evaluated: they count toward the quota and are not chosen again.
	// IDs not in the population are ignored.
	Evaluated []string `json:"-"`
	// Employees, when not empty, is the roster: every employee on it is reported, short if they have too few calls,
	// and a call of anyone else is refused with ErrUnknownEmployee.
	Employees []string `json:"-"`
}

func (r Rule) perEmployee() int {
	if r.PerEmployee == 0 {
		return DefaultPerEmployee
	}
	return r.PerEmployee
}

// Validate reports the first problem that makes r unusable, wrapping ErrInvalidRule.
func (r Rule) Validate() error {
	fail := func(format string, args ...any) error {
		return errf(ErrInvalidRule, "rule: %s", fmt.Sprintf(format, args...))
	}
	switch {
	case r.PerEmployee < 0 || r.PerEmployee > MaxPerEmployee:
		return fail("per_employee %d is outside 0–%d (0 means %d)", r.PerEmployee, MaxPerEmployee, DefaultPerEmployee)
	case r.Period > Monthly:
		return fail("period %d is not quarterly or monthly", uint8(r.Period))
	case r.Location == nil:
		return fail("location is not set; name the time zone in which periods are counted")
	case len(r.Evaluated) > MaxPopulation || len(r.Employees) > MaxPopulation:
		return fail("at most %d evaluated calls and employees", MaxPopulation)
	}
	return nil
}

// Rank returns the rank of a call ID under a seed: the first 8 bytes of HMAC-SHA256(seed, id) as a hex string.
// Calls are chosen in increasing rank; an auditor recomputes it with any HMAC implementation.
func Rank(seed []byte, id string) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], newRanker(seed).rank(id))
	return hex.EncodeToString(b[:])
}

// ranker computes ranks with one HMAC, reset between calls.
type ranker struct {
	m   hash.Hash
	sum []byte
}

func newRanker(seed []byte) *ranker {
	return &ranker{m: hmac.New(sha256.New, seed), sum: make([]byte, 0, 32)}
}

// rank returns the first 8 bytes of HMAC-SHA256(seed, id), big-endian, so that comparing ranks as numbers
// compares them as Rank's hex strings.
func (r *ranker) rank(id string) uint64 {
	r.m.Reset()
	io.WriteString(r.m, id)
	r.sum = r.m.Sum(r.sum[:0])
	return binary.BigEndian.Uint64(r.sum)
}

// Selection is the result of Select: the calls to evaluate and, per employee and period, how the quota stands.
type Selection struct {
	// Seed is the key of the ranking, in hex.
	Seed string
	// Rule is the rule applied (with PerEmployee resolved).
	Rule Rule
	// Population is the number of calls sampled from.
	Population int
	// Groups lists every employee and period, ordered by employee then period.
	Groups []Group
}

// Group is one employee in one period.
type Group struct {
	Employee string
	Period   string // "2026-Q1" or "2026-03"
	// Population counts the employee's calls in the period; Evaluated those already evaluated.
	Population int
	Evaluated  int
	// Selected are the calls chosen now, in the order they were chosen (strata first, then by rank).
	Selected []Call
	// Short reports that the population has fewer calls than the quota: all of them are taken.
	Short bool
	// Strata counts the population, the evaluated and the selected calls of each stratum present, in the order
	// incoming/new, incoming/existing, outgoing/new, outgoing/existing.
	Strata []StratumCount
}

// StratumCount is the count of calls of one stratum in a group.
type StratumCount struct {
	Stratum    Stratum
	Population int
	Evaluated  int
	Selected   int
}

// Calls returns every selected call, group by group.
func (s Selection) Calls() []Call {
	var out []Call
	for _, g := range s.Groups {
		out = append(out, g.Selected...)
	}
	return out
}

// Short returns the groups whose employee has fewer calls than the quota in the period.
func (s Selection) Short() []Group {
	var out []Group
	for _, g := range s.Groups {
		if g.Short {
			out = append(out, g)
		}
	}
	return out
}

type ranked struct {
	call      Call
	rank      uint64
	stratum   Stratum
	evaluated bool
}

// Select chooses the calls to evaluate from population under rule r and seed (at least MinSeed bytes of a
// secret random key, kept with the selection so that it can be audited). In each employee's period, calls
// already evaluated count toward the quota; the others are ranked by Rank. The first picks take one call of each
// stratum (direction and client kind) the period has and the evaluated calls do not cover, best rank first; the
// rest of the quota is filled by rank. An employee with fewer calls than the quota gets all of them and is
// reported Short. The result does not depend on the order of population. Errors wrap ErrInvalidCall,
// ErrInvalidRule or ErrUnknownEmployee and name the call and the field.
func Select(population []Call, seed []byte, r Rule) (Selection, error) {
	if err := r.Validate(); err != nil {
		return Selection{}, err
	}
	if len(seed) < MinSeed || len(seed) > MaxSeed {
		return Selection{}, errf(ErrInvalidRule, "seed of %d bytes; use %d–%d bytes of a secret random key",
			len(seed), MinSeed, MaxSeed)
	}
	if len(population) > MaxPopulation {
		return Selection{}, errf(sq.ErrLimit, "%d calls, at most %d in one selection", len(population), MaxPopulation)
	}
	roster := map[string]bool{}
	for _, e := range r.Employees {
		if e == "" || len(e) > MaxText {
			return Selection{}, errf(ErrInvalidRule, "roster: employee %q must be 1–%d bytes", clip(e), MaxText)
		}
		roster[e] = true
	}
	evaluated := make(map[string]bool, len(r.Evaluated))
	for _, id := range r.Evaluated {
		evaluated[id] = true
	}
	seen := make(map[string]bool, len(population))
	rk := newRanker(seed)
	type groupKey struct {
		employee string
		period   periodKey
	}
	groups := map[groupKey][]ranked{}
	for i, c := range population {
		if err := checkCall(i, c, seen, roster); err != nil {
			return Selection{}, err
		}
		key := groupKey{c.Employee, r.Period.key(c.At, r.Location)}
		groups[key] = append(groups[key], ranked{call: c, rank: rk.rank(c.ID),
			stratum: Stratum{c.Direction, c.Client}, evaluated: evaluated[c.ID]})
	}
	rr := r
	rr.PerEmployee = r.perEmployee()
	sel := Selection{Seed: hex.EncodeToString(seed), Rule: rr, Population: len(population)}
	keys := make([]groupKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// Roster employees without any call in a period that others have are reported short.
	periods := map[periodKey]bool{}
	for _, k := range keys {
		periods[k.period] = true
	}
	for e := range roster {
		for p := range periods {
			if _, ok := groups[groupKey{e, p}]; !ok {
				groups[groupKey{e, p}] = nil
				keys = append(keys, groupKey{e, p})
			}
		}
	}
	slices.SortFunc(keys, func(a, b groupKey) int {
		return cmp.Or(strings.Compare(a.employee, b.employee), cmp.Compare(a.period.year, b.period.year),
			cmp.Compare(a.period.part, b.period.part))
	})
	for _, k := range keys {
		sel.Groups = append(sel.Groups, choose(k.employee, r.Period.label(k.period), groups[k], rr.PerEmployee))
	}
	return sel, nil
}

func checkCall(i int, c Call, seen, roster map[string]bool) error {
	fail := func(sentinel error, format string, args ...any) error {
		return &sq.Error{Pkg: "sampling", Path: sq.Index("calls", i), Value: sq.Quote(c.ID), Rule: fmt.Sprintf(format,
			args...),
			Err: sentinel}
	}
	switch {
	case c.ID == "" || len(c.ID) > MaxText:
		return fail(ErrInvalidCall, "the ID must be 1–%d bytes", MaxText)
	case seen[c.ID]:
		return fail(ErrInvalidCall, "the ID is given twice")
	case c.Employee == "" || len(c.Employee) > MaxText:
		return fail(ErrInvalidCall, "employee %q must be 1–%d bytes", clip(c.Employee), MaxText)
	case len(roster) > 0 && !roster[c.Employee]:
		return fail(ErrUnknownEmployee, "employee %q is not in the roster", clip(c.Employee))
	case c.At.IsZero():
		return fail(ErrInvalidCall, "the time is zero")
	case c.Direction < Incoming || c.Direction > Outgoing:
		return fail(ErrInvalidCall, "direction %d is not incoming or outgoing", uint8(c.Direction))
	case c.Client < NewClient || c.Client > ExistingClient:
		return fail(ErrInvalidCall, "client kind %d is not new or existing", uint8(c.Client))
	case len(c.Channel) > MaxText:
		return fail(ErrInvalidCall, "channel of %d bytes, at most %d allowed", len(c.Channel), MaxText)
	case c.Duration < 0:
		return fail(ErrInvalidCall, "duration %v is negative", c.Duration)
	}
	seen[c.ID] = true
	return nil
}

// allStrata is the order strata are reported in.
var allStrata = []Stratum{{Incoming, NewClient}, {Incoming, ExistingClient}, {Outgoing, NewClient},
	{Outgoing, ExistingClient}}

// choose picks the calls of one group.
func choose(employee, period string, calls []ranked, quota int) Group {
	g := Group{Employee: employee, Period: period, Population: len(calls), Short: len(calls) < quota}
	slices.SortFunc(calls, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.call.ID, b.call.ID))
	})
	counts := map[Stratum]*StratumCount{}
	covered := map[Stratum]bool{}
	for _, c := range calls {
		sc := counts[c.stratum]
		if sc == nil {
			sc = &StratumCount{Stratum: c.stratum}
			counts[c.stratum] = sc
		}
		sc.Population++
		if c.evaluated {
			g.Evaluated++
			sc.Evaluated++
			covered[c.stratum] = true
		}
	}
	need := quota - g.Evaluated
	taken := make([]bool, len(calls))
	pick := func(i int) {
		taken[i] = true
		g.Selected = append(g.Selected, calls[i].call)
		counts[calls[i].stratum].Selected++
		covered[calls[i].stratum] = true
		need--
	}
	// One call of each stratum not yet covered, best-ranked strata first.
	for i, c := range calls {
		if need <= 0 {
			break
		}
		if !c.evaluated && !covered[c.stratum] {
			pick(i)
		}
	}
	for i, c := range calls {
		if need <= 0 {
			break
		}
		if !c.evaluated && !taken[i] {
			pick(i)
		}
	}
	for _, s := range allStrata {
		if sc := counts[s]; sc != nil {
			g.Strata = append(g.Strata, *sc)
		}
	}
	return g
}

type groupJSON struct {
	Employee   string        `json:"employee"`
	Period     string        `json:"period"`
	Population int           `json:"population"`
	Evaluated  int           `json:"evaluated"`
	Selected   []string      `json:"selected"`
	Short      bool          `json:"short"`
	Strata     []stratumJSON `json:"strata"`
}

type stratumJSON struct {
	Direction  Direction `json:"direction"`
	Client     Client    `json:"client"`
	Population int       `json:"population"`
	Evaluated  int       `json:"evaluated"`
	Selected   int       `json:"selected"`
}

// MarshalJSON writes the selection for the audit trail: the seed, the rule (calls per employee, period, time
// zone), the population size and, per employee and period, the counts and the IDs of the selected calls.
func (s Selection) MarshalJSON() ([]byte, error) {
	if s.Rule.Location == nil {
		return nil, errf(ErrInvalidRule, "zero Selection cannot be written")
	}
	v := struct {
		Seed       string      `json:"seed"`
		Rule       any         `json:"rule"`
		Population int         `json:"population"`
		Groups     []groupJSON `json:"groups"`
	}{Seed: s.Seed, Population: s.Population, Groups: []groupJSON{},
		Rule: struct {
			PerEmployee int    `json:"per_employee"`
			Period      Period `json:"period"`
			Location    string `json:"location"`
			Evaluated   int    `json:"evaluated_given"`
		}{s.Rule.PerEmployee, s.Rule.Period, s.Rule.Location.String(), len(s.Rule.Evaluated)}}
	for _, g := range s.Groups {
		gj := groupJSON{Employee: g.Employee, Period: g.Period, Population: g.Population, Evaluated: g.Evaluated,
			Selected: []string{}, Short: g.Short, Strata: []stratumJSON{}}
		for _, c := range g.Selected {
			gj.Selected = append(gj.Selected, c.ID)
		}
		for _, sc := range g.Strata {
			gj.Strata = append(gj.Strata, stratumJSON{sc.Stratum.Direction, sc.Stratum.Client, sc.Population,
				sc.Evaluated, sc.Selected})
		}
		v.Groups = append(v.Groups, gj)
	}
	return json.Marshal(v)
}

// UnmarshalJSON refuses: a selection is recomputed from its seed, rule and population with Select. The error
// wraps ErrNotStored.
func (s *Selection) UnmarshalJSON([]byte) error {
	return errf(ErrNotStored, "a Selection is computed; keep the seed, the rule and the calls and call Select")
}

func clip(s string) string {
	if len(s) > MaxText {
		return s[:MaxText] + "..."
	}
	return s
}

// errf returns an *sq.Error of this package whose rule is the formatted text.
func errf(kind error, format string, args ...any) error {
	return &sq.Error{Pkg: "sampling", Rule: fmt.Sprintf(format, args...), Err: kind}
}
