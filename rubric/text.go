package rubric

import (
	"maps"
	"slices"
	"strings"
)

// Text is a localized string: language tag → text, for example {"ru": "Приветствие", "en": "Greeting"}. Any
// lowercase BCP 47 primary tag (two or three letters, optionally followed by subtags such as "sr-latn") is
// accepted. The zero value (nil) is an empty text.
type Text map[string]string

// Get returns the text in lang, falling back to English, then Russian, then the first language in tag order, and
// "" for an empty Text.
func (t Text) Get(lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	for _, l := range [...]string{"en", "ru"} {
		if s, ok := t[l]; ok {
			return s
		}
	}
	if len(t) == 0 {
		return ""
	}
	return t[slices.Sorted(maps.Keys(t))[0]]
}

// languages returns the language tags present, sorted.
func (t Text) languages() []string { return slices.Sorted(maps.Keys(t)) }

// Equal reports whether t and u hold the same texts. A nil and an empty Text are equal.
func (t Text) Equal(u Text) bool { return maps.Equal(t, u) }

// clone returns a copy that shares nothing with t; nil stays nil.
func (t Text) clone() Text {
	if t == nil {
		return nil
	}
	return maps.Clone(t)
}

// validLang reports whether tag looks like a lowercase language tag: 2–3 letters, then optional "-subtag" parts of
// 1–8 lowercase letters or digits.
func validLang(tag string) bool {
	parts := strings.Split(tag, "-")
	if len(parts) > 4 || len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z') && !(i > 0 && c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}
