package main

import (
	"io"
	"io/fs"
	"testing"
)

// BenchmarkReport measures the whole report on the embedded sample: loading and checking the files, scoring 328
// evaluations, the ratings, compliance, surveys and complaints, and writing the text and HTML reports.
func BenchmarkReport(b *testing.B) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		ds, err := load(sub)
		if err != nil {
			b.Fatal(err)
		}
		at, err := parseAt(defaultAt, ds.loc)
		if err != nil {
			b.Fatal(err)
		}
		a, err := analyse(ds, at)
		if err != nil {
			b.Fatal(err)
		}
		rep := buildReport(ds, a, languages["en"], "bench")
		if err := writeText(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
		if err := writeHTML(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}
