package tracecall

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/internal/stack"
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
	// By goroutine ids, not runtime.NumGoroutine: a goroutine of an
	// earlier test (the last profile's writer) may end meanwhile, and
	// the count then said 1 on a busy machine.
	before := goroutineIDs()
	if err := rec.start(); err != nil {
		t.Fatal(err)
	}
	during := goroutineIDs()
	rec.stop()
	added := 0
	for id := range during {
		if !before[id] {
			added++
		}
	}
	if added != Goroutines {
		t.Errorf("tracing added %d goroutines, Goroutines says %d", added, Goroutines)
	}
}

// goroutineIDs are the ids of the goroutines alive now.
func goroutineIDs() map[int]bool {
	ids := map[int]bool{}
	for _, g := range stack.Parse(stack.All()) {
		ids[g.ID] = true
	}
	return ids
}

// TestRecorderAddsNoGoroutineAroundACall: the recorder's goroutines are
// there from its start to its stop, and a call under it sees the ones
// seen before the mark: nothing starts or stops around a call, so no call
// can tell whether its trace is kept. By goroutine ids, as in
// TestGoroutines: a goroutine of an earlier test (a profile's writer) may
// end meanwhile on a busy machine, and a bare count then differed by one.
func TestRecorderAddsNoGoroutineAroundACall(t *testing.T) {
	started := goroutineIDs()
	rec, err := StartRecorder(time.Second, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Stop()
	recorders := map[int]bool{}
	for id := range goroutineIDs() {
		if !started[id] {
			recorders[id] = true
		}
	}
	if len(recorders) == 0 {
		t.Fatal("the flight recorder started no goroutine: this test checks nothing")
	}
	for i := range 3 {
		before := goroutineIDs()
		rec.Mark()
		var during map[int]bool
		rec.Call(Call{Describe: "f()", Run: func() { during = goroutineIDs() }})
		for id := range during {
			if !before[id] {
				t.Errorf("call %d saw goroutine %d, which was not there before its mark", i, id)
			}
		}
		for id := range recorders {
			if !during[id] {
				t.Errorf("call %d did not see the recorder's goroutine %d", i, id)
			}
		}
		if i == 1 {
			if err := rec.Snapshot(io.Discard); err != nil {
				t.Fatal(err)
			}
		}
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
