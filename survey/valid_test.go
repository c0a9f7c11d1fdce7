package survey_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// Every reader of the module refuses the same malformed documents: invalid UTF-8 and repeated keys.
func TestReadersRefuseMalformedText(t *testing.T) {
	for _, tt := range []struct {
		doc    string
		reason string
	}{
		{"{\"yes\":1,\"total\":2,\"x\xff\":1}", "invalid UTF-8 in a key"},
		{`{"yes":1,"yes":2,"total":2}`, "a repeated key"},
	} {
		var s survey.Share
		if err := json.Unmarshal([]byte(tt.doc), &s); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("%s: %v, want ErrSyntax", tt.reason, err)
		}
	}
}
