package survey_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/survey"
)

// almaty is a fixed UTC+5 zone, so the tests need no time-zone database.
var almaty = time.FixedZone("UTC+5", 5*3600)

// at returns a time in the test zone.
func at(y int, m time.Month, day, hour int) time.Time {
	return time.Date(y, m, day, hour, 0, 0, 0, almaty)
}

func TestCalendarPeriods(t *testing.T) {
	q2 := must(survey.Quarter(2024, 2, almaty))
	if want := (survey.Period{From: at(2024, 4, 1, 0), To: at(2024, 7, 1, 0)}); !q2.Equal(want) {
		t.Errorf("Quarter(2024, 2) = %v, want %v", q2, want)
	}
	feb := must(survey.Month(2024, time.February, almaty))
	if want := (survey.Period{From: at(2024, 2, 1, 0), To: at(2024, 3, 1, 0)}); !feb.Equal(want) {
		t.Errorf("Month(2024, February) = %v, want %v", feb, want)
	}
	// The boundary is local midnight: 19:00 UTC on 31 March is already April in UTC+5.
	edge := time.Date(2024, 3, 31, 19, 0, 0, 0, time.UTC)
	if !q2.Contains(edge) {
		t.Errorf("%v does not contain %v (00:00 on 1 April in UTC+5)", q2, edge)
	}
	if q2.Contains(q2.To) || !q2.Contains(q2.From) {
		t.Error("a period must contain From and not To")
	}
	utcQ2 := must(survey.Quarter(2024, 2, time.UTC))
	if utcQ2.Contains(edge) {
		t.Errorf("%v contains %v, which is still March in UTC", utcQ2, edge)
	}
}

func TestMonthsAndQuarters(t *testing.T) {
	got := must(survey.Quarters(at(2023, 11, 15, 10), at(2024, 4, 1, 0), almaty))
	want := []survey.Period{
		{From: at(2023, 10, 1, 0), To: at(2024, 1, 1, 0)},
		{From: at(2024, 1, 1, 0), To: at(2024, 4, 1, 0)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Quarters mismatch (-want +got):\n%s", diff)
	}
	months := must(survey.Months(at(2024, 1, 31, 23), at(2024, 3, 1, 1), almaty))
	wantMonths := []survey.Period{
		{From: at(2024, 1, 1, 0), To: at(2024, 2, 1, 0)},
		{From: at(2024, 2, 1, 0), To: at(2024, 3, 1, 0)},
		{From: at(2024, 3, 1, 0), To: at(2024, 4, 1, 0)},
	}
	if diff := cmp.Diff(wantMonths, months); diff != "" {
		t.Errorf("Months mismatch (-want +got):\n%s", diff)
	}
}

func TestPeriodErrors(t *testing.T) {
	tests := []struct {
		err    error
		reason string
	}{
		{second(survey.Month(2024, 13, almaty)), "month 13"},
		{second(survey.Month(2024, time.May, nil)), "nil location"},
		{second(survey.Month(0, time.May, almaty)), "year 0"},
		{second(survey.Quarter(2024, 5, almaty)), "quarter 5"},
		{second(survey.Quarters(at(2024, 5, 1, 0), at(2024, 5, 1, 0), almaty)), "empty range"},
		{second(survey.Months(at(2024, 5, 1, 0), at(2023, 5, 1, 0), almaty)), "reversed range"},
		{second(survey.Months(at(1, 1, 1, 0), at(9999, 1, 1, 0), almaty)), "more than 12 000 months"},
		{second(survey.Months(at(2024, 5, 1, 0), at(2024, 6, 1, 0), nil)), "nil location for a range"},
		{survey.Period{}.Validate(), "the zero period"},
	}
	for _, tt := range tests {
		wantErr(t, tt.reason, tt.err, survey.ErrInvalidPeriod)
	}
}

func second[T any](_ T, err error) error { return err }
