package suitekit

import (
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"parlab/grader/contract"
)

// TimerGrace is how long after the last call of learner code
// NoLateGoroutines waits before it looks for goroutines: a timer a call
// left pending (time.AfterFunc) fires within it when it was set for up to
// about two seconds, the timeouts people write. A longer timer goes
// unseen; the wait is paid once per suite.
const TimerGrace = 2 * time.Second

// lateWait is TimerGrace; a shim for testing, which starts its late
// goroutines itself instead of waiting for timers.
var lateWait = TimerGrace

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
	// lastEnd is when the latest call returned or was abandoned.
	lastEnd time.Time
}

func (l *lateCalls) begin(before goleak.Option) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.baseline == nil {
		l.baseline = before
	}
}

func (l *lateCalls) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastEnd = time.Now()
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
// no check has reported yet are running TimerGrace after the last call of
// learner code: goroutines started by timers a call left pending, which
// the leak check at the end of each call cannot see (a pending timer is
// not a goroutine). Call it from the last test of a suite: it costs at most
// TimerGrace once, less when the tests before it did not call learner
// code. Any goroutine started since the first call counts, so a suite's
// own goroutines must all have finished.
func NoLateGoroutines(t testing.TB) {
	t.Helper()
	late.mu.Lock()
	opts := append([]goleak.Option{late.baseline}, late.known...)
	last, reported := late.lastEnd, late.unreadable
	late.mu.Unlock()
	if opts[0] == nil {
		return // no learner code ran: nothing can be pending
	}
	time.Sleep(time.Until(last.Add(lateWait)))
	where, found := leaked(opts...)
	if !found || where == unreadableStacks && reported {
		return
	}
	if where == "" {
		where = "outside your code, started by a callback of yours"
	}
	Report(t, contract.CheckLeakFree, "goroutines started after your functions had returned are running %v after the last call: %s. A timer you left pending (time.AfterFunc, time.After in a goroutine) fired later. When a function returns, nothing it started may still run or be due to run: stop your timers (Timer.Stop) or wait for them before returning", lateWait, where)
}
