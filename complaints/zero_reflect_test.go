package complaints_test

import (
	"testing"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/internal/zerotest"
)

// Every exported type's zero value, and a nil pointer for the methods declared on the pointer, answers every
// method (with zero arguments) with its documented result or an error, never a panic.
func TestZeroValuesAnswerEveryMethod(t *testing.T) {
	for _, zero := range []any{
		complaints.Policy{}, complaints.Complaint{}, complaints.Deadline{}, complaints.Basis{},
		complaints.Status{}, complaints.MilestoneStatus{}, complaints.Report{}, complaints.Counts{},
		complaints.Failure{}, complaints.Change{}, complaints.DayChange{},
		complaints.Event{}, complaints.Info{}, complaints.Year{}, complaints.Day{},
		complaints.CalendarData{}, complaints.WorkCalendar{}, complaints.Week{}, complaints.Extension{},
		complaints.Milestone{}, complaints.ReportOptions{}, complaints.Unit(0),
		complaints.State(0), complaints.EventKind(0),
	} {
		zerotest.CallAll(t, zero)
	}
}
