package complaintstest

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"pgregory.net/rapid"
)

// History returns a generator of complaints received under p with valid histories: up to 8 events among
// acknowledgement, replies, pauses and resumptions, extensions within the policy's Extension (with a reason and a
// notice before the deadline in force), resolution and closing, in time order and a few minutes to a few days
// apart. Every complaint drawn was built by complaints.New and Append, so its Deadline and Status can be counted.
func History(p complaints.Policy) *rapid.Generator[complaints.Complaint] {
	received := ReceivedAt(p)
	return rapid.Custom(func(t *rapid.T) complaints.Complaint {
		at := received.Draw(t, "received")
		c, err := complaints.New(p, complaints.Info{ID: fmt.Sprintf("c-%d", rapid.IntRange(1, 1e6).Draw(t, "id")),
			Channel: "phone", ReceivedAt: at})
		if err != nil {
			panic(fmt.Sprintf("complaintstest: New(%s): %v", at, err))
		}
		for range rapid.IntRange(0, 8).Draw(t, "events") {
			s := stateOf(c)
			if s.closed {
				break
			}
			at = at.Add(time.Duration(rapid.IntRange(1, 5*24*60).Draw(t, "minutes")) * time.Minute)
			var kinds []complaints.EventKind
			switch {
			case s.resolved:
				kinds = []complaints.EventKind{complaints.Closed}
			case s.paused:
				kinds = []complaints.EventKind{complaints.Resumed, complaints.Responded, complaints.Resolved}
			default:
				kinds = []complaints.EventKind{complaints.Paused, complaints.Responded, complaints.Resolved}
				if !s.acked {
					kinds = append(kinds, complaints.Acknowledged)
				}
				if s.extended < p.Extension.Max {
					kinds = append(kinds, complaints.Extended)
				}
			}
			e := complaints.Event{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"), At: at}
			switch e.Kind {
			case complaints.Paused:
				e.Reason = "waiting for the client's documents"
			case complaints.Responded, complaints.Resolved:
				e.Reason = "reply sent"
			case complaints.Extended:
				d, err := c.Deadline()
				if err != nil || !at.Before(d.At) {
					continue // the term has run out: no extension is possible
				}
				e.Length = rapid.IntRange(1, p.Extension.Max-s.extended).Draw(t, "extension")
				e.Reason, e.NoticeAt = "investigation needs more time", at
			}
			next, err := c.Append(e)
			if err != nil {
				panic(fmt.Sprintf("complaintstest: a valid %s at %s was refused: %v", e.Kind, e.At, err))
			}
			c = next
		}
		return c
	})
}

// state is what a history allows next.
type state struct {
	acked, paused, resolved, closed bool
	extended                        int
	last                            time.Time
}

func stateOf(c complaints.Complaint) state {
	s := state{last: c.Info().ReceivedAt}
	for _, e := range c.Events() {
		s.last = e.At
		switch e.Kind {
		case complaints.Acknowledged:
			s.acked = true
		case complaints.Paused:
			s.paused = true
		case complaints.Resumed:
			s.paused = false
		case complaints.Extended:
			s.extended += e.Length
		case complaints.Resolved:
			s.resolved, s.paused = true, false
		case complaints.Closed:
			s.closed = true
		}
	}
	return s
}

// Invalid is an event a complaint must refuse, with the sentinel its error must wrap (errors.Is).
type Invalid struct {
	Complaint complaints.Complaint
	Event     complaints.Event
	// Err is the sentinel Append's error must wrap: complaints.ErrInvalidHistory for every event of this kit.
	Err error
	// Why says what is wrong, for failure messages.
	Why string
}

// InvalidEvent returns a generator of events that a complaint drawn by History(p) must refuse, each labelled:
// an event before the previous one (or before receipt), a zero time, an unknown kind, a resumption without a
// pause, closing before resolution, a second acknowledgement, anything after closing, an extension the policy
// does not allow or beyond its maximum.
func InvalidEvent(p complaints.Policy) *rapid.Generator[Invalid] {
	return rapid.Custom(func(t *rapid.T) Invalid {
		c := History(p).Draw(t, "complaint")
		s := stateOf(c)
		later := s.last.Add(time.Hour)
		type bad struct {
			why string
			e   complaints.Event
		}
		bads := []bad{
			{"an event before the previous one (or the receipt)", complaints.Event{Kind: complaints.Responded, At: s.last.Add(-time.Minute)}},
			{"an event with a zero time", complaints.Event{Kind: complaints.Responded}},
			{"an event of no known kind", complaints.Event{Kind: complaints.EventKind(99), At: later}},
		}
		if s.closed {
			bads = append(bads, bad{"an event after closing", complaints.Event{Kind: complaints.Responded, At: later}})
		}
		if !s.paused && !s.closed {
			bads = append(bads, bad{"a resumption without a pause", complaints.Event{Kind: complaints.Resumed, At: later}})
		}
		if !s.resolved {
			bads = append(bads, bad{"closing before resolution", complaints.Event{Kind: complaints.Closed, At: later}})
		}
		if s.acked && !s.resolved {
			bads = append(bads, bad{"a second acknowledgement", complaints.Event{Kind: complaints.Acknowledged, At: later}})
		}
		if !s.resolved && !s.closed {
			ext := complaints.Event{Kind: complaints.Extended, At: later, Reason: "more time", NoticeAt: later,
				Length: p.Extension.Max - s.extended + 1}
			why := "an extension beyond the policy's maximum"
			if p.Extension.Max == 0 {
				why = "an extension the policy does not allow"
			}
			bads = append(bads, bad{why, ext})
		}
		b := rapid.SampledFrom(bads).Draw(t, "invalid")
		return Invalid{Complaint: c, Event: b.e, Err: complaints.ErrInvalidHistory, Why: b.why}
	})
}
