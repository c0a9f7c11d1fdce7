package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ev-101      aigerim   call-5531  4.6    4.6  -",
		`ev-103      dmitry    call-5547  0.0    4.9  violation "promise_not_kept" zeroes the whole evaluation`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
