package rubric

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"time"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/shopspring/decimal"
)

// Size limits of the JSON this package reads.
const (
	MaxDefinitionJSON = 4 << 20 // bytes of a rubric definition
	MaxEvaluationJSON = 1 << 20 // bytes of an evaluation
	maxResultJSON     = 4 << 20 // bytes of a stored result
	// maxDecimalDigits is the most digits a decimal read or written as JSON has when written out in full (the
	// writers write "1e3" as "1000"); coefficients, places and exponents have the further limits of Score and New.
	maxDecimalDigits = 30
)

// Parse reads a rubric definition from JSON and builds it with New. Decoding is strict: unknown fields, repeated
// keys, null where a value is required and trailing data are errors wrapping sq.ErrMalformed, documents over
// MaxDefinitionJSON sq.ErrLimit; a definition that decodes but breaks a rule gives the errors of New.
//
// The JSON form is the one MarshalJSON writes; see the templates (TemplateJSON) for complete examples.
func Parse(data []byte) (*Rubric, error) {
	def, err := ParseDefinition(data)
	if err != nil {
		return nil, err
	}
	return New(def)
}

// ParseDefinition reads a definition from JSON without validating its rules (Parse does both).
func ParseDefinition(data []byte) (Definition, error) {
	var w wireDefinition
	if err := decodeStrict(data, MaxDefinitionJSON, &w); err != nil {
		return Definition{}, err
	}
	for i, c := range w.Criteria {
		if c.When != nil && *c.When == (wireWhen{}) {
			return Definition{}, fail(sq.Index("criteria", i)+".when", "{}", "a criterion and a level; leave it out for an unconditional criterion", sq.ErrMalformed)
		}
	}
	return w.definition(), nil
}

// MarshalJSON writes the rubric's definition in its canonical JSON form: fields in a fixed order, decimals as
// strings, empty optional fields left out. Parse reads it back to an equal rubric.
// A nil or zero *Rubric has no JSON form: MarshalJSON refuses it with ErrNoRubric.
func (r *Rubric) MarshalJSON() ([]byte, error) {
	if r == nil || len(r.crits) == 0 {
		return nil, fail("", "", "a rubric built by New, Parse or a template", ErrNoRubric)
	}
	return marshal(wireOf(r.def))
}

// MarshalJSON writes the definition in the canonical JSON form read by Parse and ParseDefinition.
// It refuses a definition it cannot write so that it reads back Equal: a decimal beyond the reader's limits
// (sq.ErrLimit), a text that is not valid UTF-8 (sq.ErrMalformed), a Rounding that is none of the rules
// (ErrInvalidDefinition).
func (d Definition) MarshalJSON() ([]byte, error) { return marshal(wireOf(d)) }

// marshal writes v as JSON, refusing what the strict reader would not read back the same.
func marshal(v any) ([]byte, error) {
	b, err := strictjson.Marshal(v)
	if err != nil {
		var me *json.MarshalerError
		switch {
		case errors.Is(err, sq.ErrLimit) && errors.As(err, &me):
			return nil, me.Err // a num's error, which says what and why
		case errors.As(err, &me): // a value such as Rounding(9) that has no JSON form
			return nil, fail("", "", me.Err.Error(), ErrInvalidDefinition)
		}
		return nil, fail("", "", err.Error(), sq.ErrMalformed)
	}
	return b, nil
}

// UnmarshalJSON reads a definition strictly, as ParseDefinition does.
func (d *Definition) UnmarshalJSON(data []byte) error {
	def, err := ParseDefinition(data)
	if err != nil {
		return err
	}
	*d = def
	return nil
}

func decodeStrict(data []byte, limit int, v any) error {
	err := strictjson.Decode(data, limit, v)
	if err == nil {
		return nil
	}
	kind := sq.ErrMalformed
	if errors.Is(err, sq.ErrLimit) {
		kind = sq.ErrLimit
	}
	var se *sq.Error
	var je *strictjson.Error
	hasPath := errors.As(err, &je)
	if errors.As(err, &se) { // a value's own error, such as a decimal over the limits or an unknown rounding
		c := *se
		c.Pkg, c.Err = "rubric", kind
		if hasPath && c.Path == "" {
			c.Path = je.Path
		}
		return &c
	}
	if hasPath {
		return fail(je.Path, "", je.Msg, kind)
	}
	return fail("", "", err.Error(), kind)
}

// num is a decimal in JSON: read with the size limits of internal/dec and checkWritten, written as a string. Its
// writer refuses what its reader would refuse, so that every decimal written reads back.
type num struct{ d decimal.Decimal }

func (n num) MarshalJSON() ([]byte, error) {
	b := dec.MarshalJSON(n.d)
	if _, err := readNum(b); err != nil {
		return nil, fail("", n.d.String(), "a decimal that reads back: "+err.Error(), sq.ErrLimit)
	}
	return b, nil
}

func (n *num) UnmarshalJSON(b []byte) error {
	d, err := readNum(b)
	if err != nil {
		return err
	}
	n.d = d
	return nil
}

// readNum reads a decimal as num does.
func readNum(b []byte) (decimal.Decimal, error) {
	d, err := dec.UnmarshalJSON(b)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkWritten(d); err != nil {
		return decimal.Decimal{}, err
	}
	return d, nil
}

// checkWritten refuses a decimal whose plain form, the form the writers of this package use, has more than
// maxDecimalDigits digits: "9999999999999e18" is within the limits of its coefficient and exponent, but written
// out it has 31 digits, which no reader of this module accepts.
func checkWritten(d decimal.Decimal) error {
	if e := d.Exponent(); e > 0 && d.NumDigits()+int(e) > maxDecimalDigits {
		return &sq.Error{Value: fmt.Sprintf("%se%d", d.Coefficient(), e), Rule: fmt.Sprintf("at most %d digits written out, not %d",
			maxDecimalDigits, d.NumDigits()+int(e)), Err: sq.ErrLimit}
	}
	return nil
}

// opt returns nil for a zero decimal so that omitempty leaves it out.
func opt(d decimal.Decimal) *num {
	if d.IsZero() {
		return nil
	}
	return &num{d}
}

func (n *num) get() decimal.Decimal {
	if n == nil {
		return decimal.Decimal{}
	}
	return n.d
}

type wireDefinition struct {
	ID          string          `json:"id"`
	Version     string          `json:"version"`
	Title       Text            `json:"title,omitempty"`
	Description Text            `json:"description,omitempty"`
	Max         *num            `json:"max,omitempty"`
	Places      int32           `json:"places,omitempty"`
	Rounding    *sq.Rounding    `json:"rounding,omitempty"`
	Sections    []wireSection   `json:"sections,omitempty"`
	Criteria    []wireCriterion `json:"criteria"`
	Violations  []wireViolation `json:"violations,omitempty"`
	Bands       []wireBand      `json:"bands,omitempty"`
	BonusCap    *num            `json:"bonus_cap,omitempty"`
}

type wireSection struct {
	ID          string `json:"id"`
	Title       Text   `json:"title,omitempty"`
	Description Text   `json:"description,omitempty"`
	Weight      *num   `json:"weight,omitempty"`
}

type wireCriterion struct {
	ID          string    `json:"id"`
	Title       Text      `json:"title,omitempty"`
	Description Text      `json:"description,omitempty"`
	Section     string    `json:"section,omitempty"`
	Scale       wireScale `json:"scale"`
	NA          NAPolicy  `json:"na,omitempty"`
	Bonus       bool      `json:"bonus,omitempty"`
	When        *wireWhen `json:"when,omitempty"`
}

type wireWhen struct {
	Criterion string `json:"criterion"`
	Level     string `json:"level"`
}

type wireScale struct {
	Kind   ScaleKind   `json:"kind"`
	Min    *num        `json:"min,omitempty"`
	Max    *num        `json:"max,omitempty"`
	Step   *num        `json:"step,omitempty"`
	Size   int         `json:"size,omitempty"`
	Levels []wireLevel `json:"levels,omitempty"`
	Pass   string      `json:"pass,omitempty"`
	Fail   string      `json:"fail,omitempty"`
}

type wireLevel struct {
	ID          string `json:"id"`
	Title       Text   `json:"title,omitempty"`
	Description Text   `json:"description,omitempty"`
	Points      *num   `json:"points"`
	Effect      Effect `json:"effect,omitempty"`
}

type wireViolation struct {
	ID          string `json:"id"`
	Title       Text   `json:"title,omitempty"`
	Description Text   `json:"description,omitempty"`
	Effect      Effect `json:"effect,omitempty"`
	Target      string `json:"target,omitempty"`
}

type wireBand struct {
	ID      string `json:"id"`
	Title   Text   `json:"title,omitempty"`
	Min     *num   `json:"min"`
	Percent bool   `json:"percent,omitempty"`
	Above   bool   `json:"above,omitempty"`
}

func wireOf(d Definition) wireDefinition {
	w := wireDefinition{
		ID: d.ID, Version: d.Version, Title: d.Title, Description: d.Description,
		Max: opt(d.Max), Places: d.Precision.Places, BonusCap: opt(d.BonusCap),
	}
	if d.Precision.Rounding != sq.HalfUp {
		rr := d.Precision.Rounding
		w.Rounding = &rr
	}
	for _, s := range d.Sections {
		w.Sections = append(w.Sections, wireSection{ID: s.ID, Title: s.Title, Description: s.Description, Weight: opt(s.Weight)})
	}
	w.Criteria = make([]wireCriterion, 0, len(d.Criteria))
	for _, c := range d.Criteria {
		wc := wireCriterion{ID: c.ID, Title: c.Title, Description: c.Description, Section: c.Section, NA: c.NA, Bonus: c.Bonus,
			Scale: wireScale{Kind: c.Scale.Kind, Min: opt(c.Scale.Min), Max: opt(c.Scale.Max), Step: opt(c.Scale.Step), Size: c.Scale.Size,
				Pass: c.Scale.Pass, Fail: c.Scale.Fail}}
		if c.When != (Condition{}) {
			wc.When = &wireWhen{Criterion: c.When.Criterion, Level: c.When.Level}
		}
		if c.Scale.Kind == Points && c.Scale.Min.IsZero() {
			wc.Scale.Min = &num{} // written out so the range reads "0 to max"
		}
		for _, l := range c.Scale.Levels {
			wc.Scale.Levels = append(wc.Scale.Levels, wireLevel{ID: l.ID, Title: l.Title, Description: l.Description, Points: &num{l.Points}, Effect: l.Effect})
		}
		w.Criteria = append(w.Criteria, wc)
	}
	for _, v := range d.Violations {
		w.Violations = append(w.Violations, wireViolation{ID: v.ID, Title: v.Title, Description: v.Description, Effect: v.Effect, Target: v.Target})
	}
	for _, b := range d.Bands {
		w.Bands = append(w.Bands, wireBand{ID: b.ID, Title: b.Title, Min: &num{b.Min}, Percent: b.Percent, Above: b.Above})
	}
	return w
}

func (w wireDefinition) definition() Definition {
	d := Definition{ID: w.ID, Version: w.Version, Title: w.Title, Description: w.Description, Max: w.Max.get(),
		Precision: sq.Precision{Places: w.Places}, BonusCap: w.BonusCap.get()}
	if w.Rounding != nil {
		d.Precision.Rounding = *w.Rounding
	}
	for _, s := range w.Sections {
		d.Sections = append(d.Sections, Section{ID: s.ID, Title: s.Title, Description: s.Description, Weight: s.Weight.get()})
	}
	for _, c := range w.Criteria {
		cr := Criterion{ID: c.ID, Title: c.Title, Description: c.Description, Section: c.Section, NA: c.NA, Bonus: c.Bonus,
			Scale: Scale{Kind: c.Scale.Kind, Min: c.Scale.Min.get(), Max: c.Scale.Max.get(), Step: c.Scale.Step.get(), Size: c.Scale.Size,
				Pass: c.Scale.Pass, Fail: c.Scale.Fail}}
		if c.When != nil {
			cr.When = Condition{Criterion: c.When.Criterion, Level: c.When.Level}
		}
		for _, l := range c.Scale.Levels {
			cr.Scale.Levels = append(cr.Scale.Levels, Level{ID: l.ID, Title: l.Title, Description: l.Description, Points: l.Points.get(), Effect: l.Effect})
		}
		d.Criteria = append(d.Criteria, cr)
	}
	for _, v := range w.Violations {
		d.Violations = append(d.Violations, Violation{ID: v.ID, Title: v.Title, Description: v.Description, Effect: v.Effect, Target: v.Target})
	}
	for _, b := range w.Bands {
		d.Bands = append(d.Bands, Band{ID: b.ID, Title: b.Title, Min: b.Min.get(), Percent: b.Percent, Above: b.Above})
	}
	return d
}

// ParseEvaluation reads an evaluation from JSON, strictly (see Parse). Each answer gives exactly one of "points",
// "level" or "na": true:
//
//	{"id": "ev-1", "rubric": "call-quality", "call": "c-77", "employee": "e-12", "evaluator": "qa-3",
//	 "at": "2026-03-02T10:00:00+05:00",
//	 "answers": [{"criterion": "greeting", "points": "0.5"}, {"criterion": "tonality", "level": "green"}],
//	 "violations": ["profanity"]}
//
// An answer may carry a "comment"; the evaluation a "department", a "comment" and "attributes", an object of
// strings (see Evaluation for their limits, whose breach is an error wrapping sq.ErrLimit, or sq.ErrInvalid for
// text that is not valid UTF-8). An answer with none or several of points, level and N/A is an error wrapping
// ErrInvalidScore; a time RFC 3339 cannot write back the same (an offset of 24 hours or more) one wrapping
// sq.ErrInvalid.
//
// The common document is read in one pass straight into the answers; anything else, and every refusal, goes
// through a general strict decoder that accepts the same documents. Either way the cost is linear in len(data),
// at most MaxEvaluationJSON bytes. The strings of the evaluation may share one copy of data.
func ParseEvaluation(data []byte) (Evaluation, error) {
	if e, ok := fastEvaluation(data); ok {
		return e, nil
	}
	return parseEvaluationStrict(data)
}

// parseEvaluationStrict is ParseEvaluation by the general strict decoder.
func parseEvaluationStrict(data []byte) (Evaluation, error) {
	var w wireEvaluation
	if err := decodeStrict(data, MaxEvaluationJSON, &w); err != nil {
		return Evaluation{}, err
	}
	if err := w.checkShape(); err != nil {
		return Evaluation{}, err
	}
	e := w.evaluation()
	if err := checkTime(e.At); err != nil {
		return Evaluation{}, err
	}
	if err := notesError(&e); err != nil {
		return Evaluation{}, err
	}
	return e, nil
}

// notesError returns the problems of the evaluation's notes (see checkNotes), or nil.
func notesError(e *Evaluation) error {
	var errs errorList
	checkNotes(e, errs.add)
	return errs.err()
}

// MarshalJSON writes the evaluation in the form ParseEvaluation reads, which reads it back to an Equal
// evaluation. It refuses, rather than write something that reads back different, an answer that gives several of
// points, a level and N/A (ErrInvalidScore), points the reader refuses (sq.ErrLimit), a time JSON cannot hold
// exactly (sq.ErrInvalid) and text that is not valid UTF-8 (sq.ErrMalformed or sq.ErrInvalid).
func (e Evaluation) MarshalJSON() ([]byte, error) {
	if err := checkTime(e.At); err != nil {
		return nil, err
	}
	if err := notesError(&e); err != nil {
		return nil, err
	}
	w := wireEvaluation{ID: e.ID, Rubric: e.Rubric, Version: e.Version, CallID: e.CallID, EmployeeID: e.EmployeeID,
		EvaluatorID: e.EvaluatorID, Violations: e.Violations, Answers: make([]wireAnswer, len(e.Answers)),
		Department: e.Department, Comment: e.Comment, Attributes: e.Attributes, Unscheduled: e.Unscheduled,
		StartedBy: e.StartedBy}
	if !e.At.IsZero() {
		at := e.At
		w.At = &at
	}
	for i, a := range e.Answers {
		wa := wireAnswer{Criterion: a.Criterion, Level: a.Level, NA: a.NA, Comment: a.Comment}
		switch {
		case (a.NA || a.Level != "") && !a.Points.IsZero(), a.NA && a.Level != "":
			return nil, answerShapeError(i, a.Criterion)
		case !a.NA && a.Level == "":
			if _, err := readNum(dec.MarshalJSON(a.Points)); err != nil {
				return nil, sq.At(err, "rubric", sq.Index("answers", i)+".points")
			}
			wa.Points = &num{a.Points}
		}
		w.Answers[i] = wa
	}
	return marshal(w)
}

// UnmarshalJSON reads an evaluation strictly, as ParseEvaluation does.
func (e *Evaluation) UnmarshalJSON(data []byte) error {
	ev, err := ParseEvaluation(data)
	if err != nil {
		return err
	}
	*e = ev
	return nil
}

type wireEvaluation struct {
	ID          string            `json:"id,omitempty"`
	Rubric      string            `json:"rubric,omitempty"`
	Version     string            `json:"version,omitempty"`
	CallID      string            `json:"call,omitempty"`
	EmployeeID  string            `json:"employee,omitempty"`
	EvaluatorID string            `json:"evaluator,omitempty"`
	At          *time.Time        `json:"at,omitempty"`
	Answers     []wireAnswer      `json:"answers"`
	Violations  []string          `json:"violations,omitempty"`
	Department  string            `json:"department,omitempty"`
	Comment     string            `json:"comment,omitempty"`
	Attributes  map[string]string `json:"attributes,omitempty"`
	Unscheduled bool              `json:"unscheduled,omitempty"`
	StartedBy   string            `json:"started_by,omitempty"`
}

type wireAnswer struct {
	Criterion string `json:"criterion"`
	Points    *num   `json:"points,omitempty"`
	Level     string `json:"level,omitempty"`
	NA        bool   `json:"na,omitempty"`
	Comment   string `json:"comment,omitempty"`
}

// answerShapeError is the error about answer i, which gives none or several of points, a level and N/A.
func answerShapeError(i int, criterion string) error {
	return fail(sq.Index("answers", i), "criterion "+quote(criterion), `exactly one of "points", "level" or "na": true`, ErrInvalidScore)
}

// checkShape reports the first answer that gives none or several of points, level and N/A.
func (w wireEvaluation) checkShape() error {
	for i, a := range w.Answers {
		given := 0
		for _, set := range [...]bool{a.Points != nil, a.Level != "", a.NA} {
			if set {
				given++
			}
		}
		if given != 1 {
			return answerShapeError(i, a.Criterion)
		}
	}
	return nil
}

func (w wireEvaluation) evaluation() Evaluation {
	e := Evaluation{ID: w.ID, Rubric: w.Rubric, Version: w.Version, CallID: w.CallID, EmployeeID: w.EmployeeID,
		EvaluatorID: w.EvaluatorID, Violations: w.Violations, Department: w.Department, Comment: w.Comment,
		Attributes: cloneAttributes(w.Attributes), Unscheduled: w.Unscheduled, StartedBy: w.StartedBy}
	if w.At != nil {
		e.At = *w.At
	}
	if len(w.Answers) > 0 {
		e.Answers = make([]Answer, len(w.Answers))
	}
	for i, a := range w.Answers {
		e.Answers[i] = Answer{Criterion: a.Criterion, Points: a.Points.get(), Level: a.Level, NA: a.NA, Comment: a.Comment}
	}
	return e
}
