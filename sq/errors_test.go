package sq_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

func TestErrorMessage(t *testing.T) {
	unknown := sq.Sentinel("unknown criterion", sq.ErrInvalid)
	tests := []struct {
		err    *sq.Error
		want   string
		reason string
	}{
		{&sq.Error{Pkg: "rubric", Path: sq.Index("answers", 7) + ".criterion", Value: sq.Quote("greting"), Rule: "one of the rubric's criteria", Err: unknown},
			`rubric: answers[8].criterion "greting": one of the rubric's criteria: unknown criterion`, "every part, the index counted from 1"},
		{&sq.Error{Pkg: "rating", Rule: "at least one call", Err: sq.ErrInvalid}, "rating: at least one call: invalid input", "no field"},
		{&sq.Error{Pkg: "survey", Path: "answers", Err: sq.ErrLimit}, "survey: answers: over a limit", "no value, no rule"},
		{&sq.Error{}, "invalid input", "the zero Error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.reason, got, tt.want)
		}
	}
	err := error(tests[0].err)
	if !errors.Is(err, unknown) || !errors.Is(err, sq.ErrInvalid) || errors.Is(err, sq.ErrMalformed) {
		t.Error("a domain sentinel does not match its kind, or matches another")
	}
}

func TestAt(t *testing.T) {
	err := sq.At(sq.CheckDecimal(decimal.New(1, -100)), "rubric", "criteria[2].weight")
	var e *sq.Error
	if !errors.As(err, &e) || e.Pkg != "rubric" || e.Path != "criteria[2].weight" || !errors.Is(err, sq.ErrLimit) {
		t.Fatalf("At = %#v", err)
	}
	if want := "rubric: criteria[2].weight 1e-100: 100 digits after the point, at most 18 allowed: over a limit"; err.Error() != want {
		t.Errorf("At message = %q, want %q", err, want)
	}
	if sq.At(nil, "x", "y") != nil {
		t.Error("At(nil) is not nil")
	}
	wrapped := sq.At(errors.New("disk full"), "store", "")
	if !strings.HasPrefix(wrapped.Error(), "store: disk full") {
		t.Errorf("At of a foreign error = %q", wrapped)
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("ж", 40) // 80 bytes
	got := sq.Quote(long)
	if !strings.HasSuffix(got, `"...`) || strings.Contains(got, `\x`) {
		t.Errorf("Quote cut a character in half or did not mark the cut: %s", got)
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in     string
		kind   error
		reason string
	}{
		{"4.5", nil, "a decimal"},
		{"-3e-2", nil, "exponent form"},
		{"1e-19", sq.ErrLimit, "more places than MaxScale"},
		{"1e999999999999", sq.ErrLimit, "an exponent far outside, refused before parsing"},
		{strings.Repeat("9", 31), sq.ErrLimit, "more digits than MaxDigits"},
		{strings.Repeat("1", sq.MaxText+1), sq.ErrLimit, "text longer than MaxText"},
		{"4,5", sq.ErrMalformed, "a comma"},
		{"", sq.ErrMalformed, "empty"},
		{"NaN", sq.ErrMalformed, "not a number"},
	}
	for _, tt := range tests {
		_, err := sq.ParseDecimal(tt.in)
		if tt.kind == nil && err != nil || tt.kind != nil && !errors.Is(err, tt.kind) {
			t.Errorf("ParseDecimal(%.20q) = %v, want %v (%s)", tt.in, err, tt.kind, tt.reason)
		}
	}
}

// FuzzParseDecimal: what ParseDecimal accepts is within the limits and is what shopspring/decimal reads; what it
// refuses is an *Error of one of the two kinds.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"4.5", "-0", "1e18", "1e-18", "1e-19", "9999999999999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := sq.ParseDecimal(s)
		if err != nil {
			var e *sq.Error
			if !errors.As(err, &e) || !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, sq.ErrLimit) {
				t.Fatalf("ParseDecimal(%q) = %v: not an *Error of a known kind", s, err)
			}
			return
		}
		if sq.CheckDecimal(d) != nil {
			t.Fatalf("ParseDecimal(%q) = %s, outside the limits", s, d)
		}
		if ref, rerr := decimal.NewFromString(s); rerr != nil || !ref.Equal(d) {
			t.Fatalf("ParseDecimal(%q) = %s, decimal reads %s, %v", s, d, ref, rerr)
		}
	})
}

func TestRoundingText(t *testing.T) {
	for _, r := range []sq.Rounding{sq.HalfUp, sq.HalfEven, sq.Down} {
		b, err := r.MarshalText()
		var back sq.Rounding
		if err != nil || back.UnmarshalText(b) != nil || back != r {
			t.Errorf("%v does not round-trip through %q: %v", r, b, err)
		}
	}
	var r sq.Rounding
	if err := r.UnmarshalText([]byte("Half-Up")); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("a case variant was read: %v", err)
	}
	if _, err := sq.Rounding(9).MarshalText(); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("an unknown rule was written: %v", err)
	}
}

func TestPrecisionJSON(t *testing.T) {
	p := sq.Precision{Places: 2, Rounding: sq.HalfEven}
	b, err := p.MarshalJSON()
	if err != nil || string(b) != `{"places":2,"rounding":"half-even"}` {
		t.Fatalf("MarshalJSON = %s, %v", b, err)
	}
	var q sq.Precision
	if err := q.UnmarshalJSON(b); err != nil || q != p {
		t.Fatalf("read back %v, %v", q, err)
	}
	for _, bad := range []string{`{"places":2}`, `{"Places":2,"rounding":"down"}`, `{"places":2,"rounding":"down","places":3}`,
		`{"places":99,"rounding":"down"}`, `{"places":2,"rounding":"down","x":1}`, `null`} {
		if err := q.UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("Precision JSON %s was read", bad)
		}
	}
}
