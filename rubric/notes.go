package rubric

import (
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"
)

// Limits on the notes an evaluation carries: comments and the attributes a CRM attaches.
const (
	maxCommentLen        = 2000 // bytes of a comment, on an answer or on the evaluation
	maxAttributes        = 32   // attributes per evaluation
	maxAttributeKeyLen   = 64   // bytes of an attribute's key: 1–64 characters of A–Z a–z 0–9 _ . -
	maxAttributeValueLen = 512  // bytes of an attribute's value
)

// checkNotes reports, to add, every problem of the evaluation's comments, attributes and department: text that is
// not valid UTF-8 or too long, too many attributes, a key that is not an ID.
func checkNotes(e *Evaluation, add func(error)) {
	checkEvaluationNotes(e, add)
	for i := range e.Answers {
		if err := checkComment(e.Answers[i].Comment, e.Answers[i].Criterion, i); err != nil {
			add(err)
		}
	}
}

// checkEvaluationNotes is checkNotes without the comments of the answers.
func checkEvaluationNotes(e *Evaluation, add func(error)) {
	if !utf8.ValidString(e.Department) {
		add(&EvaluationError{Index: -1, Value: "department " + quote(e.Department), Rule: "is not valid UTF-8", Err: ErrInvalidText})
	}
	if !utf8.ValidString(e.StartedBy) || len(e.StartedBy) > maxStartedByLen {
		add(&EvaluationError{Index: -1, Value: "started_by " + quote(e.StartedBy),
			Rule: fmt.Sprintf("must be valid UTF-8 of at most %d bytes", maxStartedByLen), Err: ErrInvalidText})
	}
	if err := checkComment(e.Comment, "", -1); err != nil {
		add(err)
	}
	if len(e.Attributes) == 0 {
		return
	}
	if n := len(e.Attributes); n > maxAttributes {
		add(&EvaluationError{Index: -1, Value: fmt.Sprintf("%d attributes", n), Rule: fmt.Sprintf("are too many; at most %d allowed", maxAttributes), Err: ErrInvalidAttribute})
		return
	}
	for _, k := range slices.Sorted(maps.Keys(e.Attributes)) {
		v := e.Attributes[k]
		switch {
		case !validID(k):
			add(&EvaluationError{Index: -1, Value: "attribute key " + quote(k), Rule: fmt.Sprintf("is not 1–%d characters of A–Z a–z 0–9 _ . -", maxAttributeKeyLen), Err: ErrInvalidAttribute})
		case !utf8.ValidString(v):
			add(&EvaluationError{Index: -1, Value: "attribute " + quote(k), Rule: "has a value that is not valid UTF-8", Err: ErrInvalidAttribute})
		case len(v) > maxAttributeValueLen:
			add(&EvaluationError{Index: -1, Value: "attribute " + quote(k), Rule: fmt.Sprintf("has a value of %d bytes; at most %d allowed", len(v), maxAttributeValueLen), Err: ErrInvalidAttribute})
		}
	}
}

// checkComment checks one comment: valid UTF-8, at most maxCommentLen bytes. criterion and index say whose.
func checkComment(c, criterion string, index int) error {
	var rule string
	switch {
	case c == "":
		return nil
	case !utf8.ValidString(c):
		rule = "is not valid UTF-8"
	case len(c) > maxCommentLen:
		rule = fmt.Sprintf("is %d bytes long; at most %d allowed", len(c), maxCommentLen)
	default:
		return nil
	}
	return &EvaluationError{Criterion: criterion, Index: index, Value: "comment", Rule: rule, Err: ErrInvalidText}
}

// cloneAttributes returns a copy of the attributes sharing nothing with them, nil when there are none.
func cloneAttributes(a map[string]string) map[string]string {
	if len(a) == 0 {
		return nil
	}
	return maps.Clone(a)
}
