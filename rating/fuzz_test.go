package rating_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// FuzzPersonalJSON: whatever the strict reader accepts re-encodes to JSON that reads back Equal and encodes to
// the same bytes again; what it refuses is an error wrapping ErrDecode or ErrLimit.
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
				t.Fatalf("error %v wraps neither ErrDecode nor ErrLimit", err)
			}
			return
		}
		checkJSONRoundTrip(t, p)
	})
}
