package kit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPanicText is how many bytes of a panic value's text a message keeps.
const MaxPanicText = 300

// PanicText is a panic value of the learner's code as a message may hold
// it. The text is the learner's, so it is cut to MaxPanicText bytes (a
// panic with a 32 MB message, copied into the message, the report file,
// the test's output and their shadow memory, drove the race run to
// 1.2 GB) and kept on one line, quoted as a Go string when it holds a
// newline or any other control character: a message that started a
// report line of its own with "PASS  faster" or "score 11/11" could pass
// for the grader's.
func PanicText(v any) string {
	s, ok := v.(string)
	if !ok {
		s = fmt.Sprint(v)
	}
	cut := len(s) > MaxPanicText
	if cut {
		end := MaxPanicText
		for end > 0 && !utf8.RuneStart(s[end]) {
			end--
		}
		s = s[:end]
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || !unicode.IsPrint(r) && r != ' ' }) >= 0 || !utf8.ValidString(s) {
		s = strconv.Quote(s)
	}
	if cut {
		s += fmt.Sprintf("… (cut: the first %d bytes of it)", MaxPanicText)
	}
	return s
}
