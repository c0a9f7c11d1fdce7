package survey_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"pgregory.net/rapid"
)

func TestAnswerValidate(t *testing.T) {
	tests := []struct {
		a      survey.Answer
		want   error
		reason string
	}{
		{csiAnswer(5), nil, "top of the CSI scale"},
		{csiAnswer(0), survey.ErrInvalidAnswer, "below the CSI scale"},
		{recommendAnswer(false), nil, "no"},
		{survey.Answer{Kind: survey.KindRecommend, Value: 2}, survey.ErrInvalidAnswer, "yes/no answer of 2"},
		{classicAnswer(10), nil, "top of the classic scale"},
		{classicAnswer(11), survey.ErrInvalidAnswer, "above the classic scale"},
		{csatAnswer(6), survey.ErrInvalidAnswer, "above the CSAT scale"},
		{cesAnswer(7), nil, "top of the CES scale"},
		{fcrAnswer(true), nil, "resolved"},
		{survey.Answer{Kind: survey.KindFCR, Value: -1}, survey.ErrInvalidAnswer, "FCR of -1"},
		{survey.Answer{}, survey.ErrInvalidAnswer, "no kind"},
		{survey.Answer{Kind: 42, Value: 1}, survey.ErrInvalidAnswer, "unknown kind"},
	}
	for _, tt := range tests {
		err := tt.a.Validate()
		if tt.want == nil {
			if err != nil {
				t.Errorf("Validate(%v %d) = %v, want nil (%s)", tt.a.Kind, tt.a.Value, err, tt.reason)
			}
			continue
		}
		wantErr(t, tt.reason, err, tt.want)
	}
	if got := survey.KindClassic.String(); got != "classic NPS" {
		t.Errorf("KindClassic.String() = %q", got)
	}
	if got := survey.Kind(0).String(); got != "Kind(0)" {
		t.Errorf("Kind(0).String() = %q", got)
	}
}

// A bad response is named by its place in the stream, counted from 1, and the field at fault.
func TestResponseErrorPath(t *testing.T) {
	rs := []survey.Response{{Client: "c1", Answer: csiAnswer(4)}, {Client: strings.Repeat("й", 100), Answer: csiAnswer(9)}}
	_, err := survey.Tally(rs, survey.ClassicCuts{})
	var e *sq.Error
	if !errors.As(err, &e) || e.Path != "responses[2].answer.value" || e.Value != "9" || !errors.Is(err, survey.ErrInvalidAnswer) {
		t.Errorf("Tally error = %v, want responses[2].answer.value 9 wrapping ErrInvalidAnswer", err)
	}
	_, err = survey.Segments(rs, survey.Grouping{})
	if !errors.As(err, &e) || e.Path != "responses[2].answer.value" {
		t.Errorf("Segments error = %v, want the path responses[2].answer.value", err)
	}
}

// Every Merge refuses a total above MaxCount instead of overflowing.
func TestMergeRefusesOverflow(t *testing.T) {
	half := survey.MaxCount/2 + 1
	csi := must(survey.NewCSI([5]int64{half}))
	ces := must(survey.NewCES([7]int64{half}))
	rec := must(survey.NewShare(0, half))
	cl := must(survey.NewClassicNPS(half, 0, 0))
	csat := must(survey.NewShare(0, half))
	fcr := must(survey.NewShare(0, half))
	cov := must(survey.NewShare(0, half))
	errs := map[string]error{
		"CSI":       second(csi.Merge(csi)),
		"CES":       second(ces.Merge(ces)),
		"recommend": second(rec.Merge(rec)),
		"classic":   second(cl.Merge(cl)),
		"CSAT":      second(csat.Merge(csat)),
		"FCR":       second(fcr.Merge(fcr)),
		"coverage":  second(cov.Merge(cov)),
	}
	for name, err := range errs {
		wantErr(t, name+" merge past MaxCount", err, sq.ErrLimit)
	}
	for _, tl := range []survey.Tallies{{CSI: csi}, {CES: ces}, {Recommend: rec}, {Classic: cl}, {CSAT: csat},
		{FCR: fcr}} {
		_, err := tl.Merge(tl)
		wantErr(t, "Tallies merge past MaxCount", err, sq.ErrLimit)
	}
}

// Tallies merge field by field: the total is the sum, and the laws of Merge hold.
func TestTalliesMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		draw := func(label string) survey.Tallies {
			return survey.Tallies{
				CSI:       surveytest.CSI(20).Draw(t, label+".csi"),
				Recommend: surveytest.Share(100).Draw(t, label+".recommend"),
				Classic:   surveytest.ClassicNPS(100).Draw(t, label+".classic"),
				CSAT:      surveytest.Share(100).Draw(t, label+".csat"),
				FCR:       surveytest.Share(100).Draw(t, label+".fcr"),
			}
		}
		x, y := draw("x"), draw("y")
		xy, err := x.Merge(y)
		yx, _ := y.Merge(x)
		if err != nil || !xy.Equal(yx) || xy.CSI.Total() != x.CSI.Total()+y.CSI.Total() {
			t.Fatalf("x+y = %+v, y+x = %+v, %v", xy, yx, err)
		}
		if id, _ := x.Merge(survey.Tallies{}); !id.Equal(x) {
			t.Fatal("the zero Tallies is not the identity")
		}
	})
}
