package store

import "errors"

// Sentinel errors. Every error of this package wraps one of them, or an error of database/sql or of the driver
// (a lost connection, a constraint the database enforces), or a sentinel of the library package whose value was
// refused (rubric.ErrMissingAnswer, complaints.ErrInvalidHistory, ...); every library sentinel matches one of
// sq.ErrMalformed, sq.ErrLimit and sq.ErrInvalid.
var (
	// ErrNotFound: no row has the key asked for.
	ErrNotFound = errors.New("not found")
	// ErrSchemaVersion: the database's schema is newer than this package knows, or its version row is damaged.
	ErrSchemaVersion = errors.New("unsupported schema version")
	// ErrStoredValue: a stored row cannot be read back as it was written: a value another version wrote, a decimal
	// outside the library's limits, columns that disagree with the JSON document, an unknown survey kind.
	ErrStoredValue = errors.New("stored value unreadable")
	// ErrCalendarVersion: a complaint was counted on calendar data other than the data its policy has now (the
	// stored calendar version is not the one at hand), so its deadlines may differ; see Store.Complaint.
	ErrCalendarVersion = errors.New("calendar version changed")
	// ErrInvalid: a value given to the store cannot be stored: an empty ID, a time outside 1678–2261, a rubric
	// ID and version already stored with another definition, a complaint whose policy differs from the policy
	// stored under its reference.
	ErrInvalid = errors.New("invalid value")
)
