package review

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
)

// OpenItem is a dispute open at the report time.
type OpenItem struct {
	Evaluation string // the evaluation's ID
	Employee   string // whose work was evaluated
	Evaluator  string // who scored it
	By         Actor  // who filed the dispute
	Since      time.Time
	Age        time.Duration
	Criteria   []string // the criteria disputed
}

// Rates counts disputes for one evaluator or one criterion.
type Rates struct {
	Key string
	// Evaluations counts the reviews of the evaluator, or the reviews whose rubric has the criterion.
	Evaluations int
	// Disputed counts the disputes filed (of the evaluator's evaluations, or naming the criterion); Decided those
	// decided; Accepted the decisions that accepted them (wholly or, for a criterion, its proposed answer);
	// Rejected the rest of the decided ones.
	Disputed, Decided, Accepted, Rejected int
}

// DisputeRate returns Disputed / Evaluations exactly; zero when there is nothing. Round it with Fraction.Round.
func (x Rates) DisputeRate() sq.Fraction { return share(x.Disputed, x.Evaluations) }

// AcceptanceRate returns Accepted / Decided exactly; zero when nothing is decided. An evaluator whose disputes are
// often accepted needs calibration (rubric/calibration).
func (x Rates) AcceptanceRate() sq.Fraction { return share(x.Accepted, x.Decided) }

// share returns k/n, zero when n is 0.
func share(k, n int) sq.Fraction {
	if n == 0 {
		return sq.Fraction{}
	}
	f, _ := sq.Ratio(int64(k), int64(n)) // n is not zero: cannot fail
	return f
}

// Report is the disputes report at a time: what is open, and how often each evaluator's scores and each
// criterion are disputed and overturned.
type Report struct {
	At time.Time
	// Open lists the disputes open at At, the oldest first (ties by evaluation ID).
	Open []OpenItem
	// ByEvaluator and ByCriterion are sorted by key.
	ByEvaluator []Rates
	ByCriterion []Rates
}

// MaxReportReviews is the largest number of reviews one report takes.
const MaxReportReviews = 1_000_000

// NewReport builds the disputes report at now from the events at or before now. Reviews scored after now are
// left out. The result does not depend on the order of vs. Errors wrap ErrInvalidReview (a zero Review, too many
// reviews).
func NewReport(vs []Review, now time.Time) (Report, error) {
	if len(vs) > MaxReportReviews {
		return Report{}, errf(sq.ErrLimit, "report: %d reviews, at most %d allowed", len(vs), MaxReportReviews)
	}
	rep := Report{At: now}
	evaluators, criteria := map[string]*Rates{}, map[string]*Rates{}
	criterionIDs := map[*rubric.Rubric][]string{}
	get := func(m map[string]*Rates, k string) *Rates {
		x := m[k]
		if x == nil {
			x = &Rates{Key: k}
			m[k] = x
		}
		return x
	}
	for i, v := range vs {
		if err := v.check(); err != nil {
			return Report{}, fmt.Errorf("review: report: review %d: %w", i+1, err)
		}
		if now.Before(v.scoredAt) {
			continue
		}
		evaluator := v.original.EvaluatorID
		if evaluator == "" {
			evaluator = v.scoredBy.ID
		}
		ev := get(evaluators, evaluator)
		ev.Evaluations++
		ids, ok := criterionIDs[v.rubric]
		if !ok { // Criteria copies the definition: once per rubric, not once per review
			for _, c := range v.rubric.Criteria() {
				ids = append(ids, c.ID)
			}
			criterionIDs[v.rubric] = ids
		}
		for _, id := range ids {
			get(criteria, id).Evaluations++
		}
		var open *Event
		for _, e := range v.events {
			if e.At.After(now) {
				break
			}
			switch e.Kind {
			case Disputed:
				ev.Disputed++
				for _, a := range e.Answers {
					get(criteria, a.Criterion).Disputed++
				}
				ee := e
				open = &ee
			case Decided:
				ev.Decided++
				if e.Decision == Rejected {
					ev.Rejected++
				} else {
					ev.Accepted++
				}
				for _, a := range open.Answers {
					c := get(criteria, a.Criterion)
					c.Decided++
					if e.Decision == Accepted || e.Decision == PartlyAccepted && slices.Contains(e.Accepted,
						a.Criterion) {
						c.Accepted++
					} else {
						c.Rejected++
					}
				}
				open = nil
			}
		}
		if open != nil {
			item := OpenItem{Evaluation: v.original.ID, Employee: v.original.EmployeeID, Evaluator: evaluator,
				By:    open.By,
				Since: open.At, Age: now.Sub(open.At)}
			for _, a := range open.Answers {
				item.Criteria = append(item.Criteria, a.Criterion)
			}
			rep.Open = append(rep.Open, item)
		}
	}
	slices.SortFunc(rep.Open, func(a, b OpenItem) int {
		return cmp.Or(a.Since.Compare(b.Since), strings.Compare(a.Evaluation, b.Evaluation))
	})
	rep.ByEvaluator, rep.ByCriterion = sorted(evaluators), sorted(criteria)
	return rep, nil
}

func sorted(m map[string]*Rates) []Rates {
	out := make([]Rates, 0, len(m))
	for _, x := range m {
		out = append(out, *x)
	}
	slices.SortFunc(out, func(a, b Rates) int { return strings.Compare(a.Key, b.Key) })
	return out
}
