package survey

import (
	"fmt"
	"time"
)

// Outcome is what became of one complainant: whether they were still a client when observed. The caller supplies
// it (from the CRM), with the dates.
type Outcome struct {
	Complainant string
	Complained  time.Time // when the complaint was received
	Observed    time.Time // when StillClient was observed
	StillClient bool
}

// RetentionFromOutcomes tallies the share of complainants still clients some time after their complaint (SPEC R15:
// "keep 90% of clients who complained"; measure its Percent against a Target such as
// Target{Metric: "complainants kept, %", Compare: AtLeast, Value: 90}). It counts the outcomes observed at least
// window after the complaint; the others are not yet due and are returned in pending (their number). A complainant listed twice, zero times, an observation before
// the complaint and a negative window are errors wrapping ErrInvalidAnswer; more than MaxCount outcomes one
// wrapping ErrInvalidCount.
func RetentionFromOutcomes(outcomes []Outcome, window time.Duration) (r Share, pending int, err error) {
	if window < 0 {
		return Share{}, 0, fail(ErrInvalidAnswer, "retention: window %v is negative", window)
	}
	if int64(len(outcomes)) > MaxCount {
		return Share{}, 0, fail(ErrInvalidCount, "retention: %d outcomes, at most %d", len(outcomes), MaxCount)
	}
	seen := make(map[string]bool, len(outcomes))
	for i, o := range outcomes {
		where := fmt.Sprintf("retention: outcome %d (%q)", i+1, clip(o.Complainant))
		switch {
		case o.Complainant == "":
			return Share{}, 0, fail(ErrInvalidAnswer, "%s: the complainant is empty", where)
		case seen[o.Complainant]:
			return Share{}, 0, fail(ErrInvalidAnswer, "%s: the complainant is listed twice", where)
		case o.Complained.IsZero() || o.Observed.IsZero():
			return Share{}, 0, fail(ErrInvalidAnswer, "%s: the complaint and observation times are required", where)
		case o.Observed.Before(o.Complained):
			return Share{}, 0, fail(ErrInvalidAnswer, "%s: observed before the complaint", where)
		}
		seen[o.Complainant] = true
		if o.Observed.Sub(o.Complained) < window {
			pending++
			continue
		}
		r.total++
		if o.StillClient {
			r.hits++
		}
	}
	return r, pending, nil
}
