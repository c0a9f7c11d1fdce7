package rating_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// Every reader of the module refuses the same malformed documents: invalid UTF-8 (which encoding/json would turn
// into U+FFFD) and repeated keys, before the keys are matched.
func TestReadersRefuseMalformedText(t *testing.T) {
	for _, tt := range []struct {
		doc    string
		reason string
	}{
		{"{\"employee_id\":\"ann\xff\",\"calls\":{}}", "invalid UTF-8 in a string"},
		{`{"employee_id":"ann","employee_id":"bob"}`, "a repeated key"},
		{`{"employee_id":"\ud800"}`, "an escaped lone surrogate"},
	} {
		var p rating.Personal
		if err := json.Unmarshal([]byte(tt.doc), &p); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("%s: %v, want ErrDecode", tt.reason, err)
		}
	}
}
