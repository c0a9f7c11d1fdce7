package main

import (
	"io/fs"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// sample loads the embedded sample and analyses it as of the default report date.
func sample(t *testing.T) (*dataset, *analysis) {
	t.Helper()
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := load(sub)
	if err != nil {
		t.Fatal(err)
	}
	at, err := parseAt(defaultAt, ds.loc)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyse(ds, at)
	if err != nil {
		t.Fatal(err)
	}
	return ds, a
}

// The sample shows what the issue asks of it: a department of 8–15 people, a few hundred evaluated calls over
// four quarters with yellow and red tonality, fatal violations and N/A, employees whose ratings are insufficient
// for each reason, survey coverage below 4% for some, three platforms, and 30–40 complaints over several
// channels, some overdue and some due soon at the default report date.
func TestSampleShowsEverySituation(t *testing.T) {
	ds, a := sample(t)
	if n := len(ds.employees); n < 8 || n > 15 {
		t.Errorf("%d employees, want 8–15", n)
	}
	if n := len(a.results); n < 300 || n > 400 {
		t.Errorf("%d evaluated calls, want 300–400", n)
	}
	if n := len(a.compliance); n != 4 {
		t.Errorf("%d quarters, want the four of 2026", n)
	}
	var fatal, red, yellow, na int
	for _, res := range a.results {
		if len(res.Violations()) > 0 {
			fatal++
		}
		if c, _ := res.Criterion("tonality"); c.Level == "red" {
			red++
		} else if c.Level == "yellow" {
			yellow++
		}
		for _, c := range res.Criteria() {
			if c.NA {
				na++
			}
		}
	}
	if share := float64(fatal) / float64(len(a.results)); share < 0.02 || share > 0.05 {
		t.Errorf("%d fatal violations in %d calls (%.1f%%), want about 3%%", fatal, len(a.results), 100*share)
	}
	if red == 0 || yellow == 0 || na == 0 {
		t.Errorf("red %d, yellow %d, N/A %d; want some of each", red, yellow, na)
	}
	reasons := map[rating.ReasonCode]int{}
	for _, p := range a.personal {
		for _, r := range p.Reasons() {
			reasons[r.Code]++
		}
	}
	for _, code := range []rating.ReasonCode{rating.FewCalls, rating.NoEvaluationInQuarter, rating.LowCoverage} {
		if reasons[code] == 0 {
			t.Errorf("no personal rating is insufficient for %s", code)
		}
	}
	if len(ranked(a.board)) < 5 {
		t.Errorf("%d ranked employees, want most of the team", len(ranked(a.board)))
	}
	var platforms []string
	for _, p := range ds.platforms["sales-almaty"] {
		platforms = append(platforms, p.Name)
	}
	if diff := cmp.Diff([]string{"Yandex", "Google", "2GIS"}, platforms); diff != "" {
		t.Errorf("platforms mismatch (-want +got):\n%s", diff)
	}
	rep := a.complaintReport
	if rep.Total < 30 || rep.Total > 40 || len(rep.ByChannel) < 4 || rep.Overdue == 0 || rep.DueSoon == 0 ||
		rep.Paused == 0 || rep.Late == 0 {
		t.Errorf("complaints: total %d, channels %d, overdue %d, due soon %d, paused %d, late %d; want 30–40 "+
			"over at least 4 channels with some overdue, due soon, paused and late", rep.Total, len(rep.ByChannel),
			rep.Overdue, rep.DueSoon, rep.Paused, rep.Late)
	}
}

// The overdue complaints, counted by hand for the policy of the sample (15 calendar days from the day after
// receipt, no move on days off): last day = receipt date + 15; overdue when unanswered and the last day is before
// the report day. Pauses move the last day by the calendar days they touched.
func TestSampleOverdueByHand(t *testing.T) {
	ds, a := sample(t)
	if ds.policy.Length != 15 || ds.policy.Unit != complaints.CalendarDays || ds.policy.MoveToWorkday {
		t.Fatalf("the sample's policy changed: %+v", ds.policy)
	}
	reportDay := sq.DateOf(a.at, ds.loc)
	var want []string
	for _, c := range ds.complaints {
		if !c.Info().ReceivedAt.Before(a.at) {
			continue
		}
		resolved, open := false, false
		var pausedFrom time.Time
		touched := map[sq.Date]bool{}
		for _, e := range c.Events() {
			if !e.At.Before(a.at) {
				continue
			}
			switch e.Kind {
			case complaints.Resolved:
				resolved = true
			case complaints.Paused:
				pausedFrom, open = e.At, true
			case complaints.Resumed:
				for d := sq.DateOf(pausedFrom, ds.loc); !d.After(sq.DateOf(e.At, ds.loc)); d = d.AddDays(1) {
					touched[d] = true
				}
				open = false
			}
		}
		if resolved || open { // answered, or waiting on the client with the clock stopped
			continue
		}
		last := sq.DateOf(c.Info().ReceivedAt, ds.loc).AddDays(15 + len(touched))
		if last.Before(reportDay) {
			want = append(want, c.Info().ID)
		}
	}
	var got []string
	for _, o := range a.complaintReport.OverdueList {
		got = append(got, o.Info.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("overdue complaints mismatch (-by hand +report):\n%s", diff)
	}
}

// The personal ratings, recomputed by hand with exact rationals from the raw files: each call total is the sum of
// the points in force at the report date (answersInForce) (rescaled to 5 when "objections" is N/A, then rounded half-up to 4 places; 0 with red tonality or a
// violation); the call rating is their mean; CSI is the mean answer and NPS 5 × yes / answers; the rating weighs
// them by the sample's settings. Shown with one decimal, half-up.
func TestSamplePersonalRatingsByHand(t *testing.T) {
	ds, a := sample(t)
	rat := func(s string) *big.Rat {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("bad number %q", s)
		}
		return r
	}
	sum := map[string]*big.Rat{}
	n := map[string]int64{}
	for _, e := range ds.evaluations {
		if !e.At.Before(a.at) {
			continue
		}
		answers, fatal := answersInForce(ds, e, a.at)
		total, max, zero := new(big.Rat), rat("5"), len(e.Violations) > 0 || fatal
		for _, ans := range answers {
			switch {
			case ans.NA:
				max.Sub(max, rat("0.5"))
			case ans.Level == "green":
				total.Add(total, rat("0.5"))
			case ans.Level == "red":
				zero = true
			case ans.Level == "":
				total.Add(total, ans.Points.Rat())
			}
		}
		if zero {
			total.SetInt64(0)
		}
		total.Mul(total, rat("5")).Quo(total, max)
		total.SetString(total.FloatString(4)) // half-up at 4 places for these positive totals
		if sum[e.EmployeeID] == nil {
			sum[e.EmployeeID] = new(big.Rat)
		}
		sum[e.EmployeeID].Add(sum[e.EmployeeID], total)
		n[e.EmployeeID]++
	}
	type answers struct{ csiSum, csiN, yes, npsN int64 }
	ans := map[string]*answers{}
	for _, r := range a.responses {
		x := ans[r.Employee]
		if x == nil {
			x = &answers{}
			ans[r.Employee] = x
		}
		switch r.Answer.Kind {
		case survey.KindCSI:
			x.csiSum += int64(r.Answer.Value)
			x.csiN++
		case survey.KindRecommend:
			x.yes += int64(r.Answer.Value)
			x.npsN++
		}
	}
	checked := 0
	for _, st := range ranked(a.board) {
		id := st.ID
		if ans[id] == nil || ans[id].csiN == 0 || ans[id].npsN == 0 || n[id] == 0 {
			t.Fatalf("%s is ranked without calls, CSI or NPS answers", id)
		}
		calls := new(big.Rat).Quo(sum[id], new(big.Rat).SetInt64(n[id]))
		csi := big.NewRat(ans[id].csiSum, ans[id].csiN)
		nps := big.NewRat(5*ans[id].yes, ans[id].npsN)
		idx := new(big.Rat).Add(csi, nps)
		idx.Quo(idx, rat("2"))
		want := new(big.Rat).Add(new(big.Rat).Mul(rat("0.6"), calls), new(big.Rat).Mul(rat("0.4"), idx))
		got := rounded(st.Rating.Exact(), 1, 0)
		if w := want.FloatString(1); w != got.StringFixed(1) {
			t.Errorf("%s: rating shown %s, by hand %s (exact %s)", id, got.StringFixed(1), w, want.FloatString(6))
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d ratings checked", checked)
	}
}

// Both report languages name every section and the same numbers of ranked and provisional employees.
func TestReportLanguagesAgree(t *testing.T) {
	ds, a := sample(t)
	en := buildReport(ds, a, languages["en"], "x")
	ru := buildReport(ds, a, languages["ru"], "x")
	if len(en.Sections) != len(ru.Sections) {
		t.Fatalf("%d sections in English, %d in Russian", len(en.Sections), len(ru.Sections))
	}
	for i := range en.Sections {
		e, r := en.Sections[i], ru.Sections[i]
		if len(e.Blocks) != len(r.Blocks) || len(e.Chart.Bars) != len(r.Chart.Bars) {
			t.Errorf("section %s: %d blocks and %d bars in English, %d and %d in Russian", e.ID, len(e.Blocks),
				len(e.Chart.Bars), len(r.Blocks), len(r.Chart.Bars))
		}
		if strings.Contains(r.Title, "%!") || strings.Contains(e.Title, "%!") {
			t.Errorf("section %s: a format verb went wrong: %q / %q", e.ID, e.Title, r.Title)
		}
		for j := range e.Blocks {
			for _, txt := range []string{e.Blocks[j].Text, r.Blocks[j].Text} {
				if strings.Contains(txt, "%!") {
					t.Errorf("section %s: a format verb went wrong: %q", e.ID, txt)
				}
			}
		}
	}
}

// ranked returns the standings with a rank: the sufficient ratings.
func ranked(board []rating.Standing) []rating.Standing {
	var out []rating.Standing
	for _, st := range board {
		if st.Rank > 0 {
			out = append(out, st)
		}
	}
	return out
}
