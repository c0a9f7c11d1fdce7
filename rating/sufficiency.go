package rating

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Status says whether a rating rests on enough data to be presented as final.
type Status uint8

const (
	// Insufficient (the zero value): the rating is provisional; its Reasons say why.
	Insufficient Status = iota
	// Sufficient: every sufficiency rule holds.
	Sufficient
)

// String returns "insufficient" or "sufficient".
func (s Status) String() string {
	switch s {
	case Insufficient:
		return "insufficient"
	case Sufficient:
		return "sufficient"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// ReasonCode names a sufficiency rule that a rating breaks.
type ReasonCode uint8

const (
	// FewCalls: fewer evaluated calls than the minimum (SPEC R5: at least 5).
	FewCalls ReasonCode = iota + 1
	// LowCoverage: the clients surveyed are below the minimum share of the employee's clients (SPEC R14: 4%), or
	// the number of clients is unknown.
	LowCoverage
	// NoEvaluationInQuarter: no evaluated call in the period that must hold one (SPEC R6: at least once a quarter).
	NoEvaluationInQuarter
	// MissingComponent: a weighted component is missing and the rating was renormalized over the others.
	MissingComponent
	// NoSufficientEmployees: a department has employees, but no personal rating that counts (SPEC R7).
	NoSufficientEmployees
)

var reasonNames = [...]string{
	FewCalls:              "few-calls",
	LowCoverage:           "low-coverage",
	NoEvaluationInQuarter: "no-evaluation-in-quarter",
	MissingComponent:      "missing-component",
	NoSufficientEmployees: "no-sufficient-employees",
}

// String returns the code in kebab case, such as "few-calls".
func (c ReasonCode) String() string {
	if c >= 1 && int(c) < len(reasonNames) {
		return reasonNames[c]
	}
	return fmt.Sprintf("ReasonCode(%d)", uint8(c))
}

// Reason is one broken sufficiency rule: a code for programs and a message for people.
type Reason struct {
	Code    ReasonCode
	Message string
	// Component names the component a MissingComponent or NoSufficientEmployees reason is about ("calls",
	// "survey", "employees", or "csi" / "nps" inside the survey index); it is empty for the other codes.
	Component string
}

// String returns "few-calls: 3 evaluated calls, at least 5 needed".
func (r Reason) String() string { return r.Code.String() + ": " + r.Message }

// Rating is a weighted rating on the 5-point scale with its sufficiency status. An insufficient rating still
// has a value, for analytics (Value, Exact), but Final and Display report it only when it is sufficient, so it
// is not shown as a number that looks final by accident.
//
// The zero Rating was never computed: it is Insufficient, with the value 0 and no reasons. A Rating is an
// immutable value, safe for concurrent use.
type Rating struct {
	weighted Weighted
	status   Status
	reasons  []Reason
}

// newRating returns the rating of w, sufficient exactly when reasons is empty.
func newRating(w Weighted, reasons []Reason) Rating {
	r := Rating{weighted: w, reasons: reasons, status: Insufficient}
	if len(reasons) == 0 {
		r.status = Sufficient
	}
	return r
}

// Status returns Sufficient or Insufficient.
func (r Rating) Status() Status { return r.status }

// Sufficient reports whether the status is Sufficient.
func (r Rating) Sufficient() bool { return r.status == Sufficient }

// Reasons returns the broken sufficiency rules, in the order of their codes; empty for a sufficient rating. The
// slice is a copy.
func (r Rating) Reasons() []Reason { return append([]Reason(nil), r.reasons...) }

// Has reports whether the rating breaks the rule code.
func (r Rating) Has(code ReasonCode) bool {
	for _, x := range r.reasons {
		if x.Code == code {
			return true
		}
	}
	return false
}

// Stored returns the stored value (10 digits after the point, half-even) whatever the status: for analytics and
// for a NUMERIC column (Value writes it).
func (r Rating) Stored() decimal.Decimal { return r.weighted.Stored() }

// Exact returns the exact value whatever the status.
func (r Rating) Exact() Fraction { return r.weighted.Exact() }

// Final returns the stored value and true when the rating is sufficient, and zero and false otherwise.
func (r Rating) Final() (decimal.Decimal, bool) {
	if !r.Sufficient() {
		return decimal.Decimal{}, false
	}
	return r.weighted.Stored(), true
}

// Display returns the value for people (one digit after the point, half-up, rounded once from the exact value)
// and true when the rating is sufficient, and zero and false otherwise.
func (r Rating) Display() (decimal.Decimal, bool) {
	if !r.Sufficient() {
		return decimal.Decimal{}, false
	}
	return r.weighted.Display(), true
}

// Breakdown returns the weighted mean behind the rating: each component's value, share and points.
func (r Rating) Breakdown() Weighted { return r.weighted }

// Equal reports whether r and o have the same status, reasons and weighted mean.
func (r Rating) Equal(o Rating) bool {
	if r.status != o.status || len(r.reasons) != len(o.reasons) || !r.weighted.Equal(o.weighted) {
		return false
	}
	for i := range r.reasons {
		if r.reasons[i] != o.reasons[i] {
			return false
		}
	}
	return true
}

// String returns the displayed value ("4.3") for a sufficient rating, and for an insufficient one the word
// "insufficient", the provisional value in brackets and the reason codes: "insufficient [3.9]: few-calls,
// low-coverage".
func (r Rating) String() string {
	if d, ok := r.Display(); ok {
		return d.StringFixed(DisplayPlaces)
	}
	codes := make([]string, len(r.reasons))
	for i, x := range r.reasons {
		codes[i] = x.Code.String()
	}
	s := "insufficient [" + r.weighted.Display().StringFixed(DisplayPlaces) + "]"
	if len(codes) > 0 {
		s += ": " + strings.Join(codes, ", ")
	}
	return s
}
