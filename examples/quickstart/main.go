// Command quickstart scores a few sample calls on the built-in call rubric (SPEC R1–R4) and prints each result
// with its explanation: the total on 0–5, the raw total before overrides, and which override zeroed what.
//
//	go run ./examples/quickstart
package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/servicequality/servicequality/rubric"
)

//go:embed sample.json
var sample []byte

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(sample, &raw); err != nil {
		return fmt.Errorf("quickstart: sample data: %w", err)
	}
	r := rubric.CallQuality()
	fmt.Fprintf(w, "%s (%s, version %s), 0–%s points\n\n", r.Title("en"), r.ID(), r.Version(), r.Max())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "evaluation\temployee\tcall\ttotal\traw\twhy")
	for _, msg := range raw {
		e, err := rubric.ParseEvaluation(msg)
		if err != nil {
			return err
		}
		res, err := r.Score(e)
		if err != nil {
			return err
		}
		why := "-"
		if reasons := res.Reasons(); len(reasons) > 0 {
			why = reasons[0].String()
			for _, more := range reasons[1:] {
				why += "; " + more.String()
			}
		}
		m := res.Meta()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.EmployeeID, m.CallID, res.Total().StringFixed(1), res.RawTotal().StringFixed(1), why)
	}
	return tw.Flush()
}
