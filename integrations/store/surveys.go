package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// kindNames are the stored names of the survey kinds; a stored name not listed here is refused.
var kindNames = map[survey.Kind]string{
	survey.KindCSI: "csi", survey.KindRecommend: "recommend", survey.KindClassic: "classic",
	survey.KindCSAT: "csat", survey.KindCES: "ces", survey.KindFCR: "fcr",
}

func kindOf(name string) (survey.Kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return k, true
		}
	}
	return 0, false
}

// SaveResponses stores survey answers in one transaction: all of them or none. Each answer is validated
// (survey.Answer.Validate) and needs a time; the time is stored as an instant and as RFC 3339 text with its
// offset and nanoseconds, so Responses gives back an equal time.
func (s *Store) SaveResponses(ctx context.Context, rs []survey.Response) error {
	return s.tx(ctx, func(tx *sqlTx) error {
		for i, r := range rs {
			if err := r.Answer.Validate(); err != nil {
				return fmt.Errorf("store: response %d: %w", i, err)
			}
			at, err := nanos(fmt.Sprintf("response %d: time", i), r.At)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO survey_responses (client, employee_id, department_id, channel,
  answered_at, answered_text, kind, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.Client, r.Employee, r.Department,
				r.Channel, at, r.At.Format(time.RFC3339Nano), kindNames[r.Answer.Kind], r.Answer.Value); err != nil {
				return fmt.Errorf("store: response %d: %w", i, err)
			}
		}
		return nil
	})
}

// Responses loads the survey answers given within p, in the order they were stored, at most MaxRows. A row with an unknown kind,
// a value off its kind's scale or a time that disagrees with its instant is an error wrapping ErrStoredValue.
func (s *Store) Responses(ctx context.Context, p sq.Period) ([]survey.Response, error) {
	lo, hi, err := periodArgs(p)
	if err != nil {
		return nil, err
	}
	var out []survey.Response
	err = s.tx(ctx, func(tx *sqlTx) error {
		var n int64
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM survey_responses WHERE answered_at >= ? AND answered_at < ?", lo, hi).Scan(&n); err != nil {
			return fmt.Errorf("store: responses: %w", err)
		}
		if n > MaxRows {
			return fmt.Errorf("store: responses: %d in the period: at most %d allowed: %w", n, MaxRows, ErrInvalid)
		}
		rows, err := tx.query(ctx, `SELECT id, client, employee_id, department_id, channel, answered_at, answered_text,
  kind, value FROM survey_responses WHERE answered_at >= ? AND answered_at < ? ORDER BY id`, lo, hi)
		if err != nil {
			return fmt.Errorf("store: responses: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r survey.Response
			var id, at int64
			var text, kind string
			if err := rows.Scan(&id, &r.Client, &r.Employee, &r.Department, &r.Channel, &at, &text, &kind, &r.Answer.Value); err != nil {
				return fmt.Errorf("store: responses: %w", err)
			}
			k, ok := kindOf(kind)
			if !ok {
				return fmt.Errorf("store: response row %d: kind %q unknown: %w", id, kind, ErrStoredValue)
			}
			r.Answer.Kind = k
			if err := r.Answer.Validate(); err != nil {
				return fmt.Errorf("store: response row %d: %w: %w", id, ErrStoredValue, err)
			}
			r.At, err = time.Parse(time.RFC3339Nano, text)
			if err != nil || r.At.UnixNano() != at {
				return fmt.Errorf("store: response row %d: time %q disagrees with instant %d: %w", id, text, at, ErrStoredValue)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// SurveySegments tallies the answers given within p per employee in SQL (COUNT per kind and value, and COUNT
// of distinct non-empty clients), sorting classic NPS answers by cuts (the zero value: the standard cuts). The
// segments, in ascending order of employee ID with no period, equal those of survey.Segments with
// survey.Grouping{Key: func(r survey.Response) string { return r.Employee }} over the same answers.
func (s *Store) SurveySegments(ctx context.Context, p sq.Period, cuts survey.ClassicCuts) ([]survey.Segment, error) {
	if cuts == (survey.ClassicCuts{}) {
		cuts = survey.ClassicCuts{DetractorMax: 6, PromoterMin: 9} // the standard cuts
	}
	if err := cuts.Validate(); err != nil {
		return nil, fmt.Errorf("store: survey segments: %w", err)
	}
	lo, hi, err := periodArgs(p)
	if err != nil {
		return nil, err
	}
	type counts struct {
		csi         [5]int64
		yes, no     int64
		classic     [11]int64
		csat        [5]int64
		ces         [7]int64
		fcr, fcrAll int64
		respondents int64
	}
	byEmployee := map[string]*counts{}
	get := func(k string) *counts {
		c := byEmployee[k]
		if c == nil {
			c = &counts{}
			byEmployee[k] = c
		}
		return c
	}
	err = s.tx(ctx, func(tx *sqlTx) error {
		rows, err := tx.query(ctx, `SELECT employee_id, kind, value, COUNT(*) FROM survey_responses
WHERE answered_at >= ? AND answered_at < ? GROUP BY employee_id, kind, value`, lo, hi)
		if err != nil {
			return fmt.Errorf("store: survey segments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var emp, kind string
			var v int
			var n int64
			if err := rows.Scan(&emp, &kind, &v, &n); err != nil {
				return fmt.Errorf("store: survey segments: %w", err)
			}
			k, ok := kindOf(kind)
			if !ok || (survey.Answer{Kind: k, Value: v}).Validate() != nil {
				return fmt.Errorf("store: survey answers of %q: kind %q value %d: %w", emp, kind, v, ErrStoredValue)
			}
			c := get(emp)
			switch k {
			case survey.KindCSI:
				c.csi[v-1] += n
			case survey.KindRecommend:
				if v == 1 {
					c.yes += n
				} else {
					c.no += n
				}
			case survey.KindClassic:
				c.classic[v] += n
			case survey.KindCSAT:
				c.csat[v-1] += n
			case survey.KindCES:
				c.ces[v-1] += n
			case survey.KindFCR:
				c.fcrAll += n
				if v == 1 {
					c.fcr += n
				}
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: survey segments: %w", err)
		}
		rows.Close()
		rows, err = tx.query(ctx, `SELECT employee_id, COUNT(DISTINCT client) FROM survey_responses
WHERE client <> '' AND answered_at >= ? AND answered_at < ? GROUP BY employee_id`, lo, hi)
		if err != nil {
			return fmt.Errorf("store: survey segments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var emp string
			var n int64
			if err := rows.Scan(&emp, &n); err != nil {
				return fmt.Errorf("store: survey segments: %w", err)
			}
			get(emp).respondents = n
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(byEmployee))
	for k := range byEmployee {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	segs := make([]survey.Segment, 0, len(keys))
	for _, k := range keys {
		c := byEmployee[k]
		var t survey.Tallies
		var err error
		var prom, pass, det, satisfied, csatAll int64
		for v, n := range c.classic {
			switch {
			case v >= cuts.PromoterMin:
				prom += n
			case v <= cuts.DetractorMax:
				det += n
			default:
				pass += n
			}
		}
		for v, n := range c.csat {
			csatAll += n
			if v+1 >= 4 {
				satisfied += n
			}
		}
		steps := []func() error{
			func() (err error) { t.CSI, err = survey.NewCSI(c.csi); return },
			func() (err error) { t.Recommend, err = survey.NewShare(c.yes, c.yes+c.no); return },
			func() (err error) { t.Classic, err = survey.NewClassicNPS(prom, pass, det); return },
			func() (err error) { t.CSAT, err = survey.NewShare(satisfied, csatAll); return },
			func() (err error) { t.CES, err = survey.NewCES(c.ces); return },
			func() (err error) { t.FCR, err = survey.NewShare(c.fcr, c.fcrAll); return },
		}
		for _, step := range steps {
			if err = step(); err != nil {
				return nil, fmt.Errorf("store: survey answers of %q: %w: %w", k, ErrStoredValue, err)
			}
		}
		segs = append(segs, survey.Segment{Key: k, Tallies: t, Respondents: c.respondents})
	}
	return segs, nil
}
