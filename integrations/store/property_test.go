package store

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var cmpOpts = cmp.Options{
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
}

// iteration gives every rapid run on a shared store its own IDs.
var iteration atomic.Int64

// genRubric draws a template or a random rubric, under an ID of its own so that versions never clash.
func genRubric(t *rapid.T, n int64) *rubric.Rubric {
	var r *rubric.Rubric
	if rapid.Bool().Draw(t, "random rubric") {
		r = rubrictest.Rubric().Draw(t, "rubric")
	} else {
		var err error
		if r, err = rubric.Template(rapid.SampledFrom(rubric.Templates()).Draw(t, "template")); err != nil {
			t.Fatal(err)
		}
	}
	d := r.Definition()
	d.ID = fmt.Sprintf("r%d-%s", n, d.ID)
	if len(d.ID) > 64 {
		d.ID = d.ID[:64]
	}
	r, err := rubric.New(d)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPropEvaluationsRoundTrip: stored evaluations load back Equal, rescore to the in-memory result, and the SQL
// call totals equal rating.GroupCalls over the same calls, on every engine (SPEC R5, R10).
func TestPropEvaluationsRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		rapid.Check(t, func(t *rapid.T) {
			n := iteration.Add(1)
			prefix := fmt.Sprintf("i%d-", n)
			var calls []rating.CallScore
			for i := range rapid.IntRange(1, 3).Draw(t, "rubrics") {
				r := genRubric(t, n*10+int64(i))
				for j := range rapid.IntRange(1, 4).Draw(t, "evaluations") {
					e := rubrictest.Evaluation(r).Draw(t, "evaluation")
					e.ID = fmt.Sprintf("%sev-%d-%d", prefix, i, j)
					e.EmployeeID = prefix + e.EmployeeID
					e.At = e.At.Add(time.Duration(rapid.Int64Range(0, 1e9-1).Draw(t, "ns"))).In(almaty)
					dept := rapid.SampledFrom([]string{"", prefix + "d-1", prefix + "d-2"}).Draw(t, "department")
					want, err := r.Score(e)
					if err != nil {
						t.Fatal(err)
					}
					res, err := s.SaveEvaluation(ctx, r, e, dept)
					if err != nil {
						t.Fatalf("SaveEvaluation: %v", err)
					}
					if !res.Equal(want) {
						t.Fatalf("SaveEvaluation result differs from Score")
					}
					got, rid, rv, err := s.Evaluation(ctx, e.ID)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(e, got, cmpOpts); diff != "" || rid != r.ID() || rv != r.Version() {
						t.Fatalf("Evaluation() mismatch (-want +got):\n%s (rubric %q %q)", diff, rid, rv)
					}
					again, err := s.Rescore(ctx, e.ID)
					if err != nil {
						t.Fatal(err)
					}
					// Result.Equal asks for the same *Rubric; the loaded rubric is another pointer to the same
					// definition, so the results are compared by their JSON, which holds every score and reason.
					wj, err1 := want.MarshalJSON()
					gj, err2 := again.MarshalJSON()
					if err1 != nil || err2 != nil || string(wj) != string(gj) {
						t.Fatalf("Rescore() = %s, want %s (%v, %v)", gj, wj, err1, err2)
					}
					loaded, err := s.Rubric(ctx, r.ID(), r.Version())
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(r.Definition(), loaded.Definition(), cmpOpts); diff != "" {
						t.Fatalf("Rubric() mismatch (-want +got):\n%s", diff)
					}
					if r.Max().Equal(decimal.NewFromInt(5)) {
						cs, err := rating.CallScoreOf(want)
						if err != nil {
							t.Fatal(err)
						}
						if cs.DepartmentID == "" {
							cs.DepartmentID = dept
						}
						calls = append(calls, cs)
					}
				}
			}
			from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "from")) * 24 * time.Hour)
			for _, p := range []sq.Period{{}, sq.Period{From: from}, {From: from, To: from.Add(90 * 24 * time.Hour)}} {
				for _, by := range []rating.GroupBy{rating.ByEmployee, rating.ByDepartment} {
					in := calls
					if by == rating.ByDepartment { // the store leaves out calls without a department; GroupCalls refuses them
						in = slices.DeleteFunc(slices.Clone(calls), func(c rating.CallScore) bool { return c.DepartmentID == "" })
					}
					want, err := rating.GroupCalls(in, by, p)
					if err != nil {
						t.Fatal(err)
					}
					got, err := s.CallTotals(ctx, by, p)
					if err != nil {
						t.Fatal(err)
					}
					if w, g := groupsWithPrefix(want, prefix), groupsWithPrefix(got, prefix); !slices.Equal(w, g) {
						t.Fatalf("CallTotals(%d, %s) = %v, want %v", by, p, g, w)
					}
				}
			}
		})
	})
}

func groupsWithPrefix(g *rating.Grouped, prefix string) []string {
	var out []string
	for k, a := range g.All() {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k+" "+a.String())
		}
	}
	return out
}

// TestPropSurveysRoundTrip: stored answers load back equal, and the SQL tallies equal survey.Segments.
func TestPropSurveysRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		rapid.Check(t, func(t *rapid.T) {
			prefix := fmt.Sprintf("s%d-", iteration.Add(1))
			kinds := []survey.Kind{survey.KindCSI, survey.KindRecommend, survey.KindClassic, survey.KindCSAT, survey.KindCES, survey.KindFCR}
			scale := map[survey.Kind][2]int{survey.KindCSI: {1, 5}, survey.KindRecommend: {0, 1}, survey.KindClassic: {0, 10},
				survey.KindCSAT: {1, 5}, survey.KindCES: {1, 7}, survey.KindFCR: {0, 1}}
			var rs []survey.Response
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, almaty)
			for range rapid.IntRange(0, 40).Draw(t, "responses") {
				k := rapid.SampledFrom(kinds).Draw(t, "kind")
				rs = append(rs, survey.Response{
					Client:     rapid.SampledFrom([]string{"", "c-1", "c-2", "c-3", "c-4"}).Draw(t, "client"),
					Employee:   prefix + rapid.SampledFrom([]string{"e-1", "e-2"}).Draw(t, "employee"),
					Department: rapid.SampledFrom([]string{"", "d-1"}).Draw(t, "department"),
					Channel:    rapid.SampledFrom([]string{"", "phone"}).Draw(t, "channel"),
					At:         base.Add(time.Duration(rapid.Int64Range(0, int64(365*24*time.Hour)).Draw(t, "at"))),
					Answer:     survey.Answer{Kind: k, Value: rapid.IntRange(scale[k][0], scale[k][1]).Draw(t, "value")},
				})
			}
			if err := s.SaveResponses(ctx, rs); err != nil {
				t.Fatal(err)
			}
			p := sq.Period{From: base.Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "from")) * 24 * time.Hour)}
			p.To = p.From.Add(time.Duration(rapid.IntRange(1, 200).Draw(t, "days")) * 24 * time.Hour)
			var in []survey.Response
			for _, r := range rs {
				if p.Contains(r.At) {
					in = append(in, r)
				}
			}
			got, err := s.Responses(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			got = slices.DeleteFunc(got, func(r survey.Response) bool { return !strings.HasPrefix(r.Employee, prefix) })
			if diff := cmp.Diff(in, got, cmpOpts); diff != "" {
				t.Fatalf("Responses() mismatch (-want +got):\n%s", diff)
			}
			want, err := survey.Segments(in, survey.Grouping{Key: func(r survey.Response) string { return r.Employee }})
			if err != nil {
				t.Fatal(err)
			}
			segs, err := s.SurveySegments(ctx, p, survey.ClassicCuts{})
			if err != nil {
				t.Fatal(err)
			}
			segs = slices.DeleteFunc(segs, func(sg survey.Segment) bool { return !strings.HasPrefix(sg.Key, prefix) })
			if !slices.EqualFunc(want, segs, survey.Segment.Equal) {
				t.Fatalf("SurveySegments() = %+v, want %+v", segs, want)
			}
		})
	})
}

// TestPropComplaintsRoundTrip: random histories on the Default and the Kazakhstan microfinance policy load back
// Equal and give the same Status at any time, and the register read from the database equals the in-memory one
// (SPEC R16–R18).
func TestPropComplaintsRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		policies := map[string]complaints.Policy{"default": complaints.DefaultPolicy(almaty), "kz-mfo": complaints.KazakhstanMicrofinance(almaty)}
		for ref, p := range policies {
			if err := s.SavePolicy(ctx, ref, p); err != nil {
				t.Fatal(err)
			}
		}
		var all []complaints.Complaint
		rapid.Check(t, func(t *rapid.T) {
			ref := rapid.SampledFrom([]string{"default", "kz-mfo"}).Draw(t, "policy")
			at := time.Date(2026, 1, 5, 9, 0, 0, 0, almaty).Add(time.Duration(rapid.Int64Range(0, int64(300*24*time.Hour)).Draw(t, "received")))
			c, err := complaints.New(policies[ref], complaints.Info{ID: fmt.Sprintf("c%d", iteration.Add(1)),
				Channel:  rapid.SampledFrom([]string{"email", "executive-phone", ""}).Draw(t, "channel"),
				Employee: rapid.SampledFrom([]string{"e-1", "e-2", ""}).Draw(t, "employee"), ReceivedAt: at})
			if err != nil {
				t.Fatal(err)
			}
			for range rapid.IntRange(0, 8).Draw(t, "events") {
				at = at.Add(time.Duration(rapid.Int64Range(0, int64(6*24*time.Hour)).Draw(t, "step")))
				var next complaints.Complaint
				switch rapid.IntRange(0, 5).Draw(t, "op") {
				case 0:
					next, err = c.Append(complaints.Event{Kind: complaints.Paused, At: at, Reason: "documents requested"})
				case 1:
					next, err = c.Append(complaints.Event{Kind: complaints.Resumed, At: at})
				case 2:
					next, err = c.Append(complaints.Event{Kind: complaints.Extended, At: at, Length: rapid.IntRange(1, 15).Draw(t, "length"), Reason: "inspection", NoticeAt: at})
				case 3:
					next, err = c.Append(complaints.Event{Kind: complaints.Resolved, At: at, Reason: "reply sent"})
				case 4:
					next, err = c.Append(complaints.Event{Kind: complaints.Acknowledged, At: at})
				case 5:
					next, err = c.Append(complaints.Event{Kind: complaints.Closed, At: at})
				}
				if err == nil {
					c = next
				}
			}
			if err := s.SaveComplaint(ctx, ref, c); err != nil {
				t.Fatal(err)
			}
			got, err := s.Complaint(ctx, c.Info().ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(c) {
				t.Fatal("Complaint() is not Equal to the saved complaint")
			}
			for range 3 {
				now := c.Info().ReceivedAt.Add(time.Duration(rapid.Int64Range(0, int64(80*24*time.Hour)).Draw(t, "now")))
				want, errW := c.Status(now)
				gotS, errG := got.Status(now)
				if (errW == nil) != (errG == nil) {
					t.Fatalf("Status(%s) errors differ: %v, %v", now, errW, errG)
				}
				if diff := cmp.Diff(want, gotS, cmpOpts); diff != "" {
					t.Fatalf("Status(%s) mismatch (-want +got):\n%s", now, diff)
				}
			}
			all = append(all, c)
		})
		now := time.Date(2026, 9, 1, 12, 0, 0, 0, almaty)
		want, err := complaints.NewReport(all, now, complaints.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Register(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		wj, _ := want.MarshalJSON()
		gj, _ := got.MarshalJSON()
		if string(wj) != string(gj) {
			t.Fatalf("Register() differs from NewReport over the same complaints:\n got %s\nwant %s", gj, wj)
		}
	})
}
