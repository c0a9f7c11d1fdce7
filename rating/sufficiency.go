package rating

import (
	"fmt"
	"strings"

	"github.com/servicequality/servicequality/sq"
)

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
// has a value, for analytics (Exact), but Final reports it only when it is sufficient, so it is not shown as a
// number that looks final by accident. Round a value once, at the edge, with sq.Fraction.Round.
//
// The zero Rating was never computed: it is insufficient, with the value 0 and no reasons. A Rating is an
// immutable value, safe for concurrent use.
type Rating struct {
	weighted weighted
	reasons  []Reason
}

// newRating returns the rating of w, sufficient exactly when reasons is empty.
func newRating(w weighted, reasons []Reason) Rating { return Rating{weighted: w, reasons: reasons} }

// Sufficient reports whether every sufficiency rule holds: the rating was computed and has no reason.
func (r Rating) Sufficient() bool { return len(r.reasons) == 0 && len(r.weighted.parts) > 0 }

// status is the word for Sufficient in the JSON form and in messages.
func (r Rating) status() string {
	if r.Sufficient() {
		return "sufficient"
	}
	return "insufficient"
}

// Reasons returns the broken sufficiency rules, in the order of their codes; empty for a sufficient rating. The
// slice is a copy.
func (r Rating) Reasons() []Reason { return append([]Reason(nil), r.reasons...) }

// Exact returns the exact value whatever the status.
func (r Rating) Exact() sq.Fraction { return r.weighted.value }

// Final returns the exact value and true when the rating is sufficient, and zero and false otherwise.
func (r Rating) Final() (sq.Fraction, bool) {
	if !r.Sufficient() {
		return sq.Fraction{}, false
	}
	return r.weighted.value, true
}

// Breakdown returns one Contribution per component of the rating, in the order of the settings, missing ones
// included; nil for the zero Rating. The slice is a copy.
func (r Rating) Breakdown() []Contribution { return append([]Contribution(nil), r.weighted.parts...) }

// Equal reports whether r and o have the same reasons and weighted mean.
func (r Rating) Equal(o Rating) bool {
	if len(r.reasons) != len(o.reasons) || !r.weighted.equal(o.weighted) {
		return false
	}
	for i := range r.reasons {
		if r.reasons[i] != o.reasons[i] {
			return false
		}
	}
	return true
}

// String returns the displayed value ("4.3", one digit half-up) for a sufficient rating, and for an insufficient
// one the word "insufficient", the provisional value in brackets and the reason codes: "insufficient [3.9]:
// few-calls, low-coverage".
func (r Rating) String() string {
	v := shown(r.weighted.value)
	if r.Sufficient() {
		return v
	}
	codes := make([]string, len(r.reasons))
	for i, x := range r.reasons {
		codes[i] = x.Code.String()
	}
	s := "insufficient [" + v + "]"
	if len(codes) > 0 {
		s += ": " + strings.Join(codes, ", ")
	}
	return s
}
