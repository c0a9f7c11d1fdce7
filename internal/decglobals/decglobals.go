// Package decglobals helps tests prove that nothing the module prints, encodes or stores depends on
// shopspring/decimal's package settings: Flip sets them away from their defaults for one test, and Outputs
// collects what values print and encode, to compare with the outputs under the defaults.
package decglobals

import (
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// Flip sets decimal.TrimTrailingZeros, MarshalJSONWithoutQuotes and UseScientificNotation away from their
// defaults until the test ends. A test that calls it must not run in parallel.
func Flip(t testing.TB) {
	trim, quotes, sci := decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation
	t.Cleanup(func() {
		decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation = trim, quotes, sci
	})
	decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes, decimal.UseScientificNotation = false, true, true
}

// Outputs returns what the values print, encode and store: String, MarshalJSON, MarshalText and Value, each
// labelled with the value's type and the method.
func Outputs(values ...any) []string {
	var out []string
	for _, v := range values {
		if s, ok := v.(fmt.Stringer); ok {
			out = append(out, fmt.Sprintf("%T.String: %s", v, s))
		}
		if m, ok := v.(json.Marshaler); ok {
			b, err := m.MarshalJSON()
			out = append(out, fmt.Sprintf("%T.MarshalJSON: %s %v", v, b, err))
		}
		if m, ok := v.(encoding.TextMarshaler); ok {
			b, err := m.MarshalText()
			out = append(out, fmt.Sprintf("%T.MarshalText: %s %v", v, b, err))
		}
		if m, ok := v.(driver.Valuer); ok {
			dv, err := m.Value()
			out = append(out, fmt.Sprintf("%T.Value: %v %v", v, dv, err))
		}
	}
	return out
}
