package complaints

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Sentinel errors. Every error this package returns for bad input is an *sq.Error wrapping one of them, or
// sq.ErrMalformed (JSON that cannot be read) or sq.ErrLimit (over a documented limit); each of these sentinels
// matches sq.ErrInvalid with errors.Is.
var (
	// ErrInvalidPolicy is wrapped by errors about a Policy that cannot be used: a length out of range, a missing
	// location, a working-day unit without a calendar, and so on.
	ErrInvalidPolicy = sq.Sentinel("invalid policy", sq.ErrInvalid)
	// ErrInvalidCalendar is wrapped by errors about calendar data: a date outside its year, a working day listed
	// twice, a transferred working day that is already a working day, an empty week.
	ErrInvalidCalendar = sq.Sentinel("invalid calendar", sq.ErrInvalid)
	// ErrCalendarRange is wrapped when a deadline needs a date that the calendar does not cover (a year for which it
	// holds no data). The package never guesses holidays for such a year.
	ErrCalendarRange = sq.Sentinel("date outside the calendar's years", sq.ErrInvalid)
	// ErrProvisional is wrapped when a policy with OfficialDataOnly needs a day of a year for which its calendar
	// holds only provisional data.
	ErrProvisional = sq.Sentinel("provisional calendar data refused", sq.ErrInvalid)
	// ErrInvalidComplaint is wrapped by errors about a complaint's own data: an empty ID, a zero receipt time, a text
	// field that is too long, an ID given twice to one report.
	ErrInvalidComplaint = sq.Sentinel("invalid complaint", sq.ErrInvalid)
	// ErrInvalidHistory is wrapped by errors about an event that cannot follow the history recorded so far: an event
	// before receipt or before the previous event, a resume without a pause, a second resolution, an extension
	// beyond the policy's maximum. The failed call leaves the complaint as it was. The *sq.Error names the event
	// by its place in the history ("events[3]", counted from 1) and says what it was ("paused at 2026-03-05T...").
	ErrInvalidHistory = sq.Sentinel("impossible complaint history", sq.ErrInvalid)
	// ErrBeforeReceipt is wrapped when a status or report is asked for at a time before the complaint was received.
	ErrBeforeReceipt = sq.Sentinel("time before receipt", sq.ErrInvalid)
	// ErrStoredPolicy is wrapped when a stored complaint is read under a policy other than the one it was stored
	// with, or with its stored policy whose calendar data is no longer the version it was stored with.
	ErrStoredPolicy = sq.Sentinel("complaint stored under another policy or calendar data", sq.ErrInvalid)
)

// errf returns an *sq.Error of this package whose rule is the formatted text.
func errf(kind error, format string, args ...any) error {
	return &sq.Error{Pkg: "complaints", Rule: fmt.Sprintf(format, args...), Err: kind}
}

// eventError returns the error for event e refused at index i of the history (counted from 0) for reason, with
// the error that caused it, if any.
func eventError(i int, e Event, reason string, cause error) error {
	var kind error = ErrInvalidHistory
	if cause != nil {
		kind = historyCause{cause}
	}
	return &sq.Error{Pkg: "complaints", Path: sq.Index("events", i),
		Value: fmt.Sprintf("%s at %s", e.Kind, e.At.Format(time.RFC3339)), Rule: reason, Err: kind}
}

// historyCause is ErrInvalidHistory caused by another error (a deadline that cannot be counted on the calendar
// data): errors.Is matches both.
type historyCause struct{ cause error }

func (h historyCause) Error() string   { return ErrInvalidHistory.Error() }
func (h historyCause) Unwrap() []error { return []error{ErrInvalidHistory, h.cause} }
