package complaints

import (
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/servicequality/servicequality/sq"
)

type basisJSON struct {
	Calendar    string `json:"calendar,omitempty"`
	Version     string `json:"version,omitempty"`
	Provisional []int  `json:"provisional,omitempty"`
}

func (b Basis) toJSON() *basisJSON {
	if b.Calendar == "" && b.Version == "" && len(b.Provisional) == 0 {
		return nil
	}
	return &basisJSON{b.Calendar, b.Version, b.Provisional}
}

type deadlineJSON struct {
	Received   time.Time  `json:"received"`
	Registered sq.Date    `json:"registered"`
	FirstDay   sq.Date    `json:"first_day"`
	LastDay    sq.Date    `json:"last_day"`
	At         time.Time  `json:"at"`
	Basis      *basisJSON `json:"basis,omitempty"`
}

// MarshalJSON writes the deadline; instants are RFC 3339 with nanoseconds and their offsets, dates YYYY-MM-DD:
//
//	{"received": "2027-01-11T10:00:00+05:00", "registered": "2027-01-11", "first_day": "2027-01-12",
//	 "last_day": "2027-02-01", "at": "2027-02-02T00:00:00+05:00",
//	 "basis": {"calendar": "KZ", "version": "sha256:…", "provisional": [2027]}}
//
// The zero Deadline is refused.
func (d Deadline) MarshalJSON() ([]byte, error) {
	if d.LastDay.IsZero() || d.At.IsZero() {
		return nil, errf(ErrInvalidComplaint, "zero Deadline cannot be written")
	}
	return json.Marshal(deadlineJSON{d.Received, d.Registered, d.FirstDay, d.LastDay, d.At, d.Basis.toJSON()})
}

// UnmarshalJSON reads a deadline written by MarshalJSON, to compare a stored deadline with a recomputed one
// (CompareDeadline). Unknown fields and missing dates are refused; errors wrap sq.ErrMalformed.
func (d *Deadline) UnmarshalJSON(b []byte) error {
	var v deadlineJSON
	if err := decodeStrict("deadline", b, maxComplaintJSON, &v); err != nil {
		return err
	}
	if v.LastDay.IsZero() || v.Registered.IsZero() || v.FirstDay.IsZero() || v.At.IsZero() || v.Received.IsZero() {
		return errf(sq.ErrMalformed, "deadline JSON needs received, registered, first_day, last_day and at")
	}
	x := Deadline{Received: v.Received, Registered: v.Registered, FirstDay: v.FirstDay, LastDay: v.LastDay, At: v.At}
	if v.Basis != nil {
		x.Basis = Basis{v.Basis.Calendar, v.Basis.Version, v.Basis.Provisional}
	}
	*d = x
	return nil
}

type milestoneStatusJSON struct {
	LastDay sq.Date    `json:"last_day"`
	Due     time.Time  `json:"due"`
	Met     bool       `json:"met"`
	MetAt   *time.Time `json:"met_at,omitempty"`
	Missed  bool       `json:"missed"`
}

func (m MilestoneStatus) toJSON() *milestoneStatusJSON {
	if !m.Set {
		return nil
	}
	return &milestoneStatusJSON{LastDay: m.LastDay, Due: m.Due, Met: m.Met, MetAt: timePtr(m.MetAt), Missed: m.Missed}
}

// durationText writes d when the time it belongs to is set.
func durationText(t time.Time, d time.Duration) string {
	if t.IsZero() {
		return ""
	}
	return d.String()
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

type statusJSON struct {
	At              time.Time            `json:"at"`
	State           State                `json:"state"`
	Due             Deadline             `json:"due"`
	Remaining       string               `json:"remaining"`
	RemainingUnits  int                  `json:"remaining_units"`
	DueSoon         bool                 `json:"due_soon"`
	Breached        bool                 `json:"breached"`
	BreachedSince   *time.Time           `json:"breached_since,omitempty"`
	Paused          string               `json:"paused"`
	PausedUnits     int                  `json:"paused_units"`
	PausedSince     *time.Time           `json:"paused_since,omitempty"`
	Extended        int                  `json:"extended"`
	ResolvedAt      *time.Time           `json:"resolved_at,omitempty"`
	FirstResponseAt *time.Time           `json:"first_response_at,omitempty"`
	FirstResponse   string               `json:"first_response,omitempty"`
	OnTime          bool                 `json:"on_time"`
	Acknowledgement *milestoneStatusJSON `json:"acknowledgement,omitempty"`
	HoldingReply    *milestoneStatusJSON `json:"holding_reply,omitempty"`
}

// MarshalJSON writes the status for a client or a log, in snake_case; durations are Go duration strings
// ("-26h0m0s", exact to the nanosecond and read by time.ParseDuration), a milestone the policy does not have and
// a zero time are left out, and "due" carries the deadline's basis (the calendar data and provisional years).
func (s Status) MarshalJSON() ([]byte, error) {
	if s.At.IsZero() {
		return nil, errf(ErrInvalidComplaint, "zero Status cannot be written")
	}
	return json.Marshal(statusJSON{At: s.At, State: s.State, Due: s.Due, Remaining: s.Remaining.String(),
		RemainingUnits: s.RemainingUnits, DueSoon: s.DueSoon, Breached: s.Breached,
		BreachedSince: timePtr(s.BreachedSince), Paused: s.Paused.String(), PausedUnits: s.PausedUnits,
		PausedSince: timePtr(s.PausedSince), Extended: s.Extended, ResolvedAt: timePtr(s.ResolvedAt),
		FirstResponseAt: timePtr(s.FirstResponseAt), FirstResponse: durationText(s.FirstResponseAt, s.FirstResponse),
		OnTime:          s.OnTime,
		Acknowledgement: s.Acknowledgement.toJSON(), HoldingReply: s.HoldingReply.toJSON()})
}

// UnmarshalJSON refuses: a status is computed from a complaint at a time. Store the complaint
// (Complaint.MarshalJSON) and call Status again. The error wraps sq.ErrInvalid.
func (s *Status) UnmarshalJSON([]byte) error {
	return errf(sq.ErrInvalid, "a Status is computed, not stored; store the complaint and call Status")
}

type countsJSON struct {
	Total          int    `json:"total"`
	Open           int    `json:"open"`
	Paused         int    `json:"paused"`
	Overdue        int    `json:"overdue"`
	DueSoon        int    `json:"due_soon"`
	Resolved       int    `json:"resolved"`
	Closed         int    `json:"closed"`
	OnTime         int    `json:"on_time"`
	Late           int    `json:"late"`
	Provisional    int    `json:"provisional"`
	Rate           string `json:"rate"`
	MeanResolution string `json:"mean_resolution"`
	P90Resolution  string `json:"p90_resolution"`
	Responded      int    `json:"responded"`
	MeanResponse   string `json:"mean_first_response"`
	P90Response    string `json:"p90_first_response"`
	ResponseMet    int    `json:"response_met"`
	ResponseMissed int    `json:"response_missed"`
	ResponseRate   string `json:"response_rate"`
}

func (c Counts) toJSON() countsJSON {
	return countsJSON{c.Total, c.Open, c.Paused, c.Overdue, c.DueSoon, c.Resolved, c.Closed, c.OnTime, c.Late,
		c.Provisional, rateText(c.OnTimeRate), c.MeanResolution.String(), c.P90Resolution.String(),
		c.Responded, c.MeanFirstResponse.String(), c.P90FirstResponse.String(), c.ResponseMet, c.ResponseMissed,
		rateText(c.ResponseRate)}
}

// ratePrecision is the precision of the rates in a report's JSON: 4 places, half-up.
var ratePrecision = sq.Precision{Places: 4, Rounding: sq.HalfUp}

// rateText writes a rate rounded to ratePrecision with all its places ("0.6667", "1.0000").
func rateText(f sq.Fraction) string {
	r, _ := f.Round(ratePrecision) // a valid precision: cannot fail
	return r.Fixed(ratePrecision.Places)
}

type rowJSON struct {
	ID       string `json:"id"`
	Channel  string `json:"channel,omitempty"`
	Category string `json:"category,omitempty"`
	Employee string `json:"employee,omitempty"`
	Status   Status `json:"status"`
}

type failureJSON struct {
	Index int    `json:"index"`
	ID    string `json:"id"`
	Error string `json:"error"`
}

type overdueJSON struct {
	ID        string   `json:"id"`
	Channel   string   `json:"channel,omitempty"`
	Category  string   `json:"category,omitempty"`
	Employee  string   `json:"employee,omitempty"`
	Due       Deadline `json:"due"`
	Late      string   `json:"late"`
	LateUnits int      `json:"late_units"`
}

type groupJSON struct {
	Key string `json:"key"`
	countsJSON
}

type reportJSON struct {
	At             time.Time     `json:"at"`
	NotYetReceived int           `json:"not_yet_received"`
	Counts         countsJSON    `json:"counts"`
	Rows           []rowJSON     `json:"rows"`
	Failed         []failureJSON `json:"failed"`
	Overdue        []overdueJSON `json:"overdue"`
	ByChannel      []groupJSON   `json:"by_channel"`
	ByCategory     []groupJSON   `json:"by_category"`
	ByEmployee     []groupJSON   `json:"by_employee"`
}

// MarshalJSON writes the report in snake_case: the counts (rates rounded half-up to 4 places, as "0.6667";
// durations as Go duration strings), every row with its status, the failed complaints with their errors, the
// overdue list and the breakdowns.
func (r Report) MarshalJSON() ([]byte, error) {
	if r.At.IsZero() {
		return nil, errf(ErrInvalidComplaint, "zero Report cannot be written")
	}
	v := reportJSON{At: r.At, NotYetReceived: r.NotYetReceived, Counts: r.Counts.toJSON(), Rows: []rowJSON{},
		Failed: []failureJSON{}, Overdue: []overdueJSON{}}
	for _, x := range r.Rows {
		v.Rows = append(v.Rows, rowJSON{x.Info.ID, x.Info.Channel, x.Info.Category, x.Info.Employee, x})
	}
	for _, f := range r.Failed {
		v.Failed = append(v.Failed, failureJSON{f.Index, f.ID, f.Err.Error()})
	}
	for _, o := range r.OverdueList {
		v.Overdue = append(v.Overdue, overdueJSON{o.Info.ID, o.Info.Channel, o.Info.Category, o.Info.Employee, o.Due,
			(-o.Remaining).String(), -o.RemainingUnits})
	}
	for _, g := range []struct {
		in  map[string]Counts
		out *[]groupJSON
	}{{r.ByChannel, &v.ByChannel}, {r.ByCategory, &v.ByCategory}, {r.ByEmployee, &v.ByEmployee}} {
		*g.out = []groupJSON{}
		for _, k := range slices.Sorted(maps.Keys(g.in)) {
			*g.out = append(*g.out, groupJSON{k, g.in[k].toJSON()})
		}
	}
	return json.Marshal(v)
}

// UnmarshalJSON refuses: a report is computed from the complaints at a time. The error wraps sq.ErrInvalid.
func (r *Report) UnmarshalJSON([]byte) error {
	return errf(sq.ErrInvalid, "a Report is computed, not stored; store the complaints and call NewReport")
}
