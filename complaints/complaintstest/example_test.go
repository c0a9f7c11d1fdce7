package complaintstest_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/complaints/complaintstest"
)

// printer stands in for the *testing.T of a test in these examples: it prints what a checker reports.
type printer struct {
	testing.TB
	failed bool
}

func (p *printer) Helper()             {}
func (p *printer) Name() string        { return "Example" }
func (p *printer) Logf(string, ...any) {}
func (p *printer) Log(...any)          {}
func (p *printer) Failed() bool        { return p.failed }
func (p *printer) Errorf(format string, args ...any) {
	p.failed = true
	fmt.Printf(format+"\n", args...)
}

// A team keeps its policy as JSON and checks it in CI with one line. A policy built in code on a fixed offset
// cannot be stored: CheckPolicy says so.
func ExampleCheckPolicy() {
	p, err := complaints.ParsePolicy([]byte(`{"name": "our term", "length": 10, "unit": "working-days",
	  "location": "Asia/Almaty", "calendar": "KZ", "move_to_workday": true}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	t := &printer{} // in a test: t
	complaintstest.CheckPolicy(t, p)
	fmt.Println("our term failed:", t.Failed())

	complaintstest.CheckPolicy(t, complaints.DefaultPolicy(time.FixedZone("UTC+5", 5*3600)))
	// Output:
	// our term failed: false
	// complaintstest: policy "default: 15 calendar days": json: the policy has no JSON form: complaints: policy "default: 15 calendar days": location "UTC+5" is not an IANA time-zone name and could not be read back; use time.LoadLocation (a time.FixedZone has no such name): invalid policy
}

// Invariant adds the team's own rule; Between draws receipts from the years the team cares about.
func ExampleInvariant() {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	p := complaints.KazakhstanMicrofinance(almaty)
	within := complaintstest.Invariant("within 5 weeks", func(received time.Time, d complaints.Deadline) error {
		if d.At.Sub(received) > 5*7*24*time.Hour {
			return errors.New("more than 5 weeks")
		}
		return nil
	})
	t := &printer{}
	complaintstest.CheckPolicy(t, p, within, complaintstest.Between(
		time.Date(2025, 1, 1, 0, 0, 0, 0, almaty), time.Date(2026, 1, 1, 0, 0, 0, 0, almaty)))
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}

// Policies of every shape, valid and storable.
func ExamplePolicy() {
	valid := 0
	for i := range 50 {
		p := complaintstest.Policy().Example(i)
		if _, err := p.MarshalJSON(); err == nil && p.Validate() == nil {
			valid++
		}
	}
	fmt.Println(valid, "of 50 valid and storable")
	// Output:
	// 50 of 50 valid and storable
}

// The presets of package complaints in one time zone.
func ExamplePresets() {
	for _, p := range complaintstest.Presets(time.UTC)[:3] {
		fmt.Println(p.Name)
	}
	// Output:
	// default: 15 calendar days
	// KZ microfinance law art. 17: 15 working days (+15)
	// PSD2 art. 101(2): 15 business days (35 exceptionally)
}

// Calendars with provisional years and with official data overlaid.
func ExampleCalendar() {
	overlaid := 0
	for i := range 40 {
		c := complaintstest.Calendar().Example(i)
		if all, prov := years(c); len(all) > 0 && len(prov) < len(provisionalYears(builtin(c.Name()))) {
			overlaid++
		}
	}
	fmt.Println("some with an official year overlaid:", overlaid > 0)
	// Output:
	// some with an official year overlaid: true
}

// years returns the years c holds data for and those of them that are provisional.
func years(c *complaints.WorkCalendar) (all, provisional []int) {
	for _, y := range c.Data().Years {
		all = append(all, y.Year)
		if y.Provisional {
			provisional = append(provisional, y.Year)
		}
	}
	return all, provisional
}

func provisionalYears(c *complaints.WorkCalendar) []int { _, p := years(c); return p }

func builtin(name string) *complaints.WorkCalendar {
	for _, c := range []*complaints.WorkCalendar{complaints.Kazakhstan(), complaints.Russia(), complaints.EnglandWales()} {
		if c.Name() == name {
			return c
		}
	}
	return complaints.Weekdays()
}

// Receipt times within the calendar's years, some at the cut-off or due-by time.
func ExampleReceivedAt() {
	p := complaints.RussiaFinancialOrganisations(time.UTC)
	counted := 0
	for i := range 20 {
		if _, err := p.Deadline(complaintstest.ReceivedAt(p).Example(i)); err == nil {
			counted++
		}
	}
	fmt.Println(counted, "of 20 counted")
	// Output:
	// 20 of 20 counted
}

// Valid histories, and events each history must refuse.
func ExampleHistory() {
	p := complaints.CFPB(time.UTC)
	c := complaintstest.History(p).Example(3)
	_, err := c.Deadline()
	bad := complaintstest.InvalidEvent(p).Example(3)
	_, badErr := bad.Complaint.Append(bad.Event)
	fmt.Println(err == nil, errors.Is(badErr, bad.Err))
	// Output:
	// true true
}

// The time zones the kit draws policies in.
func ExampleLocation() {
	fmt.Println(complaintstest.Location().Example(0) != nil)
	// Output:
	// true
}

// Events a complaint must refuse, each labelled with the sentinel and what is wrong.
func ExampleInvalidEvent() {
	p := complaints.DefaultPolicy(time.UTC)
	refused := 0
	for i := range 30 {
		bad := complaintstest.InvalidEvent(p).Example(i)
		if _, err := bad.Complaint.Append(bad.Event); errors.Is(err, bad.Err) {
			refused++
		}
	}
	fmt.Println(refused, "of 30 refused with their sentinel")
	// Output:
	// 30 of 30 refused with their sentinel
}

// A preset policy in a drawn time zone.
func ExamplePreset() {
	p := complaintstest.Preset().Example(1)
	fmt.Println(p.Validate() == nil)
	// Output:
	// true
}

// CheckPolicyFile checks a policy kept as a JSON file in the repository.
func ExampleCheckPolicyFile() {
	t := &printer{} // in a test: t
	complaintstest.CheckPolicyFile(t, "testdata/policy.json")
	fmt.Println("failed:", t.Failed())
	// Output:
	// failed: false
}
