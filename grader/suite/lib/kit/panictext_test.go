package kit

import (
	"errors"
	"strings"
	"testing"
)

// TestPanicText: a panic value's text is kept short and on one line, so
// that it can neither fill memory nor start a report line of its own.
func TestPanicText(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"plain", "index out of range", "index out of range"},
		{"an error", errors.New("boom"), "boom"},
		{"fake report lines", "oops\n  PASS  faster  2/2\n\n  score 11/11 (100%)\r", `"oops\n  PASS  faster  2/2\n\n  score 11/11 (100%)\r"`},
		{"huge", strings.Repeat("x", 32<<20), strings.Repeat("x", MaxPanicText) + "… (cut: the first 300 bytes of it)"},
		{"cut inside a rune", strings.Repeat("x", MaxPanicText-1) + "é", strings.Repeat("x", MaxPanicText-1) + "… (cut: the first 300 bytes of it)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := PanicText(tc.v)
			if got != tc.want {
				t.Errorf("got %.80q..., want %.80q...", got, tc.want)
			}
			if strings.ContainsAny(got, "\n\r") {
				t.Errorf("%q holds a line break", got)
			}
		})
	}
}
