// Package store keeps the values of the servicequality library in a SQL database through database/sql: rubric
// definitions, evaluations and their results, per-employee accumulators, survey answers, complaint policies and
// complaints with their history. It runs on SQLite (modernc.org/sqlite, pure Go, nothing to install; the
// default) and on PostgreSQL (github.com/jackc/pgx/v5/stdlib), with one schema per engine embedded as SQL
// migration files and applied by Open (or Migrate) in a transaction.
//
// # Adding the module
//
// The store is a module of its own, so the library keeps its three dependencies:
//
//	go get github.com/servicequality/servicequality/integrations/store@COMMIT
//	go get github.com/servicequality/servicequality@COMMIT
//
// The store's go.mod requires the library at the zero pseudo-version and replaces it with ../.. so that it builds
// against the library of the same working tree. A module that requires the store ignores that replace directive
// and must require the library itself, at the same commit (or, once the library is tagged, at the tag the
// store's release names); the store needs Go 1.26, as modernc.org/sqlite does. Inside this repository nothing is
// needed: cd integrations/store && go test ./...
//
// # Schema
//
// schema_version holds one row, the version of the schema (SchemaVersion). Open refuses a database whose version
// is newer than this package knows (ErrSchemaVersion) and changes nothing in it.
//
//	table               columns (SQLite type / PostgreSQL type)                 why
//	rubrics             id, version TEXT; definition TEXT / JSONB               rubric.Rubric JSON, one row per version
//	evaluations         id, rubric_id, rubric_version, employee_id TEXT;        rubric.Evaluation JSON, with the
//	                    evaluated_at INTEGER / BIGINT; document TEXT / JSONB    columns that index it
//	results             evaluation_id, rubric_id, rubric_version, employee_id,  the total as exact decimal text
//	                    department_id TEXT; evaluated_at INTEGER / BIGINT;      (SQLite) or NUMERIC (PostgreSQL),
//	                    total TEXT / NUMERIC; total_units INTEGER / BIGINT;     and as integer units of 10^-scale
//	                    total_scale, rated INTEGER / SMALLINT                   that SQL can SUM exactly
//	aggregates          group_key, period TEXT; count INTEGER / BIGINT;         stored rating.Accumulator pairs
//	                    sum TEXT / NUMERIC
//	survey_responses    client, employee_id, department_id, channel, kind TEXT; one answer per row; the time as an
//	                    answered_at INTEGER / BIGINT; answered_text TEXT;       instant and as RFC 3339 text with
//	                    value INTEGER / SMALLINT                                its offset
//	complaint_policies  ref TEXT; document TEXT / JSONB; calendar,              complaints.Policy JSON under the
//	                    calendar_version TEXT                                   caller's reference
//	complaints          id, policy_ref, calendar_version, employee_id, channel, complaints.Complaint JSON (history
//	                    category TEXT; received_at INTEGER / BIGINT;            included) and the calendar data
//	                    document TEXT / JSONB                                   version it was counted on
//
// Decimals are never floats: SQLite stores a column declared NUMERIC as REAL when the text looks like a number,
// so 3.35376344086021505 comes back as 3.353763440860215; the SQLite schema uses TEXT, and sums are computed in
// SQL over integer units (an INTEGER SUM that overflows is an error in SQLite, and a NUMERIC in PostgreSQL).
// Values read back are checked against the library's limits (at most 18 digits after the point).
//
// # Time
//
// Every instant is stored as an integer count of nanoseconds since 1970-01-01 UTC, so it is exact to the
// nanosecond on both engines (a PostgreSQL timestamptz keeps microseconds and drops the offset) and compares in
// SQL. Instants outside 1677-09-21 to 2262-04-11 are refused (ErrInvalid). The UTC offset of the original
// value is kept in the JSON documents (RFC 3339 with nanoseconds) and in answered_text, so a loaded evaluation or
// survey answer has the same instant and offset (in a fixed zone, not the IANA zone it was built in); the IANA
// time zone of complaints is their policy's Location, stored by name in the policy JSON, in which deadlines and
// statuses are computed again on loading.
//
// Every query over time (CallTotals, EvaluationCounts, Responses, SurveySegments, PersonalRatings, Complaints)
// takes an sq.Period: the half-open span [From, To), a zero bound being no bound, so the zero sq.Period is all
// time. A period whose To is not after its From is an error wrapping ErrInvalid and sq.ErrInvalid.
//
// # Ratings in SQL
//
// Store.CallTotals computes COUNT and SUM of the stored call totals per employee or department and period and
// returns them as rating accumulators, equal to those of rating.GroupCalls; Store.EvaluationCounts counts the
// evaluations of a period (SPEC R6); Store.SurveySegments tallies survey answers per employee, equal to
// survey.Segments. rating.Accumulator has no constructor from a count and a sum, so the store builds each one
// through the accumulator's strict JSON form. Store.Register reads the complaint register into
// complaints.NewReport.
//
// # Errors, limits and concurrency
//
// Every method runs in one transaction. Methods that load records read at most MaxRows rows at once. Errors wrap ErrNotFound, ErrSchemaVersion, ErrStoredValue,
// ErrCalendarVersion or ErrInvalid, a sentinel of the library package that refused a value, or the driver's
// error. A row that cannot be read back is an error, never a dropped row.
//
// A Store is safe for concurrent use. On SQLite the store opens the file in WAL mode with a busy timeout of 10
// seconds and immediate transactions: readers never wait, writers queue for the one write lock instead of
// failing with SQLITE_BUSY.
package store
