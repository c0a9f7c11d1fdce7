package complaints

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// State is where a complaint is in its lifecycle. The zero value is StateOpen.
type State uint8

const (
	// StateOpen: received, not resolved, the clock running.
	StateOpen State = iota
	// StatePaused: received, not resolved, the clock paused (waiting on the client).
	StatePaused
	// StateResolved: resolved, not closed.
	StateResolved
	// StateClosed: resolved and closed.
	StateClosed
)

var stateNames = [...]string{StateOpen: "open", StatePaused: "paused", StateResolved: "resolved", StateClosed: "closed"}

// String returns "open", "paused", "resolved" or "closed".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// MilestoneStatus is the state of an acknowledgement or holding-reply milestone. The zero value is a policy
// without that milestone.
type MilestoneStatus struct {
	// Set reports whether the policy has the milestone.
	Set bool
	// LastDay and Due are its last day and end, as for Deadline.
	LastDay sq.Date
	Due     time.Time
	// Met reports whether it was met by the status time, and MetAt when.
	Met   bool
	MetAt time.Time
	// Missed reports that the status time is at or after Due and it was not met before Due.
	Missed bool
}

// Status is the state of a complaint's term at a given time.
type Status struct {
	// Info is the complaint's data.
	Info Info
	// At is the time the status describes.
	At time.Time
	// State is the lifecycle state at At.
	State State
	// Due is the deadline in force at At: after the extensions recorded by At and the pauses up to At (an open
	// pause counts up to At, so Due moves on while the complaint stays paused). For a resolved complaint, the
	// deadline in force at resolution.
	Due Deadline
	// Remaining is Due.At minus At (minus the resolution time for a resolved complaint); negative when late.
	Remaining time.Duration
	// RemainingUnits is the number of whole units from the day of At (or of the resolution) to the last day:
	// calendar days (for calendar-day and week policies) or working days, after that day up to and including
	// LastDay. It is 0 on the last day itself and negative when the last day is past: -2 means two units late.
	//
	// Days late are counted the same way: for a working-day policy, the working days after LastDay up to and
	// including the day of At, so an overdue complaint needs calendar data only up to the day of At; for other
	// policies, calendar days.
	RemainingUnits int
	// DueSoon reports an unresolved complaint, not breached, with at most Policy.DueSoon remaining units.
	DueSoon bool
	// Breached reports that the term ended before resolution: At (or the resolution) is at or after Due.At.
	Breached bool
	// BreachedSince is Due.At when Breached, zero otherwise.
	BreachedSince time.Time
	// Paused is the total time the clock stood still up to At; PausedUnits is how many units the pauses moved
	// the deadline by.
	Paused      time.Duration
	PausedUnits int
	// PausedSince is when the current pause began, for a complaint paused at At; zero otherwise.
	PausedSince time.Time
	// Extended is the total extension granted, in the policy's unit.
	Extended int
	// ResolvedAt is the resolution time, zero when unresolved at At.
	ResolvedAt time.Time
	// FirstResponseAt is the first reply to the client by At: the first Responded event, or the resolution if it
	// came first; zero when there is none. FirstResponse is the time from receipt to it.
	FirstResponseAt time.Time
	FirstResponse   time.Duration
	// OnTime reports a resolution before Due.At.
	OnTime bool
	// Acknowledgement and HoldingReply report the policy's milestones.
	Acknowledgement MilestoneStatus
	HoldingReply    MilestoneStatus
}

// Status returns the state of the complaint's term at now, from the events recorded at or before now. now may be
// in any location. Errors wrap ErrBeforeReceipt for a time before receipt, ErrInvalidComplaint for a zero
// Complaint, and ErrCalendarRange when the calendar does not cover a day to be counted.
func (c Complaint) Status(now time.Time) (Status, error) {
	if err := c.check(); err != nil {
		return Status{}, err
	}
	if now.Before(c.start.received) {
		return Status{}, errf(ErrBeforeReceipt, "complaint %q: status at %s is before the receipt at %s",
			clip(c.info.ID), now.Format(time.RFC3339), c.start.received.Format(time.RFC3339))
	}
	h, err := c.replay(now, true)
	if err != nil {
		return Status{}, err
	}
	s := Status{Info: c.info, At: now, Extended: h.ext, ResolvedAt: h.resolved, FirstResponseAt: earliest(h.responded,
		h.resolved)}
	if !s.FirstResponseAt.IsZero() {
		s.FirstResponse = s.FirstResponseAt.Sub(c.start.received)
	}
	ref := now // the instant the term is measured at
	switch {
	case !h.closed.IsZero():
		s.State, ref, s.Due = StateClosed, h.resolved, h.resolveAt
	case !h.resolved.IsZero():
		s.State, ref, s.Due = StateResolved, h.resolved, h.resolveAt
	default:
		if h.pausing {
			s.State, s.PausedSince = StatePaused, h.pauseStart
		}
		if s.Due, err = h.due(now); err != nil {
			return Status{}, err
		}
	}
	units, _, err := h.pauseUnits(now)
	if err != nil {
		return Status{}, err
	}
	s.PausedUnits = h.paused + units
	s.Paused = h.pausedFor
	if h.pausing {
		s.Paused += now.Sub(h.pauseStart)
	}
	s.Remaining = s.Due.At.Sub(ref)
	if s.RemainingUnits, err = h.counter.unitsBetween(sq.DateOf(ref, c.policy.Location), s.Due.LastDay); err != nil {
		return Status{}, err
	}
	if !ref.Before(s.Due.At) {
		s.Breached, s.BreachedSince = true, s.Due.At
	}
	s.OnTime = !h.resolved.IsZero() && !s.Breached
	s.DueSoon = h.resolved.IsZero() && !s.Breached && c.policy.DueSoon > 0 && s.RemainingUnits <= c.policy.DueSoon
	// An acknowledgement is met by the Acknowledged event or by a resolution, whichever came first.
	if s.Acknowledgement, err = h.milestone(c.policy.Acknowledge, 0, earliest(h.acked, h.resolved), now); err != nil {
		return Status{}, err
	}
	// A holding reply is met by the notice of an extension, or made unnecessary by a resolution.
	met := earliest(h.noticeAt, h.resolved)
	if s.HoldingReply, err = h.milestone(c.policy.HoldingReply, s.PausedUnits, met, now); err != nil {
		return Status{}, err
	}
	return s, nil
}

// milestone reports milestone m, moved by paused units, met at met (zero: not met), as of now.
func (h *history) milestone(m Milestone, paused int, met, now time.Time) (MilestoneStatus, error) {
	if m.Length == 0 {
		return MilestoneStatus{}, nil
	}
	if met.After(now) {
		met = time.Time{}
	}
	last, at, err := h.counter.milestone(h.c.start, m, paused)
	if err != nil {
		return MilestoneStatus{}, err
	}
	ms := MilestoneStatus{Set: true, LastDay: last, Due: at, Met: !met.IsZero(), MetAt: met}
	ms.Missed = !now.Before(at) && (met.IsZero() || !met.Before(at))
	return ms, nil
}

// earliest returns the earlier of two times, ignoring zero ones.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
