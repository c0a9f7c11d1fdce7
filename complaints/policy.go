package complaints

import (
	"fmt"
	"reflect"
	"time"
)

// Unit is the unit a term is counted in. The zero value is CalendarDays.
type Unit uint8

const (
	// CalendarDays counts every day.
	CalendarDays Unit = iota
	// WorkingDays counts the working days of the policy's Calendar.
	WorkingDays
	// Weeks counts weeks: a term of n weeks ends on the same weekday as its start day, n weeks later (EU Regulation
	// 1182/71 art. 3(2)(c); Civil Code of the Russian Federation art. 192(2)).
	Weeks
)

var unitNames = [...]string{CalendarDays: "calendar-days", WorkingDays: "working-days", Weeks: "weeks"}

// String returns "calendar-days", "working-days" or "weeks".
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return fmt.Sprintf("Unit(%d)", uint8(u))
}

func (u Unit) valid() bool { return int(u) < len(unitNames) }

// start says which day is day 1 of a term, as a policy's JSON writes it ("start": "next-day" or "same-day").
type start uint8

const (
	nextDay start = iota
	sameDay
)

var startNames = [...]string{nextDay: "next-day", sameDay: "same-day"}

func startOf(same bool) start {
	if same {
		return sameDay
	}
	return nextDay
}

// Extension says whether and how far a complaint's term may be extended. The zero value allows no extension.
type Extension struct {
	// Max is the largest extra length, in the policy's unit, that all extensions of one complaint may add up to.
	// Zero allows none.
	Max int
	// ReasonRequired refuses an extension recorded without a reason.
	ReasonRequired bool
	// NoticeRequired refuses an extension recorded without the time the client was told of it, and a notice given
	// at or after the deadline that was in force before the extension: the client must learn of the extension
	// while the original term still runs.
	NoticeRequired bool
}

// Milestone is an intermediate deadline counted like the main term, from the same day 1 and on the same calendar:
// an acknowledgement of receipt, a holding reply. The zero value is no milestone.
type Milestone struct {
	// Length is the number of units; zero means no milestone.
	Length int
	// Unit is the unit of Length; it may differ from the policy's.
	Unit Unit
}

// Limits on a policy's numbers.
const (
	// maxLength is the longest term, extension, milestone or due-soon threshold, in any unit.
	maxLength = 1000
	// maxGap is the longest run of consecutive days off a calendar may have inside a working-day count.
	maxGap = 120
)

// Policy states how the term of a complaint is counted: its length and unit, the day it starts, the instant it
// ends, what happens on days off, how far it can be extended, and the intermediate milestones. It is plain data:
// write it as a struct literal or take a preset (DefaultPolicy, KazakhstanMicrofinance, PSD2, ...) and change fields.
// Every method checks the policy first (see Validate), so an invalid policy never yields a deadline.
//
// The zero Policy is invalid: it has no Length and no Location. Policy values are safe to copy and to share
// between goroutines when the Calendar is.
type Policy struct {
	// Name labels the policy in reports and errors.
	Name string
	// Length is the number of units of the term, 1 to 1000. The default policy (SPEC R16) has 15.
	Length int
	// Unit is the unit of Length.
	Unit Unit
	// Location is the time zone in which days are counted and the deadline falls. Required: there is no implicit
	// time zone, and time.Local is refused.
	Location *time.Location
	// Calendar tells working days. Required for WorkingDays, for MoveToWorkday, for RegisterOnWorkday and for
	// any milestone in working days.
	Calendar Calendar
	// SameDay makes the day of registration day 1. By default (false) it is not counted and day 1 is the day
	// after it: how the civil codes of Kazakhstan and Russia (Civil Code of the Russian Federation art. 191) and
	// EU Regulation 1182/71 (art. 3(1)) count a period that starts with an event.
	SameDay bool
	// RegisterOnWorkday registers a complaint received on a day off on the next working day: the term then counts
	// from that day.
	RegisterOnWorkday bool
	// ReceiptCutoff, when not zero, is a wall-clock time of day (a duration since midnight, e.g. 18*time.Hour):
	// a complaint received at or after it counts as received the next day ("after close of business").
	ReceiptCutoff time.Duration
	// DueBy, when not zero, is the wall-clock time of day on the last day at which the term ends (e.g. 18*time.Hour
	// for a cut-off at 18:00). Zero means the end of the last day, that is the first instant of the next day.
	// With SameDay, DueBy needs a ReceiptCutoff no later than it, so that no term ends before receipt.
	DueBy time.Duration
	// MoveToWorkday moves a last day that is not a working day to the next working day (Civil Code of the Russian
	// Federation art. 193; EU Regulation 1182/71 art. 3(4)). A working-day term always ends on a working day.
	MoveToWorkday bool
	// Extension says how far the term may be extended.
	Extension Extension
	// Acknowledge is the term for acknowledging receipt; it is not moved by pauses.
	Acknowledge Milestone
	// HoldingReply is the term within which the client must have had a final reply or notice of an extension (a
	// holding reply). Pauses move it as they move the main term.
	HoldingReply Milestone
	// OfficialDataOnly refuses (ErrProvisional) a deadline that needs a day of a year for which the calendar holds
	// only provisional data. By default such a deadline is computed and its Basis lists the provisional years.
	OfficialDataOnly bool
	// DueSoon marks an open complaint as due soon when at most this many units of the policy's unit remain
	// (Status.RemainingUnits). Zero turns the mark off.
	DueSoon int
}

// DefaultPolicy returns the policy of the source document (SPEC R16): a complaint is resolved within 15 calendar days,
// counted from the day after receipt, the term ending at the end of the 15th day in loc. Nothing moves on days
// off, and there is no extension. Received 2026-03-02 10:00 in Asia/Almaty, a complaint is due by the end of
// 2026-03-17 there.
func DefaultPolicy(loc *time.Location) Policy {
	return Policy{Name: "default: 15 calendar days", Length: 15, Unit: CalendarDays, Location: loc}
}

// Validate reports the first problem that makes p unusable, as an error wrapping ErrInvalidPolicy that names the
// field, its value and what is allowed.
func (p Policy) Validate() error {
	fail := func(format string, args ...any) error {
		return errf(ErrInvalidPolicy, "policy %q: %s", clip(p.Name), fmt.Sprintf(format, args...))
	}
	switch {
	case len(p.Name) > 200:
		return fail("name of %d bytes, at most 200 allowed", len(p.Name))
	case p.Length < 1 || p.Length > maxLength:
		return fail("length %d is outside 1–%d", p.Length, maxLength)
	case !p.Unit.valid():
		return fail("unit %d is not calendar-days, working-days or weeks", uint8(p.Unit))
	case p.Location == nil:
		return fail("location is not set; name the time zone, e.g. time.LoadLocation(\"Asia/Almaty\")")
	case p.Location == time.Local:
		return fail("location is time.Local, which depends on the machine; name the time zone")
	case p.ReceiptCutoff < 0 || p.ReceiptCutoff >= 24*time.Hour:
		return fail("receipt cut-off %v is outside 00:00–23:59", p.ReceiptCutoff)
	case p.DueBy < 0 || p.DueBy >= 24*time.Hour:
		return fail("due-by time %v is outside 00:00–23:59 (zero means the end of the day)", p.DueBy)
	case p.SameDay && p.DueBy > 0 && (p.ReceiptCutoff == 0 || p.ReceiptCutoff > p.DueBy):
		return fail("a same-day start with due-by time %s needs a receipt cut-off no later than it (now %s); otherwise a "+
			"complaint received after %s could be due before it was received", formatClock(p.DueBy),
			formatClock(p.ReceiptCutoff), formatClock(p.DueBy))
	case p.Extension.Max < 0 || p.Extension.Max > maxLength:
		return fail("extension maximum %d is outside 0–%d", p.Extension.Max, maxLength)
	case p.DueSoon < 0 || p.DueSoon > maxLength:
		return fail("due-soon threshold %d is outside 0–%d", p.DueSoon, maxLength)
	}
	for _, m := range []struct {
		name string
		m    Milestone
	}{{"acknowledgement", p.Acknowledge}, {"holding reply", p.HoldingReply}} {
		if m.m.Length < 0 || m.m.Length > maxLength {
			return fail("%s milestone length %d is outside 0–%d", m.name, m.m.Length, maxLength)
		}
		if !m.m.Unit.valid() {
			return fail("%s milestone unit %d is not calendar-days, working-days or weeks", m.name, uint8(m.m.Unit))
		}
		if m.m.Length > 0 && m.m.Unit == WorkingDays && p.Calendar == nil {
			return fail("%s milestone counts working days but the policy has no calendar", m.name)
		}
	}
	if p.Calendar == nil {
		switch {
		case p.Unit == WorkingDays:
			return fail("unit working-days needs a calendar")
		case p.MoveToWorkday:
			return fail("moving the last day to a working day needs a calendar")
		case p.RegisterOnWorkday:
			return fail("registering on the next working day needs a calendar")
		}
	}
	return nil
}

// Equal reports whether p and q state the same policy: the same numbers and settings, locations of the same name,
// and the same calendar (the same *WorkCalendar data, or the same comparable Calendar value).
func (p Policy) Equal(q Policy) bool {
	locName := func(l *time.Location) string {
		if l == nil {
			return ""
		}
		return l.String()
	}
	a, b := p, q
	a.Location, b.Location, a.Calendar, b.Calendar = nil, nil, nil, nil
	return a == b && (p.Location == nil) == (q.Location == nil) && locName(p.Location) == locName(q.Location) &&
		sameCalendar(p.Calendar, q.Calendar)
}

func sameCalendar(a, b Calendar) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	wa, okA := a.(*WorkCalendar)
	wb, okB := b.(*WorkCalendar)
	if okA && okB {
		return wa == wb || wa.Equal(wb)
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}
