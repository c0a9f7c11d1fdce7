package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean returns a cell of the input fit to print on a terminal: every control character (C0 such as ESC, tab and
// line breaks; DEL; C1) and every other rune that is not printable (a bidirectional override, a zero-width or
// non-breaking space) is written as a Go escape (\x1b, \t, \u0085, \u202e), an invalid byte as \xff, and a
// backslash as \\, so nothing echoed from the input can move the cursor, change colours, break the layout or pass
// for other text.
func clean(s string) string { return escape(s, true) }

// cleanText is clean for a message built by this program or a library, which may hold backslashes of its own
// (from %q quoting): only what is not printable is escaped.
func cleanText(s string) string { return escape(s, false) }

func escape(s string, backslash bool) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, n, backslash) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\' && backslash:
			b.WriteString(`\\`)
		case !unicode.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(r rune, n int, backslash bool) bool {
	return (r == utf8.RuneError && n == 1) || (r == '\\' && backslash) || !unicode.IsPrint(r)
}
