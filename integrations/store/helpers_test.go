package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The same tests run on every engine: SQLite always (a new file per test), PostgreSQL when SQ_POSTGRES_DSN is
// set (a new schema per test, dropped afterwards). Under CI=true the PostgreSQL tests must run: a missing DSN
// or an unreachable server fails them instead of skipping.

type engineCase struct {
	engine Engine
	open   func(t testing.TB) *Store
}

func engines() []engineCase {
	return []engineCase{{SQLite, openSQLite}, {Postgres, openPostgres}}
}

// forEachEngine runs f in a subtest per engine, each with a fresh, migrated database.
func forEachEngine(t *testing.T, f func(t *testing.T, s *Store)) {
	t.Helper()
	for _, e := range engines() {
		t.Run(string(e.engine), func(t *testing.T) {
			f(t, e.open(t))
		})
	}
}

func openSQLite(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), SQLite, filepath.Join(t.TempDir(), "sq.db"))
	if err != nil {
		t.Fatalf("Open(sqlite) error: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresDSN returns the DSN of the test server, or skips (fails under CI=true) when there is none.
func postgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SQ_POSTGRES_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SQ_POSTGRES_DSN is not set: under CI=true the PostgreSQL tests must run (.ci/run starts a server)")
		}
		t.Skip("PostgreSQL tests skipped: set SQ_POSTGRES_DSN (e.g. host=/tmp/sock user=postgres dbname=sq sslmode=disable)")
	}
	db, err := sql.Open("pgx", dsn)
	if err == nil {
		err = db.PingContext(context.Background())
		db.Close()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at SQ_POSTGRES_DSN is not reachable: %v", err)
		}
		t.Skipf("PostgreSQL tests skipped: SQ_POSTGRES_DSN is set but the server is not reachable: %v", err)
	}
	return dsn
}

// withSearchPath adds search_path=schema to a pgx DSN (keyword or URL form).
func withSearchPath(dsn, schema string) string {
	if strings.Contains(dsn, "://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return dsn
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// openPostgres opens a store in a new schema of the test database, dropped when the test ends.
func openPostgres(t testing.TB) *Store {
	t.Helper()
	dsn := postgresDSN(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "sqtest_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	s, err := Open(context.Background(), Postgres, withSearchPath(dsn, schema))
	if err != nil {
		t.Fatalf("Open(postgres) error: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
