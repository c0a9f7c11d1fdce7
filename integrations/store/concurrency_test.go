package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"pgregory.net/rapid"
)

// TestConcurrentWritersLoseNothing: 16 goroutines write evaluations, survey answers and complaints at once; every
// row is there afterwards. On SQLite the writers queue on the write lock (WAL, busy timeout, immediate
// transactions) instead of failing with SQLITE_BUSY.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	const writers, each = 16, 12
	forEachEngine(t, func(t *testing.T, s *Store) {
		r := rubric.CallQuality()
		p := complaints.DefaultPolicy(almaty)
		if err := s.SavePolicy(ctx, "default", p); err != nil {
			t.Fatal(err)
		}
		// Draw the evaluations first: rapid's generators are not for use from many goroutines.
		evals := make([]rubric.Evaluation, 0, writers*each)
		for i := range writers * each {
			e := rubrictest.Evaluation(r).Example(i)
			e.ID, e.EmployeeID = fmt.Sprintf("w-%d", i), fmt.Sprintf("e-%d", i%writers)
			evals = append(evals, e)
		}
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					n := w*each + i
					if _, err := s.SaveEvaluation(ctx, r, evals[n], "d-1"); err != nil {
						errs <- err
						return
					}
					at := received.Add(time.Duration(n) * time.Minute)
					if err := s.SaveResponses(ctx, []survey.Response{{Client: "c", Employee: evals[n].EmployeeID, At: at,
						Answer: survey.Answer{Kind: survey.KindCSI, Value: 1 + n%5}}, {Employee: evals[n].EmployeeID, At: at, Answer: survey.Answer{Kind: survey.KindRecommend, Value: 1 - n%2}}}); err != nil {
						errs <- err
						return
					}
					c, err := complaints.New(p, complaints.Info{ID: fmt.Sprintf("c-%d", n), ReceivedAt: at})
					if err == nil {
						err = s.SaveComplaint(ctx, "default", c)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("writer: %v", err)
		}
		for table, want := range map[string]int{"evaluations": writers * each, "results": writers * each,
			"survey_responses": 2 * writers * each, "complaints": writers * each, "rubrics": 1} {
			var n int
			if err := s.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("%s: %d rows, want %d", table, n, want)
			}
		}
		totals, err := s.CallTotals(ctx, rating.ByEmployee, sq.Period{})
		if err != nil {
			t.Fatal(err)
		}
		var calls int64
		for _, a := range totals.All() {
			calls += a.Count()
		}
		if calls != writers*each {
			t.Errorf("CallTotals counts %d calls, want %d", calls, writers*each)
		}
	})
}

// TestPropPersonalRatingsFromSQL: personal ratings from the SQL aggregates equal RateEmployees over the same calls
// and answers in memory (SPEC R5, R6, R8, R10, R14).
func TestPropPersonalRatingsFromSQL(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		settings := rating.DefaultPersonalSettings()
		rater, err := rating.NewPersonalRater(settings)
		if err != nil {
			t.Fatal(err)
		}
		r := rubric.CallQuality()
		rapid.Check(t, func(t *rapid.T) {
			prefix := fmt.Sprintf("p%d-", iteration.Add(1))
			employees := []string{prefix + "e-1", prefix + "e-2", prefix + "e-3"}
			var calls []rating.CallScore
			for i := range rapid.IntRange(0, 14).Draw(t, "calls") {
				e := rubrictest.Evaluation(r).Draw(t, "evaluation")
				e.ID, e.EmployeeID = fmt.Sprintf("%sev-%d", prefix, i), rapid.SampledFrom(employees).Draw(t, "employee")
				res, err := s.SaveEvaluation(ctx, r, e, "d")
				if err != nil {
					t.Fatal(err)
				}
				cs, err := rating.CallScoreOf(res)
				if err != nil {
					t.Fatal(err)
				}
				if cs.DepartmentID == "" {
					cs.DepartmentID = "d"
				}
				calls = append(calls, cs)
			}
			var rs []survey.Response
			for range rapid.IntRange(0, 12).Draw(t, "answers") {
				emp := rapid.SampledFrom(employees).Draw(t, "employee")
				a := survey.Answer{Kind: survey.KindCSI, Value: rapid.IntRange(1, 5).Draw(t, "csi")}
				if rapid.Bool().Draw(t, "recommend") {
					a = survey.Answer{Kind: survey.KindRecommend, Value: rapid.IntRange(0, 1).Draw(t, "yes")}
				}
				rs = append(rs, survey.Response{Client: fmt.Sprintf("c-%d", rapid.IntRange(1, 6).Draw(t, "client")),
					Employee: emp, At: time.Date(2026, 1, 1, 0, 0, 0, 0, almaty).Add(time.Duration(rapid.IntRange(0, 8000).Draw(t, "hour")) * time.Hour),
					Answer: a})
			}
			if err := s.SaveResponses(ctx, rs); err != nil {
				t.Fatal(err)
			}
			clients := map[string]int64{}
			for _, e := range employees {
				clients[e] = int64(rapid.IntRange(0, 120).Draw(t, "clients"))
			}
			segs, err := survey.Segments(rs, survey.Grouping{Key: func(r survey.Response) string { return r.Employee }})
			if err != nil {
				t.Fatal(err)
			}
			surveys := map[string]rating.Survey{}
			for _, e := range employees {
				surveys[e] = rating.Survey{Clients: clients[e]}
			}
			for _, seg := range segs {
				if clients[seg.Key] > 0 && seg.Respondents > clients[seg.Key] {
					clients[seg.Key] = seg.Respondents // coverage cannot exceed 100%
				}
				if surveys[seg.Key], err = SurveyIndex(seg, clients[seg.Key]); err != nil {
					t.Fatal(err)
				}
			}
			for _, e := range employees { // RateEmployees rates those with calls or answers, as the store does
				if !hasCall(calls, e) && !hasSeg(segs, e) {
					delete(surveys, e)
				}
			}
			check := sq.QuarterOf(time.Date(2026, 11, 1, 0, 0, 0, 0, almaty), almaty).Period(almaty)
			want, err := rater.RateEmployees(calls, surveys, rating.RateOptions{RequireEvaluationIn: check})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.PersonalRatings(ctx, rater, sq.Period{}, check, clients)
			if err != nil {
				t.Fatal(err)
			}
			var mine []rating.Personal
			for _, p := range got {
				if len(p.EmployeeID) > len(prefix) && p.EmployeeID[:len(prefix)] == prefix {
					mine = append(mine, p)
				}
			}
			if len(mine) != len(want) {
				t.Fatalf("PersonalRatings() rated %d employees, want %d", len(mine), len(want))
			}
			for i := range want {
				if !mine[i].Equal(want[i]) {
					t.Fatalf("PersonalRatings()[%d] = %s %v %v, want %s %v %v", i, mine[i].EmployeeID, mine[i].Exact(),
						mine[i].Reasons(), want[i].EmployeeID, want[i].Exact(), want[i].Reasons())
				}
			}
		})
	})
}

func hasCall(calls []rating.CallScore, e string) bool {
	for _, c := range calls {
		if c.EmployeeID == e {
			return true
		}
	}
	return false
}

func hasSeg(segs []survey.Segment, e string) bool {
	for _, s := range segs {
		if s.Key == e {
			return true
		}
	}
	return false
}
