package main

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// dataFiles are the files of a data set, in the order the fuzz target picks them.
var dataFiles = []string{"employees.csv", "evaluations.json", "surveys.csv", "platforms.json", "complaints.json",
	"settings.json", "rubric.json", "calls.json", "reviews.json", "facts.json"}

// FuzzDataFiles replaces one file of the small test data set with arbitrary bytes: loading, analysing and
// writing both reports never panic, and a data set that loads gives a report or a clear error.
func FuzzDataFiles(f *testing.F) {
	base := fstest.MapFS{}
	for _, name := range dataFiles {
		b, err := os.ReadFile(filepath.Join("testdata", "mini", name))
		if err != nil {
			continue // settings.json, rubric.json and the quality specialist's files are optional and absent
		}
		base[name] = &fstest.MapFile{Data: b}
	}
	for i, name := range dataFiles {
		if file, ok := base[name]; ok {
			f.Add(uint8(i), file.Data)
		}
	}
	f.Add(uint8(5), []byte(`{"location": "Europe/Moscow", "department": {"platform_weight": "1", "employee_weight": "2",
		"survey_weight": "1", "csi_weight": "1", "nps_weight": "1", "fail_on_missing": false, "min_coverage": "0",
		"review_weighted": true, "include_insufficient": false},
		"complaint_policy": {"length": 10, "unit": "working-days", "location": "Europe/Moscow", "calendar": "RU", "due_soon": 2}}`))
	f.Add(uint8(6), []byte(`{"id": "call-quality", "version": "x", "title": {"en": "X"}, "max": "5",
		"criteria": [{"id": "greeting", "title": {"en": "G"}, "scale": {"kind": "binary", "max": "5"}}]}`))
	f.Add(uint8(7), callsJSON(`{"id":"x-1","employee":"anna",`+q1Call+`}`,
		`{"id":"x-2","employee":"chen","at":"2026-03-02T09:00:00+05:00","direction":"outgoing","client":"existing"}`))
	f.Add(uint8(8), reviewsJSON(f, miniEvaluation(f, "m-5")))
	f.Add(uint8(9), []byte(`[{"call":"c-5",`+q1Facts+`,"promises":[{"id":"t-1","due":"2026-01-15T18:00:00+05:00",`+
		`"completed":"0001-01-01T00:00:00Z"}]}]`))
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		fsys := maps.Clone(base)
		fsys[dataFiles[int(which)%len(dataFiles)]] = &fstest.MapFile{Data: content}
		ds, err := load(fsys)
		if err != nil {
			return
		}
		a, err := analyse(ds, time.Date(2026, 3, 31, 0, 0, 0, 0, ds.loc))
		if err != nil {
			return
		}
		// Every complaint loaded is in the register: reported, not yet received, or listed as failed.
		cr := a.complaintReport
		if n := cr.Total + cr.NotYetReceived + len(cr.Failed); n != len(ds.complaints) {
			t.Fatalf("the register accounts for %d complaints of %d loaded", n, len(ds.complaints))
		}
		for _, tr := range languages {
			rep := buildReport(ds, a, tr, "fuzz")
			if err := writeText(io.Discard, rep); err != nil {
				t.Fatalf("writeText: %v", err)
			}
			if err := writeHTML(io.Discard, rep); err != nil {
				t.Fatalf("writeHTML: %v", err)
			}
		}
	})
}
