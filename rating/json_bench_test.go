package rating_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rating"
)

// hostileBreakdown returns the JSON of a breakdown of n components whose values are distinct fractions with
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
	return `{"value":"0","coverage":"1","components":[` + strings.Join(parts, ",") + `]}`
}

// TestBreakdownLimits: a breakdown of more than MaxComponents components, or whose exact values have more than
// MaxBreakdownText characters together, is refused before its costly arithmetic; a scheme of more than
// MaxComponents weights is refused too, so every breakdown the package computes can be read back.
func TestBreakdownLimits(t *testing.T) {
	tests := []struct {
		in     string
		want   error
		reason string
	}{
		{hostileBreakdown(rating.MaxComponents+1, 2), rating.ErrLimit, "one component too many"},
		{hostileBreakdown(20, 245), rating.ErrLimit, "values too long together"},
		{hostileBreakdown(rating.MaxComponents, 50), rating.ErrDecode, "within the limits, but the value does not match"},
	}
	for _, tt := range tests {
		var w rating.Weighted
		wantErr(t, json.Unmarshal([]byte(tt.in), &w), tt.want, tt.reason)
	}
	ws := make([]rating.Weight, rating.MaxComponents+1)
	for i := range ws {
		ws[i] = rating.Weight{Name: fmt.Sprint(i), Weight: d("1")}
	}
	_, err := rating.NewAggregator(rating.Scheme{Weights: ws})
	wantErr(t, err, rating.ErrInvalidSetting, "scheme of too many weights")
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
// distinct denominators of MaxBreakdownText/MaxComponents characters together.
func BenchmarkBreakdownJSONAtLimits(b *testing.B) {
	data := []byte(hostileBreakdown(rating.MaxComponents, rating.MaxBreakdownText/rating.MaxComponents/2-2))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var w rating.Weighted
		if err := json.Unmarshal(data, &w); !errors.Is(err, rating.ErrDecode) {
			b.Fatal(err)
		}
	}
}
