package survey_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// FuzzTalliesBinary: the binary reader takes exactly the canonical forms: whatever it accepts, MarshalBinary writes
// back byte for byte; what it refuses is an *sq.Error wrapping sq.ErrMalformed (not the binary form), sq.ErrLimit
// (a count above MaxCount) or ErrInvalidCount (a part above its whole), and the receiver keeps its value.
func FuzzTalliesBinary(f *testing.F) {
	good, _ := survey.Tallies{Recommend: must(survey.NewShare(2, 3)), CES: must(survey.NewCES([7]int64{0, 300}))}.MarshalBinary()
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{1, 0x80, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		keep := survey.Tallies{FCR: must(survey.NewShare(1, 2))}
		v := keep
		if err := v.UnmarshalBinary(b); err != nil {
			var e *sq.Error
			known := errors.Is(err, sq.ErrMalformed) || errors.Is(err, sq.ErrLimit) || errors.Is(err, survey.ErrInvalidCount)
			if !errors.As(err, &e) || !known || !v.Equal(keep) {
				t.Fatalf("error %v (a known kind: %v), receiver changed: %v", err, known, !v.Equal(keep))
			}
			return
		}
		back, err := v.MarshalBinary()
		if err != nil || string(back) != string(b) {
			t.Fatalf("UnmarshalBinary(%x) accepted a form that MarshalBinary writes as %x", b, back)
		}
	})
}
