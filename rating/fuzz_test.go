package rating_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/servicequality/servicequality/rating"
)

// FuzzFractionText: the text reader takes exactly the canonical forms: whatever it accepts, MarshalText writes
// back byte for byte, and the value is the one big.Rat reads.
func FuzzFractionText(f *testing.F) {
	for _, s := range []string{"13/3", "4", "0", "26/6", "-1/3", "1/0", "0/5", "4.5", "1e9", "9/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var x rating.Fraction
		if err := x.UnmarshalText([]byte(s)); err != nil {
			if !errors.Is(err, rating.ErrDecode) && !errors.Is(err, rating.ErrLimit) {
				t.Fatalf("UnmarshalText(%q) error %v wraps neither ErrDecode nor ErrLimit", s, err)
			}
			return
		}
		back, err := x.MarshalText()
		if err != nil || string(back) != s {
			t.Fatalf("UnmarshalText(%q) accepted a form that MarshalText writes as %q (%v)", s, back, err)
		}
		want, ok := new(big.Rat).SetString(s)
		if !ok || want.Cmp(x.Rat()) != 0 {
			t.Fatalf("UnmarshalText(%q) = %s, big.Rat reads %v", s, x.RatString(), want)
		}
	})
}

// FuzzPersonalJSON: whatever the strict reader accepts re-encodes to JSON that reads back Equal and encodes to
// the same bytes again; what it refuses is an error wrapping ErrDecode or ErrLimit.
func FuzzPersonalJSON(f *testing.F) {
	for _, p := range staff(f) {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	b, _ := json.Marshal(rating.Personal{})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var p rating.Personal
		if err := p.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, rating.ErrDecode) && !errors.Is(err, rating.ErrLimit) {
				t.Fatalf("error %v wraps neither ErrDecode nor ErrLimit", err)
			}
			return
		}
		checkJSONRoundTrip(t, p)
	})
}

// FuzzPeriodText: the period reader takes exactly what MarshalText writes.
func FuzzPeriodText(f *testing.F) {
	for _, s := range []string{"../..", "2024-01-01T00:00:00Z/..", "../2024-01-01T00:00:00+03:00",
		"2024-01-01T00:00:00Z/2024-04-01T00:00:00.5Z", "2024-01-01T00:00:00.000Z/..", "2024/2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p rating.Period
		if err := p.UnmarshalText([]byte(s)); err != nil {
			return
		}
		back, err := p.MarshalText()
		if err != nil || string(back) != s {
			t.Fatalf("UnmarshalText(%q) accepted a form that MarshalText writes as %q (%v)", s, back, err)
		}
	})
}
