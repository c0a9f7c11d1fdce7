package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every entry of texts.json is translated, takes the same format verbs in both languages, and a noun has its
// three forms.
func TestCatalogue(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d\])?[-+#0-9.]*[a-zA-Z%]`)
	for key, e := range catalogue {
		if e[0] == "" || e[1] == "" {
			t.Errorf("%s: %q: both languages needed", key, e)
		}
		if diff := cmp.Diff(verbKinds(verbs, e[0]), verbKinds(verbs, e[1])); diff != "" {
			t.Errorf("%s: format verbs mismatch (-en +ru):\n%s", key, diff)
		}
		if strings.HasPrefix(key, "nouns.") && (strings.Count(e[0], "|") != 2 || strings.Count(e[1], "|") != 2) {
			t.Errorf("%s: %q: three forms separated by | needed", key, e)
		}
	}
	if got := languages["ru"].count(22, "call"); got != "22 звонка" {
		t.Errorf(`count(22, "call") = %q, want "22 звонка"`, got)
	}
}

// verbKinds lists the verbs of a format by argument: "%s %[1]d" and "%[2]d %[1]s" both give s, d.
func verbKinds(verbs *regexp.Regexp, format string) []string {
	var out []string
	for i, v := range verbs.FindAllString(format, -1) {
		n := i
		if strings.HasPrefix(v, "%[") {
			n = int(v[2] - '1')
		}
		for len(out) <= n {
			out = append(out, "")
		}
		out[n] = v[len(v)-1:]
	}
	return out
}
