package tracecall

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/trace"
	"testing"
	"time"

	"parlab/grader/contract"
)

// TestGoroutines: the count a capture adds is the one callers park
// stand-ins for (package measure), so that the traced call sees as many
// goroutines as the timed calls before it did.
func TestGoroutines(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "t.trace"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec := &recorder{f: f}
	before := runtime.NumGoroutine()
	if err := rec.start(); err != nil {
		t.Fatal(err)
	}
	during := runtime.NumGoroutine()
	rec.stop()
	if during-before != Goroutines {
		t.Errorf("tracing added %d goroutines, Goroutines says %d", during-before, Goroutines)
	}
}

// TestTraceGoroutines: Trace and TraceOwn add TraceGoroutines while they
// trace (package measure waits for the harness's goroutines to end
// before it times its own code, counting those).
func TestTraceGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	during := 0
	if err := TraceOwn(io.Discard, func() { during = runtime.NumGoroutine() }); err != nil {
		t.Fatal(err)
	}
	if during-before != TraceGoroutines {
		t.Errorf("TraceOwn added %d goroutines, TraceGoroutines says %d", during-before, TraceGoroutines)
	}
	during = 0
	if err := Trace(io.Discard, Call{Describe: "f()", Run: func() { during = runtime.NumGoroutine() }}); err != nil {
		t.Fatal(err)
	}
	if during-before != TraceGoroutines {
		t.Errorf("Trace added %d goroutines, TraceGoroutines says %d", during-before, TraceGoroutines)
	}
}

// TestTraceRunsTheCallWhateverTheTracer: with the runtime's tracer taken,
// Trace and TraceOwn say so and still run what they were given (a timed
// call that did not run would be timed as taking no time at all).
func TestTraceRunsTheCallWhateverTheTracer(t *testing.T) {
	if err := trace.Start(io.Discard); err != nil {
		t.Fatal(err)
	}
	defer trace.Stop()
	ran := 0
	if err := Trace(io.Discard, Call{Describe: "f()", Run: func() { ran++ }}); err == nil {
		t.Error("Trace started a second tracer")
	}
	if err := TraceOwn(io.Discard, func() { ran++ }); err == nil {
		t.Error("TraceOwn started a second tracer")
	}
	if ran != 2 {
		t.Errorf("%d of the 2 calls ran", ran)
	}
}

// TestCapture: the trace is in place when Capture returns, whether the
// call ended within the window or the window closed first (the call then
// runs on, and Capture waits for it); no partial file is left.
func TestCapture(t *testing.T) {
	for _, tc := range []struct {
		name   string
		window time.Duration
		// untilTraced makes the call last until the window has written
		// the file, so the window closes first whatever the machine's load.
		untilTraced bool
	}{
		{"the call ends first", time.Hour, false},
		{"the window closes first", time.Millisecond, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "call.trace")
			returned := false
			err := Capture(contract.TraceRequest{Path: path, Window: tc.window}, Call{
				Describe: "Work(2)",
				Run: func() {
					for tc.untilTraced && !exists(path) {
						time.Sleep(time.Millisecond)
					}
					returned = true
				},
				Reference: func() {},
			})
			if err != nil {
				t.Fatal(err)
			}
			if !returned {
				t.Error("Capture returned before the call did")
			}
			if info, err := os.Stat(path); err != nil || info.Size() == 0 {
				t.Errorf("no trace written: %v", err)
			}
			if _, err := os.Stat(path + ".part"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the partial file is still there: %v", err)
			}
		})
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
