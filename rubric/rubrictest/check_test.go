package rubrictest_test

import (
	"testing"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
)

// TestCheckTemplates runs the checker on every built-in template: each must hold every invariant.
func TestCheckTemplates(t *testing.T) {
	for _, id := range rubric.Templates() {
		t.Run(id, func(t *testing.T) {
			r, err := rubric.Template(id)
			if err != nil {
				t.Fatal(err)
			}
			rubrictest.Check(t, r)
		})
	}
}
