package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
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
		add(fail("department", quote(e.Department), "valid UTF-8", sq.ErrInvalid))
	}
	switch {
	case !utf8.ValidString(e.StartedBy):
		add(fail("started_by", quote(e.StartedBy), "valid UTF-8", sq.ErrInvalid))
	case len(e.StartedBy) > maxStartedByLen:
		add(fail("started_by", quote(e.StartedBy), fmt.Sprintf("at most %d bytes", maxStartedByLen), sq.ErrLimit))
	}
	if err := checkComment(e.Comment, "", -1); err != nil {
		add(err)
	}
	if len(e.Attributes) == 0 {
		return
	}
	if n := len(e.Attributes); n > maxAttributes {
		add(fail("attributes", fmt.Sprintf("%d attributes", n), fmt.Sprintf("at most %d", maxAttributes), sq.ErrLimit))
		return
	}
	for _, k := range slices.Sorted(maps.Keys(e.Attributes)) {
		v := e.Attributes[k]
		switch {
		case !validID(k):
			kind := sq.ErrInvalid
			if len(k) > maxAttributeKeyLen {
				kind = sq.ErrLimit
			}
			add(fail("attributes", "key "+quote(k), fmt.Sprintf("1–%d characters of A–Z a–z 0–9 _ . -", maxAttributeKeyLen), kind))
		case !utf8.ValidString(v):
			add(fail("attributes."+k, quote(v), "valid UTF-8", sq.ErrInvalid))
		case len(v) > maxAttributeValueLen:
			add(fail("attributes."+k, fmt.Sprintf("%d bytes", len(v)), fmt.Sprintf("at most %d bytes", maxAttributeValueLen), sq.ErrLimit))
		}
	}
}

// checkComment checks one comment: valid UTF-8, at most maxCommentLen bytes. criterion and index say whose.
func checkComment(c, criterion string, index int) error {
	path := "comment"
	if index >= 0 {
		path = sq.Index("answers", index) + ".comment"
	}
	switch {
	case c == "":
		return nil
	case !utf8.ValidString(c):
		return fail(path, "", "valid UTF-8", sq.ErrInvalid)
	case len(c) > maxCommentLen:
		return fail(path, fmt.Sprintf("%d bytes", len(c)), fmt.Sprintf("at most %d bytes", maxCommentLen), sq.ErrLimit)
	}
	return nil
}

// cloneAttributes returns a copy of the attributes sharing nothing with them, nil when there are none.
func cloneAttributes(a map[string]string) map[string]string {
	if len(a) == 0 {
		return nil
	}
	return maps.Clone(a)
}
