// Package textcut shortens text for one-line displays: the first line of
// a message, a cell of a table.
package textcut

import "strings"

// FirstLine is s up to its first newline.
func FirstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// Truncate cuts s to at most n runes, ending it with "…" when it was cut.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
