package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

var ctx = context.Background()

func TestMigrateTwiceKeepsData(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		if err := s.SaveRubric(ctx, rubric.CallQuality()); err != nil {
			t.Fatal(err)
		}
		if err := Migrate(ctx, s.DB(), s.Engine()); err != nil {
			t.Fatalf("Migrate() again: %v", err)
		}
		if _, err := s.Rubric(ctx, rubric.CallQuality().ID(), rubric.CallQuality().Version()); err != nil {
			t.Fatalf("Rubric() after a second Migrate: %v", err)
		}
		var v int
		if err := s.DB().QueryRow("SELECT version FROM schema_version").Scan(&v); err != nil || v != SchemaVersion {
			t.Fatalf("schema_version = %d, %v; want %d", v, err, SchemaVersion)
		}
	})
}

func TestMigrateRefusesUnknownSchema(t *testing.T) {
	tests := []struct {
		name, sql, reason string
	}{
		{"newer", "UPDATE schema_version SET version = 99", "a database migrated by a newer module must not be touched"},
		{"negative", "UPDATE schema_version SET version = -1", "a damaged version row is not taken as 0"},
		{"two rows", "INSERT INTO schema_version (version) VALUES (1)", "two version rows are ambiguous"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachEngine(t, func(t *testing.T, s *Store) {
				if _, err := s.DB().Exec(tt.sql); err != nil {
					t.Fatal(err)
				}
				if err := Migrate(ctx, s.DB(), s.Engine()); !errors.Is(err, ErrSchemaVersion) {
					t.Fatalf("Migrate() error = %v, want ErrSchemaVersion (%s)", err, tt.reason)
				}
			})
		})
	}
}

func TestOpenRefusesNewerSchemaFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sq.db")
	s, err := Open(ctx, SQLite, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("UPDATE schema_version SET version = 2"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, SQLite, path); !errors.Is(err, ErrSchemaVersion) {
		t.Fatalf("Open() of a version-2 database error = %v, want ErrSchemaVersion", err)
	}
}

// TestSQLiteNumericLosesDigits pins why decimals are TEXT on SQLite: a column declared NUMERIC has REAL affinity
// for such a value and gives back 3.353763440860215.
func TestSQLiteNumericLosesDigits(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const exact = "3.35376344086021505"
	if _, err := db.Exec("CREATE TABLE n (v NUMERIC)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO n (v) VALUES (?)", exact); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.QueryRow("SELECT CAST(v AS TEXT) FROM n").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got == exact {
		t.Fatalf("SQLite NUMERIC kept %s exactly; the TEXT columns of the schema may no longer be needed", exact)
	}
}

func TestAggregatesKeepEveryDigit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		g := new(rating.Grouped)
		for _, v := range []string{"3.35376344086021505", "4.999999999999999999", "0", "2.5"} {
			if err := g.Add("e-1", decimal.RequireFromString(v)); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Add("e-2", decimal.RequireFromString("4.1")); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAggregates(ctx, "2026-Q4", g); err != nil {
			t.Fatal(err)
		}
		got, err := s.Aggregates(ctx, "2026-Q4")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(g) {
			gb, _ := got.MarshalJSON()
			wb, _ := g.MarshalJSON()
			t.Fatalf("Aggregates() = %s, want %s", gb, wb)
		}
		a, _ := got.Get("e-1")
		if want := decimal.RequireFromString("10.853763440860215049"); !a.Sum().Equal(want) {
			t.Fatalf("sum of e-1 = %s, want %s", a.Sum(), want)
		}
		empty, err := s.Aggregates(ctx, "other")
		if err != nil || empty.Len() != 0 {
			t.Fatalf("Aggregates(other) = %d groups, %v; want 0, nil", empty.Len(), err)
		}
	})
}

// TestStoredValueRefused damages stored rows as another program might and checks that every read names the
// problem instead of dropping the row.
func TestStoredValueRefused(t *testing.T) {
	tests := []struct {
		name   string
		damage string
		read   func(*Store) error
		want   error
		lib    error  // the library's kind the error also wraps, when a library decoder refused the value
		names  string // the row the error names
		reason string
	}{
		{"total not a decimal", "UPDATE results SET total = 'NaN'", readResult, ErrStoredValue, nil,
			`evaluation "ev-1"`, "a total that is not a decimal is refused"},
		{"total disagrees with units", "UPDATE results SET total_units = total_units + 1", readResult, ErrStoredValue,
			nil, `evaluation "ev-1"`, "the two forms of the total must agree"},
		{"total too precise", "UPDATE results SET total = '4.1000000000000000001'", readResult, ErrStoredValue, nil,
			`evaluation "ev-1"`, "19 places exceed the library's limit"},
		{"aggregate above 5 per value", "UPDATE aggregates SET sum = '11'", readAggregates, ErrStoredValue,
			sq.ErrMalformed, `group "e-1"`, "a sum above 5·count cannot be a sum of scores"},
		{"aggregate count negative", "UPDATE aggregates SET count = -1", readAggregates, ErrStoredValue,
			sq.ErrMalformed, `group "e-1"`, "a negative count is refused by the accumulator's decoder"},
		{"evaluation employee changed", "UPDATE evaluations SET employee_id = 'x'", readEvaluation, ErrStoredValue,
			nil, `evaluation "ev-1"`, "the indexed columns must agree with the document"},
		{"evaluation rewritten", `UPDATE evaluations SET document = '{"id":"ev-1"}'`, readEvaluation, ErrStoredValue,
			nil, `evaluation "ev-1"`, "a document the library no longer reads is refused"},
		{"survey kind unknown", "UPDATE survey_responses SET kind = 'mood'", readResponses, ErrStoredValue, nil,
			"response row 1", "a kind written by another version is not skipped"},
		{"survey value off scale", "UPDATE survey_responses SET value = 9", readSegments, ErrStoredValue, nil,
			`answers of "e-1"`, "a CSI of 9 is not a CSI"},
		{"complaint history impossible", `UPDATE complaints SET document = '{"id":"c-1"}'`, readComplaint,
			ErrStoredValue, sq.ErrInvalid, `complaint "c-1"`, "a complaint without receipt time is refused"},
		{"calendar version changed", "UPDATE complaints SET calendar_version = 'sha256:0000000000000000'", readComplaint,
			ErrCalendarVersion, nil, `"c-1"`, "a complaint counted on other calendar data is named, not silently recounted"},
		{"register with calendar changed", "UPDATE complaints SET calendar_version = ''", readRegister,
			ErrCalendarVersion, nil, `"c-1"`, "the register refuses statuses counted on other data"},
		{"missing", "DELETE FROM evaluations", readEvaluation, ErrNotFound, nil, `evaluation "ev-1"`,
			"a missing row is ErrNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachEngine(t, func(t *testing.T, s *Store) {
				fillOne(t, s)
				for _, r := range []func(*Store) error{readResult, readAggregates, readEvaluation, readResponses,
					readSegments, readComplaint, readRegister} {
					if err := r(s); err != nil {
						t.Fatalf("before damage: %v", err)
					}
				}
				if _, err := s.DB().Exec(tt.damage); err != nil {
					t.Fatal(err)
				}
				err := tt.read(s)
				if !errors.Is(err, tt.want) {
					t.Fatalf("after %q: error = %v, want %v (%s)", tt.damage, err, tt.want, tt.reason)
				}
				if tt.lib != nil && !errors.Is(err, tt.lib) {
					t.Errorf("after %q: error = %v, want it to wrap the library's %v too (%s)", tt.damage, err, tt.lib,
						tt.reason)
				}
				if !strings.Contains(err.Error(), tt.names) {
					t.Errorf("after %q: error = %v, want it to name %s (%s)", tt.damage, err, tt.names, tt.reason)
				}
			})
		})
	}
}

var (
	almaty   = mustLocation("Asia/Almaty")
	received = time.Date(2026, 3, 2, 10, 0, 0, 0, almaty)
)

func mustLocation(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// fillOne stores one row of each kind.
func fillOne(t *testing.T, s *Store) {
	t.Helper()
	r := rubric.CallQuality()
	e := rubric.Evaluation{ID: "ev-1", EmployeeID: "e-1", At: received}
	for _, c := range r.Criteria() {
		if len(c.Scale.Levels) > 0 {
			e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, c.Scale.Levels[0].ID))
		} else {
			e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, c.MaxPoints()))
		}
	}
	if _, err := s.SaveEvaluation(ctx, r, e, "d-1"); err != nil {
		t.Fatal(err)
	}
	g := new(rating.Grouped)
	g.Add("e-1", decimal.RequireFromString("4.5"))
	g.Add("e-1", decimal.RequireFromString("5"))
	if err := s.SaveAggregates(ctx, "q", g); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveResponses(ctx, []survey.Response{{Client: "c-1", Employee: "e-1", At: received,
		Answer: survey.Answer{Kind: survey.KindCSI, Value: 5}}}); err != nil {
		t.Fatal(err)
	}
	p := complaints.KazakhstanMicrofinance(almaty)
	c, err := complaints.New(p, complaints.Info{ID: "c-1", Employee: "e-1", ReceivedAt: received})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePolicy(ctx, "kz-mfo", p); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveComplaint(ctx, "kz-mfo", c); err != nil {
		t.Fatal(err)
	}
}

func readResult(s *Store) error { _, err := s.Result(ctx, "ev-1"); return err }
func readAggregates(s *Store) error {
	_, err := s.Aggregates(ctx, "q")
	return err
}
func readEvaluation(s *Store) error {
	_, _, _, err := s.Evaluation(ctx, "ev-1")
	return err
}
func readResponses(s *Store) error {
	_, err := s.Responses(ctx, sq.Period{})
	return err
}
func readSegments(s *Store) error {
	_, err := s.SurveySegments(ctx, sq.Period{}, survey.ClassicCuts{})
	return err
}
func readComplaint(s *Store) error { _, err := s.Complaint(ctx, "c-1"); return err }
func readRegister(s *Store) error {
	_, err := s.Register(ctx, received.Add(24*time.Hour))
	return err
}

func TestSaveRefusesInvalidValues(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		fillOne(t, s)
		other := rubric.CallQuality().Definition()
		other.Title = rubric.Text{"en": "changed"}
		changed, err := rubric.New(other)
		if err != nil {
			t.Fatal(err)
		}
		reversed := sq.Period{From: received, To: received.Add(-time.Hour)}
		p := complaints.DefaultPolicy(almaty)
		c, err := complaints.New(p, complaints.Info{ID: "c-2", ReceivedAt: received})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			err    error
			want   error
			reason string
		}{
			{"rubric version rewritten", s.SaveRubric(ctx, changed), ErrInvalid,
				"a stored rubric version never changes"},
			{"evaluation without time", func() error {
				_, err := s.SaveEvaluation(ctx, rubric.CallQuality(), rubric.Evaluation{ID: "x"}, "")
				return err
			}(), ErrInvalid, "an evaluation needs a time to be placed in a quarter"},
			{"evaluation year 2300", func() error {
				_, err := s.SaveEvaluation(ctx, rubric.CallQuality(), rubric.Evaluation{ID: "x",
					At: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}, "")
				return err
			}(), ErrInvalid, "an instant past 2262 does not fit the nanosecond column"},
			{"evaluation not scorable", func() error {
				_, err := s.SaveEvaluation(ctx, rubric.CallQuality(), rubric.Evaluation{ID: "x", At: received}, "")
				return err
			}(), rubric.ErrMissingAnswer, "an evaluation that cannot be scored is not stored"},
			{"policy differs", s.SaveComplaint(ctx, "kz-mfo", c), ErrInvalid,
				"a complaint under another policy than its reference names"},
			{"policy reference unknown", s.SaveComplaint(ctx, "nope", c), ErrNotFound,
				"a complaint's policy must be stored first"},
			{"policy rewritten", s.SavePolicy(ctx, "kz-mfo", p), ErrInvalid,
				"the terms under a stored reference never change"},
			{"survey answer invalid", s.SaveResponses(ctx, []survey.Response{{At: received,
				Answer: survey.Answer{Kind: survey.KindCSI, Value: 7}}}), survey.ErrInvalidAnswer, "a CSI of 7 is refused before storing"},
			{"call totals period reversed", func() error {
				_, err := s.CallTotals(ctx, rating.ByEmployee, reversed)
				return err
			}(), sq.ErrInvalid, "an sq.Period whose To is before its From is refused, not read as empty"},
			{"responses period reversed", func() error { _, err := s.Responses(ctx, reversed); return err }(),
				ErrInvalid, "the store's own sentinel too"},
			{"complaints period reversed", func() error { _, err := s.Complaints(ctx, reversed); return err }(),
				sq.ErrInvalid, "complaints take an sq.Period like every other query"},
		}
		for _, tt := range tests {
			if !errors.Is(tt.err, tt.want) {
				t.Errorf("%s: error = %v, want %v (%s)", tt.name, tt.err, tt.want, tt.reason)
			}
		}
		month := sq.Period{From: received.AddDate(0, 0, -1), To: received.AddDate(0, 1, 0)}
		for _, tt := range []struct {
			name   string
			p      sq.Period
			want   int
			reason string
		}{
			{"all time", sq.Period{}, 1, "the zero sq.Period is all time"},
			{"month", month, 1, "c-1 was received within the month"},
			{"from receipt", sq.Period{From: received}, 1, "From is included"},
			{"until receipt", sq.Period{To: received}, 0, "To is excluded: the period is half-open"},
		} {
			cs, err := s.Complaints(ctx, tt.p)
			if err != nil || len(cs) != tt.want {
				t.Errorf("%s: Complaints(%v) = %d complaints, %v; want %d, nil (%s)", tt.name, tt.p, len(cs), err,
					tt.want, tt.reason)
			}
		}
		if _, _, _, err := s.Evaluation(ctx, "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("a refused evaluation was stored: %v", err)
		}
	})
}

func TestComplaintStatusSurvivesRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		p := complaints.KazakhstanMicrofinance(almaty)
		c, err := complaints.New(p, complaints.Info{ID: "c-1", Channel: "email", Employee: "e-1",
			ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 123456789, almaty)})
		if err != nil {
			t.Fatal(err)
		}
		steps := []func(complaints.Complaint) (complaints.Complaint, error){
			func(c complaints.Complaint) (complaints.Complaint, error) {
				return c.Append(complaints.Event{Kind: complaints.Paused, At: time.Date(2026, 3, 4, 9, 0, 0, 1, almaty), Reason: "documents requested"})
			},
			func(c complaints.Complaint) (complaints.Complaint, error) {
				return c.Append(complaints.Event{Kind: complaints.Resumed, At: time.Date(2026, 3, 10, 15, 30, 0, 999, almaty)})
			},
			func(c complaints.Complaint) (complaints.Complaint, error) {
				return c.Append(complaints.Event{Kind: complaints.Extended, At: time.Date(2026, 3, 12, 9, 0, 0, 0, almaty), Length: 10, Reason: "inspection", NoticeAt: time.Date(2026, 3, 12, 9, 0, 0, 0, almaty)})
			},
		}
		for _, step := range steps {
			if c, err = step(c); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SavePolicy(ctx, "kz", p); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveComplaint(ctx, "kz", c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Complaint(ctx, "c-1")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(c) {
			t.Fatalf("Complaint() is not Equal to the saved complaint")
		}
		for _, at := range []time.Time{c.Info().ReceivedAt, time.Date(2026, 3, 20, 12, 0, 0, 0, almaty), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)} {
			want, err := c.Status(at)
			if err != nil {
				t.Fatal(err)
			}
			gotS, err := got.Status(at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, gotS, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
				cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("Status(%s) mismatch (-want +got):\n%s", at, diff)
			}
		}
	})
}

// TestTimesKeepNanosecondsAndOffset: a PostgreSQL timestamptz would keep microseconds and no offset; the store
// keeps both the nanoseconds and the offset of evaluations and survey answers.
func TestTimesKeepNanosecondsAndOffset(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		at := time.Date(2026, 3, 2, 10, 0, 0, 123456789, almaty)
		if err := s.SaveResponses(ctx, []survey.Response{{Client: "c", At: at, Answer: survey.Answer{Kind: survey.KindCSI, Value: 4}}}); err != nil {
			t.Fatal(err)
		}
		rs, err := s.Responses(ctx, sq.Period{From: at, To: at.Add(time.Nanosecond)})
		if err != nil || len(rs) != 1 {
			t.Fatalf("Responses() = %d answers, %v; want the one at %s", len(rs), err, at)
		}
		r := rubric.CallQuality()
		e := rubric.Evaluation{ID: "ev-ns", At: at}
		for _, c := range r.Criteria() {
			if len(c.Scale.Levels) > 0 {
				e.Answers = append(e.Answers, rubric.LevelAnswer(c.ID, c.Scale.Levels[0].ID))
			} else {
				e.Answers = append(e.Answers, rubric.PointsAnswer(c.ID, c.MaxPoints()))
			}
		}
		if _, err := s.SaveEvaluation(ctx, r, e, ""); err != nil {
			t.Fatal(err)
		}
		got, _, _, err := s.Evaluation(ctx, "ev-ns")
		if err != nil {
			t.Fatal(err)
		}
		want := at.Format(time.RFC3339Nano)
		for what, tm := range map[string]time.Time{"response": rs[0].At, "evaluation": got.At} {
			if tm.Format(time.RFC3339Nano) != want {
				t.Errorf("%s time = %s, want %s", what, tm.Format(time.RFC3339Nano), want)
			}
		}
	})
}
