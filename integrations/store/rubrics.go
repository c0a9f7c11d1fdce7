package store

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// StoredResult is the stored part of a scored evaluation: what the ratings are computed from.
type StoredResult struct {
	EvaluationID  string
	RubricID      string
	RubricVersion string
	EmployeeID    string
	DepartmentID  string
	At            time.Time // in UTC
	Total         decimal.Decimal
	// Rated is true when the rubric is on the 0–5 scale of the ratings, so the total counts in CallTotals.
	Rated bool
}

// SaveRubric stores r's definition under its ID and version. Storing the same definition again does nothing;
// another definition under a stored ID and version is refused with an error wrapping ErrInvalid: a version of a
// rubric never changes once evaluations are scored on it.
func (s *Store) SaveRubric(ctx context.Context, r *rubric.Rubric) error {
	return s.tx(ctx, func(tx *sqlTx) error { return saveRubric(ctx, tx, r) })
}

func saveRubric(ctx context.Context, tx *sqlTx, r *rubric.Rubric) error {
	if r == nil {
		return fmt.Errorf("store: rubric is nil: %w", ErrInvalid)
	}
	doc, err := r.MarshalJSON()
	if err != nil {
		return fmt.Errorf("store: rubric %q version %q: %w", r.ID(), r.Version(), err)
	}
	// ON CONFLICT DO NOTHING, then compare: two writers storing the same new rubric at once both succeed.
	if _, err := tx.exec(ctx, "INSERT INTO rubrics (id, version, definition) VALUES (?, ?, ?) ON CONFLICT (id, version) DO NOTHING",
		r.ID(), r.Version(), string(doc)); err != nil {
		return fmt.Errorf("store: save rubric %q version %q: %w", r.ID(), r.Version(), err)
	}
	// The common case, the same definition stored before, is decided in SQL without parsing it again.
	same := "SELECT definition = ? FROM rubrics WHERE id = ? AND version = ?"
	if tx.engine == Postgres {
		same = "SELECT definition = CAST(? AS jsonb) FROM rubrics WHERE id = ? AND version = ?"
	}
	var equal bool
	if err := tx.queryRow(ctx, same, string(doc), r.ID(), r.Version()).Scan(&equal); err != nil {
		return fmt.Errorf("store: save rubric %q version %q: %w", r.ID(), r.Version(), err)
	}
	if equal {
		return nil
	}
	stored, err := loadRubric(ctx, tx, r.ID(), r.Version())
	if err != nil {
		return err
	}
	a, errA := stored.MarshalJSON()
	if errA != nil || string(a) != string(doc) {
		return fmt.Errorf("store: rubric %q version %q is stored with another definition; give the new one a new version: %w",
			r.ID(), r.Version(), ErrInvalid)
	}
	return nil
}

// Rubric loads the rubric of the given ID and version. Errors wrap ErrNotFound, or ErrStoredValue with the
// rubric package's error when the stored definition is no longer valid.
func (s *Store) Rubric(ctx context.Context, id, version string) (*rubric.Rubric, error) {
	var r *rubric.Rubric
	err := s.tx(ctx, func(tx *sqlTx) error {
		var err error
		r, err = loadRubric(ctx, tx, id, version)
		return err
	})
	return r, err
}

func loadRubric(ctx context.Context, tx *sqlTx, id, version string) (*rubric.Rubric, error) {
	var doc string
	err := tx.queryRow(ctx, "SELECT definition FROM rubrics WHERE id = ? AND version = ?", id, version).Scan(&doc)
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("rubric %q version %q", id, version))
	}
	r, err := rubric.Parse([]byte(doc))
	if err != nil {
		return nil, fmt.Errorf("store: rubric %q version %q: %w: %w", id, version, ErrStoredValue, err)
	}
	if r.ID() != id || r.Version() != version {
		return nil, fmt.Errorf("store: rubric %q version %q: the stored definition is %q version %q: %w",
			id, version, r.ID(), r.Version(), ErrStoredValue)
	}
	return r, nil
}

// SaveEvaluation scores e on r, stores r (as SaveRubric), the evaluation and its result in one transaction, and
// returns the result. The evaluation must have an ID and a time; department is stored with the result for
// department ratings and may be empty. An evaluation of a stored ID is replaced (a re-evaluation). Errors wrap
// ErrInvalid or the rubric package's scoring errors (rubric.ErrMissingAnswer, ...).
func (s *Store) SaveEvaluation(ctx context.Context, r *rubric.Rubric, e rubric.Evaluation, department string) (rubric.Result, error) {
	if r == nil {
		return rubric.Result{}, fmt.Errorf("store: rubric is nil: %w", ErrInvalid)
	}
	if e.ID == "" {
		return rubric.Result{}, fmt.Errorf("store: evaluation ID is empty: %w", ErrInvalid)
	}
	at, err := nanos(fmt.Sprintf("evaluation %q: time", e.ID), e.At)
	if err != nil {
		return rubric.Result{}, err
	}
	res, err := r.Score(e)
	if err != nil {
		return rubric.Result{}, fmt.Errorf("store: evaluation %q: %w", e.ID, err)
	}
	doc, err := e.MarshalJSON()
	if err != nil {
		return rubric.Result{}, fmt.Errorf("store: evaluation %q: %w", e.ID, err)
	}
	units, scale := res.TotalUnits()
	rated := 0
	if r.Max().Equal(decimal.NewFromInt(5)) {
		rated = 1
	}
	err = s.tx(ctx, func(tx *sqlTx) error {
		if err := saveRubric(ctx, tx, r); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO evaluations (id, rubric_id, rubric_version, employee_id, evaluated_at, document)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET rubric_id = excluded.rubric_id, rubric_version = excluded.rubric_version,
  employee_id = excluded.employee_id, evaluated_at = excluded.evaluated_at, document = excluded.document`,
			e.ID, r.ID(), r.Version(), e.EmployeeID, at, string(doc)); err != nil {
			return fmt.Errorf("store: save evaluation %q: %w", e.ID, err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO results (evaluation_id, rubric_id, rubric_version, employee_id, department_id,
  evaluated_at, total, total_units, total_scale, rated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (evaluation_id) DO UPDATE SET rubric_id = excluded.rubric_id, rubric_version = excluded.rubric_version,
  employee_id = excluded.employee_id, department_id = excluded.department_id, evaluated_at = excluded.evaluated_at,
  total = excluded.total, total_units = excluded.total_units, total_scale = excluded.total_scale, rated = excluded.rated`,
			e.ID, r.ID(), r.Version(), e.EmployeeID, department, at, res.Total().String(), units, scale, rated); err != nil {
			return fmt.Errorf("store: save result of evaluation %q: %w", e.ID, err)
		}
		return nil
	})
	if err != nil {
		return rubric.Result{}, err
	}
	return res, nil
}

// Evaluation loads the evaluation of the given ID, with the ID and version of the rubric it was scored on.
// Errors wrap ErrNotFound, or ErrStoredValue when the document cannot be read or disagrees with its columns.
func (s *Store) Evaluation(ctx context.Context, id string) (e rubric.Evaluation, rubricID, rubricVersion string, err error) {
	err = s.tx(ctx, func(tx *sqlTx) error {
		var doc, employee string
		var at int64
		err := tx.queryRow(ctx, "SELECT rubric_id, rubric_version, employee_id, evaluated_at, document FROM evaluations WHERE id = ?",
			id).Scan(&rubricID, &rubricVersion, &employee, &at, &doc)
		if err != nil {
			return notFound(err, fmt.Sprintf("evaluation %q", id))
		}
		e, err = rubric.ParseEvaluation([]byte(doc))
		if err != nil {
			return fmt.Errorf("store: evaluation %q: %w: %w", id, ErrStoredValue, err)
		}
		if e.ID != id || e.EmployeeID != employee || e.At.UnixNano() != at {
			return fmt.Errorf("store: evaluation %q: the document (ID %q, employee %q, time %s) disagrees with its columns: %w",
				id, e.ID, e.EmployeeID, e.At.Format(time.RFC3339Nano), ErrStoredValue)
		}
		return nil
	})
	return e, rubricID, rubricVersion, err
}

// Result loads the stored result of the evaluation of the given ID. Errors wrap ErrNotFound, or ErrStoredValue
// when the total is not a decimal within the library's limits or disagrees with its integer units.
func (s *Store) Result(ctx context.Context, id string) (StoredResult, error) {
	var r StoredResult
	err := s.tx(ctx, func(tx *sqlTx) error {
		var total string
		var at, units int64
		var scale, rated int
		err := tx.queryRow(ctx, `SELECT rubric_id, rubric_version, employee_id, department_id, evaluated_at, total,
  total_units, total_scale, rated FROM results WHERE evaluation_id = ?`, id).Scan(&r.RubricID, &r.RubricVersion,
			&r.EmployeeID, &r.DepartmentID, &at, &total, &units, &scale, &rated)
		if err != nil {
			return notFound(err, fmt.Sprintf("result of evaluation %q", id))
		}
		r.EvaluationID, r.At, r.Rated = id, time.Unix(0, at).UTC(), rated == 1
		r.Total, err = parseDecimal(fmt.Sprintf("result of evaluation %q: total", id), total)
		if err != nil {
			return err
		}
		if scale < 0 || scale > maxScale || !decimal.New(units, int32(-scale)).Equal(r.Total) {
			return fmt.Errorf("store: result of evaluation %q: total %s disagrees with %d units of 10^-%d: %w",
				id, total, units, scale, ErrStoredValue)
		}
		return nil
	})
	return r, err
}

// Rescore loads the evaluation of the given ID and its rubric, scores it again and checks the total against
// the stored one. A difference is an error wrapping ErrStoredValue: the stored result was not computed from the
// stored evaluation and rubric by this version of the library.
func (s *Store) Rescore(ctx context.Context, id string) (rubric.Result, error) {
	e, rid, rv, err := s.Evaluation(ctx, id)
	if err != nil {
		return rubric.Result{}, err
	}
	r, err := s.Rubric(ctx, rid, rv)
	if err != nil {
		return rubric.Result{}, err
	}
	stored, err := s.Result(ctx, id)
	if err != nil {
		return rubric.Result{}, err
	}
	res, err := r.Score(e)
	if err != nil {
		return rubric.Result{}, fmt.Errorf("store: evaluation %q: %w: %w", id, ErrStoredValue, err)
	}
	if !res.Total().Equal(stored.Total) {
		return rubric.Result{}, fmt.Errorf("store: evaluation %q: stored total %s, scored again %s: %w",
			id, stored.Total, res.Total(), ErrStoredValue)
	}
	return res, nil
}

// Limits of the decimals read back: those of the library (at most 18 digits after the point; the sums of
// accumulators stay below 10^30 units).
const (
	maxScale  = 18
	maxDigits = 48
)

// parseDecimal reads a stored decimal, refusing one outside the library's limits with ErrStoredValue.
func parseDecimal(field, s string) (decimal.Decimal, error) {
	if len(s) > 2*maxDigits {
		return decimal.Decimal{}, fmt.Errorf("store: %s: %d characters: at most %d allowed: %w", field, len(s), 2*maxDigits, ErrStoredValue)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("store: %s %q: not a decimal: %w", field, s, ErrStoredValue)
	}
	// PostgreSQL NUMERIC keeps trailing zeros ("4.50"); the library's values never have more places than they
	// need beyond maxScale, so the check is on the value's exponent after trailing zeros are dropped.
	c, exp := d.Coefficient(), d.Exponent()
	ten := big.NewInt(10)
	if c.Sign() == 0 {
		exp = 0
	}
	for exp < 0 && new(big.Int).Rem(c, ten).Sign() == 0 {
		c.Quo(c, ten)
		exp++
	}
	if exp < -maxScale || len(c.String()) > maxDigits || exp > maxDigits {
		return decimal.Decimal{}, fmt.Errorf("store: %s %s: at most %d digits after the point and %d digits in all allowed: %w",
			field, s, maxScale, maxDigits, ErrStoredValue)
	}
	return d, nil
}
