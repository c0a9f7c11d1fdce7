package complaints

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Deadline is the end of a complaint's term under a policy.
//
// A reply at any instant before At is on time; at At or later it is late. For a policy without DueBy, At is the
// first instant of the day after LastDay in the policy's location ("the end of LastDay"), so printing At shows the
// next day at 00:00; print LastDay to show people the last day.
type Deadline struct {
	// Received is the receipt time, in the policy's location.
	Received time.Time
	// Registered is the day the complaint counts as received: the receipt date, moved by ReceiptCutoff and
	// RegisterOnWorkday.
	Registered sq.Date
	// FirstDay is day 1 of the term: Registered under SameDay, the day after otherwise.
	FirstDay sq.Date
	// LastDay is the last day of the term, after extensions, pauses and MoveToWorkday.
	LastDay sq.Date
	// At is the instant the term ends.
	At time.Time
	// Basis names the calendar data the deadline was counted on, and whether any of it was provisional.
	Basis Basis
}

// Equal reports whether d and e describe the same deadline (the same instants, dates and basis).
func (d Deadline) Equal(e Deadline) bool {
	return d.Received.Equal(e.Received) && d.Registered == e.Registered && d.FirstDay == e.FirstDay &&
		d.LastDay == e.LastDay && d.At.Equal(e.At) && d.Basis.equal(e.Basis)
}

// Basis says which calendar data a deadline or a status was counted on. The zero Basis is a count that asked no
// calendar.
type Basis struct {
	// Calendar and Version name the policy's calendar and its data (WorkCalendar.Name and WorkCalendar.Version);
	// empty when the policy has no calendar or the calendar does not say.
	Calendar string
	Version  string
	// Provisional lists, in order, the years of provisional data among the days the count asked the calendar
	// about; empty when every such day came from official data. A deadline with provisional years may move when
	// the official calendar is published: see Complaint.Recompute.
	Provisional []int
}

// IsProvisional reports whether any day counted came from a provisional year.
func (b Basis) IsProvisional() bool { return len(b.Provisional) > 0 }

// equal reports whether b and o are the same basis.
func (b Basis) equal(o Basis) bool {
	return b.Calendar == o.Calendar && b.Version == o.Version && slices.Equal(b.Provisional, o.Provisional)
}

// String describes the basis for people, e.g. `KZ sha256:0123456789abcdef (provisional 2027)`.
func (b Basis) String() string {
	if b.Calendar == "" && b.Version == "" {
		return "no calendar"
	}
	s := strings.TrimSpace(b.Calendar + " " + b.Version)
	if b.IsProvisional() {
		ys := make([]string, len(b.Provisional))
		for i, y := range b.Provisional {
			ys[i] = strconv.Itoa(y)
		}
		s += " (provisional " + strings.Join(ys, ", ") + ")"
	}
	return s
}

// Deadline returns the deadline of a complaint received at receivedAt, with no pause and no extension.
// receivedAt may be in any location: it is converted to p.Location first. Errors wrap ErrInvalidPolicy (see
// Validate), ErrInvalidComplaint (a zero receivedAt) or ErrCalendarRange.
func (p Policy) Deadline(receivedAt time.Time) (Deadline, error) {
	if err := p.Validate(); err != nil {
		return Deadline{}, err
	}
	if receivedAt.IsZero() {
		return Deadline{}, errf(ErrInvalidComplaint, "receipt time is zero")
	}
	c := newCounter(p)
	start, err := c.start(receivedAt)
	if err != nil {
		return Deadline{}, err
	}
	return c.deadline(start, 0, 0)
}

// maxCountSpan is the longest span, in days, over which working days are counted for a status (about 100 years).
const maxCountSpan = 36600

// counter does the day arithmetic of one validated policy.
type counter struct {
	p    Policy
	cov  coverer
	prov provisionaler
	// seen collects the provisional years asked about, shared by the copies of one counter.
	seen *[]int
}

func newCounter(p Policy) counter {
	c := counter{p: p, seen: new([]int)}
	if cv, ok := p.Calendar.(coverer); ok {
		c.cov = cv
	}
	if pv, ok := p.Calendar.(provisionaler); ok {
		c.prov = pv
	}
	return c
}

// basis returns the basis of the counts made so far.
func (c counter) basis() Basis {
	var b Basis
	if c.p.Calendar != nil {
		if n, ok := c.p.Calendar.(namer); ok {
			b.Calendar = n.Name()
		}
		if v, ok := c.p.Calendar.(versioner); ok {
			b.Version = v.Version()
		}
	}
	if len(*c.seen) > 0 {
		b.Provisional = slices.Clone(*c.seen)
		slices.Sort(b.Provisional)
	}
	return b
}

// termStart is where a complaint's counting begins.
type termStart struct {
	received   time.Time
	registered sq.Date
	first      sq.Date
}

// isWorkday asks the calendar about d, at 12:00 of d in the policy's location.
func (c counter) isWorkday(d sq.Date) (bool, error) {
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, c.p.Location)
	if c.cov != nil && !c.cov.Covers(t) {
		return false, errf(ErrCalendarRange, "policy %q: %s: the calendar %s has no data for %d; load the year with"+
			" WorkCalendar.Overlay (read a year file with ParseYear) or use a calendar that covers it", c.p.Name, d,
			c.basis().Calendar, d.Year)
	}
	if c.prov != nil && c.prov.IsProvisional(t) {
		if c.p.OfficialDataOnly {
			return false, errf(ErrProvisional, "policy %q: %s: the calendar %s has only provisional data for %d and"+
				" the policy counts on official data only; load the official year with WorkCalendar.Overlay",
				c.p.Name, d, c.basis().Calendar, d.Year)
		}
		if !slices.Contains(*c.seen, d.Year) {
			*c.seen = append(*c.seen, d.Year)
		}
	}
	return c.p.Calendar.IsWorkday(t), nil
}

// nextWorkday returns the first working day on or after d.
func (c counter) nextWorkday(d sq.Date) (sq.Date, error) {
	for i := 0; i <= maxGap; i++ {
		ok, err := c.isWorkday(d)
		if err != nil || ok {
			return d, err
		}
		d = d.AddDays(1)
	}
	return sq.Date{}, errf(ErrInvalidCalendar, "policy %q: the calendar has no working day in the %d days up to %s",
		clip(c.p.Name), maxGap+1, d)
}

// addWorkdays returns the n-th working day after d (n ≥ 0; d itself when n is 0).
func (c counter) addWorkdays(d sq.Date, n int) (sq.Date, error) {
	for ; n > 0; n-- {
		next, err := c.nextWorkday(d.AddDays(1))
		if err != nil {
			return sq.Date{}, err
		}
		d = next
	}
	return d, nil
}

// start finds the registration day and day 1 of a complaint received at t.
func (c counter) start(t time.Time) (termStart, error) {
	t = t.In(c.p.Location)
	reg := sq.DateOf(t, nil)
	if c.p.ReceiptCutoff > 0 && !t.Before(reg.At(c.p.ReceiptCutoff, c.p.Location)) {
		reg = reg.AddDays(1)
	}
	if c.p.RegisterOnWorkday {
		var err error
		if reg, err = c.nextWorkday(reg); err != nil {
			return termStart{}, err
		}
	}
	first := reg
	if !c.p.SameDay {
		first = reg.AddDays(1)
	}
	return termStart{received: t, registered: reg, first: first}, nil
}

// lastDay returns the n-th day of a term in unit u that has first as day 1 (n ≥ 1), before any move.
func (c counter) lastDay(first sq.Date, n int, u Unit) (sq.Date, error) {
	switch u {
	case WorkingDays:
		d, err := c.nextWorkday(first)
		if err != nil {
			return sq.Date{}, err
		}
		return c.addWorkdays(d, n-1)
	case Weeks:
		return first.AddDays(7*n - 1), nil
	default:
		return first.AddDays(n - 1), nil
	}
}

// push moves a last day by n pause units: working days for a working-day policy, calendar days otherwise.
func (c counter) push(d sq.Date, n int) (sq.Date, error) {
	if c.p.Unit == WorkingDays {
		return c.addWorkdays(d, n)
	}
	return d.AddDays(n), nil
}

// end applies MoveToWorkday and DueBy to a last day.
func (c counter) end(d sq.Date) (sq.Date, time.Time, error) {
	if c.p.MoveToWorkday {
		var err error
		if d, err = c.nextWorkday(d); err != nil {
			return sq.Date{}, time.Time{}, err
		}
	}
	if c.p.DueBy > 0 {
		return d, d.At(c.p.DueBy, c.p.Location), nil
	}
	return d, d.AddDays(1).Start(c.p.Location), nil
}

// deadline computes the main deadline with ext units of extension and paused pause units.
func (c counter) deadline(s termStart, ext, paused int) (Deadline, error) {
	raw, err := c.lastDay(s.first, c.p.Length+ext, c.p.Unit)
	if err != nil {
		return Deadline{}, err
	}
	if raw, err = c.push(raw, paused); err != nil {
		return Deadline{}, err
	}
	return c.finish(s, raw)
}

// finish ends a term whose last day, after extensions and pauses, is raw.
func (c counter) finish(s termStart, raw sq.Date) (Deadline, error) {
	last, at, err := c.end(raw)
	if err != nil {
		return Deadline{}, err
	}
	if y := at.Year(); y < 1 || y > 9999 {
		return Deadline{}, errf(ErrCalendarRange, "policy %q: the term would end in the year %d, outside 1–9999",
			clip(c.p.Name), y)
	}
	return Deadline{Received: s.received, Registered: s.registered, FirstDay: s.first, LastDay: last, At: at,
		Basis: c.basis()}, nil
}

// milestone computes a milestone's last day and end, moved by paused pause units.
func (c counter) milestone(s termStart, m Milestone, paused int) (sq.Date, time.Time, error) {
	raw, err := c.lastDay(s.first, m.Length, m.Unit)
	if err != nil {
		return sq.Date{}, time.Time{}, err
	}
	if raw, err = c.push(raw, paused); err != nil {
		return sq.Date{}, time.Time{}, err
	}
	return c.end(raw)
}

// countsAsPauseUnit reports whether day d counts when a pause touches it.
func (c counter) countsAsPauseUnit(d sq.Date) (bool, error) {
	if c.p.Unit != WorkingDays {
		return true, nil
	}
	return c.isWorkday(d)
}

// unitsBetween counts the units after from up to and including to (from < to): calendar days for calendar-day
// and week policies, working days for working-day policies. It is negative when to is before from.
func (c counter) unitsBetween(from, to sq.Date) (int, error) {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	if c.p.Unit != WorkingDays {
		return sign * from.DaysUntil(to), nil
	}
	if span := from.DaysUntil(to); span > maxCountSpan {
		return 0, errf(sq.ErrLimit, "policy %q: %d days from %s to %s, at most %d counted in working days",
			clip(c.p.Name), span, from, to, maxCountSpan)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		ok, err := c.isWorkday(d)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return sign * n, nil
}
