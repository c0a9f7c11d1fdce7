// Package recordtb is a testing.TB that records failures instead of failing, so that the tests of the test kits
// (rubrictest, complaintstest, ratingtest, surveytest, calibrationtest) can prove that a checker fails on a broken input and say what
// its message reads.
package recordtb

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TB records what a checker reports. The embedded testing.TB is the real test, used only for what TB does not
// override (Cleanup, TempDir, ...). Its zero value is not usable; Run makes one.
type TB struct {
	testing.TB
	mu     sync.Mutex
	failed bool
	out    []string
}

// Run runs check with a recording TB on a goroutine of its own (so FailNow can stop it) in a temporary working
// directory (so that rapid's fail files land there and not in the package), and returns whether check failed and
// everything it reported, joined by newlines. Run must not be used from parallel tests: it changes the working
// directory of the process for the duration of check.
func Run(t testing.TB, check func(tb testing.TB)) (failed bool, output string) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
	}()
	rec := &TB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(rec)
	}()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.failed, strings.Join(rec.out, "\n")
}

func (r *TB) record(fail bool, s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out = append(r.out, s)
	r.failed = r.failed || fail
}

// The methods of testing.TB record what they are told instead of failing the test; FailNow, Fatal and Skip end
// the goroutine of the check, as they do in a test.

// Helper does nothing.
func (r *TB) Helper()                           {}
func (r *TB) Name() string                      { return "recordtb" }
func (r *TB) Log(args ...any)                   { r.record(false, fmt.Sprint(args...)) }
func (r *TB) Logf(format string, args ...any)   { r.record(false, fmt.Sprintf(format, args...)) }
func (r *TB) Error(args ...any)                 { r.record(true, fmt.Sprint(args...)) }
func (r *TB) Errorf(format string, args ...any) { r.record(true, fmt.Sprintf(format, args...)) }
func (r *TB) Fail()                             { r.record(true, "") }
func (r *TB) FailNow()                          { r.Fail(); runtime.Goexit() }
func (r *TB) Fatal(args ...any)                 { r.Error(args...); runtime.Goexit() }
func (r *TB) Fatalf(format string, args ...any) { r.Errorf(format, args...); runtime.Goexit() }
func (r *TB) Skip(args ...any)                  { r.Log(args...); runtime.Goexit() }
func (r *TB) Skipf(format string, args ...any)  { r.Logf(format, args...); runtime.Goexit() }
func (r *TB) SkipNow()                          { runtime.Goexit() }
func (r *TB) Skipped() bool                     { return false }

// Failed reports whether the check failed so far.
func (r *TB) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}
