package sqbeam

import (
	"testing"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// roundTrip encodes v, decodes it and reports whether the result equals v.
func roundTrip[T any](t *testing.T, v T, enc func(T) ([]byte, error), dec func([]byte) (T, error),
	equal func(a, b T) bool) {
	t.Helper()
	b, err := enc(v)
	if err != nil {
		t.Fatalf("encode(%v) = %v", v, err)
	}
	got, err := dec(b)
	if err != nil {
		t.Fatalf("decode(%q) = %v", b, err)
	}
	if !equal(got, v) {
		t.Errorf("decode(encode(%v)) = %v, want an Equal value (bytes %q)", v, got, b)
	}
}

// TestFractionCoderRoundTrip checks that sq.Fraction values, exact metrics such as a mean 13/3 or an on-time
// rate, come back Equal from their coder, and that damaged data is refused rather than read as 0.
func TestFractionCoderRoundTrip(t *testing.T) {
	third, err := sq.Ratio(13, 3)
	if err != nil {
		t.Fatal(err)
	}
	rate := RegisterCounts{OnTime: 7, Late: 2}.OnTimeRate()
	for _, tt := range []struct {
		name   string
		f      sq.Fraction
		reason string
	}{
		{"zero", sq.Fraction{}, "the zero Fraction is 0 and must stay 0"},
		{"no finite decimal", third, "13/3 has no finite decimal form: the coder keeps the ratio"},
		{"on-time rate", rate, "RegisterCounts.OnTimeRate is a Fraction of counts"},
		{"negative decimal", sq.FractionOf(decimal.RequireFromString("-0.000000000000000001")), "sign and 18 places"},
		{"large", sq.FractionOf(decimal.RequireFromString("123456789012345678901234567890")), "30 digits"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			roundTrip(t, tt.f, encodeFraction, decodeFraction, sq.Fraction.Equal)
		})
	}
	for _, tt := range []struct {
		name   string
		data   string
		reason string
	}{
		{"empty", "", "no data is not 0"},
		{"zero denominator", "1/0", "no fraction has a zero denominator"},
		{"not a number", "x", "text that is not a fraction"},
		{"trailing", "1/3 ", "bytes after the value"},
	} {
		if f, err := decodeFraction([]byte(tt.data)); err == nil {
			t.Errorf("%s: decodeFraction(%q) = %v, nil error; want an error (%s)", tt.name, tt.data, f, tt.reason)
		}
	}
}

// TestPeriodCoderRoundTrip checks that sq.Period values, open or bounded, come back with the same instants.
func TestPeriodCoderRoundTrip(t *testing.T) {
	almaty := time.FixedZone("+05", 5*3600)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, almaty)
	to := time.Date(2026, 4, 1, 0, 0, 0, 123456789, time.UTC)
	for _, tt := range []struct {
		name   string
		p      sq.Period
		reason string
	}{
		{"all time", sq.Period{}, "the zero Period is all time, not an empty span"},
		{"bounded", sq.Period{From: from, To: to}, "both bounds, with nanoseconds and an offset"},
		{"from only", sq.Period{From: from}, "an open end stays open"},
		{"to only", sq.Period{To: to}, "an open start stays open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			roundTrip(t, tt.p, encodePeriod, decodePeriod, sq.Period.Equal)
		})
	}
	for _, tt := range []struct {
		name   string
		data   string
		reason string
	}{
		{"not a period", "2026", "text that is not a period"},
		{"reversed", "2026-04-01T00:00:00Z/2026-01-01T00:00:00Z", "From after To is refused"},
	} {
		if p, err := decodePeriod([]byte(tt.data)); err == nil {
			t.Errorf("%s: decodePeriod(%q) = %v, nil error; want an error (%s)", tt.name, tt.data, p, tt.reason)
		}
	}
}

// TestShareCoderRoundTrip checks that survey.Share values (CSAT, FCR, the recommend share, coverage) come back
// Equal, and that a share with more hits than its total is refused.
func TestShareCoderRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name        string
		hits, total int64
		reason      string
	}{
		{"empty", 0, 0, "the zero Share is the empty sample"},
		{"none", 0, 5, "no hits out of five is not the empty sample"},
		{"all", 9, 9, "every answer a hit"},
		{"some", 3, 7, "a share without a finite decimal percent"},
		{"large", 1 << 40, 1 << 41, "counts far above int32"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := survey.NewShare(tt.hits, tt.total)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, s, encodeShare, decodeShare, survey.Share.Equal)
		})
	}
	for _, tt := range []struct {
		name   string
		data   string
		reason string
	}{
		{"empty", "", "no data is not the empty sample"},
		{"hits above total", `{"hits":3,"total":2}`, "a share cannot exceed its sample"},
		{"unknown field", `{"hits":1,"total":2,"x":0}`, "the JSON reader is strict"},
	} {
		if s, err := decodeShare([]byte(tt.data)); err == nil {
			t.Errorf("%s: decodeShare(%q) = %v, nil error; want an error (%s)", tt.name, tt.data, s, tt.reason)
		}
	}
}
