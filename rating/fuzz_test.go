package rating_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// FuzzPersonalJSON: whatever the strict reader accepts re-encodes to JSON that reads back Equal and encodes to
// the same bytes again; what it refuses is an error of kind sq.ErrMalformed or sq.ErrLimit.
func FuzzPersonalJSON(f *testing.F) {
	for _, p := range staff(f) {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	b, _ := json.Marshal(rating.Personal{})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var p rating.Personal
		if err := p.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, sq.ErrLimit) {
				t.Fatalf("error %v is neither sq.ErrMalformed nor sq.ErrLimit", err)
			}
			return
		}
		checkJSONRoundTrip(t, p)
	})
}

// FuzzSettingsJSON: whatever the strict readers of the settings and of the inputs' parts accept reads back Equal
// after a round trip and encodes to the same bytes; what they refuse is an error of kind sq.ErrMalformed or
// sq.ErrLimit (the readers do not validate: NewPersonalRater and NewDepartmentRater do).
func FuzzSettingsJSON(f *testing.F) {
	for _, v := range []any{rating.DefaultPersonalSettings(), rating.DefaultDepartmentSettings(), goodSurvey,
		callsOn("anna", day(2024, 2, 1), "4.5")[0], platforms[0]} {
		b, _ := json.Marshal(v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		refused := func(err error) bool {
			if err != nil && !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, sq.ErrLimit) {
				t.Fatalf("error %v is neither sq.ErrMalformed nor sq.ErrLimit", err)
			}
			return err != nil
		}
		var ps rating.PersonalSettings
		if !refused(ps.UnmarshalJSON(b)) {
			checkJSONRoundTrip(t, ps)
		}
		var ds rating.DepartmentSettings
		if !refused(ds.UnmarshalJSON(b)) {
			checkJSONRoundTrip(t, ds)
		}
		var sv rating.Survey
		if !refused(sv.UnmarshalJSON(b)) {
			checkJSONRoundTripCmp(t, sv)
		}
		var c rating.CallScore
		if !refused(c.UnmarshalJSON(b)) {
			checkJSONRoundTripCmp(t, c)
		}
		var p rating.PlatformRating
		if !refused(p.UnmarshalJSON(b)) {
			checkJSONRoundTrip(t, p)
		}
	})
}
