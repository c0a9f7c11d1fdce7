package complaints

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
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
	Start             start           `json:"start"`
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
	if _, err := time.LoadLocation(p.Location.String()); err != nil {
		return nil, errf(ErrInvalidPolicy, "policy %q: location %q is not an IANA time-zone name and could not be"+
			" read back; use time.LoadLocation (a time.FixedZone has no such name)", clip(p.Name),
			clip(p.Location.String()))
	}
	v := policyJSON{Name: p.Name, Length: p.Length, Unit: p.Unit, Location: p.Location.String(),
		Start:             startOf(p.SameDay),
		RegisterOnWorkday: p.RegisterOnWorkday, ReceiptCutoff: formatClock(p.ReceiptCutoff),
		DueBy:         formatClock(p.DueBy),
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
			return nil, errf(ErrInvalidPolicy, "policy %q: a calendar of type %T cannot be written as JSON; use a"+
				" *WorkCalendar", clip(p.Name), p.Calendar)
		}
		var err error
		if wc == nil {
			wc = Weekdays() // a nil *WorkCalendar is the Monday-to-Friday week
		}
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
// Errors wrap sq.ErrMalformed, ErrInvalidCalendar or ErrInvalidPolicy; p is unchanged on error.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var v policyJSON
	if err := decodeStrict("policy", b, maxCalendarJSON, &v); err != nil {
		return err
	}
	q := Policy{Name: v.Name, Length: v.Length, Unit: v.Unit, SameDay: v.Start == sameDay,
		RegisterOnWorkday: v.RegisterOnWorkday,
		MoveToWorkday:     v.MoveToWorkday, DueSoon: v.DueSoon, OfficialDataOnly: v.OfficialDataOnly}
	if v.Location == "" || v.Location == "Local" {
		return errf(sq.ErrMalformed, "policy JSON: location %q; name an IANA time zone such as \"Asia/Almaty\"",
			v.Location)
	}
	loc, err := time.LoadLocation(v.Location)
	if err != nil {
		return errf(sq.ErrMalformed, "policy JSON: location %q is not a known time zone", clip(v.Location))
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
				return errf(sq.ErrMalformed, "policy JSON: calendar %q is not one of %q, %q, %q, %q",
					clip(name), calKazakhstan, calRussia, calEnglandWales, calWeekdays)
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
	ID              string          `json:"id"`
	Channel         string          `json:"channel,omitempty"`
	Category        string          `json:"category,omitempty"`
	Employee        string          `json:"employee,omitempty"`
	ReceivedAt      time.Time       `json:"received_at"`
	Policy          json.RawMessage `json:"policy,omitempty"`
	CalendarVersion string          `json:"calendar_version,omitempty"`
	Events          []eventJSON     `json:"events"`
}

// MarshalJSON writes the complaint's data, its policy (as Policy.MarshalJSON writes it: a built-in calendar by
// name, any other *WorkCalendar as its data), the version of the calendar data its deadlines were counted on
// (WorkCalendar.Version), and its history; times in RFC 3339 with nanoseconds and their offsets:
//
//	{"id": "C-1", "channel": "email", "category": "interaction", "employee": "desk 3",
//	 "received_at": "2026-03-02T10:00:00+05:00",
//	 "policy": {"name": "default: 15 calendar days", "length": 15, "unit": "calendar-days", ...},
//	 "events": [{"kind": "paused", "at": "2026-03-05T10:00:00+05:00", "reason": "documents requested"}]}
//
// A policy that cannot be written (a Calendar that is not a *WorkCalendar, a time.FixedZone) is an error: the
// complaint could not be read back.
func (c Complaint) MarshalJSON() ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	pj, err := c.policy.MarshalJSON()
	if err != nil {
		return nil, err
	}
	v := complaintJSON{ID: c.info.ID, Channel: c.info.Channel, Category: c.info.Category, Employee: c.info.Employee,
		ReceivedAt: c.info.ReceivedAt, Policy: pj, CalendarVersion: calendarVersion(c.policy.Calendar),
		Events: make([]eventJSON, len(c.events))}
	for i, e := range c.events {
		v.Events[i] = eventJSON{Kind: e.Kind, At: e.At, Reason: e.Reason, Length: e.Length}
		if !e.NoticeAt.IsZero() {
			n := e.NoticeAt
			v.Events[i].NoticeAt = &n
		}
	}
	return json.Marshal(v)
}

// calendarVersion returns the version of cal's data, or "" when it does not say.
func calendarVersion(cal Calendar) string {
	if v, ok := cal.(versioner); ok {
		return v.Version()
	}
	return ""
}

// UnmarshalJSON reads a complaint written by MarshalJSON with the policy stored in it, and replays its history
// as Append would. The calendar data must be the version the complaint was stored with: a built-in calendar
// whose data changed since (an official year replaced a provisional one) is refused with ErrStoredPolicy,
// naming both versions, so no deadline moves silently; read such a complaint with ParseComplaint under the
// policy in force and compare its deadline with CompareDeadline. A complaint written without its policy (by an
// earlier version of this package) is refused too: read it with ParseComplaint under a policy. c is unchanged on error.
func (c *Complaint) UnmarshalJSON(b []byte) error {
	v, err := readComplaintJSON(b)
	if err != nil {
		return err
	}
	if len(v.Policy) == 0 {
		return errf(sq.ErrMalformed, "complaint %q was stored without its policy; read it with ParseComplaint under"+
			" a policy", clip(v.ID))
	}
	p, err := ParsePolicy(v.Policy)
	if err != nil {
		return err
	}
	if now := calendarVersion(p.Calendar); now != v.CalendarVersion {
		return errf(ErrStoredPolicy, "complaint %q was stored with calendar data %q, the calendar now has %q; read"+
			" it with ParseComplaint under the policy in force and compare deadlines with CompareDeadline",
			clip(v.ID), clip(v.CalendarVersion), now)
	}
	n, err := v.build(p)
	if err != nil {
		return err
	}
	*c = n
	return nil
}

func readComplaintJSON(b []byte) (complaintJSON, error) {
	var v complaintJSON
	if err := decodeStrict("complaint", b, maxComplaintJSON, &v); err != nil {
		return complaintJSON{}, err
	}
	return v, nil
}

// ParseComplaint reads a complaint written by Complaint.MarshalJSON and replays its history, so an impossible
// history is refused exactly as Append refuses it. Unknown fields, trailing data and more than 1000 events are
// refused.
//
// Without a policy it reads the complaint under its stored policy, as Complaint.UnmarshalJSON does.
//
// With one policy p, the policy in force, it reads the complaint under p. The stored policy, when the JSON has one,
// must state the same policy as p (its calendar may hold other data: p's calendar is used and the deadline is
// counted on it; compare it with a stored one with CompareDeadline); another policy is refused with
// ErrStoredPolicy. A complaint stored without its policy (by an earlier version of this package) can be read only
// this way. More than one policy is refused with ErrInvalidPolicy.
func ParseComplaint(b []byte, inForce ...Policy) (Complaint, error) {
	switch len(inForce) {
	case 0:
		var c Complaint
		if err := c.UnmarshalJSON(b); err != nil {
			return Complaint{}, err
		}
		return c, nil
	case 1:
	default:
		return Complaint{}, errf(ErrInvalidPolicy, "ParseComplaint: %d policies given, at most 1 allowed", len(inForce))
	}
	p := inForce[0]
	v, err := readComplaintJSON(b)
	if err != nil {
		return Complaint{}, err
	}
	if len(v.Policy) > 0 {
		stored, err := ParsePolicy(v.Policy)
		if err != nil {
			return Complaint{}, err
		}
		if !samePolicyRules(stored, p) {
			return Complaint{}, errf(ErrStoredPolicy, "complaint %q was stored under policy %q, not %q with the"+
				" same settings", clip(v.ID), clip(stored.Name), clip(p.Name))
		}
	}
	return v.build(p)
}

// samePolicyRules reports whether p and q state the same policy, their calendars compared by name only.
func samePolicyRules(p, q Policy) bool {
	name := func(c Calendar) string {
		if n, ok := c.(namer); ok {
			return n.Name()
		}
		return fmt.Sprintf("%T", c)
	}
	if (p.Calendar == nil) != (q.Calendar == nil) || p.Calendar != nil && name(p.Calendar) != name(q.Calendar) {
		return false
	}
	a, b := p, q
	a.Calendar, b.Calendar = nil, nil
	return a.Equal(b)
}

func (v complaintJSON) build(p Policy) (Complaint, error) {
	if len(v.Events) > maxEvents {
		return Complaint{}, errf(sq.ErrLimit, "complaint JSON has %d events, at most %d allowed",
			len(v.Events), maxEvents)
	}
	c, err := New(p, Info{ID: v.ID, Channel: v.Channel, Category: v.Category, Employee: v.Employee,
		ReceivedAt: v.ReceivedAt})
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
		return Complaint{},
			fmt.Errorf("complaints: complaint %q: the deadline its history leaves cannot be counted: %w",
				clip(c.info.ID), err)
	}
	return c, nil
}

// Value stores the complaint for database/sql as its JSON text (MarshalJSON: data, policy, calendar version and
// history), for a JSONB or TEXT column.
func (c Complaint) Value() (driver.Value, error) {
	b, err := c.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan reads a complaint stored by Value (a string or []byte of its JSON) as ParseComplaint reads it: with its
// stored policy, refusing calendar data changed since (ErrStoredPolicy). NULL and other types are refused; c is
// unchanged on error. To re-read complaints under the policy in force, scan the column into a []byte and call
// ParseComplaint with that policy.
func (c *Complaint) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return errf(sq.ErrMalformed, "a complaint cannot be read from a %T; store its JSON in a JSONB or TEXT column",
			src)
	}
	return c.UnmarshalJSON(b)
}
