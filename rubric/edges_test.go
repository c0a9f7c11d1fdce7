package rubric_test

import (
	"encoding/json"
	"errors"
	"github.com/servicequality/servicequality/sq"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// TestEvaluationMarshalKeepsEveryAnswerPart pins that MarshalJSON writes what the answer holds or refuses: an
// answer with a level and points, which Score refuses, must not become a level-only answer that scores.
func TestEvaluationMarshalKeepsEveryAnswerPart(t *testing.T) {
	r := rubric.CallQuality()
	tests := []struct {
		answer rubric.Answer
		reason string
	}{
		{rubric.Answer{Criterion: "tonality", Level: "green", Points: d("0.5")}, "a level with points"},
		{rubric.Answer{Criterion: "greeting", NA: true, Points: d("0.5")}, "N/A with points"},
		{rubric.Answer{Criterion: "greeting", NA: true, Level: "green"}, "N/A with a level"},
	}
	for _, tt := range tests {
		e := call(all("0.5"), "green")
		for i, a := range e.Answers {
			if a.Criterion == tt.answer.Criterion {
				e.Answers[i] = tt.answer
			}
		}
		_, scoreErr := r.Score(e)
		b, err := e.MarshalJSON()
		if !errors.Is(err, rubric.ErrInvalidScore) {
			back, perr := rubric.ParseEvaluation(b)
			_, backErr := r.Score(back)
			t.Errorf("MarshalJSON(%s) = %s, %v; want ErrInvalidScore (Score: %v; after the round trip: %v, %v)",
				tt.reason, b, err, scoreErr, perr, backErr)
		}
	}
}

// TestDecimalWrittenDigits pins that the reader accepts only decimals whose written form it reads back: a number
// of MaxDecimalDigits digits written out, not one more.
func TestDecimalWrittenDigits(t *testing.T) {
	tests := []struct {
		points string
		err    error
		reason string
	}{
		{`"9999999999999e18"`, sq.ErrLimit, "13 digits and exponent 18 write out as 31 digits"},
		{`"999999999999e18"`, nil, "12 digits and exponent 18 write out as 30 digits"},
		{`"` + strings.Repeat("9", 30) + `"`, nil, "30 digits as written"},
		{`"0.000000000000000001"`, nil, "18 places"},
	}
	for _, tt := range tests {
		e, err := rubric.ParseEvaluation([]byte(`{"answers":[{"criterion":"greeting","points":` + tt.points + `}]}`))
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("ParseEvaluation(points %s) error = %v, want %v (%s)", tt.points, err, tt.err, tt.reason)
			continue
		}
		if err != nil {
			continue
		}
		b, err := e.MarshalJSON()
		if err != nil {
			t.Errorf("MarshalJSON(points %s) = %v (%s)", tt.points, err, tt.reason)
			continue
		}
		if back, err := rubric.ParseEvaluation(b); err != nil || !back.Equal(e) {
			t.Errorf("ParseEvaluation(%s) = %v, %v; want the evaluation read first (%s)", b, back, err, tt.reason)
		}
	}
	e := rubric.Evaluation{Answers: []rubric.Answer{rubric.PointsAnswer("greeting", decimal.New(9999999999999, 18))}}
	if b, err := e.MarshalJSON(); !errors.Is(err, sq.ErrLimit) {
		t.Errorf("MarshalJSON(points 9999999999999e18) = %s, %v; want ErrDecimalLimit: its reader would refuse it", b, err)
	}
}

// TestScoreRefusesTimesJSONCannotHold pins that Score refuses an evaluation time whose result could not be
// written: years beyond 9999 (Result.MarshalJSON fails) and offsets of seconds (written as another instant).
func TestScoreRefusesTimesJSONCannotHold(t *testing.T) {
	r := rubric.CallQuality()
	tests := []struct {
		at     time.Time
		err    error
		reason string
	}{
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), sq.ErrInvalid, "year 10000"},
		{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), sq.ErrInvalid, "a year before 0"},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 30)), sq.ErrInvalid, "an offset of 30 seconds"},
		{time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), nil, "the last instant of 9999"},
		{time.Date(2026, 1, 1, 0, 0, 0, 1, time.FixedZone("", -(23*3600+59*60))), nil, "offset -23:59, nanoseconds"},
	}
	for _, tt := range tests {
		e := call(all("0.5"), "green")
		e.At = tt.at
		res, err := r.Score(e)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("Score(at %v) error = %v, want %v (%s)", tt.at, err, tt.err, tt.reason)
			continue
		}
		if _, merr := e.MarshalJSON(); !errors.Is(merr, tt.err) || (tt.err == nil && merr != nil) {
			t.Errorf("Evaluation.MarshalJSON(at %v) error = %v, want %v (%s)", tt.at, merr, tt.err, tt.reason)
		}
		if err != nil {
			continue
		}
		b, err := res.MarshalJSON()
		if err != nil {
			t.Errorf("Result.MarshalJSON(at %v) = %v (%s)", tt.at, err, tt.reason)
			continue
		}
		if back, err := rubric.ParseResult(r, b); err != nil || !back.Equal(res) {
			t.Errorf("ParseResult(%s) = %v, %v; want the result written (%s)", b, back, err, tt.reason)
		}
	}
	e := call(all("0.5"), "green")
	e.CallID = "c-\xff"
	if _, err := r.Score(e); !errors.Is(err, sq.ErrInvalid) {
		t.Errorf("Score(call ID with invalid UTF-8) error = %v, want sq.ErrInvalid", err)
	}
}

// TestResultStoredForm pins that a Result reads back from its JSON, against its rubric, to an Equal Result, and
// that a stored result read against another rubric or edited is refused with a named error.
func TestResultStoredForm(t *testing.T) {
	r := rubric.CallQuality()
	e := call(all("0.4"), "yellow")
	e.CallID, e.At = "c-1", time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("", 5*3600))
	res, err := r.Score(e)
	if err != nil {
		t.Fatal(err)
	}
	data, err := res.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := rubric.ParseResult(r, data)
	if err != nil || !back.Equal(res) {
		t.Fatalf("ParseResult(%s) = %v, %v; want %v", data, back, err, res)
	}
	var into rubric.Result
	if err := json.Unmarshal(data, &into); !errors.Is(err, rubric.ErrNoRubric) {
		t.Errorf("json.Unmarshal into a Result = %v, want ErrNoRubric (a Result is read against its rubric)", err)
	}
	if _, err := (rubric.Result{}).MarshalJSON(); !errors.Is(err, rubric.ErrNoRubric) {
		t.Errorf("zero Result MarshalJSON error = %v, want ErrNoRubric", err)
	}
	other := rubric.PhoneEtiquette()
	newer, err := rubric.New(func() rubric.Definition { d := r.Definition(); d.Version = "2099-01-01"; return d }())
	if err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		r      *rubric.Rubric
		data   string
		err    error
		reason string
	}{
		{other, string(data), rubric.ErrRubricMismatch, "another rubric"},
		{newer, string(data), rubric.ErrRubricMismatch, "another version of the rubric"},
		{nil, string(data), rubric.ErrNoRubric, "no rubric"},
		{r, strings.Replace(string(data), `"total":"3.6"`, `"total":"4.6"`, 1), rubric.ErrResultMismatch, "an edited total"},
		{r, strings.Replace(string(data), `"exact":true`, `"exact":false`, 1), rubric.ErrResultMismatch, "an edited flag"},
		{r, strings.Replace(string(data), `"raw":"0.4"`, `"raw":"0.5"`, 1), rubric.ErrResultMismatch, "edited points change the totals"},
		{r, strings.Replace(string(data), `"total"`, `"TOTAL"`, 1), sq.ErrMalformed, "keys are exact"},
		{r, `{"total":"0","max":"0","raw_total":"0","exact":true,"auto_fail":false}`, rubric.ErrNoRubric, "names no rubric"},
	}
	for _, tt := range bad {
		if got, err := rubric.ParseResult(tt.r, []byte(tt.data)); !errors.Is(err, tt.err) {
			t.Errorf("ParseResult(%s) = %v, %v; want %v", tt.reason, got, err, tt.err)
		}
	}
	if !strings.Contains(string(data), `"total":"3.6"`) {
		t.Errorf("the stored form %s does not hold the total 3.6 the edits above change", data)
	}
}

// TestDefinitionMarshalRefuses pins that a definition that cannot be written to read back Equal is refused with a
// sentinel of this package.
func TestDefinitionMarshalRefuses(t *testing.T) {
	tests := []struct {
		change func(*rubric.Definition)
		err    error
		reason string
	}{
		{func(d *rubric.Definition) { d.Precision.Rounding = sq.Rounding(9) }, rubric.ErrInvalidDefinition, "no such rounding rule"},
		{func(d *rubric.Definition) { d.Max = decimal.New(1, 40) }, sq.ErrLimit, "41 digits written out"},
		{func(d *rubric.Definition) { d.Title = rubric.Text{"en": "a\xffb"} }, sq.ErrMalformed, "invalid UTF-8"},
	}
	for _, tt := range tests {
		d := rubric.CallQuality().Definition()
		tt.change(&d)
		if b, err := d.MarshalJSON(); !errors.Is(err, tt.err) {
			t.Errorf("MarshalJSON(%s) = %.60s, %v; want %v", tt.reason, b, err, tt.err)
		}
	}
}

// TestNewRefusesInvalidUTF8 pins that a text JSON cannot hold is refused when the rubric is built, not when it is
// first written.
func TestNewRefusesInvalidUTF8(t *testing.T) {
	d := rubric.CallQuality().Definition()
	d.Criteria[0].Title = rubric.Text{"en": "Greeting\xff"}
	_, err := rubric.New(d)
	if !errors.Is(err, rubric.ErrInvalidDefinition) || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("New(title with invalid UTF-8) error = %v, want ErrInvalidDefinition naming UTF-8", err)
	}
}
