package complaints

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// history is the state of a complaint's clock after replaying its events in order.
type history struct {
	c       Complaint
	counter counter
	index   int // events applied so far

	ext        int     // units of extension granted
	paused     int     // units the closed pauses moved the deadline
	lastUnit   sq.Date // the last day counted as a pause unit (zero when none)
	pausing    bool
	pauseStart time.Time
	pauseCount bool // whether the open pause started before the deadline in force
	pausedFor  time.Duration

	pauseDays int // days touched by the closed pauses, bounded by maxPauseDays

	// The last day after extensions and the closed pauses, kept so that each event pushes it only by its own
	// units: replaying a history costs O(events + days counted), not O(events × days).
	cached       bool
	cacheExt     int
	cachePaused  int
	cacheLastDay sq.Date

	last      time.Time // time of the last event
	acked     time.Time
	responded time.Time // first Responded event
	noticeAt  time.Time // first notice of an extension
	resolved  time.Time
	closed    time.Time
	resolveAt Deadline // the deadline in force at resolution
}

// replay applies the recorded events; with upTo set, only those at or before it.
func (c Complaint) replay(upTo time.Time, limit bool) (*history, error) {
	h := &history{c: c, counter: newCounter(c.policy), last: c.start.received}
	for _, e := range c.events {
		if limit && e.At.After(upTo) {
			break
		}
		if err := h.apply(e); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// pauseUnits returns the units the open pause adds if it ended at until, and the last unit day it counts.
func (h *history) pauseUnits(until time.Time) (int, sq.Date, error) {
	if !h.pausing || !h.pauseCount || !until.After(h.pauseStart) {
		return 0, h.lastUnit, nil
	}
	loc := h.counter.p.Location
	from := sq.DateOf(h.pauseStart, loc)
	to := sq.DateOf(until.Add(-time.Nanosecond), loc) // the last instant inside the pause
	if !h.lastUnit.IsZero() && !from.After(h.lastUnit) {
		from = h.lastUnit.AddDays(1) // a day already counted by an earlier pause counts once
	}
	if to.Before(from) {
		return 0, h.lastUnit, nil
	}
	// Pauses longer than maxPauseDays in all are refused before any day is counted, whatever the unit, so a
	// pause left open for centuries, or many long pauses, cost nothing.
	n := from.DaysUntil(to) + 1
	if h.pauseDays+n > maxPauseDays {
		return 0, sq.Date{}, errf(ErrInvalidHistory, "complaint %q: pauses of %d days in all, at most %d counted",
			clip(h.c.info.ID), h.pauseDays+n, maxPauseDays)
	}
	if h.counter.p.Unit != WorkingDays {
		return n, to, nil
	}
	n, last := 0, h.lastUnit
	for d := from; !d.After(to); d = d.AddDays(1) {
		ok, err := h.counter.countsAsPauseUnit(d)
		if err != nil {
			return 0, sq.Date{}, err
		}
		if ok {
			n++
		}
		last = d
	}
	return n, last, nil
}

// maxPauseDays bounds the days all the pauses of one complaint may touch (about 137 years).
const maxPauseDays = 50 * maxLength

// due returns the deadline in force at t, counting an open pause up to t (zero t: up to its start).
func (h *history) due(t time.Time) (Deadline, error) {
	extra := 0
	if !t.IsZero() {
		n, _, err := h.pauseUnits(t)
		if err != nil {
			return Deadline{}, err
		}
		extra = n
	}
	c := h.counter
	if !h.cached || h.cacheExt != h.ext || h.cachePaused > h.paused {
		raw, err := c.lastDay(h.c.start.first, c.p.Length+h.ext, c.p.Unit)
		if err != nil {
			return Deadline{}, err
		}
		h.cached, h.cacheExt, h.cachePaused, h.cacheLastDay = true, h.ext, 0, raw
	}
	if h.cachePaused < h.paused {
		raw, err := c.push(h.cacheLastDay, h.paused-h.cachePaused)
		if err != nil {
			return Deadline{}, err
		}
		h.cachePaused, h.cacheLastDay = h.paused, raw
	}
	raw, err := c.push(h.cacheLastDay, extra)
	if err != nil {
		return Deadline{}, err
	}
	return c.finish(h.c.start, raw)
}

// endPause closes the open pause at t.
func (h *history) endPause(t time.Time) error {
	n, last, err := h.pauseUnits(t)
	if err != nil {
		return err
	}
	if h.pausing && h.pauseCount && t.After(h.pauseStart) {
		from := sq.DateOf(h.pauseStart, h.counter.p.Location)
		to := sq.DateOf(t.Add(-time.Nanosecond), h.counter.p.Location)
		if !h.lastUnit.IsZero() && !from.After(h.lastUnit) {
			from = h.lastUnit.AddDays(1)
		}
		if !to.Before(from) {
			h.pauseDays += from.DaysUntil(to) + 1
		}
	}
	h.paused += n
	h.lastUnit = last
	h.pausedFor += t.Sub(h.pauseStart)
	h.pausing = false
	return nil
}

// applyChecked applies e and checks that the deadline it leaves can still be counted, so that no event is
// accepted after which Status and Deadline would fail (an extension into a year the calendar has no data for).
func (h *history) applyChecked(e Event) error {
	index := h.index
	if err := h.apply(e); err != nil {
		return err
	}
	if _, err := h.due(time.Time{}); err != nil {
		return eventError(index, e, "the deadline it leaves cannot be counted: "+err.Error(), err)
	}
	return nil
}

// apply checks e against the state and records it.
func (h *history) apply(e Event) error {
	refuse := func(format string, args ...any) error {
		return eventError(h.index, e, fmt.Sprintf(format, args...), nil)
	}
	switch {
	case e.Kind < Acknowledged || e.Kind > lastKind:
		return refuse("kind %d is not one of acknowledged, paused, resumed, extended, resolved, closed, responded",
			uint8(e.Kind))
	case e.At.IsZero():
		return refuse("the time is zero")
	case e.At.Before(h.c.start.received):
		return refuse("it is before the receipt at %s", h.c.start.received.Format(time.RFC3339))
	case e.At.Before(h.last):
		return refuse("it is before the previous event at %s", h.last.Format(time.RFC3339))
	case !h.closed.IsZero():
		return refuse("the complaint was closed at %s; nothing may follow", h.closed.Format(time.RFC3339))
	case len(e.Reason) > maxText:
		return refuse("reason of %d bytes, at most %d allowed", len(e.Reason), maxText)
	case e.Kind != Extended && (e.Length != 0 || !e.NoticeAt.IsZero()):
		return refuse("only an extension has a length and a notice time")
	case e.Kind != Closed && !h.resolved.IsZero():
		return refuse("the complaint was resolved at %s", h.resolved.Format(time.RFC3339))
	}
	switch e.Kind {
	case Acknowledged:
		if !h.acked.IsZero() {
			return refuse("receipt was already acknowledged at %s", h.acked.Format(time.RFC3339))
		}
		h.acked = e.At
	case Paused:
		if h.pausing {
			return refuse("the complaint is already paused since %s", h.pauseStart.Format(time.RFC3339))
		}
		d, err := h.due(time.Time{})
		if err != nil {
			return err
		}
		h.pausing, h.pauseStart, h.pauseCount = true, e.At, e.At.Before(d.At)
	case Resumed:
		if !h.pausing {
			return refuse("resume without a pause")
		}
		if err := h.endPause(e.At); err != nil {
			return err
		}
	case Extended:
		if err := h.extend(e, refuse); err != nil {
			return err
		}
	case Resolved:
		if h.pausing {
			if err := h.endPause(e.At); err != nil {
				return err
			}
		}
		d, err := h.due(time.Time{})
		if err != nil {
			return err
		}
		h.resolved, h.resolveAt = e.At, d
	case Responded:
		if h.responded.IsZero() {
			h.responded = e.At
		}
	case Closed:
		if h.resolved.IsZero() {
			return refuse("a complaint is closed only after it is resolved")
		}
		h.closed = e.At
	}
	h.last = e.At
	h.index++
	return nil
}

func (h *history) extend(e Event, refuse func(string, ...any) error) error {
	x := h.counter.p.Extension
	switch {
	case x.Max == 0:
		return refuse("the policy allows no extension")
	case e.Length < 1:
		return refuse("length %d; an extension adds at least 1 %s", e.Length, h.counter.p.Unit)
	case h.ext+e.Length > x.Max:
		return refuse("it would extend the term by %d %s in all; the policy allows at most %d", h.ext+e.Length,
			h.counter.p.Unit, x.Max)
	case x.ReasonRequired && e.Reason == "":
		return refuse("the policy requires a reason for an extension")
	case x.NoticeRequired && e.NoticeAt.IsZero():
		return refuse("the policy requires the time the client was told of the extension")
	case !e.NoticeAt.IsZero() && e.NoticeAt.Before(h.c.start.received):
		return refuse("the notice at %s is before the receipt", e.NoticeAt.Format(time.RFC3339))
	}
	d, err := h.due(e.At)
	if err != nil {
		return err
	}
	if !e.At.Before(d.At) {
		return refuse("the deadline in force passed at %s; a term is extended only while it runs",
			d.At.Format(time.RFC3339))
	}
	if x.NoticeRequired && !e.NoticeAt.Before(d.At) {
		return refuse("the notice at %s is not before the deadline in force at %s", e.NoticeAt.Format(time.RFC3339),
			d.At.Format(time.RFC3339))
	}
	if h.noticeAt.IsZero() && !e.NoticeAt.IsZero() {
		h.noticeAt = e.NoticeAt
	}
	h.ext += e.Length
	return nil
}
