// Package kinds holds the three sentinels of bad input that package sq exports, so that module-internal helpers
// below sq (such as strictjson) can wrap them without importing it.
package kinds

import "errors"

// The kinds of bad input; see sq.ErrMalformed, sq.ErrLimit and sq.ErrInvalid.
var (
	Malformed = errors.New("malformed input")
	Limit     = errors.New("over a limit")
	Invalid   = errors.New("invalid input")
)
