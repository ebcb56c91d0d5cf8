package statusline

import (
	"bytes"
	"testing"

	"parlab/grader/batch"
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
