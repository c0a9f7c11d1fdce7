package complaintstest

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// Names of the invariants CheckPolicy proves, for Skip and for reading failure messages.
const (
	InvValid       = "valid"       // the policy passes Validate and counts a deadline for every receipt drawn
	InvAfter       = "after"       // the deadline is after the receipt
	InvMonotone    = "monotone"    // a later receipt never gets an earlier deadline
	InvPause       = "pause"       // a pause never shortens the term
	InvWorkday     = "workday"     // a working-day term, or one moved to a working day, ends on a working day
	InvProvisional = "provisional" // a deadline counted on provisional calendar data says so, and only then
	InvJSON        = "json"        // the policy reads back Equal from its JSON
)

// Option tunes CheckPolicy. Options are inert values, safe to share and reuse.
type Option interface{ apply(*config) }

type config struct {
	draws      int
	skip       map[string]bool
	from, to   time.Time
	invariants []userInvariant
}

type userInvariant struct {
	name string
	f    func(received time.Time, d complaints.Deadline) error
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// Draws makes every rapid case draw n receipts instead of one (n < 1 counts as 1). The number of cases is rapid's:
// 100 unless the test runs with -rapid.checks=N.
func Draws(n int) Option { return optionFunc(func(c *config) { c.draws = max(n, 1) }) }

// Skip leaves out the named invariants (InvJSON, ...), for a policy that breaks one on purpose.
func Skip(names ...string) Option {
	return optionFunc(func(c *config) {
		for _, n := range names {
			c.skip[n] = true
		}
	})
}

// Between draws receipts from from up to to instead of the years of the policy's calendar data (see ReceivedAt).
func Between(from, to time.Time) Option {
	return optionFunc(func(c *config) { c.from, c.to = from, to })
}

// Invariant adds a property of the caller's own, proved on every receipt drawn: f gets the receipt time and its
// deadline and returns an error saying what is wrong, or nil.
func Invariant(name string, f func(received time.Time, d complaints.Deadline) error) Option {
	return optionFunc(func(c *config) { c.invariants = append(c.invariants, userInvariant{name, f}) })
}

// CheckPolicy proves in one line of a test that the policy p behaves, and fails t with every broken invariant and
// the receipt time that shows it:
//
//   - InvValid: p passes Validate and gives a deadline for every receipt drawn;
//   - InvAfter: the deadline is after the receipt;
//   - InvMonotone: a complaint received later is never due earlier;
//   - InvPause: a pause (of minutes to days, anywhere before the deadline) never makes the deadline earlier;
//   - InvWorkday: with a working-day unit or MoveToWorkday, the last day is a working day of the calendar;
//   - InvProvisional: with a *WorkCalendar, the deadline's Basis names the calendar and its version, lists only
//     provisional years of the calendar, and lists every provisional year the count asked the calendar about: the
//     years from day 1 to the last day of a working-day term, the last day's year with MoveToWorkday, the
//     registration's year with RegisterOnWorkday;
//   - InvJSON: p.MarshalJSON reads back with complaints.ParsePolicy to an Equal policy;
//   - the caller's own invariants (Invariant).
//
// Receipts are drawn by rapid (ReceivedAt, or Between), 100 cases unless -rapid.checks says otherwise, and a
// failure shrinks to an early, simple receipt. With a *testing.T, CheckPolicy runs as a subtest named by the
// policy's name. It calls t's methods only from the calling goroutine.
func CheckPolicy(t testing.TB, p complaints.Policy, opts ...Option) {
	t.Helper()
	c := &config{draws: 1, skip: map[string]bool{}}
	for _, o := range opts {
		if o != nil {
			o.apply(c)
		}
	}
	if tt, ok := t.(*testing.T); ok {
		tt.Run(p.Name, func(t *testing.T) { checkPolicy(t, p, c) })
		return
	}
	if t.Failed() {
		t.Errorf("complaintstest: CheckPolicy of %q not run: the test has already failed", p.Name)
		return
	}
	checkPolicy(t, p, c)
}

func checkPolicy(t testing.TB, p complaints.Policy, c *config) {
	t.Helper()
	fail := func(inv, format string, args ...any) {
		t.Helper()
		if !c.skip[inv] {
			t.Errorf("complaintstest: policy %q: %s: %s", p.Name, inv, fmt.Sprintf(format, args...))
		}
	}
	if err := p.Validate(); err != nil {
		fail(InvValid, "%v", err)
		return
	}
	if !c.skip[InvJSON] {
		if b, err := p.MarshalJSON(); err != nil {
			fail(InvJSON, "the policy has no JSON form: %v", err)
		} else if back, err := complaints.ParsePolicy(b); err != nil || !back.Equal(p) {
			fail(InvJSON, "the policy does not read back Equal from %s (error %v)", b, err)
		}
	}
	if t.Failed() {
		return
	}
	from, to := span(p)
	if !c.from.IsZero() {
		from, to = c.from, c.to
	}
	received := between(p, from, to)
	rapid.Check(t, func(rt *rapid.T) {
		for k := range c.draws {
			at := received.Draw(rt, fmt.Sprintf("received%d", k))
			if inv, msg := checkReceipt(rt, p, at, c); msg != "" {
				rt.Fatalf("complaintstest: policy %q: %s: received %s: %s", p.Name, inv, at.Format(time.RFC3339), msg)
			}
		}
	})
}

// checkReceipt proves the invariants for one receipt and returns the first broken one.
func checkReceipt(t *rapid.T, p complaints.Policy, at time.Time, c *config) (inv, msg string) {
	d, err := p.Deadline(at)
	if err != nil {
		return InvValid, fmt.Sprintf("no deadline: %v", err)
	}
	if !c.skip[InvAfter] && !d.At.After(at) {
		return InvAfter, fmt.Sprintf("due at %s, not after the receipt", d.At.Format(time.RFC3339))
	}
	if !c.skip[InvMonotone] {
		later := at.Add(time.Duration(rapid.IntRange(1, 10*24*60).Draw(t, "laterMinutes")) * time.Minute)
		if d2, err := p.Deadline(later); err == nil && d2.At.Before(d.At) {
			return InvMonotone, fmt.Sprintf("due at %s, but a complaint received later, at %s, is due earlier, at %s",
				d.At.Format(time.RFC3339), later.Format(time.RFC3339), d2.At.Format(time.RFC3339))
		}
	}
	if !c.skip[InvPause] {
		if msg := checkPause(t, p, at, d); msg != "" {
			return InvPause, msg
		}
	}
	wc, isWork := p.Calendar.(*complaints.WorkCalendar)
	if !c.skip[InvWorkday] && (p.Unit == complaints.WorkingDays || p.MoveToWorkday) {
		if noon := d.LastDay.At(12*time.Hour, p.Location); !p.Calendar.IsWorkday(noon) {
			return InvWorkday, fmt.Sprintf("the last day %s is not a working day of the calendar", d.LastDay)
		}
	}
	if !c.skip[InvProvisional] && isWork {
		_, prov := yearsOf(wc)
		for _, y := range d.Basis.Provisional {
			if !slices.Contains(prov, y) {
				return InvProvisional, fmt.Sprintf("the deadline says %d is provisional, the calendar's provisional years are %v", y, prov)
			}
		}
		// The days the count surely asked the calendar about: every day from day 1 to the last of a working-day
		// term, the last day when it may move to a working day, the day of registration when it may move.
		var asked []sq.Date
		if p.Unit == complaints.WorkingDays {
			for y := d.FirstDay.Year; y <= d.LastDay.Year; y++ {
				asked = append(asked, sq.NewDate(y, time.July, 1))
			}
		}
		if p.MoveToWorkday || p.Unit == complaints.WorkingDays {
			asked = append(asked, d.LastDay)
		}
		if p.RegisterOnWorkday {
			asked = append(asked, d.Registered)
		}
		for _, day := range asked {
			if y := day.Year; slices.Contains(prov, y) && !slices.Contains(d.Basis.Provisional, y) {
				return InvProvisional, fmt.Sprintf("the count asked the calendar about %d, a provisional year, but the deadline's basis (%s) does not say so (last day %s)", y, d.Basis, d.LastDay)
			}
		}
		if len(asked) > 0 && (d.Basis.Calendar != wc.Name() || d.Basis.Version != wc.Version()) {
			return InvProvisional, fmt.Sprintf("the deadline's basis (%s) does not name the calendar %s %s", d.Basis, wc.Name(), wc.Version())
		}
	}
	for _, u := range c.invariants {
		if err := u.f(at, d); err != nil {
			return u.name, fmt.Sprintf("%v (due at %s, last day %s)", err, d.At.Format(time.RFC3339), d.LastDay)
		}
	}
	return "", ""
}

// checkPause pauses a complaint received at at somewhere before its deadline d, resumes it later, and reports a
// deadline that moved earlier.
func checkPause(t *rapid.T, p complaints.Policy, at time.Time, d complaints.Deadline) string {
	term := d.At.Sub(at)
	start := at.Add(time.Duration(rapid.Int64Range(0, int64(term/time.Minute)).Draw(t, "pauseAfterMinutes")) * time.Minute)
	if !start.Before(d.At) {
		return ""
	}
	end := start.Add(time.Duration(rapid.IntRange(1, 7*24*60).Draw(t, "pauseMinutes")) * time.Minute)
	c, err := complaints.New(p, complaints.Info{ID: "complaintstest", ReceivedAt: at})
	if err == nil {
		c, err = c.Append(complaints.Event{Kind: complaints.Paused, At: start, Reason: "waiting for the client"})
	}
	if err == nil {
		c, err = c.Append(complaints.Event{Kind: complaints.Resumed, At: end})
	}
	if errors.Is(err, complaints.ErrCalendarRange) {
		return "" // the pause pushed the term past the calendar's data
	}
	if err != nil {
		return fmt.Sprintf("a pause from %s to %s is refused: %v", start.Format(time.RFC3339), end.Format(time.RFC3339), err)
	}
	paused, err := c.Deadline()
	if errors.Is(err, complaints.ErrCalendarRange) {
		return ""
	}
	if err != nil {
		return fmt.Sprintf("no deadline after a pause from %s to %s: %v", start.Format(time.RFC3339), end.Format(time.RFC3339), err)
	}
	if paused.At.Before(d.At) {
		return fmt.Sprintf("due at %s, but paused from %s to %s it is due earlier, at %s", d.At.Format(time.RFC3339),
			start.Format(time.RFC3339), end.Format(time.RFC3339), paused.At.Format(time.RFC3339))
	}
	return ""
}
