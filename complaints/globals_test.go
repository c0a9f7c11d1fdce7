package complaints

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/decglobals"
)

// TestOutputIgnoresDecimalGlobals: nothing this package prints, encodes or stores depends on shopspring/decimal's
// settings: the report's rates (2/3 written as "0.6667", 1 as "1.0000"), statuses, deadlines, complaints, policies
// and calendars read the same with TrimTrailingZeros, MarshalJSONWithoutQuotes and UseScientificNotation flipped.
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	values := func() []any {
		utc := time.UTC
		p := DefaultPolicy(utc)
		day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, utc) }
		var cs []Complaint
		for i, resolved := range []int{5, 6, 30} {
			c, err := New(p, Info{ID: string(rune('A' + i)), ReceivedAt: day(1 + i)})
			if err == nil {
				c, err = c.Append(Event{Kind: Resolved, At: day(resolved), Reason: "answered"})
			}
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		rep, err := NewReport(cs, day(31), ReportOptions{ResponseTargets: map[string]time.Duration{"": 24 * time.Hour}})
		if err != nil {
			t.Fatal(err)
		}
		return []any{rep, rep.Rows[0], rep.Rows[0].Due, cs[0], p, Kazakhstan(), rep.OnTimeRate}
	}
	want := decglobals.Outputs(values()...)
	if !strings.Contains(strings.Join(want, "\n"), `"rate":"0.6667"`) {
		t.Fatalf("the report JSON does not write the on-time rate 2/3 as \"0.6667\":\n%s", strings.Join(want, "\n"))
	}
	decglobals.Flip(t)
	got := decglobals.Outputs(values()...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs mismatch with the decimal globals flipped (-defaults +flipped):\n%s", diff)
	}
}
