package rating_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// equaler is a value with an Equal method, as cmp uses.
type equaler[T any] interface{ Equal(T) bool }

// checkJSONRoundTrip checks that v encodes, decodes to an Equal value, and encodes again to the same bytes.
func checkJSONRoundTrip[T equaler[T]](t tb, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	back := new(T)
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatalf("Unmarshal(%s) into %T: %v", b, v, err)
	}
	if !(*back).Equal(v) {
		t.Fatalf("%T: decoded value is not Equal to the original; JSON %s", v, b)
	}
	again, err := json.Marshal(*back)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(b), string(again)); diff != "" {
		t.Fatalf("%T: re-encoding mismatch (-first +second):\n%s", v, diff)
	}
}

// checkJSONRoundTripCmp is checkJSONRoundTrip for values without an Equal method, compared with go-cmp.
func checkJSONRoundTripCmp[T any](t tb, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", v, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("Unmarshal(%s) into %T: %v", b, v, err)
	}
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("%T: JSON round trip mismatch (-want +got):\n%s\nJSON %s", v, diff, b)
	}
}

// TestPersonalJSONKeepsRating: json.Marshal of a Personal used to write only the employee and the calls (the
// rating's fields are unexported), and reading it back gave "insufficient [0.0]" without an error.
func TestPersonalJSONKeepsRating(t *testing.T) {
	p := staff(t)[0] // anna, sufficient 4.455 (SPEC R8)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"employee_id":"anna"`, `"stored":"4.455"`, `"value":"891/200"`, `"status":"sufficient"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("Personal JSON %s lacks %s", b, want)
		}
	}
	var back rating.Personal
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(p) || back.String() != "4.5" {
		t.Errorf("read back %v (%s), want %v", back, back.Exact().Rat().RatString(), p)
	}
}

// TestRatingTypesJSONRoundTrip: every rating value encodes to JSON that reads back Equal and re-encodes to the
// same bytes, on generated personal and department ratings (sufficient and not, with missing components).
func TestRatingTypesJSONRoundTrip(t *testing.T) {
	pr := personalRater(t, nil)
	dr := departmentRater(t, nil)
	rapid.Check(t, func(t *rapid.T) {
		var ps []rating.Personal
		for i := range rapid.IntRange(1, 4).Draw(t, "employees") {
			id := fmt.Sprintf("e%d", i)
			totals := make([]string, rapid.IntRange(0, 7).Draw(t, "calls"))
			for j := range totals {
				totals[j] = genScore(t, "total").String()
			}
			var s rating.Survey
			if rapid.Bool().Draw(t, "csi") {
				s.CSI = nd(genScore(t, "csi").String())
			}
			if rapid.Bool().Draw(t, "nps") {
				s.NPS = nd(genScore(t, "nps").String())
			}
			s.Clients = rapid.Int64Range(0, 100).Draw(t, "clients")
			s.Surveyed = rapid.Int64Range(0, s.Clients).Draw(t, "surveyed")
			p, err := pr.Rate(rating.PersonalInput{EmployeeID: id, Calls: callsOn(id, day(2024, 1, 1), totals...), Survey: s})
			if errors.Is(err, rating.ErrEmpty) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			checkJSONRoundTrip(t, p)
			checkJSONRoundTrip(t, p.Rating)
			checkJSONRoundTripCmp(t, p.Breakdown())
			checkJSONRoundTrip(t, p.Exact())
			ps = append(ps, p)
		}
		if len(ps) == 0 {
			return
		}
		dep, err := dr.Rate(rating.DepartmentInput{DepartmentID: "d1", Employees: ps, Platforms: platforms})
		if err != nil {
			t.Fatal(err)
		}
		checkJSONRoundTrip(t, dep)
		ratings := map[string]rating.Rating{"d1": dep.Rating}
		for _, p := range ps {
			ratings[p.EmployeeID] = p.Rating
		}
		l, err := rating.Rank(ratings)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range l {
			checkJSONRoundTrip(t, s)
		}
	})
	// Zero values have a form too.
	checkJSONRoundTrip(t, rating.Rating{})
	checkJSONRoundTrip(t, rating.Personal{})
	checkJSONRoundTrip(t, rating.Department{})
	checkJSONRoundTrip(t, rating.Standing{})
	checkJSONRoundTrip(t, sq.Fraction{})
}

// TestRatingJSONStrict: readers refuse case-variant, unknown, repeated and missing keys, null, numbers for
// decimals, and derived values that do not follow from the components.
func TestRatingJSONStrict(t *testing.T) {
	b, err := json.Marshal(staff(t)[2]) // carol: insufficient, few calls
	if err != nil {
		t.Fatal(err)
	}
	good := string(b)
	tests := []struct {
		in     string
		reason string
	}{
		{strings.Replace(good, `"employee_id"`, `"Employee_ID"`, 1), "key in another case"},
		{strings.Replace(good, `"employee_id":"carol"`, `"employee_id":"carol","employee_id":"x"`, 1), "repeated key"},
		{strings.Replace(good, `"employee_id":"carol"`, `"employee_id":"carol","extra":1`, 1), "unknown key"},
		{strings.Replace(good, `"employee_id":"carol",`, ``, 1), "missing key"},
		{strings.Replace(good, `"employee_id":"carol"`, `"employee_id":null`, 1), "null ID"},
		{strings.Replace(good, `"status":"insufficient"`, `"status":"sufficient"`, 1), "status contradicts the reasons"},
		{strings.Replace(good, `"status":"insufficient"`, `"STATUS":"insufficient"`, 1), "nested key in another case"},
		{strings.Replace(good, `"stored":"3.775"`, `"stored":"3.8"`, 1), "stored value is the display value"},
		{strings.Replace(good, `"stored":"3.775"`, `"stored":3.775`, 1), "stored value as a number"},
		{strings.Replace(good, `"weight":"1"`, `"weight":"2"`, 1), "weights that do not give the value"},
		{strings.Replace(good, `"reasons":[`, `"reasons":null,"x":[`, 1), "null reasons"},
		{good + ` {}`, "data after the object"},
		{`null`, "null rating"},
	}
	for _, tt := range tests {
		if tt.in == good {
			t.Fatalf("%s: the test input did not change", tt.reason)
		}
		var p rating.Personal
		err := json.Unmarshal([]byte(tt.in), &p)
		if !errors.Is(err, sq.ErrMalformed) && !(err != nil && tt.reason == "data after the object") {
			t.Errorf("%s: error = %v, want one wrapping ErrDecode", tt.reason, err)
		}
	}
}
