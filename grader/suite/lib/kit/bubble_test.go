package kit

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// bubbleRecorder is a recorder whose calls run in bubbles.
type bubbleRecorder struct {
	recorder
	t *testing.T
}

func (r *bubbleRecorder) TestingT() *testing.T { return r.t }

// keptCancel keeps a context's cancel function that is never called.
var keptCancel context.CancelFunc

// TestBubbledCalls runs calls that leave timers, goroutines and deadlocks
// behind in bubbles and checks what is reported, and that nothing is
// reported for a call that leaves nothing.
func TestBubbledCalls(t *testing.T) {
	defer func(was bool) { bubbles.Store(was) }(bubbles.Load())
	UseBubbles()
	never := make(chan struct{}) // nothing ever closes it
	var locked sync.Mutex
	locked.Lock()
	for _, tc := range []struct {
		name   string
		f      func()
		within bool     // CallWithin with a short limit, not Call
		want   []string // substrings of the one report; none for no report
	}{
		{"nothing left", func() {
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {})
			}
			wg.Wait()
		}, false, nil},
		{"a timer stopped in time", func() { time.AfterFunc(time.Hour, func() {}).Stop() }, false, nil},
		{"a timer nobody waits on", func() { time.NewTimer(time.Hour) }, false, nil},
		{"a ticker left running", func() { time.NewTicker(time.Millisecond) }, false, nil},
		{"a 20 s timer whose goroutine blocks", func() { time.AfterFunc(20*time.Second, func() { select {} }) }, false,
			[]string{"[leak-free] f() returned, but a timer it left pending", "between a second and a minute", "still there at the end"}},
		{"a 20-year timer that returns at once", func() { time.AfterFunc(20*365*24*time.Hour, func() {}) }, false,
			[]string{"a timer it left pending (time.AfterFunc, or a context's deadline) started 1 goroutine over a year after it had returned", "stop your timers"}},
		{"a context deadline never cancelled", func() {
			// Kept, never called: go vet refuses a discarded cancel.
			_, keptCancel = context.WithTimeout(context.Background(), 90*time.Second)
		}, false,
			[]string{"a timer it left pending", "between a minute and an hour"}},
		// Its channel is the call's: nothing outside the bubble can wake it.
		{"a goroutine blocked for good", func() {
			ch := make(chan int)
			go func() { <-ch }()
		}, false, []string{"[leak-free] f() returned but left goroutines blocked for good"}},
		// A bubble cannot tell these from goroutines about to finish, so
		// they are reported after LeakGrace.
		{"a goroutine waiting on a channel from outside", func() { go func() { <-never }() }, false,
			[]string{"[leak-free] f() returned but left goroutines running"}},
		{"a goroutine waiting on a lock", func() { go func() { locked.Lock() }() }, false,
			[]string{"[leak-free] f() returned but left goroutines running"}},
		{"a deadlock on channels", func() {
			a, b := make(chan int), make(chan int)
			go func() { <-a; b <- 1 }()
			<-b
			a <- 1
		}, true, []string{"[terminates] f() never returned: a deadlock"}},
		{"a deadlock on a lock", func() { locked.Lock() }, true, []string{"[terminates] f() did not return within 100ms: a deadlock"}},
		{"a panic", func() { panic("boom") }, false, []string{"[correct] f() panicked", "boom"}},
		{"a sleep for a wait", func() {
			var n atomic.Int64
			for range 4 {
				go func() { n.Add(1) }()
			}
			time.Sleep(time.Millisecond)
		}, false, []string{"[correct] f() waited on the clock before it returned (time.Sleep, a timer, time.After: 1ms of the call's clock)", "sync.WaitGroup"}},
		{"runtime.Goexit", runtime.Goexit, false, []string{"[correct] f() panicked", "runtime.Goexit ended the calling goroutine instead of returning"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			late = lateCalls{}
			r := &bubbleRecorder{recorder: recorder{TB: t}, t: t}
			start := time.Now()
			if tc.within {
				_, ok := CallWithin(r, "f()", 100*time.Millisecond, func() int { tc.f(); return 0 })
				if ok {
					t.Error("CallWithin returned ok for a call that never returned")
				}
			} else {
				done := make(chan struct{})
				go func() {
					defer close(done)
					Do(r, "f()", tc.f)
				}()
				<-done
			}
			t.Logf("took %v", time.Since(start))
			if len(tc.want) == 0 {
				if len(r.errors) > 0 {
					t.Fatalf("reported %q, want nothing", r.errors)
				}
				return
			}
			if len(r.errors) != 1 {
				t.Fatalf("reported %q, want one report", r.errors)
			}
			for _, sub := range tc.want {
				if !strings.Contains(r.errors[0], sub) {
					t.Errorf("report %q does not hold %q", r.errors[0], sub)
				}
			}
		})
	}
}

// firstGCChild, set in a child's environment, has
// TestBubbledCallsNotFooledByTheFirstGC run its call there.
const firstGCChild = "PARLAB_KIT_FIRST_GC_CHILD"

// TestBubbledCallsNotFooledByTheFirstGC: the garbage collector's first
// cycle starts one mark worker per core, and when it came while a bubble's
// clock ran after a call had returned, those goroutines were counted as
// the call's timers' ("started 2 goroutines between a minute and an hour
// after it had returned", for the model racefix answer). It runs in a
// child with GOGC=off, where no cycle has run before the call's clock
// forces one.
func TestBubbledCallsNotFooledByTheFirstGC(t *testing.T) {
	if os.Getenv(firstGCChild) == "1" {
		defer func(was bool) { bubbles.Store(was) }(bubbles.Load())
		UseBubbles()
		gcs := 0
		defer func() { clockStep = func() {} }()
		clockStep = func() {
			if gcs == 0 {
				runtime.GC()
			}
			gcs++
		}
		r := &bubbleRecorder{recorder: recorder{TB: t}, t: t}
		Do(r, "f()", func() {})
		if gcs == 0 || len(r.errors) > 0 {
			t.Fatalf("after %d steps of the clock, one with a garbage collection: reported %q, want nothing", gcs, r.errors)
		}
		return
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBubbledCallsNotFooledByTheFirstGC$", "-test.count=1")
	cmd.Env = append(os.Environ(), firstGCChild+"=1", "GOGC=off", "GOMAXPROCS=2")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the child failed (%v):\n%s", err, out)
	}
}
