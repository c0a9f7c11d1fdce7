package rating_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// TestConfigJSONRoundTrip: settings, inputs' parts and explanations encode to snake_case JSON that reads back
// Equal and re-encodes to the same bytes.
func TestConfigJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ps := rating.PersonalSettings{CallWeight: genWeight(t, "calls"), SurveyWeight: genWeight(t, "survey"),
			CSIWeight: genWeight(t, "csi"), NPSWeight: genWeight(t, "nps"), FailOnMissing: rapid.Bool().Draw(t, "fail"),
			MinCoverage: genWeight(t, "cov"), MinCalls: rapid.IntRange(0, 100).Draw(t, "minCalls"),
			MinSurveyedPercent: genScore(t, "minPercent"),
			ShrinkPrior:        genScore(t, "prior"), ShrinkStrength: genWeight(t, "strength")}
		checkJSONRoundTrip(t, ps)
		ds := rating.DepartmentSettings{PlatformWeight: genWeight(t, "platforms"), EmployeeWeight: genWeight(t, "employees"),
			SurveyWeight: genWeight(t, "survey"), CSIWeight: genWeight(t, "csi"), NPSWeight: genWeight(t, "nps"),
			FailOnMissing: rapid.Bool().Draw(t, "fail"), MinCoverage: genWeight(t, "cov"),
			ReviewWeighted: rapid.Bool().Draw(t, "reviews"), IncludeInsufficient: rapid.Bool().Draw(t, "include")}
		checkJSONRoundTrip(t, ds)
		checkJSONRoundTrip(t, rating.PlatformRating{Name: rapid.String().Draw(t, "name"), Rating: genScore(t, "rating"),
			Reviews: rapid.Int64().Draw(t, "reviews")})
		at := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "at"), rapid.Int64Range(0, 1e9-1).Draw(t, "ns"))
		checkJSONRoundTripCmp(t, rating.CallScore{EvaluationID: rapid.String().Draw(t, "ev"), EmployeeID: "anna",
			At: at.In(time.FixedZone("", 3600*rapid.IntRange(-12, 12).Draw(t, "zone"))), Total: genScore(t, "total")})
		sv := rating.Survey{Surveyed: rapid.Int64().Draw(t, "surveyed"), Clients: rapid.Int64().Draw(t, "clients")}
		if rapid.Bool().Draw(t, "csi") {
			sv.CSI = nd(genScore(t, "csiValue").String())
		}
		if rapid.Bool().Draw(t, "nps") {
			sv.NPS = nd(genScore(t, "npsValue").String())
		}
		checkJSONRoundTripCmp(t, sv)
		checkJSONRoundTripCmp(t, rating.Shortfall{EmployeeID: "anna", Evaluated: rapid.IntRange(0, 1e6).Draw(t, "evaluated"),
			Required: rapid.IntRange(0, 1e6).Draw(t, "required")})
		checkJSONRoundTripCmp(t, rating.Reason{Code: rating.ReasonCode(rapid.IntRange(1, 5).Draw(t, "code")),
			Message: rapid.String().Draw(t, "message")})
	})
	checkJSONRoundTripCmp(t, rating.CallScore{})
	checkJSONRoundTrip(t, rating.PersonalSettings{})
	checkJSONRoundTrip(t, rating.DefaultDepartmentSettings())
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
		{new(rating.Survey), `{"csi":"23/5","nps":null,"surveyed":10,"clients":200}`, true, "NPS not measured"},
		{new(rating.Survey), `{"csi":"4.6","nps":null,"surveyed":null,"clients":200}`, false, "null count"},
		{new(rating.Survey), `{"CSI":"4.6","nps":null,"surveyed":10,"clients":200}`, false, "key in another case"},
		{new(rating.Survey), `{"csi":4.6,"nps":null,"surveyed":10,"clients":200}`, false, "decimal as a number"},
		{new(rating.Survey), `{"csi":"4.6","nps":null,"surveyed":10}`, false, "missing key"},
		{new(rating.PlatformRating), `{"name":"Google","rating":"4","reviews":1,"extra":1}`, false, "unknown key"},
		{new(rating.PlatformRating), `{"name":"Google","rating":"1e999999999","reviews":1}`, false, "hostile exponent"},
		{new(rating.DepartmentSettings), `{"platform_weight":"1","employee_weight":"1","survey_weight":"1","csi_weight":"1",` +
			`"nps_weight":"1","fail_on_missing":null,"min_coverage":"0","review_weighted":false,"include_insufficient":false}`,
			false, "null flag"},
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

// TestNoJSONForm: raters have no JSON form; encoding or decoding one says what to store instead (they wrote {}
// before). A QuarterCheck is plain data and reads back Equal.
func TestNoJSONForm(t *testing.T) {
	check := rating.QuarterCheck{Quarter: sq.Quarter{Year: 2024, Q: 2}.Period(time.UTC), Required: 5, ScheduledOnly: true}
	checkJSONRoundTripCmp(t, check)
	for _, v := range []any{*personalRater(t, nil), *departmentRater(t, nil)} {
		_, err := json.Marshal(v)
		if !errors.Is(err, sq.ErrInvalid) || !strings.Contains(err.Error(), "store") {
			t.Errorf("Marshal(%T) error = %v, want ErrNotEncodable saying what to store", v, err)
		}
		if err := json.Unmarshal([]byte(`{}`), newOf(v)); !errors.Is(err, sq.ErrInvalid) {
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
	}
	panic(fmt.Sprintf("newOf(%T)", v))
}
