package main

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// FuzzImportCSV reads arbitrary CSV input on the call rubric and the phone-etiquette checklist: it never panics,
// every row is either imported or reported as bad with a line number, and the report of what was imported
// can be written.
func FuzzImportCSV(f *testing.F) {
	for _, name := range []string{"sample.csv", "sample_bad.csv", "sample_etiquette.csv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(header + goodRow + goodRow))
	rubrics := []*rubric.Rubric{rubric.CallQuality(), rubric.PhoneEtiquette()}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range rubrics {
			imp, err := importCSV(bytes.NewReader(data), r)
			if err != nil {
				continue
			}
			for _, b := range imp.bad {
				if b.line < 1 || b.err == nil {
					t.Fatalf("bad row without a line or an error: %+v", b)
				}
			}
			if len(imp.results) > 0 {
				if err := writeReport(io.Discard, r, imp, 5); err != nil {
					t.Fatalf("writeReport: %v", err)
				}
			}
		}
	})
}
