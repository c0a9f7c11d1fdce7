package rubric

import (
	"slices"
	"time"
)

// MarshalJSON writes the result for a CRM or a report: identifiers, totals as decimal strings, whether the total
// is exact, the band, the breakdown per criterion and section with the points each criterion lost on the total's
// scale ("lost", left out when 0; "auto_fail_lost" for an auto-fail, see Losses), the reasons (with an English
// explanation), the violations observed, and the evaluation's department, comments (on the evaluation and on each
// answer) and attributes:
//
//	{"rubric": "call-quality", "version": "2023-03-01", "evaluation": "ev-1", "call": "c-77",
//	 "employee": "e-12", "evaluator": "qa-3", "at": "2026-03-02T10:00:00+05:00",
//	 "total": "4.5", "max": "5", "raw_total": "4.5", "exact": true, "auto_fail": false,
//	 "criteria": [{"id": "greeting", "raw": "0.5", "points": "0.5", "max": "0.5"},
//	              {"id": "tonality", "level": "yellow", "zeroed": true, "raw": "0.5", "points": "0", "max": "0.5",
//	               "lost": "0.5"}, ...],
//	 "reasons": [{"effect": "criterion", "criterion": "tonality", "level": "yellow", "target": "tonality",
//	              "text": "level \"yellow\" of criterion \"tonality\" zeroes criterion \"tonality\""}]}
//
// This is also the stored form of a result: ParseResult reads it back, against the rubric it was scored on, to an
// Equal Result. The zero Result belongs to no rubric and has no stored form: MarshalJSON refuses it with
// ErrNoRubric.
func (res Result) MarshalJSON() ([]byte, error) {
	if res.rubric == nil {
		return nil, fail("", "the zero Result", "a scored result; the zero Result has no JSON form", ErrNoRubric)
	}
	return marshal(res.wire())
}

// wire returns the stored form of a result of a rubric.
func (res Result) wire() wireResult {
	w := wireResult{
		EvaluationID: res.meta.ID, CallID: res.meta.CallID, EmployeeID: res.meta.EmployeeID,
		EvaluatorID: res.meta.EvaluatorID,
		Total:       num{res.Total()}, Max: num{res.Max()}, RawTotal: num{res.RawTotal()},
		Exact: res.Exact(), AutoFail: res.autoFail, Violations: res.Violations(),
		Department: res.meta.Department, Comment: res.meta.Comment, Attributes: res.meta.Attributes,
		Unscheduled: res.meta.Unscheduled, StartedBy: res.meta.StartedBy,
		Bonus: opt(res.Bonus()),
	}
	if res.rubric != nil {
		w.Rubric, w.Version = res.rubric.def.ID, res.rubric.def.Version
	}
	if !res.meta.At.IsZero() {
		at := res.meta.At
		w.At = &at
	}
	if b, ok := res.Band(); ok {
		w.Band = b.ID
	}
	losses := res.Losses()
	for i, c := range res.Criteria() {
		w.Criteria = append(w.Criteria, wireCriterionResult{ID: c.ID, Section: c.Section, Level: c.Level, NA: c.NA,
			Excluded: c.Excluded, Zeroed: c.Zeroed, Raw: num{c.Raw}, Points: num{c.Points}, Max: num{c.Max},
			Lost: opt(losses[i].Points), Comment: c.Comment, Bonus: c.Bonus,
			Inapplicable: c.Inapplicable})
	}
	if len(losses) > len(w.Criteria) {
		w.AutoFailLost = opt(losses[len(losses)-1].Points)
	}
	for _, s := range res.Sections() {
		w.Sections = append(w.Sections, wireSectionResult{ID: s.ID, Weight: opt(s.Weight), Zeroed: s.Zeroed,
			Raw: num{s.Raw}, Points: num{s.Points}, Max: num{s.Max}})
	}
	for _, why := range res.Reasons() {
		w.Reasons = append(w.Reasons, wireReason{Effect: why.Effect, Criterion: why.Criterion, Level: why.Level,
			Violation: why.Violation, Target: why.Target, Text: why.String()})
	}
	return w
}

// withoutLosses clears the losses of a stored result, for comparing it with one stored before they were written.
func (w wireResult) withoutLosses() wireResult {
	w.AutoFailLost = nil
	w.Criteria = slices.Clone(w.Criteria)
	for i := range w.Criteria {
		w.Criteria[i].Lost = nil
	}
	return w
}

// hasLosses reports whether a stored result records any loss.
func (w wireResult) hasLosses() bool {
	if w.AutoFailLost != nil {
		return true
	}
	for _, c := range w.Criteria {
		if c.Lost != nil {
			return true
		}
	}
	return false
}

type wireResult struct {
	Rubric       string                `json:"rubric,omitempty"`
	Version      string                `json:"version,omitempty"`
	EvaluationID string                `json:"evaluation,omitempty"`
	CallID       string                `json:"call,omitempty"`
	EmployeeID   string                `json:"employee,omitempty"`
	EvaluatorID  string                `json:"evaluator,omitempty"`
	At           *time.Time            `json:"at,omitempty"`
	Total        num                   `json:"total"`
	Max          num                   `json:"max"`
	RawTotal     num                   `json:"raw_total"`
	Exact        bool                  `json:"exact"`
	AutoFail     bool                  `json:"auto_fail"`
	AutoFailLost *num                  `json:"auto_fail_lost,omitempty"`
	Bonus        *num                  `json:"bonus,omitempty"`
	Band         string                `json:"band,omitempty"`
	Criteria     []wireCriterionResult `json:"criteria,omitempty"`
	Sections     []wireSectionResult   `json:"sections,omitempty"`
	Reasons      []wireReason          `json:"reasons,omitempty"`
	Violations   []string              `json:"violations,omitempty"`
	Department   string                `json:"department,omitempty"`
	Comment      string                `json:"comment,omitempty"`
	Attributes   map[string]string     `json:"attributes,omitempty"`
	Unscheduled  bool                  `json:"unscheduled,omitempty"`
	StartedBy    string                `json:"started_by,omitempty"`
}

type wireCriterionResult struct {
	ID       string `json:"id"`
	Section  string `json:"section,omitempty"`
	Level    string `json:"level,omitempty"`
	NA       bool   `json:"na,omitempty"`
	Excluded bool   `json:"excluded,omitempty"`
	Zeroed   bool   `json:"zeroed,omitempty"`
	Raw      num    `json:"raw"`
	Points   num    `json:"points"`
	Max      num    `json:"max"`
	Lost     *num   `json:"lost,omitempty"`
	Comment  string `json:"comment,omitempty"`
	Bonus    bool   `json:"bonus,omitempty"`
	// Inapplicable is written for a conditional criterion that did not apply.
	Inapplicable bool `json:"inapplicable,omitempty"`
}

type wireSectionResult struct {
	ID     string `json:"id"`
	Weight *num   `json:"weight,omitempty"`
	Zeroed bool   `json:"zeroed,omitempty"`
	Raw    num    `json:"raw"`
	Points num    `json:"points"`
	Max    num    `json:"max"`
}

type wireReason struct {
	Effect    Effect `json:"effect"`
	Criterion string `json:"criterion,omitempty"`
	Level     string `json:"level,omitempty"`
	Violation string `json:"violation,omitempty"`
	Target    string `json:"target,omitempty"`
	Text      string `json:"text"`
}
