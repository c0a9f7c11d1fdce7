package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// CallTotals returns the count and exact sum of the stored call totals evaluated within p, one group per
// employee (by = rating.ByEmployee) or department (rating.ByDepartment), computed in SQL with COUNT and SUM over
// the integer units of each total. Only results of rubrics on the 0–5 scale count, and rows with an empty key (a
// result stored without a department) are left out. The accumulators equal those of rating.GroupCalls over the
// same calls.
func (s *Store) CallTotals(ctx context.Context, by rating.GroupBy, p sq.Period) (*rating.Grouped, error) {
	col := "employee_id"
	switch by {
	case rating.ByEmployee:
	case rating.ByDepartment:
		col = "department_id"
	default:
		return nil, fmt.Errorf("store: group by %d: rating.ByEmployee or rating.ByDepartment allowed: %w", by, ErrInvalid)
	}
	lo, hi, err := periodArgs(p)
	if err != nil {
		return nil, err
	}
	accs := map[string]rating.Accumulator{}
	err = s.tx(ctx, func(tx *sqlTx) error {
		rows, err := tx.query(ctx, `SELECT `+col+`, total_scale, COUNT(*), SUM(total_units) FROM results
WHERE rated = 1 AND `+col+` <> '' AND evaluated_at >= ? AND evaluated_at < ?
GROUP BY `+col+`, total_scale`, lo, hi)
		if err != nil {
			return fmt.Errorf("store: call totals: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var key, units string
			var scale int32
			var n int64
			if err := rows.Scan(&key, &scale, &n, &units); err != nil {
				return fmt.Errorf("store: call totals: %w", err)
			}
			sum, err := parseDecimal(fmt.Sprintf("call totals of %q: sum of units", key), units)
			if err != nil {
				return err
			}
			if scale < 0 || scale > maxScale {
				return fmt.Errorf("store: call totals of %q: scale %d: 0–%d allowed: %w", key, scale, maxScale, ErrStoredValue)
			}
			a, err := accumulatorOf(fmt.Sprintf("call totals of %q", key), n, sum.Shift(-scale))
			if err != nil {
				return err
			}
			acc := accs[key]
			if err := acc.Merge(a); err != nil {
				return fmt.Errorf("store: call totals of %q: %w", key, err)
			}
			accs[key] = acc
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return groupedOf(accs)
}

// EvaluationCounts returns the number of stored results of rubrics on the 0–5 scale evaluated within p, by
// employee: the counts of the quarterly check (SPEC R6). Employees without an evaluation in p are absent.
func (s *Store) EvaluationCounts(ctx context.Context, p sq.Period) (map[string]int64, error) {
	lo, hi, err := periodArgs(p)
	if err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	err = s.tx(ctx, func(tx *sqlTx) error {
		rows, err := tx.query(ctx, `SELECT employee_id, COUNT(*) FROM results
WHERE rated = 1 AND employee_id <> '' AND evaluated_at >= ? AND evaluated_at < ? GROUP BY employee_id`, lo, hi)
		if err != nil {
			return fmt.Errorf("store: evaluation counts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var n int64
			if err := rows.Scan(&key, &n); err != nil {
				return fmt.Errorf("store: evaluation counts: %w", err)
			}
			counts[key] = n
		}
		return rows.Err()
	})
	return counts, err
}

// accumulatorOf builds an accumulator of n values summing to sum. rating.Accumulator has no constructor from a
// count and a sum, so it goes through the accumulator's strict JSON form, which checks the pair (sum within
// 0–5·n, at most 18 places, capacity); a refused pair is an error wrapping ErrStoredValue and sq.ErrMalformed.
func accumulatorOf(what string, n int64, sum decimal.Decimal) (rating.Accumulator, error) {
	var a rating.Accumulator
	b, err := json.Marshal(struct {
		Count int64  `json:"count"`
		Sum   string `json:"sum"`
	}{n, sum.String()})
	if err == nil {
		err = a.UnmarshalJSON(b)
	}
	if err != nil {
		return rating.Accumulator{}, fmt.Errorf("store: %s: count %d, sum %s: %w: %w", what, n, sum, ErrStoredValue, err)
	}
	return a, nil
}

// groupedOf builds a Grouped from accumulators by key, through the Grouped's JSON form.
func groupedOf(accs map[string]rating.Accumulator) (*rating.Grouped, error) {
	type group struct {
		Key   string `json:"key"`
		Count int64  `json:"count"`
		Sum   string `json:"sum"`
	}
	keys := make([]string, 0, len(accs))
	for k := range accs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	gs := make([]group, 0, len(keys))
	for _, k := range keys {
		gs = append(gs, group{k, accs[k].Count(), accs[k].Sum().String()})
	}
	b, err := json.Marshal(struct {
		Groups []group `json:"groups"`
	}{gs})
	g := new(rating.Grouped)
	if err == nil {
		err = g.UnmarshalJSON(b)
	}
	if err != nil {
		return nil, fmt.Errorf("store: groups: %w: %w", ErrStoredValue, err)
	}
	return g, nil
}

// SaveAggregates stores the accumulators of g under the label period (any text the caller chooses, such as
// "2026-Q4" or "since 2026-01-01"), replacing the groups stored under that label, in one transaction: the
// cumulative totals of SPEC R10 kept between runs. Sums are stored exactly (TEXT on SQLite, NUMERIC on
// PostgreSQL).
func (s *Store) SaveAggregates(ctx context.Context, period string, g *rating.Grouped) error {
	if g == nil {
		return fmt.Errorf("store: aggregates %q: nil Grouped: %w", period, ErrInvalid)
	}
	return s.tx(ctx, func(tx *sqlTx) error {
		if _, err := tx.exec(ctx, "DELETE FROM aggregates WHERE period = ?", period); err != nil {
			return fmt.Errorf("store: aggregates %q: %w", period, err)
		}
		for key, a := range g.All() {
			if _, err := tx.exec(ctx, "INSERT INTO aggregates (group_key, period, count, sum) VALUES (?, ?, ?, ?)",
				key, period, a.Count(), a.Sum().String()); err != nil {
				return fmt.Errorf("store: aggregates %q, group %q: %w", period, key, err)
			}
		}
		return nil
	})
}

// Aggregates loads the accumulators stored under the label period; a label with no groups gives an empty
// Grouped. A stored pair the accumulator refuses (a sum above 5·count, more than 18 places) is an error wrapping
// ErrStoredValue.
func (s *Store) Aggregates(ctx context.Context, period string) (*rating.Grouped, error) {
	accs := map[string]rating.Accumulator{}
	err := s.tx(ctx, func(tx *sqlTx) error {
		rows, err := tx.query(ctx, "SELECT group_key, count, sum FROM aggregates WHERE period = ?", period)
		if err != nil {
			return fmt.Errorf("store: aggregates %q: %w", period, err)
		}
		defer rows.Close()
		for rows.Next() {
			var key, sum string
			var n int64
			if err := rows.Scan(&key, &n, &sum); err != nil {
				return fmt.Errorf("store: aggregates %q: %w", period, err)
			}
			what := fmt.Sprintf("aggregates %q, group %q", period, key)
			d, err := parseDecimal(what+": sum", sum)
			if err != nil {
				return err
			}
			if accs[key], err = accumulatorOf(what, n, d); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return groupedOf(accs)
}
