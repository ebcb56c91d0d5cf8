package kit

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// DefaultCallTimeout is how long one call of learner code may take before
// it is declared stuck, unless contract.CallTimeoutEnv says otherwise. The suites' inputs take milliseconds even under the
// race detector, so this only ever fires on a deadlock or an endless loop.
const DefaultCallTimeout = 10 * time.Second

func callTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(contract.CallTimeoutEnv)); err == nil && d > 0 {
		return d
	}
	return DefaultCallTimeout
}

// Call runs f, which calls learner code described by what (e.g.
// "Parallel(pixels, 4)"), and returns its result. It fails t, with a marker
// for the right check, when f panics (a TODO panic means the exercise is
// not started), does not return within the watchdog's limit (the report
// says where the learner's goroutines are blocked, and the test binary
// exits), or leaves goroutines running after it returns.
func Call[T any](t testing.TB, what string, f func() T) T {
	t.Helper()
	v, _ := call(t, what, 0, callTimeout(), onTimeoutExit, f)
	return v
}

// CallOn is Call for learner code given elements of work (pixels, ints,
// points): a call stopped for starting more than CrowdLimit goroutines
// is reported with how many elements it was given.
func CallOn[T any](t testing.TB, what string, elements int, f func() T) T {
	t.Helper()
	v, _ := call(t, what, elements, callTimeout(), onTimeoutExit, f)
	return v
}

// CallWithin is Call with its own limit, for code that may block forever
// on a lock or a channel (a deadlock) rather than spin: when f has not
// returned within limit, CallWithin reports where the learner's goroutines
// are blocked, marks t failed for the terminates check and returns with ok
// false, abandoning the blocked goroutines so that the remaining tests
// still run. It returns ok true when f returned, whatever else it found.
func CallWithin[T any](t testing.TB, what string, limit time.Duration, f func() T) (v T, ok bool) {
	t.Helper()
	return call(t, what, 0, limit, onTimeoutAbandon, f)
}

// GiveUpAfter is Call with a limit that is no verdict: when f has not
// returned within limit, it returns with ok false and reports nothing,
// leaving f's goroutines running. It is for a call the suite may decide
// is too slow to wait for (the timed input size under the race
// detector), made by the suite's last test, which must then skip: the
// goroutines left running would trip every later check. In a bubble
// (UseBubbles) it is CallWithin.
func GiveUpAfter[T any](t testing.TB, what string, limit time.Duration, f func() T) (v T, ok bool) {
	t.Helper()
	return call(t, what, 0, limit, onTimeoutGiveUp, f)
}

// onTimeout is what call does when f has not returned within its limit.
type onTimeout int

const (
	onTimeoutExit    onTimeout = iota // report where it is stuck, end the test binary (Call)
	onTimeoutAbandon                  // report a deadlock, go on (CallWithin)
	onTimeoutGiveUp                   // report nothing, go on (GiveUpAfter)
)

// Try is Call that also says whether f returned normally: ok is false when
// it panicked (already reported), so a suite can check the value even when
// the call leaked goroutines.
func Try[T any](t testing.TB, what string, f func() T) (v T, ok bool) {
	t.Helper()
	return call(t, what, 0, callTimeout(), onTimeoutExit, f)
}

// call runs f as Call, CallWithin, GiveUpAfter and Try say; elements is
// how much work the call was given (0: not said).
func call[T any](t testing.TB, what string, elements int, limit time.Duration, timeout onTimeout, f func() T) (T, bool) {
	t.Helper()
	if tt := bubbleT(t); tt != nil {
		return callInBubble(t, tt, what, elements, limit, timeout != onTimeoutExit, f)
	}
	before := ignoreCurrent()
	late.begin(before)
	existing := goroutineIDs()
	crowd := watchCrowd(elements)
	defer crowd.stop()
	stall := watchStall(existing)
	defer stall.stop()
	done := startCall(f)
	timer := time.NewTimer(limit)
	defer timer.Stop()
	var zero T
	for {
		select {
		case now := <-stall.tick.C:
			// The crowd first: a look for a stall dumps every
			// goroutine, which takes long when there are thousands.
			crowd.stopIfOver(t, what, elements, existing, false)
			if stall.stopIfStuck(t, what, now, timeout != onTimeoutExit) {
				return zero, false
			}
		case o := <-done:
			if o.panicked {
				reportPanic(t, what, o.pval, o.trace)
				return zero, false
			}
			// Stopped however quick the machine: the limit is a count.
			crowd.stopIfOver(t, what, elements, existing, true)
			checkBurst(t, what, existing)
			checkLeaks(t, what, before)
			return o.val, true
		case <-timer.C:
			if timeout != onTimeoutGiveUp {
				timedOut(t, what, limit, existing, timeout == onTimeoutAbandon)
			}
			return zero, false
		case <-crowd.tick.C:
			crowd.stopIfOver(t, what, elements, existing, false)
		}
	}
}

// callOutcome is how a call returned.
type callOutcome[T any] struct {
	val T
	ending
}

// ending is how a call ended that did not return: a panic's value and
// stack, or runtime.Goexit.
type ending struct {
	panicked bool
	pval     any
	trace    []byte
}

// notReturned notes, in a deferred function of the call's goroutine, a
// call that did not return: r is what recover gave there, returned
// whether the call got past its last statement. runtime.Goexit ends the
// goroutine without a panic and without a result: not a zero value to
// be compared.
func (e *ending) notReturned(r any, returned bool) {
	switch {
	case r != nil:
		e.panicked, e.pval, e.trace = true, r, debug.Stack()
	case !returned:
		e.panicked, e.pval, e.trace = true, "runtime.Goexit ended the calling goroutine instead of returning", debug.Stack()
	}
}

// startCall runs f on a goroutine of its own; the channel hears how it
// returned.
func startCall[T any](f func() T) <-chan callOutcome[T] {
	done := make(chan callOutcome[T], 1)
	go func() {
		var o callOutcome[T]
		returned := false
		defer func() {
			o.notReturned(recover(), returned)
			done <- o
		}()
		o.val = f()
		returned = true
	}()
	return done
}

// timedOut reports a call that did not return within limit: a deadlock,
// where the call may be abandoned; otherwise reportStuck ends the test
// binary.
func timedOut(t testing.TB, what string, limit time.Duration, existing map[int]bool, abandon bool) {
	t.Helper()
	if !abandon {
		reportStuck(t, what, limit, existing)
		panic("unreachable")
	}
	dump, where := whereBlocked(existing)
	Report(t, contract.CheckTerminates, "%s did not return within %v: a deadlock. Where your goroutines were blocked: %s", what, limit, where)
	late.reported()
	t.Logf("goroutine dump:\n%s", dump)
}

// Do is Call for learner code that returns nothing.
func Do(t testing.TB, what string, f func()) {
	t.Helper()
	Call(t, what, func() struct{} { f(); return struct{}{} })
}

func reportPanic(t testing.TB, what string, v any, trace []byte) {
	t.Helper()
	msg := PanicText(v)
	if strings.HasPrefix(msg, "TODO") {
		Fatal(t, contract.CheckStarted, "%s still panics with %q", what, msg)
	}
	where := ""
	if f, ok := firstLearnerFrame(string(trace)); ok {
		where = fmt.Sprintf(" at %s (%s)", f.Location(), f.ShortFunc())
	}
	Fatal(t, contract.CheckCorrect, "%s panicked%s: %s", what, where, msg)
}

func firstLearnerFrame(trace string) (stack.Frame, bool) {
	for _, g := range stack.Parse(trace) {
		if f, ok := g.FirstLearnerFrame(); ok {
			return f, true
		}
	}
	return stack.Frame{}, false
}

// reportStuck reports where the learner's goroutines are blocked, then ends
// the test binary: the stuck goroutines cannot be stopped, and every later
// test would trip over them.
func reportStuck(t testing.TB, what string, limit time.Duration, existing map[int]bool) {
	t.Helper()
	dump, where := whereBlocked(existing)
	Report(t, contract.CheckTerminates, "%s did not return within %v: likely a deadlock or an endless loop. Where your goroutines were: %s", what, limit, where)
	fmt.Fprintf(os.Stderr, "goroutine dump:\n%s\n", dump)
	os.Exit(contract.ExitDeadlock)
}

// whereBlocked takes a dump of every goroutine and describes where the
// learner's are, leaving out those that existed before the call (leaked
// by an earlier one).
func whereBlocked(existing map[int]bool) (dump, where string) {
	dump = stack.All()
	var fresh []stack.Goroutine
	for _, g := range stack.Parse(dump) {
		if !existing[g.ID] {
			fresh = append(fresh, g)
		}
	}
	where = stack.Describe(stack.LearnerGoroutines(fresh), 5)
	if where == "" {
		where = "no goroutine is in your code: it may be waiting for something that never happens"
	}
	return dump, where
}

// goroutineIDs lists the goroutines alive now.
func goroutineIDs() map[int]bool {
	ids := map[int]bool{}
	for _, g := range stack.Parse(stack.All()) {
		ids[g.ID] = true
	}
	return ids
}

// checkLeaks fails t when goroutines started during the call are still
// running; goleak retries for a while, so goroutines that are merely
// finishing are not counted.
func checkLeaks(t testing.TB, what string, before goleak.Option) {
	t.Helper()
	where, found := leaked(before)
	if !found {
		return
	}
	if where == "" {
		where = "outside your code"
	}
	Report(t, contract.CheckLeakFree, "%s returned but left goroutines running: %s. Every goroutine you start must be able to finish", what, where)
	late.reported()
}
