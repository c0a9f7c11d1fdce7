package rating

import (
	"encoding/json"
	"fmt"
	"math"
)

// MarshalJSON writes {"employee_id":…,"calls":{"count":…,"sum":…},"rating":{…}}. Personal needs its own
// method: without it, the one of the embedded Rating would be used and drop the employee and the calls.
func (p Personal) MarshalJSON() ([]byte, error) {
	b := appendString([]byte(`{"employee_id":`), p.EmployeeID)
	calls, _ := p.Calls.MarshalJSON()
	b = append(b, `,"calls":`...)
	b = append(b, calls...)
	b = append(b, `,"rating":`...)
	b, err := p.Rating.appendJSON(b)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly. Errors wrap sq.ErrMalformed; on error p is unchanged.
func (p *Personal) UnmarshalJSON(b []byte) error {
	return decodeJSON("personal rating", b, func(b []byte) error {
		var id, calls, rating json.RawMessage
		if err := readObject(b, map[string]*json.RawMessage{"employee_id": &id, "calls": &calls,
			"rating": &rating}); err != nil {
			return err
		}
		var v Personal
		var err error
		if v.EmployeeID, err = decodeString(id, `field "employee_id"`); err != nil {
			return err
		}
		if v.Calls, err = decodeAccumulatorJSON(calls); err != nil {
			return fmt.Errorf(`field "calls": %w`, err)
		}
		if v.Rating, err = decodeRating(rating); err != nil {
			return fmt.Errorf(`field "rating": %w`, err)
		}
		*p = v
		return nil
	})
}

// MarshalJSON writes {"department_id":…,"counted":…,"skipped":…,"rating":{…}}. Department needs its own method:
// without it, the one of the embedded Rating would be used and drop the department and the counts.
func (d Department) MarshalJSON() ([]byte, error) {
	if d.Counted < 0 || d.Skipped < 0 {
		return nil, errorf("department %q: counts %d and %d must be at least 0: %w", clip(d.DepartmentID),
			d.Counted, d.Skipped, errInvalidInput)
	}
	b := appendString([]byte(`{"department_id":`), d.DepartmentID)
	b = fmt.Appendf(b, `,"counted":%d,"skipped":%d,"rating":`, d.Counted, d.Skipped)
	b, err := d.Rating.appendJSON(b)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly. Errors wrap sq.ErrMalformed; on error d is unchanged.
func (d *Department) UnmarshalJSON(b []byte) error {
	return decodeJSON("department rating", b, func(b []byte) error {
		var id, counted, skipped, rating json.RawMessage
		if err := readObject(b, map[string]*json.RawMessage{"department_id": &id, "counted": &counted,
			"skipped": &skipped, "rating": &rating}); err != nil {
			return err
		}
		var v Department
		var err error
		if v.DepartmentID, err = decodeString(id, `field "department_id"`); err != nil {
			return err
		}
		c, err := decodeInt(counted, `field "counted"`, math.MaxInt32)
		if err != nil {
			return err
		}
		s, err := decodeInt(skipped, `field "skipped"`, math.MaxInt32)
		if err != nil {
			return err
		}
		v.Counted, v.Skipped = int(c), int(s)
		if v.Rating, err = decodeRating(rating); err != nil {
			return fmt.Errorf(`field "rating": %w`, err)
		}
		*d = v
		return nil
	})
}
