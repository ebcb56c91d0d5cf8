package kit

import (
	"sync"
	"testing"

	"go.uber.org/goleak"

	"parlab/grader/contract"
)

// late is what NoLateGoroutines knows of the calls made so far.
var late lateCalls

type lateCalls struct {
	mu sync.Mutex
	// baseline ignores the goroutines alive before the first call.
	baseline goleak.Option
	// known ignores the goroutines alive when a leak or a deadlock was
	// reported: they have failed their check already.
	known []goleak.Option
	// unreadable is set when a report was made while the stacks could
	// not be read, so known could not record the goroutines it was about.
	unreadable bool
}

func (l *lateCalls) begin(before goleak.Option) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.baseline == nil {
		l.baseline = before
	}
}

// reported records the goroutines alive now, once a leak or a deadlock
// among them has been reported.
func (l *lateCalls) reported() {
	now := ignoreCurrent()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now == nil {
		l.unreadable = true
		return
	}
	l.known = append(l.known, now)
}

// NoLateGoroutines fails t for the leak-free check when goroutines that
// no check has reported yet are running now, after the last call of
// learner code: goroutines started after a call had returned, which the
// leak check at the end of each call could not see. Call it from the last
// test of a suite; it does not wait.
//
// It does not wait for timers, and needs not: in a suite that runs its
// calls in bubbles (UseBubbles), a timer a call left pending is found at
// that call's end however long it was set for, and the timed exercises'
// honest check refuses what sets such timers (time.AfterFunc,
// context.AfterFunc, context deadlines). It used to wait two seconds,
// on every grade, for the timers it could see at all. Any goroutine
// started since the first call counts, so a suite's own goroutines must
// all have finished.
func NoLateGoroutines(t testing.TB) {
	t.Helper()
	late.mu.Lock()
	opts := append([]goleak.Option{late.baseline}, late.known...)
	reported := late.unreadable
	late.mu.Unlock()
	if opts[0] == nil {
		return // no learner code ran: nothing can be pending
	}
	where, found := leaked(opts...)
	if !found || where == unreadableStacks && reported {
		return
	}
	if where == "" {
		where = "outside your code, started by a callback of yours"
	}
	Report(t, contract.CheckLeakFree, "goroutines started after your functions had returned are running after the last call: %s. A timer you left pending (time.AfterFunc, time.After in a goroutine) fired later. When a function returns, nothing it started may still run or be due to run: stop your timers (Timer.Stop) or wait for them before returning", where)
}
