package rating_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
)

// maxComponents and maxBreakdownText are the documented limits of a rating's breakdown in JSON: 64 components,
// 8000 characters of exact component values together.
const maxComponents, maxBreakdownText = 64, 8000

// hostileBreakdown returns the JSON of a rating whose breakdown has n components whose values are distinct fractions with
// denominators of about digits digits, so that their sum has a denominator of about n × digits digits.
func hostileBreakdown(n, digits int) string {
	parts := make([]string, n)
	for i := range parts {
		q := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)
		q.Add(q, big.NewInt(int64(2*i+1)))
		p := new(big.Int).Sub(q, big.NewInt(1))
		g := new(big.Int).GCD(nil, nil, p, q)
		parts[i] = fmt.Sprintf(`{"name":"c%d","weight":"%d.123456789012345678","present":true,"value":"%s/%s"}`, i, i+1,
			p.Div(p, g), q.Div(q, g))
	}
	return `{"status":"insufficient","stored":"0","value":"0","coverage":"1","components":[` + strings.Join(parts, ",") +
		`],"reasons":[]}`
}

// TestBreakdownLimits: a rating whose breakdown has more than maxComponents components, or whose exact values have
// more than maxBreakdownText characters together, is refused before its costly arithmetic.
func TestBreakdownLimits(t *testing.T) {
	tests := []struct {
		in     string
		want   error
		reason string
	}{
		{hostileBreakdown(maxComponents+1, 2), sq.ErrLimit, "one component too many"},
		{hostileBreakdown(20, 245), sq.ErrLimit, "values too long together"},
		{hostileBreakdown(maxComponents, 50), sq.ErrMalformed, "within the limits, but the value does not match"},
	}
	for _, tt := range tests {
		var r rating.Rating
		wantErr(t, json.Unmarshal([]byte(tt.in), &r), tt.want, tt.reason)
	}
}

// BenchmarkPersonalJSONRoundTrip: a personal rating to JSON and back.
func BenchmarkPersonalJSONRoundTrip(b *testing.B) {
	p := staff(b)[0]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		var back rating.Personal
		if err := json.Unmarshal(data, &back); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreakdownJSONAtLimits: the costliest breakdown the reader takes, MaxComponents components with
// distinct denominators of maxBreakdownText/MaxComponents characters together.
func BenchmarkBreakdownJSONAtLimits(b *testing.B) {
	data := []byte(hostileBreakdown(maxComponents, maxBreakdownText/maxComponents/2-2))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var r rating.Rating
		if err := json.Unmarshal(data, &r); !errors.Is(err, sq.ErrMalformed) {
			b.Fatal(err)
		}
	}
}
