package complaints

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors. Every error returned by this package wraps one of them, so callers can test with errors.Is.
var (
	// ErrInvalidPolicy is wrapped by errors about a Policy that cannot be used: a length out of range, a missing
	// location, a working-day unit without a calendar, and so on.
	ErrInvalidPolicy = errors.New("invalid policy")
	// ErrInvalidCalendar is wrapped by errors about calendar data: a date outside its year, a working day listed
	// twice, a transferred working day that is already a working day, an empty week.
	ErrInvalidCalendar = errors.New("invalid calendar")
	// ErrCalendarRange is wrapped when a deadline needs a date that the calendar does not cover (a year for which it
	// holds no data). The package never guesses holidays for such a year.
	ErrCalendarRange = errors.New("date outside the calendar's years")
	// ErrProvisional is wrapped when a policy with OfficialDataOnly needs a day of a year for which its calendar
	// holds only provisional data.
	ErrProvisional = errors.New("provisional calendar data refused")
	// ErrInvalidComplaint is wrapped by errors about a complaint's own data: an empty ID, a zero receipt time, a text
	// field that is too long, an ID given twice to one report.
	ErrInvalidComplaint = errors.New("invalid complaint")
	// ErrInvalidHistory is wrapped by errors about an event that cannot follow the history recorded so far: an event
	// before receipt or before the previous event, a resume without a pause, a second resolution, an extension
	// beyond the policy's maximum. The failed call leaves the complaint as it was.
	ErrInvalidHistory = errors.New("impossible complaint history")
	// ErrBeforeReceipt is wrapped when a status or report is asked for at a time before the complaint was received.
	ErrBeforeReceipt = errors.New("time before receipt")
	// ErrStoredPolicy is wrapped when a stored complaint is read under a policy other than the one it was stored
	// with, or with its stored policy whose calendar data is no longer the version it was stored with.
	ErrStoredPolicy = errors.New("complaint stored under another policy or calendar data")
	// ErrInvalidJSON is wrapped by errors about JSON input: a syntax error, an unknown field, trailing data, an
	// input over the size limit.
	ErrInvalidJSON = errors.New("invalid JSON")
)

// EventError reports an event that was refused. It wraps ErrInvalidHistory (and, for extensions, a more specific
// cause). Use errors.As to read which event failed.
type EventError struct {
	// ID is the complaint's ID.
	ID string
	// Index is the position the event would have taken in the history (0 for the first event).
	Index int
	// Kind and At describe the refused event.
	Kind EventKind
	At   time.Time
	// Reason says what is allowed, in words.
	Reason string
	// Err is the cause when the event was refused because of another error, such as a deadline that cannot be
	// computed on the calendar data (ErrCalendarRange, ErrProvisional); nil otherwise.
	Err error
}

func (e *EventError) Error() string {
	if e == nil {
		return "complaints: <nil EventError>"
	}
	return fmt.Sprintf("complaints: complaint %q: event %d (%s at %s): %s", e.ID, e.Index, e.Kind,
		e.At.Format(time.RFC3339), e.Reason)
}

// Unwrap returns ErrInvalidHistory and the cause, if any.
func (e *EventError) Unwrap() []error {
	if e == nil {
		return nil
	}
	if e.Err != nil {
		return []error{ErrInvalidHistory, e.Err}
	}
	return []error{ErrInvalidHistory}
}
