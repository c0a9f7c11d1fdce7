package complaints

import (
	"time"
	"unicode/utf8"

	"github.com/servicequality/servicequality/sq"
)

// clip shortens s for an error message: at most 200 bytes (the longest name or ID a policy or complaint may
// have, so a valid name is never cut), cut at a character boundary.
func clip(s string) string {
	const max = maxIDText
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// noon returns 12:00 UTC on d: an instant whose date is d in UTC, away from any clock change.
func noon(d sq.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }
