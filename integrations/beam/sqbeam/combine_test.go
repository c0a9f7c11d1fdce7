package sqbeam_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/integrations/beam/internal/sample"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

func init() {
	register.Function2x2[string, rating.Accumulator, string, error](accJSON)
	register.Function2x2[string, survey.Tallies, string, error](talliesJSON)
	register.Function2x2[string, sqbeam.RegisterCounts, string, error](countsJSON)
	register.Function1x2[*rating.Grouped, string, error](groupedJSON)
	register.Function1x2[sqbeam.RegisterCounts, string, error](registerJSON)
	register.Function1x2[sqbeam.ComplaintStatus, string, sqbeam.ComplaintStatus](keyStatus)
}

func pairJSON(k string, v any) (string, error) {
	b, err := json.Marshal(v)
	return k + "=" + string(b), err
}

func accJSON(k string, v rating.Accumulator) (string, error)              { return pairJSON(k, v) }
func talliesJSON(k string, v survey.Tallies) (string, error)              { return pairJSON(k, v) }
func countsJSON(k string, v sqbeam.RegisterCounts) (string, error)        { return pairJSON(k, v) }
func keyStatus(s sqbeam.ComplaintStatus) (string, sqbeam.ComplaintStatus) { return s.Key, s }

func registerJSON(c sqbeam.RegisterCounts) (string, error) { return pairJSON("", c) }

func groupedJSON(g *rating.Grouped) (string, error) {
	b, err := json.Marshal(g)
	return string(b), err
}

// scoredCalls scores the sample lines without Beam.
func scoredCalls(t *testing.T, roster map[string]sqbeam.Employee, lines []string) ([]sqbeam.ScoredCall, []rating.CallScore) {
	t.Helper()
	r := rubric.CallQuality()
	var sc []sqbeam.ScoredCall
	var cs []rating.CallScore
	for _, l := range lines {
		e, err := rubric.ParseEvaluation([]byte(l))
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Score(e)
		if err != nil {
			t.Fatal(err)
		}
		c, err := rating.CallScoreOf(res)
		if err != nil {
			t.Fatal(err)
		}
		if c.DepartmentID == "" {
			c.DepartmentID = roster[e.EmployeeID].Department
		}
		sc, cs = append(sc, sqbeam.ScoredCallOf(c)), append(cs, c)
	}
	return sc, cs
}

// registerStatuses reads the quickstart's complaints and returns their statuses at the report time by employee,
// with the report the complaints package makes of them.
func registerStatuses(t *testing.T) ([]sqbeam.ComplaintStatus, complaints.Report) {
	t.Helper()
	b, err := os.ReadFile("../../../examples/quickstart/data/complaints.json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []complaints.Complaint
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	rep, err := complaints.NewReport(cs, time.Date(2026, 12, 15, 0, 0, 0, 0, time.FixedZone("+05", 5*3600)), complaints.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []sqbeam.ComplaintStatus
	for _, row := range rep.Rows {
		out = append(out, sqbeam.StatusOf(row.Info.Employee, row))
	}
	return out, rep
}

func countsOf(c complaints.Counts) sqbeam.RegisterCounts {
	return sqbeam.RegisterCounts{Total: int64(c.Total), Open: int64(c.Open), Paused: int64(c.Paused),
		Overdue: int64(c.Overdue), DueSoon: int64(c.DueSoon), Resolved: int64(c.Resolved), Closed: int64(c.Closed),
		OnTime: int64(c.OnTime), Late: int64(c.Late), Provisional: int64(c.Provisional)}
}

// TestCombineFnsOnPrism runs every CombineFn on prism over input split into bundles and compares each result
// with the library's own batch computation: GroupedFn with rating.GroupCalls (SPEC R10), CallsFn with
// Accumulator.Add in a loop, TalliesFn with survey.Tally, CountsFn with complaints.NewReport (SPEC R18).
func TestCombineFnsOnPrism(t *testing.T) {
	const employees = 2600 // above the 2,000 keys a lifted combine keeps per bundle: see TestAggregateOnPrism
	roster := sample.Roster(employees, 5)
	sc, cs := scoredCalls(t, roster, sample.Lines(12000, employees, false))
	answers := sample.Answers(8000, employees, 20000)
	statuses, rep := registerStatuses(t)
	q1 := sq.Quarter{Year: 2026, Q: 1}.Period(time.FixedZone("+05", 5*3600))

	wantGrouped, err := rating.GroupCalls(cs, rating.ByDepartment, q1)
	if err != nil {
		t.Fatal(err)
	}
	accs := make(map[string]rating.Accumulator)
	for _, c := range cs {
		a := accs[c.EmployeeID]
		if err := a.Add(c.Total); err != nil {
			t.Fatal(err)
		}
		accs[c.EmployeeID] = a
	}
	responses := make(map[string][]survey.Response)
	for _, a := range answers {
		ans, err := a.Answer()
		if err != nil {
			t.Fatal(err)
		}
		responses[a.Employee] = append(responses[a.Employee], survey.Response{Client: a.Client, Answer: ans})
	}
	var want []string
	for k, a := range accs {
		want = append(want, mustPair(t, "acc/"+k, a))
	}
	for k, rs := range responses {
		tl, err := survey.Tally(rs, survey.ClassicCuts{})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, mustPair(t, "tallies/"+k, tl))
	}
	for key, g := range rep.ByEmployee {
		want = append(want, mustPair(t, "counts/"+key, countsOf(g)))
		if r := countsOf(g).OnTimeRate(); !r.Equal(g.OnTimeRate) {
			t.Errorf("counts of %q: OnTimeRate() = %v, complaints.Counts.OnTimeRate = %v (SPEC R18)", key, r, g.OnTimeRate)
		}
	}
	want = append(want, mustPair(t, "register/", countsOf(rep.Counts)))
	if r := countsOf(rep.Counts).OnTimeRate(); !r.Equal(rep.Counts.OnTimeRate) || r.IsZero() {
		t.Errorf("register: OnTimeRate() = %v, complaints.Counts.OnTimeRate = %v, want equal and not zero (SPEC R18)",
			r, rep.Counts.OnTimeRate)
	}
	gj, err := json.Marshal(wantGrouped)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, "grouped="+string(gj))

	decodes, merges := sqbeam.Decodes.Load(), sqbeam.Merges.Load()
	p, s := beam.NewPipelineWithRoot()
	calls := createChunks(s, sc, 12)
	ans := createChunks(s, answers, 6)
	sts := createChunks(s, statuses, 4)
	prefix := func(name string, col beam.PCollection) beam.PCollection {
		return beam.ParDo(s, &prefixFn{Prefix: name}, col)
	}
	collect(s, "combine", beam.Flatten(s,
		prefix("acc/", beam.ParDo(s, accJSON, beam.CombinePerKey(s, &sqbeam.CallsFn{}, beam.ParDo(s, keyCall, calls)))),
		prefix("tallies/", beam.ParDo(s, talliesJSON, beam.CombinePerKey(s, &sqbeam.TalliesFn{}, beam.ParDo(s, keyAnswer, ans)))),
		prefix("counts/", beam.ParDo(s, countsJSON, beam.CombinePerKey(s, &sqbeam.CountsFn{}, beam.ParDo(s, keyStatus, sts)))),
		prefix("register/", beam.ParDo(s, registerJSON, beam.Combine(s, &sqbeam.CountsFn{}, sts))),
		prefix("grouped=", beam.ParDo(s, groupedJSON, beam.Combine(s, &sqbeam.GroupedFn{By: rating.ByDepartment, Period: q1}, calls))),
	))
	run(t, p)
	got := take("combine")
	slices.Sort(got)
	slices.Sort(want)
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("CombineFns mismatch (-want +got):\n%s", diff)
	}
	if sqbeam.Decodes.Load() == decodes || sqbeam.Merges.Load() == merges {
		t.Errorf("decodes %d, merges %d: the accumulators never crossed a bundle boundary",
			sqbeam.Decodes.Load()-decodes, sqbeam.Merges.Load()-merges)
	}
}

func mustPair(t *testing.T, k string, v any) string {
	t.Helper()
	s, err := pairJSON(k, v)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func init() {
	register.DoFn2x0[string, func(string)](&prefixFn{})
	register.Function1x2[sqbeam.ScoredCall, string, sqbeam.ScoredCall](keyCall)
	register.Function1x2[sqbeam.SurveyAnswer, string, sqbeam.SurveyAnswer](keyAnswer)
}

type prefixFn struct{ Prefix string }

func (f *prefixFn) ProcessElement(s string, emit func(string)) { emit(f.Prefix + s) }

func keyCall(c sqbeam.ScoredCall) (string, sqbeam.ScoredCall)       { return c.EmployeeID, c }
func keyAnswer(a sqbeam.SurveyAnswer) (string, sqbeam.SurveyAnswer) { return a.Employee, a }
