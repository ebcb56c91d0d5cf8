package statusline

import (
	"bytes"
	"strings"
	"testing"

	"parlab/grader/class/batch"
)

// TestNotATerminal: off a terminal the status line writes nothing and the
// batch progress is one plain line per student.
func TestNotATerminal(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	progress, done := Line(&b, "histogram")
	progress("building")
	done()
	if b.Len() != 0 || IsTerminal(&b) {
		t.Errorf("a status line off a terminal: %q", b.String())
	}
	event, finish := Batch(&b)
	event(batch.Event{Student: "ann", Done: 1, Total: 2, Failing: 1})
	event(batch.Event{Student: "bob", Done: 2, Total: 2, Failing: 1, Resumed: true})
	finish()
	want := "[1/2] ann graded (1 failing so far)\n[2/2] bob kept from an earlier run (1 failing so far)\n"
	if b.String() != want {
		t.Errorf("batch progress:\n%q\nwant\n%q", b.String(), want)
	}
}

// TestBatchNamesCannotDriveTheTerminal: a student names their own folder;
// ESC sequences in it (clear the screen, set the window title, a fake
// line after \r) reach the progress line as text.
func TestBatchNamesCannotDriveTheTerminal(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	event, finish := Batch(&b)
	event(batch.Event{Student: "eve\x1b[2J\x1b]0;pwned\x07\rall 30 students passed", Done: 1, Total: 1})
	finish()
	if strings.ContainsAny(b.String(), "\x1b\x07\r") || !strings.Contains(b.String(), `eve\x1b[2J`) {
		t.Errorf("batch progress passes control characters through: %q", b.String())
	}
}
