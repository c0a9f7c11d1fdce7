package complaints

import (
	"fmt"
	"slices"
	"time"
)

// EventKind is the kind of an event in a complaint's history. The zero value is not a valid kind.
type EventKind uint8

const (
	// Acknowledged: receipt was acknowledged to the client. At most once, before resolution.
	Acknowledged EventKind = iota + 1
	// Paused: the clock stops, waiting on the client. Not while already paused, not after resolution.
	Paused
	// Resumed: the clock runs again. Only while paused.
	Resumed
	// Extended: the term is extended by Length units of the policy, with a Reason and the NoticeAt time the
	// client was told. Only before the deadline in force and within the policy's Extension.
	Extended
	// Resolved: the final reply was given. Once. It ends a pause.
	Resolved
	// Closed: the case is closed. Only after resolution; nothing follows it.
	Closed
	// Responded: a reply reached the client (an answer, a question, not only a notice of receipt). Any number of
	// times before resolution; the first one is the complaint's first response (SPEC R15: response time).
	Responded
)

// lastKind is the largest valid EventKind.
const lastKind = Responded

var kindNames = [...]string{Acknowledged: "acknowledged", Paused: "paused", Resumed: "resumed", Extended: "extended",
	Resolved: "resolved", Closed: "closed", Responded: "responded"}

// String returns the kind's name, e.g. "paused".
func (k EventKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// Event is one entry of a complaint's history. The zero Event is invalid (no kind, no time).
type Event struct {
	Kind EventKind
	// At is when it happened.
	At time.Time
	// Reason is free text: why the complaint was paused or extended, the note of a resolution.
	Reason string
	// Length is the extra length of an extension, in the policy's unit; zero for other kinds.
	Length int
	// NoticeAt is when the client was told of an extension; zero for other kinds.
	NoticeAt time.Time
}

// Equal reports whether e and f are the same event (instants compared with time.Time.Equal).
func (e Event) Equal(f Event) bool {
	return e.Kind == f.Kind && e.At.Equal(f.At) && e.Reason == f.Reason && e.Length == f.Length &&
		e.NoticeAt.Equal(f.NoticeAt)
}

// Info describes a complaint when it is received.
type Info struct {
	// ID identifies the complaint; required, at most 200 bytes.
	ID string
	// Channel is how it arrived: free text. The channels of SPEC R17 are "executive-phone" (the executive
	// director's mobile phone), "credit-administration", "office-manager", "email" and "suggestion-book"
	// (logbooks and suggestion books in the office).
	Channel string
	// Category is what it is about: free text. The areas of the service-mistake catalogue (SPEC R23) are
	// "interaction" (greeting, conduct, tone, empathy), "qualification" (product knowledge, correct information,
	// rules, documents) and "appearance" (appearance, identification, equipment, workplace, confidentiality).
	Category string
	// Employee is the employee or unit concerned.
	Employee string
	// ReceivedAt is when it was received; required.
	ReceivedAt time.Time
}

// Limits on complaint data.
const (
	maxText   = 1000
	maxIDText = 200
	// maxEvents is the largest number of events one complaint may hold.
	maxEvents = 1000
)

// Complaint is a complaint received under a policy, with its history of events. It is an immutable value: the
// methods that record an event return a new Complaint and leave the receiver as it was, whether they succeed or
// fail. A Complaint is safe to share between goroutines when its policy's Calendar is.
//
// The zero Complaint has no ID and no policy; its methods return errors wrapping ErrInvalidComplaint. Build a
// complaint with New or ParseComplaint.
type Complaint struct {
	info   Info
	policy Policy
	start  termStart
	events []Event
}

// New checks the policy and the complaint's data and returns a complaint with an empty history.
// Errors wrap ErrInvalidPolicy, ErrInvalidComplaint or ErrCalendarRange.
func New(p Policy, info Info) (Complaint, error) {
	if err := p.Validate(); err != nil {
		return Complaint{}, err
	}
	fail := func(format string, args ...any) (Complaint, error) {
		return Complaint{}, errf(ErrInvalidComplaint, "complaint %q: %s", clip(info.ID), fmt.Sprintf(format, args...))
	}
	switch {
	case info.ID == "":
		return fail("the ID is empty")
	case len(info.ID) > maxIDText:
		return fail("ID of %d bytes, at most %d allowed", len(info.ID), maxIDText)
	case len(info.Channel) > maxIDText || len(info.Category) > maxIDText || len(info.Employee) > maxIDText:
		return fail("channel, category and employee must each be at most %d bytes", maxIDText)
	case info.ReceivedAt.IsZero():
		return fail("the receipt time is zero")
	case info.ReceivedAt.Year() < minYear || info.ReceivedAt.Year() > 9999:
		return fail("the receipt time %s is outside the years %d–9999", info.ReceivedAt.Format(time.RFC3339), minYear)
	}
	info.ReceivedAt = info.ReceivedAt.Round(0)
	s, err := newCounter(p).start(info.ReceivedAt)
	if err != nil {
		return Complaint{}, err
	}
	c := Complaint{info: info, policy: p, start: s}
	// A complaint whose deadline and milestones cannot be counted on the calendar's data is refused now, not
	// at its first Status.
	if _, err := c.Status(s.received); err != nil {
		return Complaint{}, fmt.Errorf("complaints: complaint %q cannot be registered: %w", clip(info.ID), err)
	}
	return c, nil
}

// Info returns the complaint's data.
func (c Complaint) Info() Info { return c.info }

// Policy returns the policy the complaint is handled under.
func (c Complaint) Policy() Policy { return c.policy }

// Events returns a copy of the history, oldest first.
func (c Complaint) Events() []Event { return slices.Clone(c.events) }

// Deadline returns the deadline as the whole recorded history leaves it (pauses still open are counted up to
// their start). Use Status for the deadline at a given time.
func (c Complaint) Deadline() (Deadline, error) {
	if err := c.check(); err != nil {
		return Deadline{}, err
	}
	h, err := c.replay(time.Time{}, false)
	if err != nil {
		return Deadline{}, err
	}
	return h.due(time.Time{})
}

// Equal reports whether c and o have the same data, policy and history.
func (c Complaint) Equal(o Complaint) bool {
	return c.info.ID == o.info.ID && c.info.Channel == o.info.Channel && c.info.Category == o.info.Category &&
		c.info.Employee == o.info.Employee && c.info.ReceivedAt.Equal(o.info.ReceivedAt) && c.policy.Equal(o.policy) &&
		slices.EqualFunc(c.events, o.events, Event.Equal)
}

func (c Complaint) check() error {
	if c.info.ID == "" {
		return errf(ErrInvalidComplaint, "zero Complaint; build one with New")
	}
	return nil
}

// Append records e at the end of the history and returns the new complaint. The event must be possible after
// the history so far (see the EventKind constants); otherwise the error is an *sq.Error wrapping
// ErrInvalidHistory and c is unchanged.
func (c Complaint) Append(e Event) (Complaint, error) {
	if err := c.check(); err != nil {
		return Complaint{}, err
	}
	if len(c.events) >= maxEvents {
		return Complaint{}, c.refuse(e, fmt.Sprintf("the history already holds %d events, the most allowed", maxEvents))
	}
	h, err := c.replay(time.Time{}, false)
	if err != nil {
		return Complaint{}, err
	}
	e.At, e.NoticeAt = e.At.Round(0), e.NoticeAt.Round(0)
	if err := h.applyChecked(e); err != nil {
		return Complaint{}, err
	}
	n := c
	n.events = append(slices.Clip(c.events), e)
	return n, nil
}

func (c Complaint) refuse(e Event, reason string) error {
	return eventError(len(c.events), e, reason, nil)
}
