package recordtb_test

import (
	"os"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
)

func TestRun(t *testing.T) {
	dir, _ := os.Getwd()
	for _, tt := range []struct {
		name       string
		check      func(tb testing.TB)
		wantFailed bool
		wantOut    string
		reason     string
	}{
		{"pass", func(tb testing.TB) { tb.Logf("fine %d", 1) }, false, "fine 1", "a log is recorded, not a failure"},
		{"errorf", func(tb testing.TB) { tb.Errorf("bad %s", "x"); tb.Log("after") }, true, "bad x\nafter", "Errorf records and goes on"},
		{"fatal", func(tb testing.TB) { tb.Fatalf("stop"); tb.Log("never") }, true, "stop", "Fatalf ends the check"},
		{"failnow", func(tb testing.TB) { tb.FailNow(); tb.Log("never") }, true, "", "FailNow ends the check"},
		{"skip", func(tb testing.TB) { tb.Skip("later"); tb.Error("never") }, false, "later", "Skip ends the check without failing"},
	} {
		failed, out := recordtb.Run(t, tt.check)
		if failed != tt.wantFailed || out != tt.wantOut {
			t.Errorf("%s (%s): failed %t, output %q; want %t, %q", tt.name, tt.reason, failed, out, tt.wantFailed, tt.wantOut)
		}
	}
	if now, _ := os.Getwd(); now != dir {
		t.Errorf("working directory %s after Run, want %s", now, dir)
	}
}
