package rubric

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// ParseResult reads a result in the stored form Result.MarshalJSON writes and checks it against r, the rubric it
// was scored on: it rebuilds the evaluation from the stored breakdown (one answer per criterion: its level, N/A or
// raw points; the violations; the identifiers and time), scores it again on r, and requires every stored number,
// flag, band and reason to be what r gives. The Result it returns is Equal to the one that was written.
//
// A result stored for another rubric ID or version is refused with ErrRubricMismatch, one whose numbers disagree
// with r's scoring with ErrResultMismatch (the rubric changed without a new version, or the JSON was edited), a
// nil r with ErrNoRubric; malformed JSON as by ParseEvaluation. A result stored before the losses per criterion
// were written ("lost", "auto_fail_lost") reads back too: the losses are derived from the rest and not checked. Use
// ResultRubric first when the rubric to read against depends on the stored ID and version.
func ParseResult(r *Rubric, data []byte) (Result, error) {
	s, err := parseStoredResult(data)
	if err != nil {
		return Result{}, err
	}
	return s.result(r)
}

// ResultRubric reads a result in the stored form strictly, as ParseResult does, and returns the ID and version of
// the rubric it was scored on, without checking it against that rubric: look the rubric up, then call ParseResult.
func ResultRubric(data []byte) (id, version string, err error) {
	s, err := parseStoredResult(data)
	if err != nil {
		return "", "", err
	}
	return s.rubric, s.version, nil
}

// storedResult is a result in its stored form, read but not yet checked against its rubric: the rubric's ID and
// version, and the evaluation that was scored. result checks it against the rubric and returns the Result.
type storedResult struct {
	rubric, version string
	eval            Evaluation
	canon           []byte // the stored JSON in canonical form (as Result.MarshalJSON writes it)
	lossless        bool   // no "lost" is stored: a perfect result, or one stored before losses were written
}

// parseStoredResult reads a result in the stored form strictly (see Parse), without checking it against a rubric.
func parseStoredResult(data []byte) (storedResult, error) {
	var w wireResult
	if err := decodeStrict(data, maxResultJSON, &w); err != nil {
		return storedResult{}, err
	}
	if w.Rubric == "" {
		return storedResult{}, fail("rubric", `""`, "the ID of the rubric the result was scored on", ErrNoRubric)
	}
	lossless := !w.hasLosses()
	canon, err := json.Marshal(w)
	if err != nil {
		return storedResult{}, err
	}
	e := Evaluation{ID: w.EvaluationID, Rubric: w.Rubric, Version: w.Version, CallID: w.CallID, EmployeeID: w.EmployeeID,
		EvaluatorID: w.EvaluatorID, Violations: w.Violations, Department: w.Department, Comment: w.Comment,
		Attributes: cloneAttributes(w.Attributes), Unscheduled: w.Unscheduled, StartedBy: w.StartedBy}
	if w.At != nil {
		e.At = *w.At
	}
	for _, c := range w.Criteria {
		var a Answer
		switch {
		case c.NA:
			a = NAAnswer(c.ID)
		case c.Level != "":
			a = LevelAnswer(c.ID, c.Level)
		default:
			a = PointsAnswer(c.ID, c.Raw.d)
		}
		a.Comment = c.Comment
		e.Answers = append(e.Answers, a)
	}
	return storedResult{rubric: w.Rubric, version: w.Version, eval: e, canon: canon, lossless: lossless}, nil
}

// result scores the stored evaluation on r and checks that every stored value is what r gives (see ParseResult).
func (s storedResult) result(r *Rubric) (Result, error) {
	switch {
	case r == nil || len(r.crits) == 0:
		return Result{}, fail("rubric", quote(s.rubric), "read against the rubric it was scored on", ErrNoRubric)
	case s.rubric != r.def.ID || s.version != r.def.Version:
		return Result{}, fail("rubric", quote(s.rubric)+" version "+quote(s.version),
			"the rubric it is read against, "+quote(r.def.ID)+" version "+quote(r.def.Version), ErrRubricMismatch)
	}
	res, err := r.Score(s.eval)
	if err != nil {
		return Result{}, fail("criteria", "", "answers that score on rubric "+quote(r.def.ID)+" version "+quote(r.def.Version)+
			"; they do not: "+err.Error(), ErrResultMismatch)
	}
	w := res.wire()
	if s.lossless {
		w = w.withoutLosses()
	}
	again, err := marshal(w)
	if err != nil {
		return Result{}, err
	}
	if !bytes.Equal(again, s.canon) {
		return Result{}, fail(differingFields(s.canon, again), "", "what rubric "+quote(r.def.ID)+" version "+quote(r.def.Version)+
			" gives for the stored answers", ErrResultMismatch)
	}
	return res, nil
}

// differingFields names the top-level fields of two JSON objects that differ, for a message.
func differingFields(a, b []byte) string {
	var ma, mb map[string]json.RawMessage
	_ = json.Unmarshal(a, &ma)
	_ = json.Unmarshal(b, &mb)
	var diff []string
	for k := range maps.Keys(ma) {
		if !bytes.Equal(ma[k], mb[k]) {
			diff = append(diff, k)
		}
	}
	for k := range maps.Keys(mb) {
		if _, ok := ma[k]; !ok {
			diff = append(diff, k)
		}
	}
	slices.Sort(diff)
	return strings.Join(diff, ", ")
}

// UnmarshalJSON refuses: a Result is read against the rubric it was scored on, with ParseResult. It returns an
// error wrapping ErrNoRubric and leaves res unchanged.
func (res *Result) UnmarshalJSON([]byte) error {
	return fail("", "", "a Result is read with ParseResult(rubric, data)", ErrNoRubric)
}
