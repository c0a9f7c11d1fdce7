package complaints

import (
	"fmt"
	"strings"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Change reports how a complaint's deadline moved when it was counted again on newer calendar data, for a
// compliance officer to be told rather than surprised: for example when the official calendar of a year replaced
// the provisional data a deadline was first counted on.
type Change struct {
	// ID is the complaint's ID.
	ID string
	// Before and After are the deadlines counted on the old and the new data; their Basis names each data.
	Before, After Deadline
	// Days lists, in order, the dates from day 1 of the term to the later last day whose status differs between
	// the two calendars: the reason the deadline moved. Empty when only the deadlines are known (CompareDeadline).
	Days []DayChange
}

// DayChange is one date that is a working day on one calendar and a day off on the other.
type DayChange struct {
	Date sq.Date
	// WasWorkday and IsWorkday are its status on the old and the new calendar.
	WasWorkday, IsWorkday bool
	// Why says where the new status comes from, e.g. `day off "New Year holidays" (official 2027 data)`.
	Why string
}

// Moved reports whether the last day or the instant the term ends changed.
func (c Change) Moved() bool {
	return c.Before.LastDay != c.After.LastDay || !c.Before.At.Equal(c.After.At)
}

// String describes the change in one line, e.g.
// `C-7: last day 2027-01-20 → 2027-01-22; calendar RU sha256:… (provisional 2027) → RU sha256:…; 2027-01-09: day off "…" (official 2027 data)`.
func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ", c.ID)
	if c.Moved() {
		fmt.Fprintf(&b, "last day %s → %s", c.Before.LastDay, c.After.LastDay)
	} else {
		fmt.Fprintf(&b, "last day %s unchanged", c.After.LastDay)
	}
	if !c.Before.Basis.equal(c.After.Basis) {
		fmt.Fprintf(&b, "; calendar %s → %s", c.Before.Basis, c.After.Basis)
	}
	for _, d := range c.Days {
		fmt.Fprintf(&b, "; %s: %s", d.Date, d.Why)
	}
	return b.String()
}

// maxChangeSpan bounds the dates Recompute compares, in days.
const maxChangeSpan = 50 * maxLength

// Recompute counts the complaint again with cal as its policy's calendar (the calendar data in force now, such as
// a built-in calendar after an Overlay) and returns the recounted complaint and how its deadline moved. The
// history is replayed under the new calendar exactly as Append checks it, so a history the new data makes
// impossible is refused. Errors are those of New and Append; c is unchanged.
func (c Complaint) Recompute(cal Calendar) (Complaint, Change, error) {
	if err := c.check(); err != nil {
		return Complaint{}, Change{}, err
	}
	before, err := c.Deadline()
	if err != nil {
		return Complaint{}, Change{}, err
	}
	p := c.policy
	p.Calendar = cal
	n, err := New(p, c.info)
	if err != nil {
		return Complaint{}, Change{}, err
	}
	for _, e := range c.events {
		if n, err = n.Append(e); err != nil {
			return Complaint{}, Change{}, err
		}
	}
	after, err := n.Deadline()
	if err != nil {
		return Complaint{}, Change{}, err
	}
	ch := Change{ID: c.info.ID, Before: before, After: after}
	old := c.policy.Calendar
	if old != nil && cal != nil {
		last := before.LastDay
		if after.LastDay.After(last) {
			last = after.LastDay
		}
		if before.FirstDay.DaysUntil(last) <= maxChangeSpan {
			for d := before.FirstDay; !d.After(last); d = d.AddDays(1) {
				t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, p.Location)
				if !covers(old, t) || !covers(cal, t) {
					continue
				}
				was, is := old.IsWorkday(t), cal.IsWorkday(t)
				if was != is {
					ch.Days = append(ch.Days, DayChange{Date: d, WasWorkday: was, IsWorkday: is, Why: describeDay(cal,
						d, is)})
				}
			}
		}
	}
	return n, ch, nil
}

// CompareDeadline compares a deadline stored earlier (read back with its JSON) with the one the complaint has now,
// counted on the calendar data in force. It is the way to find the complaints whose deadline moved after a
// service loaded newer calendar data: Days is empty (the old calendar is no longer at hand), and the bases of
// Before and After say which data each was counted on.
func CompareDeadline(stored Deadline, c Complaint) (Change, error) {
	now, err := c.Deadline()
	if err != nil {
		return Change{}, err
	}
	return Change{ID: c.info.ID, Before: stored, After: now}, nil
}

func covers(c Calendar, t time.Time) bool {
	cv, ok := c.(coverer)
	return !ok || cv.Covers(t)
}

// describeDay says what d is on calendar c, for a DayChange.
func describeDay(c Calendar, d sq.Date, workday bool) string {
	what := "day off"
	if workday {
		what = "working day"
	}
	wc, ok := c.(*WorkCalendar)
	if !ok || wc == nil {
		return what
	}
	name := ""
	for _, y := range wc.data.Years {
		if y.Year != d.Year {
			continue
		}
		for _, list := range [][]Day{y.Holidays, y.Workdays} {
			for _, day := range list {
				if day.Date == d && name == "" {
					name = day.Name
				}
			}
		}
		status := "official"
		if y.Provisional {
			status = "provisional"
		}
		if name != "" {
			return fmt.Sprintf("%s %q (%s %d data)", what, name, status, d.Year)
		}
		return fmt.Sprintf("%s (%s %d data)", what, status, d.Year)
	}
	return what
}
