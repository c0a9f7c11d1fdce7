// Package problems gathers the problems found while validating one input, so that a caller hears about all of them
// at once, and quotes callers' strings for error messages.
package problems

import (
	"errors"
	"fmt"
)

// Max is the number of problems a List keeps; the rest are counted.
const Max = 20

// List gathers up to Max problems. The zero List is empty and ready to use.
type List struct {
	errs []error
	more int
}

// Add records a problem.
func (l *List) Add(err error) {
	if len(l.errs) < Max {
		l.errs = append(l.errs, err)
		return
	}
	l.more++
}

// Err returns nil for no problem, the problem itself for one, and otherwise all of them joined (errors.Is and
// errors.As see each), followed by "<prefix>: and N more problems" when more than Max were found.
func (l *List) Err(prefix string) error {
	switch {
	case len(l.errs) == 0:
		return nil
	case len(l.errs) == 1:
		return l.errs[0]
	}
	errs := l.errs
	if l.more > 0 {
		errs = append(errs[:len(errs):len(errs)], fmt.Errorf("%s: and %d more problems", prefix, l.more))
	}
	return errors.Join(errs...)
}

// Quote quotes a caller's string for an error message, shortened to 64 bytes.
func Quote(s string) string {
	const max = 64
	if len(s) > max {
		return fmt.Sprintf("%q...", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
