package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/sq"
)

// calendarOf returns the name and data version of p's calendar, empty for a policy without a calendar or with a
// calendar that does not say (complaints.WorkCalendar says both).
func calendarOf(p complaints.Policy) (name, version string) {
	if c, ok := p.Calendar.(interface{ Name() string }); ok {
		name = c.Name()
	}
	if c, ok := p.Calendar.(interface{ Version() string }); ok {
		version = c.Version()
	}
	return name, version
}

// SavePolicy stores p under the reference ref: its JSON (complaints.Policy.MarshalJSON writes a built-in
// calendar by name and any other *complaints.WorkCalendar as its data), and its calendar's name and data version.
// Saving a policy Equal to the stored one updates the recorded calendar version (a built-in calendar whose data
// changed); another policy under a stored reference is refused with an error wrapping ErrInvalid, since the
// complaints counted on it would change.
func (s *Store) SavePolicy(ctx context.Context, ref string, p complaints.Policy) error {
	if ref == "" {
		return fmt.Errorf("store: policy reference is empty: %w", ErrInvalid)
	}
	doc, err := p.MarshalJSON()
	if err != nil {
		return fmt.Errorf("store: policy %q: %w", ref, err)
	}
	name, version := calendarOf(p)
	return s.tx(ctx, func(tx *sqlTx) error {
		// ON CONFLICT DO NOTHING, then compare: two writers storing the same new policy at once both succeed.
		if _, err := tx.exec(ctx, `INSERT INTO complaint_policies (ref, document, calendar, calendar_version) VALUES (?, ?, ?, ?)
ON CONFLICT (ref) DO NOTHING`, ref, string(doc), name, version); err != nil {
			return fmt.Errorf("store: save policy %q: %w", ref, err)
		}
		stored, _, err := loadPolicy(ctx, tx, ref)
		if err != nil {
			return err
		}
		if !stored.Equal(p) {
			return fmt.Errorf("store: policy %q is stored with other terms; store the new policy under a new reference: %w",
				ref, ErrInvalid)
		}
		_, err = tx.exec(ctx, "UPDATE complaint_policies SET document = ?, calendar = ?, calendar_version = ? WHERE ref = ?",
			string(doc), name, version, ref)
		if err != nil {
			return fmt.Errorf("store: save policy %q: %w", ref, err)
		}
		return nil
	})
}

// Policy loads the policy stored under ref. Errors wrap ErrNotFound, or ErrStoredValue with the complaints
// package's error when the stored JSON is no longer a valid policy.
func (s *Store) Policy(ctx context.Context, ref string) (complaints.Policy, error) {
	var p complaints.Policy
	err := s.tx(ctx, func(tx *sqlTx) error {
		var err error
		p, _, err = loadPolicy(ctx, tx, ref)
		return err
	})
	return p, err
}

// loadPolicy reads a policy and the calendar version recorded with it.
func loadPolicy(ctx context.Context, tx *sqlTx, ref string) (complaints.Policy, string, error) {
	var doc, version string
	err := tx.queryRow(ctx, "SELECT document, calendar_version FROM complaint_policies WHERE ref = ?", ref).Scan(&doc, &version)
	if err != nil {
		return complaints.Policy{}, "", notFound(err, fmt.Sprintf("policy %q", ref))
	}
	p, err := complaints.ParsePolicy([]byte(doc))
	if err != nil {
		return complaints.Policy{}, "", fmt.Errorf("store: policy %q: %w: %w", ref, ErrStoredValue, err)
	}
	return p, version, nil
}

// SaveComplaint stores c, replacing a stored complaint of the same ID: its JSON (complaints.Complaint.MarshalJSON,
// the history included), the reference of its policy, which must be stored (SavePolicy) and Equal to c.Policy(),
// and the version of the calendar data its deadlines are counted on.
func (s *Store) SaveComplaint(ctx context.Context, ref string, c complaints.Complaint) error {
	doc, err := c.MarshalJSON()
	if err != nil {
		return fmt.Errorf("store: complaint %q: %w", c.Info().ID, err)
	}
	info := c.Info()
	at, err := nanos(fmt.Sprintf("complaint %q: received", info.ID), info.ReceivedAt)
	if err != nil {
		return err
	}
	_, version := calendarOf(c.Policy())
	return s.tx(ctx, func(tx *sqlTx) error {
		p, _, err := loadPolicy(ctx, tx, ref)
		if err != nil {
			return fmt.Errorf("store: complaint %q: %w", info.ID, err)
		}
		if !p.Equal(c.Policy()) {
			return fmt.Errorf("store: complaint %q: its policy %q differs from the policy stored under %q: %w",
				info.ID, c.Policy().Name, ref, ErrInvalid)
		}
		if _, err := tx.exec(ctx, `INSERT INTO complaints (id, policy_ref, calendar_version, employee_id, channel,
  category, received_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET policy_ref = excluded.policy_ref, calendar_version = excluded.calendar_version,
  employee_id = excluded.employee_id, channel = excluded.channel, category = excluded.category,
  received_at = excluded.received_at, document = excluded.document`,
			info.ID, ref, version, info.Employee, info.Channel, info.Category, at, string(doc)); err != nil {
			return fmt.Errorf("store: save complaint %q: %w", info.ID, err)
		}
		return nil
	})
}

// Complaint loads the complaint of the given ID and replays its history under its stored policy. Errors wrap
// ErrNotFound; ErrStoredValue with the complaints package's error when the history is refused or the document
// disagrees with its columns; or ErrCalendarVersion when the policy's calendar data now has another version than
// the one the complaint was counted on. With ErrCalendarVersion the complaint, replayed on the data at hand, is
// returned too: compare its deadline (complaints.CompareDeadline), then save it again to record the new version.
func (s *Store) Complaint(ctx context.Context, id string) (complaints.Complaint, error) {
	var c complaints.Complaint
	err := s.tx(ctx, func(tx *sqlTx) error {
		cs, err := loadComplaints(ctx, tx, "WHERE c.id = ?", id)
		if err != nil && len(cs) == 0 {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("store: complaint %q: %w", id, ErrNotFound)
		}
		c = cs[0]
		return err
	})
	if err != nil && !errors.Is(err, ErrCalendarVersion) {
		return complaints.Complaint{}, err
	}
	return c, err
}

// Complaints loads the complaints received within the period p (the zero sq.Period is all time), in ID order, at
// most MaxRows (the limit of complaints.NewReport) of them. Errors are those of Complaint, or ErrInvalid for an
// invalid period; with ErrCalendarVersion, every complaint is returned and the error names those counted on other
// calendar data.
func (s *Store) Complaints(ctx context.Context, p sq.Period) ([]complaints.Complaint, error) {
	lo, hi, err := periodArgs(p)
	if err != nil {
		return nil, err
	}
	var cs []complaints.Complaint
	err = s.tx(ctx, func(tx *sqlTx) error {
		var n int64
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM complaints WHERE received_at >= ? AND received_at < ?", lo, hi).Scan(&n); err != nil {
			return fmt.Errorf("store: complaints: %w", err)
		}
		if n > MaxRows {
			return fmt.Errorf("store: complaints: %d in the period: at most %d allowed: %w", n, MaxRows, ErrInvalid)
		}
		cs, err = loadComplaints(ctx, tx, "WHERE c.received_at >= ? AND c.received_at < ? ORDER BY c.id", lo, hi)
		return err
	})
	if err != nil && !errors.Is(err, ErrCalendarVersion) {
		return nil, err
	}
	return cs, err
}

// Register reads every stored complaint from the database and builds the register report at now
// (complaints.NewReport: complaints received after now are counted in NotYetReceived). A complaint counted on calendar data of another version than its policy has now is
// an error wrapping ErrCalendarVersion, rather than a status silently counted on other data.
func (s *Store) Register(ctx context.Context, now time.Time) (complaints.Report, error) {
	cs, err := s.Complaints(ctx, sq.Period{})
	if err != nil {
		return complaints.Report{}, err
	}
	return complaints.NewReport(cs, now, complaints.ReportOptions{})
}

// loadComplaints reads complaints with their policies; the policies are parsed once per reference. Complaints
// whose calendar version differs are returned with an error wrapping ErrCalendarVersion that names them.
func loadComplaints(ctx context.Context, tx *sqlTx, where string, args ...any) ([]complaints.Complaint, error) {
	rows, err := tx.query(ctx, `SELECT c.id, c.policy_ref, c.calendar_version, c.employee_id, c.channel, c.category,
  c.received_at, c.document, p.document FROM complaints c JOIN complaint_policies p ON p.ref = c.policy_ref `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: complaints: %w", err)
	}
	defer rows.Close()
	policies := map[string]complaints.Policy{}
	var out []complaints.Complaint
	var changed []string
	for rows.Next() {
		var id, ref, version, employee, channel, category, doc, policyDoc string
		var at int64
		if err := rows.Scan(&id, &ref, &version, &employee, &channel, &category, &at, &doc, &policyDoc); err != nil {
			return nil, fmt.Errorf("store: complaints: %w", err)
		}
		p, ok := policies[ref]
		if !ok {
			if p, err = complaints.ParsePolicy([]byte(policyDoc)); err != nil {
				return nil, fmt.Errorf("store: policy %q: %w: %w", ref, ErrStoredValue, err)
			}
			policies[ref] = p
		}
		c, err := complaints.ParseComplaint([]byte(doc), p)
		if err != nil {
			return nil, fmt.Errorf("store: complaint %q: %w: %w", id, ErrStoredValue, err)
		}
		info := c.Info()
		if info.ID != id || info.Employee != employee || info.Channel != channel || info.Category != category ||
			info.ReceivedAt.UnixNano() != at {
			return nil, fmt.Errorf("store: complaint %q: the document disagrees with its columns: %w", id, ErrStoredValue)
		}
		if _, now := calendarOf(p); now != version {
			changed = append(changed, fmt.Sprintf("%q (counted on %q, the calendar is now %q)", id, version, now))
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: complaints: %w", err)
	}
	if len(changed) > 0 {
		more := ""
		if len(changed) > 10 {
			more = fmt.Sprintf(" and %d more", len(changed)-10)
			changed = changed[:10]
		}
		return out, fmt.Errorf("store: complaints %s%s: %w", strings.Join(changed, ", "), more, ErrCalendarVersion)
	}
	return out, nil
}
