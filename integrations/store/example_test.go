package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/servicequality/servicequality/integrations/store"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// Store two scored calls in a SQLite file and read the employee's call-quality mean back from SQL COUNT and SUM.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "store-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, store.SQLite, filepath.Join(dir, "ratings.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	r := rubric.CallQuality()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for i, points := range []string{"0.5", "0.4"} {
		e := rubric.Evaluation{ID: fmt.Sprintf("ev-%d", i+1), EmployeeID: "kim", At: at.Add(time.Duration(i) * time.Hour)}
		for _, c := range r.Criteria() {
			if len(c.Scale.Levels) > 0 {
				e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, c.Scale.Levels[0].ID))
			} else {
				e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, decimal.RequireFromString(points)))
			}
		}
		res, err := s.SaveEvaluation(ctx, r, e, "sales")
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(e.ID, res.Total())
	}
	totals, err := s.CallTotals(ctx, rating.ByEmployee, sq.Period{From: at})
	if err != nil {
		fmt.Println(err)
		return
	}
	kim, _ := totals.Get("kim")
	mean, _ := kim.Mean()
	shown, _ := mean.Round(sq.DisplayPrecision())
	fmt.Println(kim, "mean", shown)
	// Output:
	// ev-1 5
	// ev-2 4.1
	// n=2 sum=9.1 mean 4.6
}
