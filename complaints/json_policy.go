package complaints

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

type extensionJSON struct {
	Max            int  `json:"max"`
	ReasonRequired bool `json:"reason_required,omitempty"`
	NoticeRequired bool `json:"notice_required,omitempty"`
}

type milestoneJSON struct {
	Length int  `json:"length"`
	Unit   Unit `json:"unit"`
}

type policyJSON struct {
	Name              string          `json:"name,omitempty"`
	Length            int             `json:"length"`
	Unit              Unit            `json:"unit"`
	Location          string          `json:"location"`
	Calendar          json.RawMessage `json:"calendar,omitempty"`
	Start             Start           `json:"start"`
	RegisterOnWorkday bool            `json:"register_on_workday,omitempty"`
	ReceiptCutoff     string          `json:"receipt_cutoff,omitempty"`
	DueBy             string          `json:"due_by,omitempty"`
	MoveToWorkday     bool            `json:"move_to_workday,omitempty"`
	Extension         *extensionJSON  `json:"extension,omitempty"`
	Acknowledge       *milestoneJSON  `json:"acknowledge,omitempty"`
	HoldingReply      *milestoneJSON  `json:"holding_reply,omitempty"`
	DueSoon           int             `json:"due_soon,omitempty"`
	OfficialDataOnly  bool            `json:"official_data_only,omitempty"`
}

// MarshalJSON writes the policy. The location is written by name; a *WorkCalendar is written as its data, and a
// built-in calendar (Kazakhstan, Russia, Weekdays) by its name ("KZ", "RU", "Mon-Fri"). Any other Calendar
// cannot be written and is an error, as are the policy problems Validate reports.
func (p Policy) MarshalJSON() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	v := policyJSON{Name: p.Name, Length: p.Length, Unit: p.Unit, Location: p.Location.String(), Start: p.Start,
		RegisterOnWorkday: p.RegisterOnWorkday, ReceiptCutoff: formatClock(p.ReceiptCutoff), DueBy: formatClock(p.DueBy),
		MoveToWorkday: p.MoveToWorkday, DueSoon: p.DueSoon, OfficialDataOnly: p.OfficialDataOnly}
	if p.Extension != (Extension{}) {
		v.Extension = &extensionJSON{p.Extension.Max, p.Extension.ReasonRequired, p.Extension.NoticeRequired}
	}
	if p.Acknowledge != (Milestone{}) {
		v.Acknowledge = &milestoneJSON{p.Acknowledge.Length, p.Acknowledge.Unit}
	}
	if p.HoldingReply != (Milestone{}) {
		v.HoldingReply = &milestoneJSON{p.HoldingReply.Length, p.HoldingReply.Unit}
	}
	if p.Calendar != nil {
		wc, ok := p.Calendar.(*WorkCalendar)
		if !ok {
			return nil, fmt.Errorf("complaints: policy %q: a calendar of type %T cannot be written as JSON; use a *WorkCalendar: %w",
				clip(p.Name), p.Calendar, ErrInvalidPolicy)
		}
		var err error
		if b, isBuiltin := builtinCalendar(wc.Name()); isBuiltin && b == wc {
			v.Calendar, err = json.Marshal(wc.Name())
		} else {
			v.Calendar, err = json.Marshal(wc)
		}
		if err != nil {
			return nil, err
		}
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads a policy strictly and validates it:
//
//	{"name": "KZ microfinance", "length": 15, "unit": "working-days", "location": "Asia/Almaty",
//	 "calendar": "KZ", "start": "next-day", "extension": {"max": 15, "reason_required": true}}
//
// "location" is an IANA time-zone name ("Local" is refused). "calendar" is a built-in name ("KZ", "RU",
// "GB-EW", "Mon-Fri") or calendar data as ParseCalendar reads it. Times of day ("receipt_cutoff", "due_by") are "HH:MM".
// Errors wrap ErrInvalidJSON, ErrInvalidCalendar or ErrInvalidPolicy; p is unchanged on error.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var v policyJSON
	if err := decodeStrict("policy", b, MaxCalendarJSON, &v); err != nil {
		return err
	}
	q := Policy{Name: v.Name, Length: v.Length, Unit: v.Unit, Start: v.Start, RegisterOnWorkday: v.RegisterOnWorkday,
		MoveToWorkday: v.MoveToWorkday, DueSoon: v.DueSoon, OfficialDataOnly: v.OfficialDataOnly}
	if v.Location == "" || v.Location == "Local" {
		return fmt.Errorf("complaints: policy JSON: location %q; name an IANA time zone such as \"Asia/Almaty\": %w",
			v.Location, ErrInvalidJSON)
	}
	loc, err := time.LoadLocation(v.Location)
	if err != nil {
		return fmt.Errorf("complaints: policy JSON: location %q is not a known time zone: %w", clip(v.Location), ErrInvalidJSON)
	}
	q.Location = loc
	if q.ReceiptCutoff, err = parseClock("receipt_cutoff", v.ReceiptCutoff); err != nil {
		return err
	}
	if q.DueBy, err = parseClock("due_by", v.DueBy); err != nil {
		return err
	}
	if v.Extension != nil {
		q.Extension = Extension{v.Extension.Max, v.Extension.ReasonRequired, v.Extension.NoticeRequired}
	}
	if v.Acknowledge != nil {
		q.Acknowledge = Milestone{v.Acknowledge.Length, v.Acknowledge.Unit}
	}
	if v.HoldingReply != nil {
		q.HoldingReply = Milestone{v.HoldingReply.Length, v.HoldingReply.Unit}
	}
	if len(v.Calendar) > 0 && !bytes.Equal(v.Calendar, []byte("null")) {
		var name string
		if json.Unmarshal(v.Calendar, &name) == nil {
			c, ok := builtinCalendar(name)
			if !ok {
				return fmt.Errorf("complaints: policy JSON: calendar %q is not one of %q, %q, %q, %q: %w", clip(name),
					CalendarKazakhstan, CalendarRussia, CalendarEnglandWales, CalendarWeekdays, ErrInvalidJSON)
			}
			q.Calendar = c
		} else {
			c, err := ParseCalendar(v.Calendar)
			if err != nil {
				return err
			}
			q.Calendar = c
		}
	}
	if err := q.Validate(); err != nil {
		return err
	}
	*p = q
	return nil
}

// ParsePolicy reads a policy from JSON (see Policy.UnmarshalJSON).
func ParsePolicy(b []byte) (Policy, error) {
	var p Policy
	err := p.UnmarshalJSON(b)
	return p, err
}

type eventJSON struct {
	Kind     EventKind  `json:"kind"`
	At       time.Time  `json:"at"`
	Reason   string     `json:"reason,omitempty"`
	Length   int        `json:"length,omitempty"`
	NoticeAt *time.Time `json:"notice_at,omitempty"`
}

type complaintJSON struct {
	ID         string      `json:"id"`
	Channel    string      `json:"channel,omitempty"`
	Category   string      `json:"category,omitempty"`
	Employee   string      `json:"employee,omitempty"`
	ReceivedAt time.Time   `json:"received_at"`
	Events     []eventJSON `json:"events"`
}

// MarshalJSON writes the complaint's data and history (not its policy), times in RFC 3339 with their offsets:
//
//	{"id": "C-1", "channel": "email", "category": "interaction", "employee": "desk 3",
//	 "received_at": "2026-03-02T10:00:00+05:00",
//	 "events": [{"kind": "paused", "at": "2026-03-05T10:00:00+05:00", "reason": "documents requested"}]}
func (c Complaint) MarshalJSON() ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	v := complaintJSON{ID: c.info.ID, Channel: c.info.Channel, Category: c.info.Category, Employee: c.info.Employee,
		ReceivedAt: c.info.ReceivedAt, Events: make([]eventJSON, len(c.events))}
	for i, e := range c.events {
		v.Events[i] = eventJSON{Kind: e.Kind, At: e.At, Reason: e.Reason, Length: e.Length}
		if !e.NoticeAt.IsZero() {
			n := e.NoticeAt
			v.Events[i].NoticeAt = &n
		}
	}
	return json.Marshal(v)
}

// DecodeComplaint reads a complaint written by Complaint.MarshalJSON and replays its history under policy p, so
// an impossible history is refused exactly as Append refuses it. Unknown fields, trailing data and more than
// MaxEvents events are refused. Errors wrap ErrInvalidJSON, ErrInvalidPolicy, ErrInvalidComplaint or
// ErrInvalidHistory.
func DecodeComplaint(b []byte, p Policy) (Complaint, error) {
	var v complaintJSON
	if err := decodeStrict("complaint", b, MaxComplaintJSON, &v); err != nil {
		return Complaint{}, err
	}
	if len(v.Events) > MaxEvents {
		return Complaint{}, fmt.Errorf("complaints: complaint JSON has %d events, at most %d allowed: %w", len(v.Events),
			MaxEvents, ErrInvalidJSON)
	}
	c, err := New(p, Info{ID: v.ID, Channel: v.Channel, Category: v.Category, Employee: v.Employee, ReceivedAt: v.ReceivedAt})
	if err != nil {
		return Complaint{}, err
	}
	h, err := c.replay(time.Time{}, false)
	if err != nil {
		return Complaint{}, err
	}
	for _, e := range v.Events {
		ev := Event{Kind: e.Kind, At: e.At, Reason: e.Reason, Length: e.Length}
		if e.NoticeAt != nil {
			ev.NoticeAt = *e.NoticeAt
		}
		if err := h.apply(ev); err != nil {
			return Complaint{}, err
		}
		c.events = append(c.events, ev)
	}
	if _, err := h.due(time.Time{}); err != nil {
		return Complaint{}, fmt.Errorf("complaints: complaint %q: the deadline its history leaves cannot be counted: %w",
			clip(c.info.ID), err)
	}
	return c, nil
}
