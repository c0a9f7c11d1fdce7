package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// BenchmarkImportCSV measures reading, scoring and reporting sample.csv (12 calls on the call rubric).
func BenchmarkImportCSV(b *testing.B) {
	data, err := os.ReadFile("sample.csv")
	if err != nil {
		b.Fatal(err)
	}
	r := rubric.CallQuality()
	b.ReportAllocs()
	for range b.N {
		if code := importFile("sample.csv", bytes.NewReader(data), r, options{limits: defaultLimits}, 5,
			new(bytes.Buffer), io.Discard, io.Discard); code != 0 {
			b.Fatal("import failed")
		}
	}
}

// BenchmarkImportLarge measures a file of 100,000 rows, every tenth bad, with -skip-bad. Memory is bounded by
// one record and the employees' totals: the bytes allocated per row, not the bytes held, grow with the file.
func BenchmarkImportLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(header)
	for i := range 100_000 {
		row := strings.Replace(goodRow, "ev-1,", fmt.Sprintf("ev-%d,", i), 1)
		row = strings.Replace(row, "anna", fmt.Sprintf("emp-%d", i%1000), 1)
		if i%10 == 9 {
			row = strings.Replace(row, ",0.5,", ",0.55,", 1)
		}
		sb.WriteString(row)
	}
	data := []byte(sb.String())
	r := rubric.CallQuality()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if code := importFile("large.csv", bytes.NewReader(data), r, options{skipBad: true, limits: defaultLimits},
			5, new(bytes.Buffer), io.Discard, io.Discard); code != 0 {
			b.Fatal("import failed")
		}
	}
}
