package sampling_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sampling"
)

// Five calls a quarter per employee (SPEC R5), chosen by a keyed hash of the call IDs: an auditor given the seed
// and the call list gets the same selection.
func ExampleSelect() {
	var calls []sampling.Call
	for i := 0; i < 9; i++ {
		d, c := sampling.Incoming, sampling.ExistingClient
		if i%3 == 0 {
			d = sampling.Outgoing
		}
		if i%4 == 0 {
			c = sampling.NewClient
		}
		calls = append(calls, sampling.Call{ID: fmt.Sprintf("call-%d", i), Employee: "anna",
			At: time.Date(2026, 2, 1+i, 10, 0, 0, 0, time.UTC), Direction: d, Client: c})
	}
	calls = append(calls, sampling.Call{ID: "call-b1", Employee: "boris", At: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC),
		Direction: sampling.Incoming, Client: sampling.NewClient})
	seed := []byte("a secret key of the quality team")
	sel, err := sampling.Select(calls, seed, sampling.Rule{Location: time.UTC, Evaluated: []string{"call-3"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range sel.Groups {
		fmt.Printf("%s %s: %d calls, %d evaluated, %d selected, short %v\n", g.Employee, g.Period, g.Population,
			g.Evaluated, len(g.Selected), g.Short)
		for _, sc := range g.Strata {
			fmt.Printf("  %-17s %d of %d\n", sc.Stratum, sc.Evaluated+sc.Selected, sc.Population)
		}
	}
	b, _ := json.Marshal(sel)
	fmt.Println(len(b) > 0)
	// Output:
	// anna 2026-Q1: 9 calls, 1 evaluated, 4 selected, short false
	//   incoming/new      1 of 2
	//   incoming/existing 2 of 4
	//   outgoing/new      1 of 1
	//   outgoing/existing 1 of 2
	// boris 2026-Q1: 1 calls, 0 evaluated, 1 selected, short true
	//   incoming/new      1 of 1
	// true
}
