package survey_test

import (
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// stream is a small survey of two employees over two quarters.
func stream() []survey.Response {
	r := func(client, emp, ch string, when time.Time, a survey.Answer) survey.Response {
		return survey.Response{Client: client, Employee: emp, Department: "sales", Channel: ch, At: when, Answer: a}
	}
	return []survey.Response{
		r("c1", "anna", "phone", at(2024, 1, 10, 9), csiAnswer(5)),
		r("c1", "anna", "phone", at(2024, 1, 10, 9), recommendAnswer(true)),
		r("c2", "anna", "email", at(2024, 2, 3, 12), csiAnswer(4)),
		r("c2", "anna", "email", at(2024, 2, 3, 12), recommendAnswer(false)),
		r("c3", "bolat", "phone", at(2024, 3, 30, 18), csiAnswer(3)),
		r("c1", "anna", "office", at(2024, 4, 2, 10), csiAnswer(5)),
		r("c1", "anna", "office", at(2024, 4, 2, 10), recommendAnswer(true)),
		r("", "bolat", "phone", at(2024, 5, 20, 11), classicAnswer(9)),
		r("c4", "bolat", "email", at(2024, 6, 1, 8), fcrAnswer(true)),
	}
}

// tallies builds expected tallies from answers.
func tallies(answers ...survey.Answer) survey.Tallies {
	rs := make([]survey.Response, len(answers))
	for i, a := range answers {
		rs[i].Answer = a
	}
	return must(survey.Tally(rs, survey.ClassicCuts{}))
}

func TestSegmentsByEmployee(t *testing.T) {
	got := must(survey.Segments(stream(), survey.Grouping{Key: byEmployee}))
	want := []survey.Segment{
		{Key: "anna", Respondents: 2, Tallies: tallies(csiAnswer(5), recommendAnswer(true),
			csiAnswer(4), recommendAnswer(false), csiAnswer(5), recommendAnswer(true))},
		{Key: "bolat", Respondents: 2, Tallies: tallies(csiAnswer(3), classicAnswer(9),
			fcrAnswer(true))},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Segments by employee mismatch (-want +got):\n%s", diff)
	}
	mean, _, _ := rounded(2, sq.HalfUp)(got[0].Tallies.CSI.Mean())
	pts, _, _ := rounded(2, sq.HalfUp)(got[0].Tallies.Recommend.Points())
	if !mean.Equal(d("4.67")) || !pts.Equal(d("3.33")) {
		t.Errorf("anna: CSI %s, NPS points %s; want 4.67, 3.33", mean, pts)
	}
	cov := must(survey.NewShare(got[0].Respondents, 40))
	if ok, err := cov.Meets(decimal.Zero); !ok || err != nil {
		t.Error("2 of 40 clients (5%) should meet 4%") // SPEC R14
	}
}

// SPEC R10: survey ratings are cumulative over the whole time worked.
func TestSegmentsCumulativeR10(t *testing.T) {
	quarters := must(quarters(at(2024, 1, 1, 0), at(2024, 7, 1, 0), almaty))
	got := must(survey.Segments(stream(), survey.Grouping{Key: byEmployee, Periods: quarters,
		Cumulative: true, Since: at(2024, 1, 1, 0)}))
	if len(got) != 4 {
		t.Fatalf("got %d segments, want 2 employees × 2 quarters", len(got))
	}
	annaQ1, annaH1 := got[0], got[1]
	if !annaQ1.Period.Equal(sq.Period{From: at(2024, 1, 1, 0), To: at(2024, 4, 1, 0)}) ||
		!annaH1.Period.Equal(sq.Period{From: at(2024, 1, 1, 0), To: at(2024, 7, 1, 0)}) {
		t.Errorf("cumulative periods %v, %v; want both from 1 January", annaQ1.Period, annaH1.Period)
	}
	if annaQ1.Tallies.CSI.Total() != 2 || annaH1.Tallies.CSI.Total() != 3 {
		t.Errorf("anna's CSI answers: %d by Q1, %d by Q2; want 2 and 3", annaQ1.Tallies.CSI.Total(),
			annaH1.Tallies.CSI.Total())
	}
	if annaQ1.Respondents != 2 || annaH1.Respondents != 2 {
		t.Errorf("anna's respondents: %d, %d; want 2, 2 (c1 answered twice)", annaQ1.Respondents, annaH1.Respondents)
	}
	plain := must(survey.Segments(stream(), survey.Grouping{Key: byEmployee, Periods: quarters}))
	if plain[1].Tallies.CSI.Total() != 1 || plain[1].Respondents != 1 {
		t.Errorf("anna's Q2 alone: %d CSI answers, %d respondents; want 1, 1", plain[1].Tallies.CSI.Total(),
			plain[1].Respondents)
	}
	later := must(survey.Segments(stream(), survey.Grouping{Key: byEmployee, Periods: quarters,
		Cumulative: true, Since: at(2024, 3, 1, 0)}))
	if later[0].Tallies.CSI.Total() != 0 || later[2].Tallies.CSI.Total() != 1 {
		t.Errorf("since 1 March: anna %d, bolat %d CSI answers by Q1; want 0 and 1", later[0].Tallies.CSI.Total(),
			later[2].Tallies.CSI.Total())
	}
}

func TestSegmentsErrors(t *testing.T) {
	good := stream()
	noTime := append(stream(), survey.Response{Client: "c9", Answer: csiAnswer(4)})
	offScale := append(stream(), survey.Response{Client: "c9", At: at(2024, 1, 2, 3), Answer: cesAnswer(8)})
	noKind := append(stream(), survey.Response{Client: "c9", At: at(2024, 1, 2, 3)})
	q := must(quarters(at(2024, 1, 1, 0), at(2024, 7, 1, 0), almaty))
	tests := []struct {
		responses []survey.Response
		g         survey.Grouping
		want      error
		reason    string
	}{
		{noTime, survey.Grouping{Periods: q}, survey.ErrInvalidAnswer, "a zero time where periods need one"},
		{offScale, survey.Grouping{}, survey.ErrInvalidAnswer, "an answer off its scale"},
		{noKind, survey.Grouping{}, survey.ErrInvalidAnswer, "an answer without a kind"},
		{good, survey.Grouping{Cumulative: true}, survey.ErrInvalidSetting, "cumulative without periods"},
		{good, survey.Grouping{Periods: q, Since: at(2024, 1, 1, 0)}, survey.ErrInvalidSetting,
			"Since without Cumulative would be ignored"},
		{good, survey.Grouping{Periods: []sq.Period{{From: at(2024, 2, 1, 0), To: at(2024, 1, 1, 0)}}},
			sq.ErrInvalid, "a period ending before it starts"},
		{good, survey.Grouping{Cuts: survey.ClassicCuts{DetractorMax: 9, PromoterMin: 9}}, survey.ErrInvalidSetting,
			"overlapping classic cuts"},
	}
	for _, tt := range tests {
		_, err := survey.Segments(tt.responses, tt.g)
		wantErr(t, tt.reason, err, tt.want)
	}
	_, err := survey.Segments(offScale, survey.Grouping{})
	var e *sq.Error
	if !errors.As(err, &e) || e.Path != sq.Index("responses", len(good))+".answer.value" || e.Value != "8" {
		t.Errorf("error %v does not name response %d (counted from 1) and answer 8", err, len(good)+1)
	}
	if want := `survey: responses[10].answer.value 8: CES answers are 1–7: invalid answer`; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	_, err = survey.Tally(offScale, survey.ClassicCuts{})
	wantErr(t, "Tally of an off-scale answer", err, survey.ErrInvalidAnswer)
}

var base = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// drawPeriods draws 1–5 periods within the 120 days after base, overlapping or not.
func drawPeriods(t *rapid.T) []sq.Period {
	n := rapid.IntRange(1, 5).Draw(t, "periods")
	out := make([]sq.Period, n)
	for i := range out {
		from := rapid.IntRange(0, 119).Draw(t, "from")
		to := rapid.IntRange(from+1, 120).Draw(t, "to")
		out[i] = sq.Period{From: base.AddDate(0, 0, from), To: base.AddDate(0, 0, to)}
	}
	return out
}

// reference computes one group's segment by filtering, the slow obvious way.
func reference(t *rapid.T, rs []survey.Response, key func(survey.Response) string, k string,
	in func(time.Time) bool) (survey.Tallies, int64) {
	var part []survey.Response
	clients := map[string]bool{}
	for _, r := range rs {
		if key(r) == k && in(r.At) {
			part = append(part, r)
			if r.Client != "" {
				clients[r.Client] = true
			}
		}
	}
	tl, err := survey.Tally(part, survey.ClassicCuts{})
	if err != nil {
		t.Fatal(err)
	}
	return tl, int64(len(clients))
}

// Segments agree with filtering by key and period, plain or cumulative, overlapping periods or not. SPEC R10.
func TestSegmentsMatchFiltering(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(surveytest.Response(base, 130*24*time.Hour), 0, 80).Draw(t, "responses")
		keys := map[string]func(survey.Response) string{
			"employee": byEmployee, "department": byDepartment, "channel": byChannel}
		keyName := rapid.SampledFrom([]string{"channel", "department", "employee"}).Draw(t, "key")
		key := keys[keyName]
		g := survey.Grouping{Key: key, Periods: drawPeriods(t), Cumulative: rapid.Bool().Draw(t, "cumulative")}
		if g.Cumulative && rapid.Bool().Draw(t, "since") {
			g.Since = base.AddDate(0, 0, rapid.IntRange(0, 60).Draw(t, "since day"))
		}
		segs, err := survey.Segments(rs, g)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i, s := range segs {
			if i%len(g.Periods) == 0 {
				names = append(names, s.Key)
			}
			p := g.Periods[i%len(g.Periods)]
			in := p.Contains
			if g.Cumulative {
				in = sq.Period{From: g.Since, To: p.To}.Contains
			}
			wantT, wantR := reference(t, rs, key, s.Key, in)
			if !s.Tallies.Equal(wantT) || s.Respondents != wantR {
				t.Fatalf("segment %d (%q, %v): %+v with %d respondents; want %+v with %d", i, s.Key, s.Period,
					s.Tallies, s.Respondents, wantT, wantR)
			}
		}
		if !sort.StringsAreSorted(names) || len(segs) != len(names)*len(g.Periods) {
			t.Fatalf("segments not one per group and period in key order: %v", names)
		}
	})
}

// Tallies of groups merge to the tally of the whole stream; so do the tallies of months covering it.
func TestSegmentsMergeToWhole(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(surveytest.Response(base, 90*24*time.Hour), 0, 80).Draw(t, "responses")
		whole, err := survey.Tally(rs, survey.ClassicCuts{})
		if err != nil {
			t.Fatal(err)
		}
		months := must(months(base, base.AddDate(0, 0, 90), time.UTC))
		for _, g := range []survey.Grouping{
			{Key: byEmployee}, {Key: byChannel}, {Key: byDepartment}, {},
			{Key: byEmployee, Periods: months},
		} {
			segs, err := survey.Segments(rs, g)
			if err != nil {
				t.Fatal(err)
			}
			var sum survey.Tallies
			for _, s := range segs {
				if sum, err = sum.Merge(s.Tallies); err != nil {
					t.Fatal(err)
				}
			}
			if !sum.Equal(whole) {
				t.Fatalf("merged segments %+v ≠ whole %+v", sum, whole)
			}
		}
	})
}
