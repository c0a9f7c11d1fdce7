package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"github.com/servicequality/servicequality/sq"
)

// Engine names a database engine the store supports.
type Engine string

const (
	// SQLite is SQLite through modernc.org/sqlite (pure Go, no server): the default.
	SQLite Engine = "sqlite"
	// Postgres is PostgreSQL through github.com/jackc/pgx/v5/stdlib.
	Postgres Engine = "postgres"
)

// SchemaVersion is the newest schema this package knows and migrates to.
const SchemaVersion = 1

// MaxRows is the most rows a method that loads records (Responses, Complaints, Register) reads at once; a
// period with more is an error wrapping ErrInvalid: ask for shorter periods, or use the SQL aggregates
// (CallTotals, SurveySegments), which read no rows into memory.
const MaxRows = 1_000_000

//go:embed migrations
var migrations embed.FS

// Store saves and loads ratings data in one database. It is safe for concurrent use; every method runs in its
// own transaction. The zero Store is not usable: build one with Open or New.
type Store struct {
	db     *sql.DB
	engine Engine
}

// Open opens the database and migrates it (see Migrate). For SQLite, dsn is a file path (created when missing)
// or "file:..." URI; the store sets WAL journaling, a busy timeout of 10 s, foreign keys and immediate
// transactions, so concurrent writers wait for each other instead of failing. For Postgres, dsn is a pgx
// connection string ("host=/run/postgresql dbname=sq" or "postgres://..."). Close the store when done.
func Open(ctx context.Context, engine Engine, dsn string) (*Store, error) {
	var driver string
	switch engine {
	case SQLite:
		driver, dsn = "sqlite", sqliteDSN(dsn)
	case Postgres:
		driver = "pgx"
	default:
		return nil, fmt.Errorf("store: engine %q: %q or %q allowed: %w", engine, SQLite, Postgres, ErrInvalid)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", engine, err)
	}
	s, err := New(ctx, db, engine)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN adds the store's pragmas to a path or file: URI.
func sqliteDSN(dsn string) string {
	if !strings.HasPrefix(dsn, "file:") {
		dsn = "file:" + (&url.URL{Path: dsn}).EscapedPath()
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// New wraps an open database of the given engine and migrates it (see Migrate); Close closes db. For SQLite, db
// should be opened as Open does (foreign keys on; WAL, a busy timeout and immediate transactions for concurrent
// writers), or with a single connection (db.SetMaxOpenConns(1)).
func New(ctx context.Context, db *sql.DB, engine Engine) (*Store, error) {
	if engine != SQLite && engine != Postgres {
		return nil, fmt.Errorf("store: engine %q: %q or %q allowed: %w", engine, SQLite, Postgres, ErrInvalid)
	}
	if err := Migrate(ctx, db, engine); err != nil {
		return nil, err
	}
	return &Store{db: db, engine: engine}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the database, for queries of the caller's own.
func (s *Store) DB() *sql.DB { return s.db }

// Engine returns the store's engine.
func (s *Store) Engine() Engine { return s.engine }

// Migrate brings the schema of db up to SchemaVersion in one transaction: it creates the schema_version table
// when missing and applies every embedded migration newer than the version recorded there. A database whose
// version is newer than SchemaVersion is refused with an error wrapping ErrSchemaVersion and left unchanged.
// On PostgreSQL concurrent migrations are serialized by an advisory lock; on SQLite by the write lock.
func Migrate(ctx context.Context, db *sql.DB, engine Engine) error {
	files, err := fs.Glob(migrations, "migrations/"+string(engine)+"/*.sql")
	if err != nil || len(files) == 0 {
		return fmt.Errorf("store: no migrations for engine %q: %w", engine, ErrInvalid)
	}
	sort.Strings(files)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer tx.Rollback()
	if engine == Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7305451183)"); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var versions []int64
	rows, err := tx.QueryContext(ctx, "SELECT version FROM schema_version")
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("store: schema_version: %v: %w", err, ErrSchemaVersion)
		}
		versions = append(versions, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var current int64
	switch {
	case len(versions) > 1:
		return fmt.Errorf("store: schema_version holds %d rows, one expected: %w", len(versions), ErrSchemaVersion)
	case len(versions) == 1:
		current = versions[0]
	default:
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version) VALUES (0)"); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	if current > SchemaVersion || current < 0 {
		return fmt.Errorf("store: database schema version %d: this package knows versions 0–%d; upgrade the module: %w",
			current, SchemaVersion, ErrSchemaVersion)
	}
	for _, f := range files {
		n, err := strconv.ParseInt(strings.SplitN(f[strings.LastIndex(f, "/")+1:], "_", 2)[0], 10, 64)
		if err != nil || n <= current {
			continue
		}
		script, err := migrations.ReadFile(f)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return fmt.Errorf("store: migration %s: %w", f, err)
		}
		if _, err := tx.ExecContext(ctx, rebind(engine, "UPDATE schema_version SET version = ?"), n); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// rebind turns the ? placeholders of q into $1, $2, ... for PostgreSQL. The store's queries hold no ? in literals.
func rebind(engine Engine, q string) string {
	if engine != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tx runs f in a transaction and commits it when f succeeds.
func (s *Store) tx(ctx context.Context, f func(*sqlTx) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := f(&sqlTx{t, s.engine}); err != nil {
		t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// sqlTx is a transaction that rebinds its queries for the engine.
type sqlTx struct {
	*sql.Tx
	engine Engine
}

func (t *sqlTx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.ExecContext(ctx, rebind(t.engine, q), args...)
}

func (t *sqlTx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(ctx, rebind(t.engine, q), args...)
}

func (t *sqlTx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.QueryRowContext(ctx, rebind(t.engine, q), args...)
}

// Instants are stored as int64 nanoseconds since 1970-01-01 UTC: exact to the nanosecond on both engines (a
// PostgreSQL timestamptz keeps microseconds and no offset), sortable and comparable in SQL.
var (
	minInstant = time.Unix(0, -1<<63)
	maxInstant = time.Unix(0, 1<<63-1)
)

// nanos returns t as stored, or an error wrapping ErrInvalid when t is zero or outside 1677-09-21 to 2262-04-11
// (the largest int64 is left out, as it is the open end of a period).
func nanos(field string, t time.Time) (int64, error) {
	if t.IsZero() || t.Before(minInstant) || !t.Before(maxInstant) {
		return 0, fmt.Errorf("store: %s %s: an instant from %s to %s is needed: %w", field, t.Format(time.RFC3339Nano),
			minInstant.UTC().Format(time.RFC3339), maxInstant.UTC().Format(time.RFC3339), ErrInvalid)
	}
	return t.UnixNano(), nil
}

// periodArgs returns the bounds of the half-open period p as stored instants; a zero bound is the smallest or
// largest. A period whose To is not after its From is an error wrapping ErrInvalid and sq.ErrInvalid.
func periodArgs(p sq.Period) (int64, int64, error) {
	if err := p.Validate(); err != nil {
		return 0, 0, fmt.Errorf("store: period %s: %w: %w", p, ErrInvalid, err)
	}
	lo, hi := int64(-1<<63), int64(1<<63-1)
	var err error
	if !p.From.IsZero() {
		if lo, err = nanos("period start", p.From); err != nil {
			return 0, 0, err
		}
	}
	if !p.To.IsZero() {
		if hi, err = nanos("period end", p.To); err != nil {
			return 0, 0, err
		}
	}
	return lo, hi, nil
}

// notFound wraps sql.ErrNoRows into ErrNotFound.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}
