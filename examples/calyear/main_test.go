package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Kazakhstan 2026 file, after the 2026 Constitution: 247 working days, 21 in August.
func TestYearFileTotals(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"../../complaints/calendars/kz-2026.json"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"official data", "August               21  (21)", "year                247  (261)",
		"2026-12-16 Wed  Independence Day"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// A built-in provisional year says so and names its rule.
func TestBuiltinProvisionalYear(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-calendar", "KZ", "-year", "2028"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "KZ 2028: PROVISIONAL data") || !strings.Contains(out.String(), "rule: provisional, by the Law") {
		t.Errorf("output does not flag the provisional year:\n%s", out.String())
	}
}

// Bad files are refused with the library's errors, naming the year, the date and the rule.
func TestBadYearFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		file   string
		want   string
		reason string
	}{
		{nil, `{"year":2027,"source":"x","holidays":[{"date":"2027-03-08"},{"date":"2027-03-08"}],"workdays":[],"shortened":[]}`,
			"holiday 2027-03-08: listed twice", "a duplicate date"},
		{nil, `{"year":2027,"source":"x","holidays":[{"date":"2027-01-09"}],"workdays":[{"date":"2027-01-09"}],"shortened":[]}`,
			"both a holiday and a working day", "a holiday on a transferred working day"},
		{nil, `{"year":1899,"source":"x","holidays":[],"workdays":[],"shortened":[]}`, "outside 1900–2200", "a year out of range"},
		{nil, `{"year":2027,"rule":"by art. 112","source":"x","holidays":[],"workdays":[],"shortened":[]}`,
			"not marked provisional", "a provisional year marked official"},
		{[]string{"-calendar", "RU"}, `{"year":2026,"provisional":true,"rule":"guess","source":"x","holidays":[],"workdays":[],"shortened":[]}`,
			"cannot replace the official data of 2026", "an update may not replace official data with provisional"},
		{nil, `{"year":2027,"source":"x","holidays":[],"workdays":[],"shortened":[],"extra":1}`, "unknown field", "an unknown field"},
	}
	for i, tt := range tests {
		path := filepath.Join(dir, "y"+string(rune('a'+i))+".json")
		if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
			t.Fatal(err)
		}
		err := run(append(tt.args, path), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.reason, err, tt.want)
		}
	}
}

func TestCleanEscapesControls(t *testing.T) {
	if got := clean("a\x1b[31mb\u0085"); got != "a?[31mb?" {
		t.Errorf("clean = %q", got)
	}
}
