package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// BenchmarkImportCSV measures reading and scoring sample.csv (12 calls on the call rubric).
func BenchmarkImportCSV(b *testing.B) {
	data, err := os.ReadFile("sample.csv")
	if err != nil {
		b.Fatal(err)
	}
	r := rubric.CallQuality()
	b.ReportAllocs()
	for range b.N {
		imp, err := importCSV(bytes.NewReader(data), r)
		if err != nil || len(imp.bad) > 0 {
			b.Fatal(err, imp.bad)
		}
	}
}
