package zerotest

import (
	"strings"
	"testing"
)

type safe struct{ n int }

func (s *safe) Get() int { return s.n }

type unsafe struct{ m map[string]int }

func (u *unsafe) Set(k string) { u.m[k] = 1 } // panics on the zero value

// recorder is a testing.TB that records errors.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Errorf(f string, args ...any) { r.errs = append(r.errs, f) }

// CallAll passes a type whose zero value is safe and reports one that panics, naming the method.
func TestCallAll(t *testing.T) {
	var r recorder
	CallAll(&r, safe{})
	if len(r.errs) != 1 { // (*safe)(nil).Get dereferences nil: reported
		t.Errorf("safe: %d reports, want 1 (the nil pointer): %v", len(r.errs), r.errs)
	}
	r.errs = nil
	CallAll(&r, unsafe{})
	if len(r.errs) == 0 || !strings.Contains(r.errs[0], "panics") {
		t.Errorf("unsafe: reports %v, want a panic reported", r.errs)
	}
}
