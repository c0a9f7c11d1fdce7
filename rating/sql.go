package rating

import (
	"database/sql/driver"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Database columns. Every value a service stores implements driver.Valuer and sql.Scanner, and reads back Equal:
//
//	Accumulator   bytea  binary form (MarshalBinary)
//	Grouped       bytea  binary form
//
// Scan takes the Go types drivers give for those column types (string or []byte for text, numeric and jsonb,
// []byte for bytea, int64 where a whole number is exact) and refuses NULL (use sql.Null[T]), float64 (never
// exact) and other types with an error wrapping sq.ErrMalformed.

// NewAccumulator returns the accumulator of count values that sum to sum: what SELECT COUNT(*), SUM(score) gives.
// The count must be at least 0 and the sum a non-negative decimal within the module's limits (at most 18 digits
// after the point) of at most 5 × count, 0 when count is 0. Errors wrap ErrOutOfRange or sq.ErrLimit.
func NewAccumulator(count int64, sum decimal.Decimal) (Accumulator, error) {
	if count < 0 {
		return Accumulator{}, errorf("accumulator: count %d is negative: %w", count, ErrOutOfRange)
	}
	if err := dec.Check(sum); err != nil {
		return Accumulator{}, errorf("accumulator: sum: %w", err)
	}
	if sum.Sign() < 0 || sum.Cmp(decimal.NewFromInt(count).Mul(scaleMax)) > 0 {
		return Accumulator{}, errorf("accumulator: sum %s of %d values is outside 0–%d: %w", decText(sum), count,
			5*count, ErrOutOfRange)
	}
	a, err := accumulatorFromSum(count, sum)
	if err != nil {
		return Accumulator{}, errorf("accumulator: %v: %w", err, ErrOutOfRange)
	}
	return a, nil
}

// AddAccumulator merges a into the group key, creating it when new: for groups read from
// SELECT key, COUNT(*), SUM(score) ... GROUP BY key. Errors wrap sq.ErrInvalid (an empty or invalid key) or
// ErrOverflow; on error g is unchanged.
func (g *Grouped) AddAccumulator(key string, a Accumulator) error {
	if g == nil {
		return errNil("Grouped")
	}
	if i, ok := g.index[key]; ok {
		m := g.accs[i]
		if err := m.Merge(a); err != nil {
			return errorf("group %q: %w", clip(key), err)
		}
		g.accs[i] = m
		return nil
	}
	if err := checkKey(key); err != nil {
		return errorf("%w", err)
	}
	g.insert(key, a)
	return nil
}

// bytesOf returns the bytes of a bytea (or text) column value.
func bytesOf(what string, src any, column string) ([]byte, error) {
	switch v := src.(type) {
	case []byte:
		return v, nil
	case string:
		return []byte(v), nil
	}
	return nil, scanTypeError(what, src, column)
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (a Accumulator) Value() (driver.Value, error) { return a.MarshalBinary() }

// Scan reads a bytea column written by Value. It implements sql.Scanner; errors wrap sq.ErrMalformed, and
// on error a is unchanged.
func (a *Accumulator) Scan(src any) error {
	b, err := bytesOf("accumulator", src, "bytea")
	if err != nil {
		return err
	}
	return a.UnmarshalBinary(b)
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (g Grouped) Value() (driver.Value, error) { return g.MarshalBinary() }

// Scan reads a bytea column written by Value. It implements sql.Scanner; errors wrap sq.ErrMalformed, and
// on error g is unchanged.
func (g *Grouped) Scan(src any) error {
	b, err := bytesOf("grouped accumulators", src, "bytea")
	if err != nil {
		return err
	}
	return g.UnmarshalBinary(b)
}
