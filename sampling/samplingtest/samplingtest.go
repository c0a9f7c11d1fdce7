package samplingtest

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sampling"
	"pgregory.net/rapid"
)

// Employees are the employees the populations of Calls belong to.
var employees = []string{"anna", "bolat", "dina", "erlan"}

// epoch is the first instant of the calls drawn: 1 January 2026, UTC.
var epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Calls returns a generator of valid populations of 0…maxCalls calls: unique IDs ("c1", "c2", ...), four
// employees ("anna", "bolat", "dina", "erlan"), times within 2026 (UTC, whole minutes), both directions and client
// kinds, and sometimes a channel and a duration. sampling.Select accepts every population drawn with Rule.
func Calls(maxCalls int) *rapid.Generator[[]sampling.Call] {
	return rapid.Custom(func(t *rapid.T) []sampling.Call {
		n := rapid.IntRange(0, max(maxCalls, 0)).Draw(t, "calls")
		calls := make([]sampling.Call, n)
		for i := range calls {
			calls[i] = sampling.Call{
				ID:        fmt.Sprintf("c%d", i+1),
				Employee:  rapid.SampledFrom(employees).Draw(t, "employee"),
				At:        epoch.Add(time.Duration(rapid.IntRange(0, 365*24*60-1).Draw(t, "minute")) * time.Minute),
				Direction: rapid.SampledFrom([]sampling.Direction{sampling.Incoming, sampling.Outgoing}).Draw(t, "direction"),
				Client:    rapid.SampledFrom([]sampling.Client{sampling.NewClient, sampling.ExistingClient}).Draw(t, "client"),
				Channel:   rapid.SampledFrom([]string{"", "phone", "chat"}).Draw(t, "channel"),
				Duration:  time.Duration(rapid.IntRange(0, 3600).Draw(t, "seconds")) * time.Second,
			}
		}
		return calls
	})
}

// Seed returns a generator of seeds of sampling.MinSeed…64 bytes.
func Seed() *rapid.Generator[[]byte] {
	return rapid.SliceOfN(rapid.Byte(), sampling.MinSeed, 64)
}

// Rule returns a generator of valid rules for the populations of Calls: 0–8 calls per employee (0 is the
// default, 5), quarterly or monthly periods, in UTC or a fixed zone of UTC+5, and no roster.
func Rule() *rapid.Generator[sampling.Rule] {
	return rapid.Custom(func(t *rapid.T) sampling.Rule {
		return sampling.Rule{
			PerEmployee: rapid.IntRange(0, 8).Draw(t, "perEmployee"),
			Period:      rapid.SampledFrom([]sampling.Period{sampling.Quarterly, sampling.Monthly}).Draw(t, "period"),
			Location:    rapid.SampledFrom([]*time.Location{time.UTC, time.FixedZone("UTC+5", 5*3600)}).Draw(t, "location"),
		}
	})
}

// Invalid is a population sampling.Select must refuse: the error wraps Err (errors.Is); Why says what is wrong.
type Invalid struct {
	Calls []sampling.Call
	Err   error
	Why   string
}

// InvalidCalls returns a generator of populations of 1…maxCalls calls of which one is broken in one way: an empty
// or repeated ID, no employee, a zero time, an unknown direction or client kind (sampling.ErrInvalidCall).
func InvalidCalls(maxCalls int) *rapid.Generator[Invalid] {
	return rapid.Custom(func(t *rapid.T) Invalid {
		calls := Calls(max(maxCalls, 1)).Filter(func(c []sampling.Call) bool { return len(c) > 0 }).Draw(t, "population")
		i := rapid.IntRange(0, len(calls)-1).Draw(t, "broken")
		c := &calls[i]
		breaks := []struct {
			why string
			f   func()
		}{
			{"an empty ID", func() { c.ID = "" }},
			{"a repeated ID", nil}, // set below: it needs another call
			{"no employee", func() { c.Employee = "" }},
			{"a zero time", func() { c.At = time.Time{} }},
			{"an unknown direction", func() { c.Direction = 0 }},
			{"an unknown client kind", func() { c.Client = 0 }},
		}
		k := rapid.IntRange(0, len(breaks)-1).Draw(t, "how")
		if k == 1 && len(calls) == 1 {
			k = 0 // one call cannot repeat another
		}
		if k == 1 {
			j := rapid.IntRange(0, len(calls)-2).Draw(t, "twin")
			if j >= i {
				j++
			}
			c.ID = calls[j].ID
		} else {
			breaks[k].f()
		}
		return Invalid{Calls: calls, Err: sampling.ErrInvalidCall, Why: fmt.Sprintf("call %d has %s", i, breaks[k].why)}
	})
}
