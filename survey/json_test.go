package survey_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"pgregory.net/rapid"
)

func TestTallyJSONRoundTrip(t *testing.T) {
	tl := tallies(csiAnswer(5), csiAnswer(3), recommendAnswer(true), classicAnswer(10),
		classicAnswer(2), csatAnswer(4), cesAnswer(7), fcrAnswer(false))
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"csi":{"counts":[0,0,1,0,1]},"recommend":{"hits":1,"total":1},` +
		`"classic":{"promoters":1,"passives":0,"detractors":1},"csat":{"hits":1,"total":1},` +
		`"ces":{"counts":[0,0,0,0,0,0,1]},"fcr":{"hits":0,"total":1}}`
	if string(b) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", b, want)
	}
	var back survey.Tallies
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tl) {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, tl)
	}
	cov := must(survey.NewShare(4, 100))
	b, _ = json.Marshal(cov)
	var covBack survey.Share
	if string(b) != `{"hits":4,"total":100}` || json.Unmarshal(b, &covBack) != nil || !covBack.Equal(cov) {
		t.Errorf("coverage JSON %s decoded to %+v", b, covBack)
	}
}

func TestTallyJSONStrict(t *testing.T) {
	tests := []struct {
		in     string
		want   error
		reason string
	}{
		{`{"hits":9,"total":10,"no":1}`, sq.ErrMalformed, "unknown field"},
		{`{"hits":9,"hits":8,"total":10}`, sq.ErrMalformed, "repeated field"},
		{`{"Hits":9,"total":10}`, sq.ErrMalformed, "field names are case-sensitive"},
		{`{"hits":9}`, sq.ErrMalformed, "missing total"},
		{`{"hits":9,"total":10} {}`, sq.ErrMalformed, "data after the object"},
		{`{"hits":null,"total":10}`, sq.ErrMalformed, "null count"},
		{`{"hits":"9","total":10}`, sq.ErrMalformed, "count as a string"},
		{`{"hits":9.0,"total":10}`, sq.ErrMalformed, "count with a fraction"},
		{`{"hits":9e0,"total":10}`, sq.ErrMalformed, "count with an exponent"},
		{`{"hits":-1,"total":10}`, survey.ErrInvalidCount, "negative count"},
		{`{"hits":11,"total":10}`, survey.ErrInvalidCount, "hits above total"},
		{`{"hits":1,"total":99999999999999999999}`, sq.ErrLimit, "count beyond int64"},
		{`[9,10]`, sq.ErrMalformed, "not an object"},
		{`null`, sq.ErrMalformed, "null"},
		{`{"hits":9,"total":10`, sq.ErrMalformed, "truncated"},
	}
	for _, tt := range tests {
		before := must(survey.NewShare(1, 2))
		s := before
		// Call the decoder itself: json.Unmarshal checks the syntax first and would answer for it.
		err := s.UnmarshalJSON([]byte(tt.in))
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) error = %v, want %v (%s)", tt.in, err, tt.want, tt.reason)
		}
		if !s.Equal(before) {
			t.Errorf("Unmarshal(%s) changed the receiver to %+v (%s)", tt.in, s, tt.reason)
		}
	}
	arrays := []struct {
		in     string
		reason string
	}{
		{`{"counts":[1,2,3,4]}`, "four counts for CSI"},
		{`{"counts":[1,2,3,4,5,6]}`, "six counts for CSI"},
		{`{"counts":null}`, "null counts"},
		{`{"counts":[1,2,3,4,-5]}`, "negative count"},
		{`{"counts":{"1":2}}`, "object for an array"},
	}
	for _, tt := range arrays {
		var c survey.CSI
		if err := json.Unmarshal([]byte(tt.in), &c); err == nil {
			t.Errorf("CSI Unmarshal(%s) accepted it (%s)", tt.in, tt.reason)
		}
	}
	var tl survey.Tallies
	err := json.Unmarshal([]byte(`{"csi":{"counts":[0,0,0,0,0]}}`), &tl)
	wantErr(t, "tallies with only csi", err, sq.ErrMalformed)
}

func TestTargetJSON(t *testing.T) {
	target := survey.Target{Metric: "NPS", Compare: survey.AtLeast, Mode: survey.Percent, Value: d("20"),
		Baseline: d("40")}
	b, err := json.Marshal(target)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"metric":"NPS","compare":"at-least","mode":"percent","value":"20","baseline":"40"}`; string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var back survey.Target
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(target, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	var short survey.Target
	if err := json.Unmarshal([]byte(`{"metric":"time","compare":"at-most","value":5}`), &short); err != nil ||
		short.Mode != survey.Absolute || !short.Value.Equal(d("5")) {
		t.Errorf("short form = %+v, %v", short, err)
	}
	bad := []struct {
		in     string
		want   error
		reason string
	}{
		{`{"metric":"NPS","compare":"above","value":"5"}`, survey.ErrInvalidSetting, "unknown comparison"},
		{`{"metric":"NPS","compare":"at-least","mode":"relative","value":"5"}`, survey.ErrInvalidSetting,
			"unknown mode"},
		{`{"metric":"NPS","compare":"at-least","mode":"percent","value":"20","baseline":"-5"}`,
			survey.ErrInvalidSetting, "percent of a negative baseline"},
		{`{"metric":"NPS","compare":"at-least","value":null}`, sq.ErrMalformed, "null value"},
		{`{"metric":"NPS","compare":"at-least","value":"1e999999"}`, sq.ErrLimit, "huge exponent"},
		{`{"metric":5,"compare":"at-least","value":"1"}`, sq.ErrMalformed, "metric not a string"},
		{`{"metric":"NPS","compare":1,"value":"1"}`, sq.ErrMalformed, "comparison not a string"},
		{`{"metric":"NPS","compare":"at-least"}`, sq.ErrMalformed, "missing value"},
		{`{"metric":"NPS","compare":"at-least","value":"1","goal":"2"}`, sq.ErrMalformed, "unknown field"},
	}
	for _, tt := range bad {
		var got survey.Target
		err := json.Unmarshal([]byte(tt.in), &got)
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) error = %v, want %v (%s)", tt.in, err, tt.want, tt.reason)
		}
	}
	if _, err := json.Marshal(survey.Target{}); !errors.Is(err, survey.ErrInvalidSetting) {
		t.Errorf("Marshal of the zero target: error %v, want ErrInvalidTarget", err)
	}
}

// Every tally survives a JSON round trip.
func TestTallyJSONProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var tl survey.Tallies
		tl.CSI = surveytest.CSI(survey.MaxCount/10).Draw(t, "csi")
		tl.Recommend = surveytest.Share(survey.MaxCount).Draw(t, "recommend")
		tl.Classic = surveytest.ClassicNPS(survey.MaxCount).Draw(t, "classic")
		tl.CSAT = surveytest.Share(survey.MaxCount).Draw(t, "csat")
		tl.FCR = surveytest.Share(survey.MaxCount).Draw(t, "fcr")
		b, err := json.Marshal(tl)
		if err != nil {
			t.Fatal(err)
		}
		var back survey.Tallies
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tl) {
			t.Fatalf("round trip of %s = %+v, %v", b, back, err)
		}
	})
}

// FuzzTallyJSON feeds arbitrary input to every tally decoder: each either refuses it with a sentinel error and
// leaves its receiver alone, or accepts a value that survives a round trip.
func FuzzTallyJSON(f *testing.F) {
	for _, s := range []string{
		`{"hits":9,"total":10}`, `{"counts":[1,2,3,4,5]}`, `{"counts":[1,2,3,4,5,6,7]}`,
		`{"promoters":291,"passives":476,"detractors":395}`, `{"hits":0,"total":0}`, `{"hits":1,"hits":1}`, `{"counts":[1e3]}`, `nul`, `{"csi":{}}`,
		`{"csi":{"counts":[0,0,0,0,0]},"recommend":{"hits":1,"total":1},"classic":{"promoters":1,"passives":0,` +
			`"detractors":1},"csat":{"hits":1,"total":1},"ces":{"counts":[0,0,0,0,0,0,1]},"fcr":{"hits":0,"total":1}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		check[survey.Share](t, b)
		check[survey.CSI](t, b)
		check[survey.CES](t, b)
		check[survey.ClassicNPS](t, b)
		check[survey.Share](t, b)
		check[survey.Share](t, b)
		check[survey.Share](t, b)
		check[survey.Tallies](t, b)
	})
}

// check decodes b into a zero T through its pointer type P and checks the outcome.
func check[T interface{ Equal(T) bool }, P interface {
	*T
	json.Unmarshaler
}](t *testing.T, b []byte) {
	t.Helper()
	var v T
	if err := P(&v).UnmarshalJSON(b); err != nil {
		var e *sq.Error
		if !errors.As(err, &e) || !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, sq.ErrLimit) &&
			!errors.Is(err, survey.ErrInvalidCount) {
			t.Fatalf("%T: error %v is no *sq.Error of a known kind", v, err)
		}
		var zero T
		if !v.Equal(zero) {
			t.Fatalf("%T: failed decode changed the receiver", v)
		}
		return
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T: Marshal: %v", v, err)
	}
	var back T
	if err := json.Unmarshal(out, &back); err != nil || !back.Equal(v) {
		t.Fatalf("%T: round trip of %s gave %v", v, out, err)
	}
}

// FuzzTargetJSON feeds arbitrary input to the Target decoder: it either refuses it with a sentinel error or
// accepts a valid target that survives a round trip.
func FuzzTargetJSON(f *testing.F) {
	for _, s := range []string{
		`{"metric":"NPS","compare":"at-least","mode":"percent","value":"20","baseline":"40"}`,
		`{"metric":"time","compare":"at-most","value":5}`,
		`{"metric":"x","compare":"at-least","mode":"offset","value":"-3.5","baseline":"-8.95"}`,
		`{"metric":"","compare":"at-least","value":"1e99999"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var target survey.Target
		if err := target.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, sq.ErrMalformed) && !errors.Is(err, sq.ErrLimit) && !errors.Is(err, survey.ErrInvalidSetting) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		if err := target.Validate(); err != nil {
			t.Fatalf("decoded an invalid target: %v", err)
		}
		out, err := json.Marshal(target)
		if err != nil {
			t.Fatal(err)
		}
		var back survey.Target
		if err := json.Unmarshal(out, &back); err != nil || !cmp.Equal(back, target) {
			t.Fatalf("round trip of %s gave %+v, %v", out, back, err)
		}
		if _, err := target.Assess(target.Value); err != nil {
			t.Fatalf("Assess of a valid target: %v", err)
		}
	})
}

// A JSON error names the field at fault by its path, indexes counted from 1.
func TestJSONErrorPaths(t *testing.T) {
	tests := []struct {
		dst    json.Unmarshaler
		in     string
		path   string
		want   error
		reason string
	}{
		{new(survey.Tallies), `{"csi":{"counts":[0,0,0,0,0]},"recommend":{"hits":3,"total":2},"classic":` +
			`{"promoters":0,"passives":0,"detractors":0},"csat":{"hits":0,"total":0},"ces":{"counts":[0,0,0,0,0,0,0]},` +
			`"fcr":{"hits":0,"total":0}}`, "recommend.hits", survey.ErrInvalidCount, "a part above its whole"},
		{new(survey.CSI), `{"counts":[1,2,-3,4,5]}`, "counts[3]", survey.ErrInvalidCount, "the third count"},
		{new(survey.Share), `{"hits":1,"total":2,"all":3}`, "", sq.ErrMalformed, "an unknown key (named as the value)"},
		{new(survey.Response), `{"client":"c","employee":"e","department":"d","channel":"x","at":"",` +
			`"answer":{"kind":"ces","value":9}}`, "answer.value", survey.ErrInvalidAnswer, "an answer off its scale"},
	}
	for _, tt := range tests {
		err := tt.dst.UnmarshalJSON([]byte(tt.in))
		var e *sq.Error
		if !errors.As(err, &e) || e.Path != tt.path || e.Pkg != "survey" || !errors.Is(err, tt.want) {
			t.Errorf("%T (%s): error %v, want the path %q wrapping %v", tt.dst, tt.reason, err, tt.path, tt.want)
		}
	}
}
