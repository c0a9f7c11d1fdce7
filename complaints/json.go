package complaints

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/sq"
)

// Size limits on JSON input, checked before decoding.
const (
	// maxCalendarJSON is the largest calendar or policy document accepted, in bytes.
	maxCalendarJSON = 1 << 20
	// maxComplaintJSON is the largest complaint document accepted, in bytes.
	maxComplaintJSON = 1 << 20
)

// decodeStrict decodes exactly one JSON value from b into v with the module's strict reader: keys matched byte
// for byte (no case folding), no unknown or repeated keys, no null, valid UTF-8, bounded depth, no trailing data,
// and at most limit bytes.
func decodeStrict(what string, b []byte, limit int, v any) error {
	err := strictjson.Decode(b, limit, v)
	if err == nil {
		return nil
	}
	var inner *sq.Error
	if errors.As(err, &inner) {
		return inner // a value refused by its own reader, such as a policy's length
	}
	kind := sq.ErrMalformed
	if errors.Is(err, sq.ErrLimit) {
		kind = sq.ErrLimit
	}
	return &sq.Error{Pkg: "complaints", Rule: what + " JSON: " + err.Error(), Err: kind}
}

// textEnum reads one of names.
func textEnum(what string, b []byte, names []string) (int, error) {
	for i, n := range names {
		if n != "" && string(b) == n {
			return i, nil
		}
	}
	return 0, errf(sq.ErrMalformed, "%s %q is not one of %q", what, clip(string(b)), names)
}

// MarshalText writes the unit's name.
func (u Unit) MarshalText() ([]byte, error) {
	if !u.valid() {
		return nil, errf(ErrInvalidPolicy, "unit %d is not valid", uint8(u))
	}
	return []byte(u.String()), nil
}

// UnmarshalText reads "calendar-days", "working-days" or "weeks".
func (u *Unit) UnmarshalText(b []byte) error {
	i, err := textEnum("unit", b, unitNames[:])
	if err != nil {
		return err
	}
	if u == nil {
		return errf(sq.ErrMalformed, "unit read into a nil *Unit")
	}
	*u = Unit(i)
	return nil
}

// MarshalText writes the start's name.
func (s start) MarshalText() ([]byte, error) { return []byte(startNames[s&1]), nil }

// UnmarshalText reads "next-day" or "same-day".
func (s *start) UnmarshalText(b []byte) error {
	i, err := textEnum("start", b, startNames[:])
	if err != nil {
		return err
	}
	*s = start(i)
	return nil
}

// MarshalText writes the kind's name.
func (k EventKind) MarshalText() ([]byte, error) {
	if k < Acknowledged || k > lastKind {
		return nil, errf(ErrInvalidHistory, "event kind %d is not valid", uint8(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads an event kind's name, e.g. "paused".
func (k *EventKind) UnmarshalText(b []byte) error {
	i, err := textEnum("event kind", b, kindNames[:])
	if err != nil {
		return err
	}
	if k == nil {
		return errf(sq.ErrMalformed, "event kind read into a nil *EventKind")
	}
	*k = EventKind(i)
	return nil
}

// MarshalText writes the state's name.
func (s State) MarshalText() ([]byte, error) {
	if int(s) >= len(stateNames) {
		return nil, errf(ErrInvalidComplaint, "state %d is not valid", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads "open", "paused", "resolved" or "closed".
func (s *State) UnmarshalText(b []byte) error {
	i, err := textEnum("state", b, stateNames[:])
	if err != nil {
		return err
	}
	*s = State(i)
	return nil
}

var weekdayNames = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// weekNames is a Week in JSON: the list of its working days' names.
type weekNames Week

// MarshalJSON writes the working days as a list of names: ["Mon","Tue","Wed","Thu","Fri"].
func (w weekNames) MarshalJSON() ([]byte, error) {
	names := []string{}
	for d, on := range w {
		if on {
			names = append(names, weekdayNames[d])
		}
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list of weekday names ("Sun" … "Sat"), each at most once.
func (w *weekNames) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return errf(sq.ErrMalformed, "week: %v", err)
	}
	var v weekNames
	for _, n := range names {
		i, err := textEnum("weekday", []byte(n), weekdayNames[:])
		if err != nil {
			return err
		}
		if v[i] {
			return errf(sq.ErrMalformed, "week: %s listed twice", n)
		}
		v[i] = true
	}
	*w = v
	return nil
}

// yearJSON is Year with its own JSON methods left out.
type yearJSON Year

// MarshalJSON writes the year; an empty list is written as [], never null, so that the strict reader reads it.
func (y Year) MarshalJSON() ([]byte, error) {
	v := yearJSON(y)
	for _, l := range []*[]Day{&v.Holidays, &v.Workdays, &v.Shortened} {
		if *l == nil {
			*l = []Day{}
		}
	}
	return json.Marshal(v)
}

type calendarJSON struct {
	Name  string     `json:"name"`
	Week  *weekNames `json:"week"`
	Years []Year     `json:"years"`
}

// MarshalJSON writes the calendar data: name, week and years.
func (d CalendarData) MarshalJSON() ([]byte, error) {
	w := weekNames(d.Week)
	return json.Marshal(calendarJSON{Name: d.Name, Week: &w, Years: d.Years})
}

// UnmarshalJSON reads calendar data strictly; "week" is required.
func (d *CalendarData) UnmarshalJSON(b []byte) error {
	var v calendarJSON
	if err := decodeStrict("calendar", b, maxCalendarJSON, &v); err != nil {
		return err
	}
	if v.Week == nil {
		return errf(sq.ErrMalformed, "calendar JSON has no \"week\"")
	}
	*d = CalendarData{Name: v.Name, Week: Week(*v.Week), Years: v.Years}
	return nil
}

// MarshalJSON writes the calendar's data.
func (c *WorkCalendar) MarshalJSON() ([]byte, error) { return json.Marshal(c.Data()) }

// ParseCalendar reads calendar data from JSON and builds the calendar:
//
//	{"name": "Acme", "week": ["Mon","Tue","Wed","Thu","Fri"],
//	 "years": [{"year": 2026, "source": "...", "holidays": [{"date": "2026-01-01", "name": "New Year"}],
//	            "workdays": [], "shortened": []}]}
//
// Unknown fields and trailing data are refused. Errors wrap sq.ErrMalformed or ErrInvalidCalendar.
func ParseCalendar(b []byte) (*WorkCalendar, error) {
	var d CalendarData
	if err := decodeStrict("calendar", b, maxCalendarJSON, &d); err != nil {
		return nil, err
	}
	return NewCalendar(d)
}

// ParseYear reads the data of one calendar year, the format of the files in calendars/. It checks only the JSON;
// NewCalendar checks the dates.
func ParseYear(b []byte) (Year, error) {
	var y Year
	if err := decodeStrict("calendar year", b, maxCalendarJSON, &y); err != nil {
		return Year{}, err
	}
	return y, nil
}

// formatClock writes a wall-clock time of day for JSON: "HH:MM", "HH:MM:SS" when it has seconds, and
// "HH:MM:SS.fffffffff" (trailing zeros dropped) when it has a fraction of a second; empty for zero.
func formatClock(d time.Duration) string {
	if d == 0 {
		return ""
	}
	s := fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
	if d%time.Minute != 0 {
		s += fmt.Sprintf(":%02d", int(d%time.Minute/time.Second))
	}
	if ns := d % time.Second; ns != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%09d", int(ns)), "0")
	}
	return s
}

func parseClock(field, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	bad := errf(sq.ErrMalformed, "policy %s %q is not a time of day HH:MM, HH:MM:SS or HH:MM:SS.fffffffff",
		field, clip(s))
	main, frac, hasFrac := strings.Cut(s, ".")
	var d time.Duration
	switch len(main) {
	case 5, 8:
		layout := "15:04:05"[:len(main)]
		t, err := time.Parse(layout, main)
		if err != nil {
			return 0, bad
		}
		d = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	default:
		return 0, bad
	}
	if hasFrac {
		if len(main) != 8 || frac == "" || len(frac) > 9 || strings.Trim(frac, "0123456789") != "" {
			return 0, bad
		}
		ns, err := strconv.Atoi((frac + "000000000")[:9])
		if err != nil {
			return 0, bad
		}
		d += time.Duration(ns)
	}
	return d, nil
}
