package rating_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestConfigJSONRoundTrip: settings, inputs' parts and explanations encode to snake_case JSON that reads back
// Equal and re-encodes to the same bytes.
func TestConfigJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws, cs := genMean(t)
		policy := rating.MissingPolicy(rapid.IntRange(0, 1).Draw(t, "policy"))
		s := rating.Scheme{Weights: ws, Missing: policy, MinCoverage: genWeight(t, "cov")}
		checkJSONRoundTrip(t, s)
		for _, w := range ws {
			checkJSONRoundTrip(t, w)
		}
		for _, c := range cs {
			checkJSONRoundTrip(t, c)
		}
		for _, c := range mustMean(t, ws, policy, cs).Contributions() {
			checkJSONRoundTrip(t, c)
		}
		ps := rating.DefaultPersonalSettings()
		ps.MinCalls = rapid.IntRange(0, 100).Draw(t, "minCalls")
		ps.MinSurveyed = genWeight(t, "minSurveyed")
		ps.CallShrinkage = rating.Shrinkage{Prior: genScore(t, "prior"), Strength: genWeight(t, "strength")}
		checkJSONRoundTrip(t, ps)
		checkJSONRoundTrip(t, ps.CallShrinkage)
		ds := rating.DefaultDepartmentSettings()
		ds.Platforms = rating.PlatformMean(rapid.IntRange(0, 1).Draw(t, "platforms"))
		ds.IncludeInsufficient = rapid.Bool().Draw(t, "include")
		checkJSONRoundTrip(t, ds)
		checkJSONRoundTrip(t, rating.PlatformRating{Name: rapid.String().Draw(t, "name"), Rating: genScore(t, "rating"),
			Reviews: rapid.Int64().Draw(t, "reviews")})
		at := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "at"), rapid.Int64Range(0, 1e9-1).Draw(t, "ns"))
		checkJSONRoundTrip(t, rating.CallScore{EvaluationID: rapid.String().Draw(t, "ev"), EmployeeID: "anna",
			At: at.In(time.FixedZone("", 3600*rapid.IntRange(-12, 12).Draw(t, "zone"))), Total: genScore(t, "total")})
		sv := rating.Survey{Surveyed: rapid.Int64().Draw(t, "surveyed"), Clients: rapid.Int64().Draw(t, "clients")}
		if rapid.Bool().Draw(t, "csi") {
			sv.CSI = decimal.NewNullDecimal(genScore(t, "csiValue"))
		}
		if rapid.Bool().Draw(t, "nps") {
			sv.NPS = decimal.NewNullDecimal(genScore(t, "npsValue"))
		}
		checkJSONRoundTrip(t, sv)
		checkJSONRoundTrip(t, rating.Shortfall{EmployeeID: "anna", Evaluated: rapid.IntRange(0, 1e6).Draw(t, "evaluated"),
			Required: rapid.IntRange(0, 1e6).Draw(t, "required")})
		checkJSONRoundTrip(t, rating.Reason{Code: rating.ReasonCode(rapid.IntRange(1, 5).Draw(t, "code")),
			Message: rapid.String().Draw(t, "message")})
	})
	checkJSONRoundTrip(t, rating.CallScore{})
	checkJSONRoundTrip(t, rating.Scheme{})
}

// TestConfigJSONStrict: null (outside a CSI or NPS not measured), keys in another case, unknown and missing keys
// and numbers for decimals are refused.
func TestConfigJSONStrict(t *testing.T) {
	tests := []struct {
		dst    any
		in     string
		ok     bool
		reason string
	}{
		{new(rating.Survey), `{"csi":"4.6","nps":null,"surveyed":10,"clients":200}`, true, "NPS not measured"},
		{new(rating.Survey), `{"csi":"4.6","nps":null,"surveyed":null,"clients":200}`, false, "null count"},
		{new(rating.Survey), `{"CSI":"4.6","nps":null,"surveyed":10,"clients":200}`, false, "key in another case"},
		{new(rating.Survey), `{"csi":4.6,"nps":null,"surveyed":10,"clients":200}`, false, "decimal as a number"},
		{new(rating.Survey), `{"csi":"4.6","nps":null,"surveyed":10}`, false, "missing key"},
		{new(rating.Weight), `{"name":"calls","weight":"1","extra":1}`, false, "unknown key"},
		{new(rating.Weight), `{"name":"calls","weight":"1e999999999"}`, false, "hostile exponent"},
		{new(rating.Scheme), `{"weights":null,"missing":"fail","min_coverage":"0"}`, false, "null weights"},
		{new(rating.Scheme), `{"weights":[],"missing":"Fail","min_coverage":"0"}`, false, "policy in another case"},
		{new(rating.Status), `null`, false, "null status (encoding/json would leave it unchanged)"},
		{new(rating.ReasonCode), `"few-calls"`, true, "reason code"},
		{new(rating.CallScore), `{"evaluation_id":"e","employee_id":"a","department_id":"","at":"2024-02-01T10:00:00.000Z","total":"4"}`, false, "time not as written"},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), tt.dst)
		if (err == nil) != tt.ok {
			t.Errorf("Unmarshal(%s) into %T: error %v (%s)", tt.in, tt.dst, err, tt.reason)
		}
	}
}

// TestNoJSONForm: raters, aggregators and inputs have no JSON form; encoding or decoding one says what to store
// instead (they wrote {} before).
func TestNoJSONForm(t *testing.T) {
	for _, v := range []any{*personalRater(t, nil), *departmentRater(t, nil), rating.Aggregator{},
		rating.PersonalInput{}, rating.DepartmentInput{}, rating.QuarterCheck{}} {
		_, err := json.Marshal(v)
		if !errors.Is(err, rating.ErrNotEncodable) || !strings.Contains(err.Error(), "store") {
			t.Errorf("Marshal(%T) error = %v, want ErrNotEncodable saying what to store", v, err)
		}
		if err := json.Unmarshal([]byte(`{}`), newOf(v)); !errors.Is(err, rating.ErrNotEncodable) {
			t.Errorf("Unmarshal into %T error = %v, want ErrNotEncodable", v, err)
		}
	}
}

// newOf returns a pointer to a new value of v's type.
func newOf(v any) any {
	switch v.(type) {
	case rating.PersonalRater:
		return new(rating.PersonalRater)
	case rating.DepartmentRater:
		return new(rating.DepartmentRater)
	case rating.Aggregator:
		return new(rating.Aggregator)
	case rating.PersonalInput:
		return new(rating.PersonalInput)
	case rating.DepartmentInput:
		return new(rating.DepartmentInput)
	case rating.QuarterCheck:
		return new(rating.QuarterCheck)
	}
	panic(fmt.Sprintf("newOf(%T)", v))
}
