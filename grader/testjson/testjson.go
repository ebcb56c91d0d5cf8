// Package testjson decodes the event stream of `go test -json` (the format
// of cmd/test2json) into a summary of what each test did. It is pure: it
// reads bytes and starts no process, so it can be fed anything, including
// the truncated and interleaved streams of hostile submissions.
package testjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"
)

// Action is what an event reports, as test2json spells it.
type Action string

// The actions test2json emits.
const (
	ActionStart       Action = "start"
	ActionRun         Action = "run"
	ActionPause       Action = "pause"
	ActionCont        Action = "cont"
	ActionPass        Action = "pass"
	ActionBench       Action = "bench"
	ActionFail        Action = "fail"
	ActionOutput      Action = "output"
	ActionSkip        Action = "skip"
	ActionBuildOutput Action = "build-output"
	ActionBuildFail   Action = "build-fail"
)

// IsTerminal reports whether the action ends a test or package.
func (a Action) IsTerminal() bool {
	return a == ActionPass || a == ActionFail || a == ActionSkip
}

// An Event is one line of the stream.
type Event struct {
	Time    time.Time
	Action  Action
	Package string
	Test    string
	Elapsed float64
	Output  string
}

// A Test is everything one test (or subtest) did.
type Test struct {
	Name string
	// Action is the terminal action (pass, fail, skip), or "" when the test
	// started but never finished: the binary crashed, exited or was killed.
	Action  Action
	Elapsed time.Duration
	// Output is the test's output, capped at MaxTestOutput bytes.
	Output string
	// Truncated counts the output bytes dropped by the cap.
	Truncated int
}

// MaxTestOutput caps what is kept of one test's output.
const MaxTestOutput = 256 << 10

// Run summarises a whole stream.
type Run struct {
	// Tests in the order they started; subtests are named "Parent/Sub".
	Tests []*Test
	// Action is the package's terminal action, "" if the stream ended early.
	Action Action
	// Output is the package-level output not attributed to any test (build
	// output, "FAIL", panics after tests, the completion line), capped.
	Output string
	// Malformed counts lines that were not JSON events (kept in Output).
	Malformed int
}

// Test returns the named test, or nil.
func (r *Run) Test(name string) *Test {
	for _, t := range r.Tests {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// AllOutput is the package output followed by every test's output.
func (r *Run) AllOutput() string {
	var b strings.Builder
	for _, t := range r.Tests {
		b.WriteString(t.Output)
	}
	b.WriteString(r.Output)
	return b.String()
}

// Parse reads a stream to its end. It never fails: lines that are not
// events are counted and kept as package output, and a stream cut off in
// the middle leaves tests without a terminal action.
func Parse(r io.Reader) *Run {
	run := &Run{}
	byName := map[string]*Test{}
	pkgOut := &capped{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for {
		ok := sc.Scan()
		if !ok {
			if sc.Err() == bufio.ErrTooLong {
				// A line over 4 MiB cannot be an event; skip past it.
				run.Malformed++
				sc = bufio.NewScanner(r)
				sc.Buffer(make([]byte, 64<<10), 4<<20)
				continue
			}
			break
		}
		line := sc.Bytes()
		var ev Event
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := json.Unmarshal(line, &ev); err != nil || ev.Action == "" {
			run.Malformed++
			pkgOut.write(string(line) + "\n")
			continue
		}
		apply(run, byName, pkgOut, ev)
	}
	run.Output = pkgOut.String()
	return run
}

func apply(run *Run, byName map[string]*Test, pkgOut *capped, ev Event) {
	if ev.Test == "" {
		switch {
		case ev.Action == ActionOutput || ev.Action == ActionBuildOutput:
			pkgOut.write(ev.Output)
		case ev.Action.IsTerminal():
			run.Action = ev.Action
		}
		return
	}
	t := byName[ev.Test]
	if t == nil {
		t = &Test{Name: ev.Test}
		byName[ev.Test] = t
		run.Tests = append(run.Tests, t)
	}
	switch {
	case ev.Action == ActionOutput:
		t.Truncated += appendCapped(&t.Output, ev.Output, MaxTestOutput)
	case ev.Action.IsTerminal():
		t.Action = ev.Action
		t.Elapsed = time.Duration(ev.Elapsed * float64(time.Second))
	}
}

// appendCapped appends s to *dst up to limit bytes and returns how many
// bytes it dropped.
func appendCapped(dst *string, s string, limit int) int {
	room := limit - len(*dst)
	if room >= len(s) {
		*dst += s
		return 0
	}
	if room > 0 {
		*dst += s[:room]
		return len(s) - room
	}
	return len(s)
}

type capped struct {
	s       string
	dropped int
}

func (c *capped) write(s string) { c.dropped += appendCapped(&c.s, s, MaxTestOutput) }

func (c *capped) String() string { return c.s }
