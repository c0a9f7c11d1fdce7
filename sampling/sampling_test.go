package sampling

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

var seed = []byte("0123456789abcdef-audit-key")

func call(id, employee string, day int, d Direction, c Client) Call {
	return Call{ID: id, Employee: employee, At: time.Date(2026, 1, day, 10, 0, 0, 0, time.UTC), Direction: d, Client: c}
}

// population12 is one employee's quarter: 12 calls, three of each stratum.
func population12(employee string) []Call {
	var cs []Call
	for i := 0; i < 12; i++ {
		s := allStrata[i%4]
		cs = append(cs, call(fmt.Sprintf("%s-%02d", employee, i), employee, 1+i, s.Direction, s.Client))
	}
	return cs
}

// SPEC R5: at least 5 calls per employee, incoming and outgoing, new and existing clients all represented.
func TestSelectQuotaAndStrata(t *testing.T) {
	tests := []struct {
		pop       []Call
		evaluated []string
		selected  int
		short     bool
		reason    string
	}{
		{population12("anna"), nil, 5, false, "R5: five calls, one of each of the four strata first"},
		{population12("anna"), []string{"anna-00", "anna-04"}, 3, false, "R5: two evaluated calls count toward the five"},
		{population12("anna")[:3], nil, 3, true, "fewer calls than the quota: all are taken and the employee is short"},
		{population12("anna"), []string{"anna-00", "anna-01", "anna-02", "anna-03", "anna-04"}, 0, false,
			"a quota already met selects nothing"},
	}
	for _, tt := range tests {
		sel, err := Select(tt.pop, seed, Rule{Location: time.UTC, Evaluated: tt.evaluated})
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if len(sel.Groups) != 1 {
			t.Fatalf("%s: %d groups", tt.reason, len(sel.Groups))
		}
		g := sel.Groups[0]
		if len(g.Selected) != tt.selected || g.Short != tt.short || g.Period != "2026-Q1" {
			t.Errorf("%s: selected %d, short %v, period %s; want %d, %v, 2026-Q1", tt.reason, len(g.Selected), g.Short,
				g.Period, tt.selected, tt.short)
		}
		if g.Evaluated+len(g.Selected) >= 4 {
			for _, sc := range g.Strata {
				if sc.Evaluated+sc.Selected == 0 {
					t.Errorf("%s: stratum %s is not represented", tt.reason, sc.Stratum)
				}
			}
		}
		for _, c := range g.Selected {
			if slices.Contains(tt.evaluated, c.ID) {
				t.Errorf("%s: %s was evaluated already and chosen again", tt.reason, c.ID)
			}
		}
	}
}

func TestSelectRosterAndErrors(t *testing.T) {
	pop := append(population12("anna"), population12("boris")...)
	sel, err := Select(pop, seed, Rule{Location: time.UTC, Employees: []string{"anna", "boris", "vera"}})
	if err != nil {
		t.Fatal(err)
	}
	short := sel.Short()
	if len(short) != 1 || short[0].Employee != "vera" || short[0].Population != 0 {
		t.Errorf("Short() = %+v, want vera with no call", short)
	}
	if n := len(sel.Calls()); n != 10 {
		t.Errorf("%d calls selected, want 5 for each of anna and boris", n)
	}
	bad := func(f func(*Call)) []Call {
		cs := population12("anna")
		f(&cs[3])
		return cs
	}
	tests := []struct {
		pop    []Call
		seed   []byte
		rule   Rule
		want   error
		reason string
	}{
		{pop, seed, Rule{Location: time.UTC, Employees: []string{"anna"}}, ErrUnknownEmployee, "a call of an employee not in the roster"},
		{bad(func(c *Call) { c.ID = "anna-00" }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "a repeated call ID"},
		{bad(func(c *Call) { c.ID = "" }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "an empty call ID"},
		{bad(func(c *Call) { c.Employee = "" }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "no employee"},
		{bad(func(c *Call) { c.At = time.Time{} }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "a zero time"},
		{bad(func(c *Call) { c.Direction = 0 }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "no direction"},
		{bad(func(c *Call) { c.Client = 9 }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "an unknown client kind"},
		{bad(func(c *Call) { c.Duration = -time.Second }), seed, Rule{Location: time.UTC}, ErrInvalidCall, "a negative duration"},
		{pop, seed[:8], Rule{Location: time.UTC}, ErrInvalidRule, "a seed too short to be secret"},
		{pop, seed, Rule{}, ErrInvalidRule, "no location"},
		{pop, seed, Rule{Location: time.UTC, PerEmployee: -1}, ErrInvalidRule, "a negative quota"},
		{pop, seed, Rule{Location: time.UTC, Period: 7}, ErrInvalidRule, "an unknown period"},
	}
	for _, tt := range tests {
		if _, err := Select(tt.pop, tt.seed, tt.rule); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.reason, err, tt.want)
		}
	}
	var se *sq.Error
	if _, err := Select(bad(func(c *Call) { c.ID = "" }), seed, Rule{Location: time.UTC}); !errors.As(err, &se) ||
		se.Path != "calls[4]" || !strings.Contains(err.Error(), "calls[4]") {
		t.Errorf("the error does not name the call by its position from 1: %v", err)
	}
}

// Periods are counted in the rule's time zone: a call at 23:30 UTC on 31 March is in Q2 in Almaty.
func TestSelectPeriodsInLocation(t *testing.T) {
	alm, err := time.LoadLocation("Asia/Almaty")
	if err != nil {
		t.Fatal(err)
	}
	c := Call{ID: "x", Employee: "anna", At: time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC), Direction: Incoming, Client: NewClient}
	for _, tt := range []struct {
		rule Rule
		want string
	}{{Rule{Location: alm}, "2026-Q2"}, {Rule{Location: time.UTC}, "2026-Q1"}, {Rule{Location: alm, Period: Monthly}, "2026-04"}} {
		sel, err := Select([]Call{c}, seed, tt.rule)
		if err != nil || sel.Groups[0].Period != tt.want {
			t.Errorf("%v: period %v (%v), want %s", tt.rule.Location, sel.Groups, err, tt.want)
		}
	}
}

func genPopulation(t *rapid.T) []Call {
	n := rapid.IntRange(0, 80).Draw(t, "calls")
	employees := []string{"anna", "boris", "vera"}
	cs := make([]Call, n)
	for i := range cs {
		cs[i] = Call{ID: fmt.Sprintf("c%03d", i), Employee: rapid.SampledFrom(employees).Draw(t, "employee"),
			At:        time.Date(2026, time.Month(rapid.IntRange(1, 6).Draw(t, "month")), 10, 0, 0, 0, 0, time.UTC),
			Direction: rapid.SampledFrom([]Direction{Incoming, Outgoing}).Draw(t, "direction"),
			Client:    rapid.SampledFrom([]Client{NewClient, ExistingClient}).Draw(t, "client")}
	}
	return cs
}

// The same population and seed give the same selection whatever the order of the calls.
func TestPropOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pop := genPopulation(t)
		var evaluated []string
		for _, c := range pop {
			if rapid.IntRange(0, 4).Draw(t, "evaluated") == 0 {
				evaluated = append(evaluated, c.ID)
			}
		}
		r := Rule{Location: time.UTC, PerEmployee: rapid.IntRange(0, 8).Draw(t, "quota"), Evaluated: evaluated}
		a, err := Select(pop, seed, r)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(pop)
		for i := len(shuffled) - 1; i > 0; i-- {
			j := rapid.IntRange(0, i).Draw(t, "swap")
			shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
		}
		b, err := Select(shuffled, seed, r)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a.Groups, b.Groups); diff != "" {
			t.Fatalf("the selection depends on the order of the calls (-first +shuffled):\n%s", diff)
		}
		// The quota: evaluated + selected = min(quota, population) in every group, never a call twice.
		quota := r.perEmployee()
		for _, g := range a.Groups {
			want := min(quota, g.Population)
			if g.Evaluated > quota {
				want = g.Evaluated
			}
			if got := g.Evaluated + len(g.Selected); got != want {
				t.Fatalf("%s %s: %d evaluated + %d selected, want %d", g.Employee, g.Period, g.Evaluated, len(g.Selected), want)
			}
			// Each stratum present is represented when the quota leaves room for every uncovered one.
			uncovered := 0
			for _, sc := range g.Strata {
				if sc.Evaluated == 0 {
					uncovered++
				}
			}
			if quota-g.Evaluated >= uncovered {
				for _, sc := range g.Strata {
					if sc.Evaluated+sc.Selected == 0 {
						t.Fatalf("%s %s: stratum %s not represented", g.Employee, g.Period, sc.Stratum)
					}
				}
			}
		}
	})
}

// Another seed gives another selection: with 60 calls of one stratum and a quota of 5, two seeds choose the same
// five calls with a probability of 1 in C(60, 5) ≈ 5.5 million.
func TestPropSeedSensitive(t *testing.T) {
	var pop []Call
	for i := 0; i < 60; i++ {
		pop = append(pop, call(fmt.Sprintf("c%02d", i), "anna", 1+i%28, Incoming, ExistingClient))
	}
	rapid.Check(t, func(t *rapid.T) {
		s1 := rapid.SliceOfN(rapid.Byte(), MinSeed, MinSeed).Draw(t, "seed1")
		s2 := rapid.SliceOfN(rapid.Byte(), MinSeed, MinSeed).Draw(t, "seed2")
		if slices.Equal(s1, s2) {
			t.Skip("the same seed")
		}
		a, _ := Select(pop, s1, Rule{Location: time.UTC})
		b, _ := Select(pop, s2, Rule{Location: time.UTC})
		if cmp.Equal(a.Calls(), b.Calls()) {
			t.Fatalf("seeds %x and %x chose the same calls", s1, s2)
		}
	})
}

// An auditor recomputes the choice from the seed: within a stratum, calls are taken in increasing Rank.
func TestSelectionIsAuditable(t *testing.T) {
	pop := population12("anna")
	sel, err := Select(pop, seed, Rule{Location: time.UTC, PerEmployee: 8})
	if err != nil {
		t.Fatal(err)
	}
	last := map[Stratum]string{}
	for _, c := range sel.Calls() {
		s, r := Stratum{c.Direction, c.Client}, Rank(seed, c.ID)
		if prev, ok := last[s]; ok && r < prev {
			t.Errorf("%s taken after a better-ranked call of its stratum", c.ID)
		}
		last[s] = r
	}
	// HMAC-SHA256("key", "call-1") as Python's hmac module computes it: the first 8 bytes.
	if got := Rank([]byte("key"), "call-1"); got != "0c67f1aa7731d646" {
		t.Errorf("Rank = %q, want 0c67f1aa7731d646", got)
	}
}

// Zero values answer with errors or empty results, never a panic.
func TestZeroValues(t *testing.T) {
	if err := (Rule{}).Validate(); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("zero Rule: %v", err)
	}
	var s Selection
	if _, err := s.MarshalJSON(); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("zero Selection MarshalJSON: %v", err)
	}
	if len(s.Calls()) != 0 || len(s.Short()) != 0 {
		t.Error("the zero Selection is not empty")
	}
	if err := s.UnmarshalJSON([]byte(`{}`)); !errors.Is(err, ErrNotStored) {
		t.Errorf("UnmarshalJSON: %v", err)
	}
	_ = fmt.Sprint(Direction(0), Client(0), Period(9), Stratum{})
	if _, err := Direction(0).MarshalText(); !errors.Is(err, ErrInvalidCall) {
		t.Errorf("zero Direction MarshalText: %v", err)
	}
	if sel, err := Select(nil, seed, Rule{Location: time.UTC}); err != nil || len(sel.Groups) != 0 {
		t.Errorf("an empty population: %v, %v", sel.Groups, err)
	}
}

// Every period round-trips through its text form; other text is refused.
func TestPeriodText(t *testing.T) {
	for _, p := range []Period{Quarterly, Monthly} {
		b, err := p.MarshalText()
		var got Period = 9
		if err != nil || got.UnmarshalText(b) != nil || got != p || string(b) != p.String() {
			t.Errorf("period %v: text %q, %v; read back %v", p, b, err, got)
		}
	}
	var p Period
	if err := p.UnmarshalText([]byte("Monthly")); !errors.Is(err, sq.ErrMalformed) || p != Quarterly {
		t.Errorf("\"Monthly\" = %v (period %v), want sq.ErrMalformed and no change", err, p)
	}
	if _, err := Period(7).MarshalText(); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("Period(7).MarshalText = %v, want ErrInvalidRule", err)
	}
}
