package complaintstest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/complaints/complaintstest"
	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

func load(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time-zone data: %v", err)
	}
	return l
}

// TestCheckPresets runs the checker on every preset policy: each must hold every invariant.
func TestCheckPresets(t *testing.T) {
	for _, p := range complaintstest.Presets(load(t, "Asia/Almaty")) {
		complaintstest.CheckPolicy(t, p)
	}
}

// TestHistory proves that History draws valid histories: the deadline can be counted, and replaying the events
// on a new complaint accepts each of them.
func TestHistory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := complaintstest.Policy().Draw(t, "policy")
		c := complaintstest.History(p).Draw(t, "complaint")
		if _, err := c.Deadline(); err != nil {
			t.Fatalf("Deadline: %v", err)
		}
		again, err := complaints.New(p, c.Info())
		for _, e := range c.Events() {
			if err != nil {
				break
			}
			again, err = again.Append(e)
		}
		if err != nil || !again.Equal(c) {
			t.Fatalf("replaying the history: %v", err)
		}
	})
}

// TestInvalidEvent proves that every invalid event is refused with its sentinel, and the complaint is unchanged.
func TestInvalidEvent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := complaintstest.Policy().Draw(t, "policy")
		bad := complaintstest.InvalidEvent(p).Draw(t, "invalid")
		if _, err := bad.Complaint.Append(bad.Event); !errors.Is(err, bad.Err) {
			t.Fatalf("%s (%+v): error %v, want %v", bad.Why, bad.Event, err, bad.Err)
		}
	})
}

// weekend is a Calendar of the caller's own type: it has no JSON form.
type weekend struct{}

func (weekend) IsWorkday(t time.Time) bool {
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

// TestCheckPolicyFails proves that CheckPolicy catches broken policies and says what to fix.
func TestCheckPolicyFails(t *testing.T) {
	almaty := load(t, "Asia/Almaty")
	fixed := complaints.DefaultPolicy(time.FixedZone("UTC+5", 5*3600))
	custom := complaints.PSD2(weekend{}, almaty)
	official := complaints.RussiaFinancialOrganisations(load(t, "Europe/Moscow"))
	official.OfficialDataOnly = true
	within21 := complaintstest.Invariant("within 21 days", func(received time.Time, d complaints.Deadline) error {
		if days := sq.DateOf(received, almaty).DaysUntil(d.LastDay); days > 21 {
			return fmt.Errorf("the last day is %d days after receipt", days)
		}
		return nil
	})
	for _, tt := range []struct {
		name   string
		p      complaints.Policy
		opts   []complaintstest.Option
		want   string
		reason string
	}{
		{"fixed zone", fixed, nil, `json: the policy has no JSON form: complaints: policy "default: 15 calendar days": location "UTC+5" is not an IANA time-zone name`,
			"a fixed zone cannot be stored by name"},
		{"own calendar", custom, nil, "json: the policy has no JSON form: complaints: policy", "a calendar of the caller's type cannot be stored"},
		{"official only", official, nil, "valid: received ", "provisional calendar years refuse deadlines"},
		{"own invariant", complaints.KazakhstanMicrofinance(almaty), []complaintstest.Option{within21},
			"within 21 days: received 2024-01-01T00:00:00+06:00: the last day is 22 days after receipt", "15 working days can span more than 21 calendar days"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			failed, out := recordtb.Run(t, func(tb testing.TB) { complaintstest.CheckPolicy(tb, tt.p, tt.opts...) })
			if !failed || !strings.Contains(out, tt.want) {
				t.Errorf("CheckPolicy (%s): failed %t, output:\n%s\nwant it to contain %q", tt.reason, failed, out, tt.want)
			}
		})
	}
	// With the provisional years skipped by drawing receipts from official years only, the same policy passes.
	complaintstest.CheckPolicy(t, official, complaintstest.Between(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)))
}

// TestCheckPolicyFile checks a policy kept as a JSON file, and reports a file that cannot be parsed by name.
func TestCheckPolicyFile(t *testing.T) {
	complaintstest.CheckPolicyFile(t, "testdata/policy.json")
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"name": "x", "Length": 10}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, want, reason string
	}{
		{bad, "complaintstest: " + bad + ": complaints:", "a policy the parser refuses"},
		{filepath.Join(t.TempDir(), "missing.json"), "complaintstest: open ", "a missing file"},
	} {
		failed, out := recordtb.Run(t, func(tb testing.TB) { complaintstest.CheckPolicyFile(tb, tt.path) })
		if !failed || !strings.HasPrefix(out, tt.want) {
			t.Errorf("CheckPolicyFile (%s): failed %t, output %q, want it to start with %q", tt.reason, failed, out, tt.want)
		}
	}
}
