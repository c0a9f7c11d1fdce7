package survey

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
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
// window after the complaint; the others are not yet due and are returned in pending (their number). A negative
// window wraps ErrInvalidSetting; a complainant listed twice or empty, a zero time and an observation before the
// complaint wrap ErrInvalidAnswer, with the path "outcomes[n]" (n counted from 1); more than MaxCount outcomes wrap
// sq.ErrLimit.
func RetentionFromOutcomes(outcomes []Outcome, window time.Duration) (r Share, pending int, err error) {
	if window < 0 {
		return Share{}, 0, problem(ErrInvalidSetting, "window", window.String(), "not negative")
	}
	if int64(len(outcomes)) > MaxCount {
		return Share{}, 0, problem(sq.ErrLimit, "outcomes", fmt.Sprint(len(outcomes)), fmt.Sprintf("at most %d", MaxCount))
	}
	seen := make(map[string]bool, len(outcomes))
	for i, o := range outcomes {
		bad := func(field, value, rule string) error {
			return problem(ErrInvalidAnswer, join(sq.Index("outcomes", i), field), value, rule)
		}
		switch {
		case o.Complainant == "":
			return Share{}, 0, bad("complainant", `""`, "not empty")
		case seen[o.Complainant]:
			return Share{}, 0, bad("complainant", clip(o.Complainant), "listed once")
		case o.Complained.IsZero():
			return Share{}, 0, bad("complained", "zero", "the time of the complaint")
		case o.Observed.IsZero():
			return Share{}, 0, bad("observed", "zero", "the time of the observation")
		case o.Observed.Before(o.Complained):
			return Share{}, 0, bad("observed", o.Observed.Format(time.RFC3339), "not before the complaint")
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
