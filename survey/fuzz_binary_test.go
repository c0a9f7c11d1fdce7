package survey_test

import (
	"errors"
	"testing"

	"github.com/servicequality/servicequality/survey"
)

// FuzzTalliesBinary: the binary reader takes exactly the canonical forms: whatever it accepts, MarshalBinary writes
// back byte for byte; what it refuses is an error wrapping ErrDecode, and the receiver keeps its value.
func FuzzTalliesBinary(f *testing.F) {
	good, _ := survey.Tallies{Recommend: must(survey.NewShare(2, 3)), CES: must(survey.NewCES([7]int64{0, 300}))}.MarshalBinary()
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{1, 0x80, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		keep := survey.Tallies{FCR: must(survey.NewShare(1, 2))}
		v := keep
		if err := v.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, survey.ErrDecode) || !v.Equal(keep) {
				t.Fatalf("error %v (ErrDecode: %v), receiver changed: %v", err, errors.Is(err, survey.ErrDecode), !v.Equal(keep))
			}
			return
		}
		back, err := v.MarshalBinary()
		if err != nil || string(back) != string(b) {
			t.Fatalf("UnmarshalBinary(%x) accepted a form that MarshalBinary writes as %x", b, back)
		}
	})
}

// FuzzPeriodText: the period reader takes exactly what MarshalText writes.
func FuzzPeriodText(f *testing.F) {
	for _, s := range []string{"../2024-01-01T00:00:00+03:00", "2024-01-01T00:00:00Z/2024-04-01T00:00:00.5Z",
		"2024-01-01T00:00:00Z/..", "2024-01-01T00:00:00.000Z/2025-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p survey.Period
		if err := p.UnmarshalText([]byte(s)); err != nil {
			if !errors.Is(err, survey.ErrInvalidPeriod) {
				t.Fatalf("error %v does not wrap ErrInvalidPeriod", err)
			}
			return
		}
		back, err := p.MarshalText()
		if err != nil || string(back) != s {
			t.Fatalf("UnmarshalText(%q) accepted a form that MarshalText writes as %q (%v)", s, back, err)
		}
	})
}
