package sqbeam

import (
	"strings"
	"testing"
)

// TestParseAnswer checks the strict reading of survey answer lines: each bad line is an error, never a zero
// answer.
func TestParseAnswer(t *testing.T) {
	for _, tt := range []struct {
		line   string
		ok     bool
		reason string
	}{
		{`{"Employee":"e1","Client":"c1","Kind":"csi","Value":5}`, true, "a valid CSI answer"},
		{`{"Employee":"e1","Kind":"recommend","Value":0}`, true, "an anonymous no"},
		{`{"Employee":"e1","Kind":"csi","Value":6}`, false, "CSI is 1–5 (SPEC R11)"},
		{`{"Employee":"e1","Kind":"stars","Value":3}`, false, "unknown kind"},
		{`{"Employee":"","Kind":"csi","Value":3}`, false, "no employee"},
		{`{"Employee":"e1","Kind":"csi","Value":3,"Extra":1}`, false, "unknown field"},
		{`{"Employee":"e1","Kind":"csi","Value":3}{}`, false, "data after the object"},
		{`{"Employee":"e1","Kind":"csi","Value":"3"}`, false, "a string value"},
		{`not json`, false, "not JSON"},
	} {
		_, err := parseAnswer(tt.line)
		if (err == nil) != tt.ok {
			t.Errorf("parseAnswer(%s) error = %v, want ok %v (%s)", tt.line, err, tt.ok, tt.reason)
		}
	}
	var got []DeadLetter
	ParseAnswerFn{}.ProcessElement("bad", func(SurveyAnswer) { t.Error("emitted a bad line") },
		func(d DeadLetter) { got = append(got, d) })
	if len(got) != 1 || got[0].Stage != "parse" || got[0].Input != "bad" || got[0].Error == "" {
		t.Errorf("ParseAnswerFn dead letters = %+v, want one parse letter with the input and the error", got)
	}
}

// TestCountsRefuseUnknownState checks that CountsFn fails on a state it does not know rather than skipping it
// (SPEC R18: every complaint is counted in exactly one state).
func TestCountsRefuseUnknownState(t *testing.T) {
	if _, err := (CountsFn{}).AddInput(RegisterCounts{}, ComplaintStatus{State: "lost"}); err == nil ||
		!strings.Contains(err.Error(), `"lost"`) {
		t.Errorf("AddInput(state lost) error = %v, want one naming the state", err)
	}
	c, err := (CountsFn{}).AddInput(RegisterCounts{}, ComplaintStatus{State: "resolved", Resolved: true, OnTime: true})
	if err != nil || c != (RegisterCounts{Total: 1, Resolved: 1, OnTime: 1}) {
		t.Errorf("AddInput(resolved on time) = %+v, %v", c, err)
	}
}

// TestClipDeadInput checks that a dead letter keeps at most MaxDeadInput bytes of its input.
func TestClipDeadInput(t *testing.T) {
	long := strings.Repeat("x", 3*MaxDeadInput)
	var got []DeadLetter
	ParseAnswerFn{}.ProcessElement(long, func(SurveyAnswer) {}, func(d DeadLetter) { got = append(got, d) })
	if len(got) != 1 || len(got[0].Input) > MaxDeadInput+len("…") {
		t.Errorf("dead letter input of %d bytes, want at most %d", len(got[0].Input), MaxDeadInput+len("…"))
	}
}
