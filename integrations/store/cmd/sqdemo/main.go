// Command sqdemo loads the quickstart sample (examples/quickstart/data) into a database through the store
// package and prints, computed from the database, the personal ratings (from SQL COUNT and SUM of the stored call
// totals and survey tallies) and the complaint register.
//
//	go run ./cmd/sqdemo                          # SQLite in a temporary directory
//	go run ./cmd/sqdemo -db ratings.db           # SQLite file, kept
//	go run ./cmd/sqdemo -dsn "host=/run/postgresql dbname=sq"   # PostgreSQL
//
// Run it from integrations/store or from the repository root; -data names another data directory in the same
// formats. The figures match those of go run ./examples/quickstart for the same data and date.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/integrations/store"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	data, db, dsn, at string
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fl := flag.NewFlagSet("sqdemo", flag.ContinueOnError)
	var o options
	fl.StringVar(&o.data, "data", "", "data directory (default: examples/quickstart/data of this repository)")
	fl.StringVar(&o.db, "db", "", "SQLite database file (default: a new file in a temporary directory)")
	fl.StringVar(&o.dsn, "dsn", "", "PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite")
	fl.StringVar(&o.at, "at", "2026-12-15", "report date YYYY-MM-DD: the start of that day in the data's time zone")
	fl.SetOutput(w)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("sqdemo: unexpected arguments %q", fl.Args())
	}
	if o.data == "" {
		for _, d := range []string{"../../examples/quickstart/data", "examples/quickstart/data"} {
			if _, err := os.Stat(filepath.Join(d, "employees.csv")); err == nil {
				o.data = d
				break
			}
		}
		if o.data == "" {
			return errors.New("sqdemo: examples/quickstart/data not found; run from the repository or give -data")
		}
	}
	ds, err := load(o.data)
	if err != nil {
		return err
	}
	day, err := sq.ParseDate(o.at)
	if err != nil {
		return fmt.Errorf("sqdemo: -at: %w", err)
	}
	at := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, ds.loc)

	engine, dsn := store.SQLite, o.db
	if o.dsn != "" {
		engine, dsn = store.Postgres, o.dsn
	} else if dsn == "" {
		tmp, err := os.MkdirTemp("", "sqdemo")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dsn = filepath.Join(tmp, "sq.db")
	}
	s, err := store.Open(ctx, engine, dsn)
	if err != nil {
		return err
	}
	defer s.Close()

	start := time.Now()
	rows, err := save(ctx, s, ds)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	where := dsn
	if engine == store.Postgres {
		where = "PostgreSQL"
	}
	fmt.Fprintf(w, "Stored in %s (%s): %d evaluations, %d survey answers, %d complaints — %d rows in %s, %.0f rows/s\n\n",
		engine, where, len(ds.evaluations), len(ds.responses), len(ds.complaints), rows, elapsed.Round(time.Millisecond),
		float64(rows)/elapsed.Seconds())

	rep, err := compute(ctx, s, ds, at)
	if err != nil {
		return err
	}
	rep.print(w, ds)
	return nil
}

// save stores the data set: every evaluation with its result, the survey answers and the complaints under the
// settings' policy. It returns the number of rows written.
func save(ctx context.Context, s *store.Store, ds *dataset) (int, error) {
	rows := 0
	for _, e := range ds.evaluations {
		if _, err := s.SaveEvaluation(ctx, ds.rubrics[e.Rubric], e, ds.byID[e.EmployeeID].Department); err != nil {
			return rows, err
		}
		rows += 2
	}
	if err := s.SaveResponses(ctx, ds.responses); err != nil {
		return rows, err
	}
	rows += len(ds.responses)
	const ref = "settings"
	if err := s.SavePolicy(ctx, ref, ds.policy); err != nil {
		return rows, err
	}
	for _, c := range ds.complaints {
		if err := s.SaveComplaint(ctx, ref, c); err != nil {
			return rows, err
		}
		rows++
	}
	return rows, nil
}

// report is what the demo prints, all of it read from the database.
type report struct {
	at       time.Time
	quarter  sq.Quarter
	ratings  map[string]rating.Personal
	board    []rating.Standing
	register complaints.Report
}

func compute(ctx context.Context, s *store.Store, ds *dataset, at time.Time) (*report, error) {
	rep := &report{at: at, quarter: sq.QuarterOf(at, ds.loc), ratings: map[string]rating.Personal{}}
	rater, err := rating.NewPersonalRater(ds.personal)
	if err != nil {
		return nil, err
	}
	clients := map[string]int64{}
	for _, e := range ds.employees {
		clients[e.ID] = e.Clients
	}
	// Everything before the report date counts (cumulative ratings, SPEC R10); the report's quarter must hold
	// an evaluation (R6).
	ps, err := s.PersonalRatings(ctx, rater, sq.Period{To: at}, rep.quarter.Period(ds.loc), clients)
	if err != nil {
		return nil, err
	}
	ratings := make(map[string]rating.Rating, len(ps))
	for _, p := range ps {
		rep.ratings[p.EmployeeID] = p
		ratings[p.EmployeeID] = p.Rating
	}
	if rep.board, err = rating.Rank(ratings); err != nil {
		return nil, err
	}
	if rep.register, err = s.Register(ctx, at); err != nil {
		return nil, err
	}
	return rep, nil
}

func (rep *report) print(w io.Writer, ds *dataset) {
	name := func(id string) string {
		if e, ok := ds.byID[id]; ok && e.Name != "" {
			return e.Name
		}
		return id
	}
	fmt.Fprintf(w, "Personal ratings as of %s (%s), from SQL aggregates\n", rep.at.Format("2006-01-02"), ds.loc)
	fmt.Fprintf(w, "%-3s %-20s %6s %5s %12s %12s\n", "#", "employee", "rating", "calls", "call quality", "survey index")
	for _, st := range rep.board {
		if st.Rank == 0 {
			continue
		}
		p := rep.ratings[st.ID]
		d := display(p.Exact())
		fmt.Fprintf(w, "%-3d %-20s %6s %5d %12s %12s\n", st.Rank, name(st.ID), d.StringFixed(1), p.Calls.Count(),
			show(p.Component("calls")), show(p.Component("survey")))
	}
	fmt.Fprintln(w, "\nProvisional ratings, not ranked:")
	for _, st := range rep.board {
		if st.Rank > 0 {
			continue
		}
		p := rep.ratings[st.ID]
		fmt.Fprintf(w, "    %-20s %6s %5d  %v\n", name(st.ID), "["+display(p.Exact()).StringFixed(1)+"]", p.Calls.Count(), p.Reasons())
	}
	r := rep.register
	rate, _ := r.OnTimeRate.Round(sq.Precision{Places: 4, Rounding: sq.HalfUp}) // a valid precision: cannot fail
	fmt.Fprintf(w, "\nComplaint register as of %s, policy %q\n", rep.at.Format("2006-01-02"), ds.policy.Name)
	fmt.Fprintf(w, "%d complaints: %d unanswered (%d overdue, %d due soon, %d waiting on the client), %d answered (%d on time, %d late; %s%% on time).\n",
		r.Total, r.Open+r.Paused, r.Overdue, r.DueSoon, r.Paused, r.Resolved+r.Closed, r.OnTime, r.Late,
		rate.Value.Shift(2).StringFixed(1))
	fmt.Fprintf(w, "%-14s %-20s %-10s %s\n", "overdue", "employee", "last day", "late, days")
	for _, o := range r.OverdueList {
		fmt.Fprintf(w, "%-14s %-20s %-10s %d\n", o.Info.ID, name(o.Info.Employee), o.Due.LastDay, -o.RemainingUnits)
	}
}

func show(f sq.Fraction, ok bool) string {
	if !ok {
		return "–"
	}
	return display(f).StringFixed(1)
}

// display rounds f as people see it: one decimal, half-up (sq.DisplayPrecision).
func display(f sq.Fraction) decimal.Decimal {
	r, _ := f.Round(sq.DisplayPrecision())
	return r.Value
}
