package complaints

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Every exported type's zero value, and a nil *WorkCalendar, answers with a documented result or a named error,
// never a panic.
func TestZeroValuesDoNotPanic(t *testing.T) {
	var (
		p   Policy
		c   Complaint
		d   sq.Date
		w   *WorkCalendar
		dl  Deadline
		s   Status
		r   Report
		cnt Counts
		b   Basis
		ch  Change
		y   Year
		cd  CalendarData
		wk  Week
	)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	calls := []struct {
		name string
		call func() error // returns the error the call gave, or nil
		want error        // the sentinel it must wrap, or nil for a documented result
	}{
		{"Policy.Validate", p.Validate, ErrInvalidPolicy},
		{"Policy.Deadline", func() error { _, err := p.Deadline(now); return err }, ErrInvalidPolicy},
		{"Policy.MarshalJSON", func() error { _, err := p.MarshalJSON(); return err }, ErrInvalidPolicy},
		{"Policy.Equal", func() error { return boolErr(p.Equal(Policy{}), true) }, nil},
		{"Complaint.Status", func() error { _, err := c.Status(now); return err }, ErrInvalidComplaint},
		{"Complaint.Deadline", func() error { _, err := c.Deadline(); return err }, ErrInvalidComplaint},
		{"Complaint.Append", func() error { _, err := c.Append(Event{Kind: Responded, At: now, Reason: "x"}); return err }, ErrInvalidComplaint},
		{"Complaint.MarshalJSON", func() error { _, err := c.MarshalJSON(); return err }, ErrInvalidComplaint},
		{"Complaint.Recompute", func() error { _, _, err := c.Recompute(Weekdays()); return err }, ErrInvalidComplaint},
		{"Complaint.Events", func() error { return boolErr(len(c.Events()) == 0 && c.Info().ID == "", true) }, nil},
		{"CompareDeadline", func() error { _, err := CompareDeadline(dl, c); return err }, ErrInvalidComplaint},
		{"Date.String", func() error { return boolErr(d.String() == "0000-00-00", true) }, nil},
		{"Date.MarshalText", func() error { _, err := d.MarshalText(); return err }, nil},
		{"Date.Value", func() error { v, err := d.Value(); return errors.Join(err, boolErr(v == nil, true)) }, nil},
		{"Date.Start", func() error { d.Start(nil); return nil }, nil},
		{"Date.At", func() error { d.At(time.Hour, nil); return nil }, nil},
		{"Date.AddDays", func() error { d.AddDays(3); d.Weekday(); return nil }, nil},
		{"nil WorkCalendar", func() error {
			w.IsWorkday(now)
			w.isHoliday(now)
			w.isShortened(now)
			w.IsProvisional(now)
			w.Covers(now)
			w.dataYears()
			w.provisionalYears()
			return boolErr(w.Name() == calWeekdays && w.Version() == Weekdays().Version() && w.Equal(Weekdays()), true)
		}, nil},
		{"nil WorkCalendar.Overlay", func() error { _, err := w.Overlay(Year{Year: 2027}); return err }, ErrInvalidCalendar},
		{"nil WorkCalendar.MarshalJSON", func() error { _, err := w.MarshalJSON(); return err }, nil},
		{"Deadline.MarshalJSON", func() error { _, err := json.Marshal(dl); return err }, ErrInvalidComplaint},
		{"Status.MarshalJSON", func() error { _, err := json.Marshal(s); return err }, ErrInvalidComplaint},
		{"Report.MarshalJSON", func() error { _, err := json.Marshal(r); return err }, ErrInvalidComplaint},
		{"Counts rates", func() error {
			return boolErr(cnt.OnTimeRate.IsZero() && cnt.ResponseRate.IsZero(), true)
		}, nil},
		{"Basis.String", func() error { return boolErr(b.String() == "no calendar" && !b.IsProvisional(), true) }, nil},
		{"Change", func() error { _ = ch.String(); return boolErr(ch.Moved(), false) }, nil},
		{"Year.MarshalJSON", func() error { _, err := json.Marshal(y); return err }, nil},
		{"CalendarData.MarshalJSON", func() error { _, err := json.Marshal(cd); return err }, nil},
		{"NewCalendar(zero data)", func() error { _, err := NewCalendar(cd); return err }, ErrInvalidCalendar},
		{"Week.String", func() error { return boolErr(wk.String() == "", true) }, nil},
		{"enums", func() error {
			_ = fmt.Sprint(Unit(0), State(0), EventKind(0), Unit(9), State(9), EventKind(99))
			return nil
		}, nil},
		{"NewReport(nil)", func() error { _, err := NewReport(nil, now, ReportOptions{}); return err }, nil},
	}
	for _, tt := range calls {
		func() {
			defer func() {
				if v := recover(); v != nil {
					t.Errorf("%s panicked: %v", tt.name, v)
				}
			}()
			err := tt.call()
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("%s: %v, want an error wrapping %v", tt.name, err, tt.want)
			case tt.want == nil && err != nil && !errors.Is(err, errUnexpected) && tt.name != "Date.MarshalText":
				t.Errorf("%s: %v", tt.name, err)
			case errors.Is(err, errUnexpected):
				t.Errorf("%s: unexpected result", tt.name)
			}
		}()
	}
}

var errUnexpected = errors.New("unexpected result")

func boolErr(got, want bool) error {
	if got != want {
		return errUnexpected
	}
	return nil
}
