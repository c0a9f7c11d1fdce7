package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/integrations/store"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

const dataDir = "../../../../examples/quickstart/data"

// TestReportMatchesInMemory: the ratings and the register read from the database equal those the library
// computes in memory from the same files, as the quickstart does (SPEC R5, R6, R8, R10, R14, R18), on each engine.
func TestReportMatchesInMemory(t *testing.T) {
	ds, err := load(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 15, 0, 0, 0, 0, ds.loc)
	for _, engine := range []store.Engine{store.SQLite, store.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			s := open(t, engine)
			if _, err := save(t.Context(), s, ds); err != nil {
				t.Fatal(err)
			}
			got, err := compute(t.Context(), s, ds, at)
			if err != nil {
				t.Fatal(err)
			}
			want := inMemory(t, ds, at)
			if len(got.ratings) != len(want) {
				t.Fatalf("%d ratings from the database, %d in memory", len(got.ratings), len(want))
			}
			for _, p := range want {
				if !got.ratings[p.EmployeeID].Equal(p) {
					t.Errorf("rating of %s: database %v, memory %v", p.EmployeeID, got.ratings[p.EmployeeID].Exact(), p.Exact())
				}
			}
			wantReg, err := complaints.NewReport(ds.complaints, at, complaints.ReportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			wj, _ := wantReg.MarshalJSON()
			gj, _ := got.register.MarshalJSON()
			if string(wj) != string(gj) {
				t.Errorf("register from the database differs from the in-memory one:\n got %s\nwant %s", gj, wj)
			}
		})
	}
}

// inMemory rates the employees as the quickstart does: scored calls before at, survey segments before at.
func inMemory(t *testing.T, ds *dataset, at time.Time) []rating.Personal {
	var calls []rating.CallScore
	for _, e := range ds.evaluations {
		if !e.At.Before(at) {
			continue
		}
		res, err := ds.rubrics[e.Rubric].Score(e)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := rating.CallScoreOf(res)
		if err == nil && cs.DepartmentID == "" {
			cs.DepartmentID = ds.byID[e.EmployeeID].Department
		}
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, cs)
	}
	var rs []survey.Response
	for _, r := range ds.responses {
		if r.At.Before(at) {
			rs = append(rs, r)
		}
	}
	segs, err := survey.Segments(rs, survey.Grouping{Key: func(r survey.Response) string { return r.Employee }})
	if err != nil {
		t.Fatal(err)
	}
	surveys := map[string]rating.Survey{}
	for _, c := range calls {
		surveys[c.EmployeeID] = rating.Survey{Clients: ds.byID[c.EmployeeID].Clients}
	}
	for _, seg := range segs {
		if surveys[seg.Key], err = store.SurveyIndex(seg, ds.byID[seg.Key].Clients); err != nil {
			t.Fatal(err)
		}
	}
	rater, err := rating.NewPersonalRater(ds.personal)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := rater.RateEmployees(calls, surveys, rating.RateOptions{RequireEvaluationIn: sq.QuarterOf(at, ds.loc).Period(ds.loc)})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestPrintsQuickstartFigures checks a few lines against the report of go run ./examples/quickstart on the same
// sample at 2026-12-15 (its sections 1 and 6).
func TestPrintsQuickstartFigures(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-data", dataDir, "-db", filepath.Join(t.TempDir(), "sq.db")}, &out); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"1   Aigerim Seitkali        4.7    37          4.5          4.9",
		"7   Nurlan Zhaksylykov      3.6    35          3.3          3.9",
		"Sanzhar Omarov        [3.7]     3",
		"37 complaints: 8 unanswered (3 overdue, 2 due soon, 1 waiting on the client), 29 answered (23 on time, 6 late; 79.3% on time).",
		"CMP-2026-026   Nurlan Zhaksylykov   2026-11-24 21",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("output lacks %q:\n%s", line, out.String())
		}
	}
}

func TestRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-at", "2026-13-01", "-data", dataDir}, {"extra"}, {"-data", t.TempDir()}} {
		if err := run(t.Context(), args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

// open opens a store of the engine: SQLite in a temporary file, PostgreSQL in a new schema of SQ_POSTGRES_DSN
// (skipped without it, failed under CI=true).
func open(t *testing.T, engine store.Engine) *store.Store {
	if engine == store.SQLite {
		s, err := store.Open(t.Context(), store.SQLite, filepath.Join(t.TempDir(), "sq.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	dsn := os.Getenv("SQ_POSTGRES_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SQ_POSTGRES_DSN is not set: under CI=true the PostgreSQL tests must run")
		}
		t.Skip("PostgreSQL test skipped: set SQ_POSTGRES_DSN")
	}
	schema := "sqdemo_" + strings.ReplaceAll(strings.ToLower(t.Name()), "/", "_")
	admin, err := sql.Open("pgx", dsn)
	if err == nil {
		err = admin.PingContext(t.Context())
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("PostgreSQL test skipped: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
	if strings.Contains(dsn, "://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "search_path=" + schema
	} else {
		dsn += " search_path=" + schema
	}
	s, err := store.Open(t.Context(), store.Postgres, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
