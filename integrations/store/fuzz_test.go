package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzParseDecimal: a stored decimal is either read to the value decimal.NewFromString gives, within the
// library's limits, or refused with ErrStoredValue; never a panic, never another value.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"4.5", "3.35376344086021505", "4.50", "0", "-1", "1e-19", "NaN", "", "5.0000000000000000000", "0.0000000000000000000000",
		"123456789012345678901234567890.1", "1e400", strings.Repeat("9", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDecimal("v", s)
		if err != nil {
			if !errors.Is(err, ErrStoredValue) {
				t.Fatalf("parseDecimal(%q) error %v does not wrap ErrStoredValue", s, err)
			}
			return
		}
		want, err := decimal.NewFromString(s)
		if err != nil {
			t.Fatalf("parseDecimal(%q) = %s, but it is not a decimal: %v", s, d, err)
		}
		if !d.Equal(want) {
			t.Fatalf("parseDecimal(%q) = %s, want %s", s, d, want)
		}
		if r := d.Round(maxScale); !r.Equal(d) {
			t.Fatalf("parseDecimal(%q) = %s has more than %d places", s, d, maxScale)
		}
		back, err := parseDecimal("v", d.String())
		if err != nil || !back.Equal(d) {
			t.Fatalf("parseDecimal(%q) = %s does not read back: %v", s, back, err)
		}
	})
}
