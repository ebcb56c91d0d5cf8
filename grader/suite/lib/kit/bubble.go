package kit

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// bubbles is set by UseBubbles.
var bubbles atomic.Bool

// UseBubbles makes every later call of learner code (Call, Try, Do,
// CallWithin, StartsAtLeast) run in a bubble of its own (testing/synctest),
// whose clock is fake: once the call has returned, the bubble's clock is
// run forward to the end of time, in microseconds of real time, so a timer
// the call left pending (time.AfterFunc, a context's deadline) fires at
// once however long it was set for, and the goroutine it starts is seen.
// A goroutine of the call that is blocked for good when the bubble ends is
// reported as it is, with where it waits; a deadlock on channels or
// WaitGroups is known the moment every goroutine of the call is blocked,
// with no watchdog to wait for. Locks and busy loops do not count as
// blocked in a bubble, so the watchdog still stops those.
//
// A suite calls it first (from an init function) when its calls do not
// measure time: in a bubble time.Now only moves while every goroutine of
// the call waits, so code that times its own work reads zero. Everything a
// call makes (channels, timers, WaitGroups) belongs to its bubble: learner
// code that kept one from an earlier call and used it in a later one would
// be stopped by the runtime.
//
// It also has the garbage collector run once: its first cycle starts the
// runtime's mark workers, one goroutine per core, which the bubble's
// goroutine count (runClock) would otherwise take for goroutines the
// call's timers started, whenever that first cycle fell in the clock's
// run (the model racefix answer failed leak-free so, under load).
func UseBubbles() {
	runtime.GC()
	bubbles.Store(true)
}

// RealClock makes every later call of learner code run on the real
// clock, outside bubbles, whatever UseBubbles said: for a suite's
// contract.UnracedPrefix tests, which the grader runs alone in the plain
// binary so that code sees what it sees outside the grader (a bubble's
// clock stands still while code runs, and code that read it knew it was
// graded).
func RealClock() { bubbles.Store(false) }

// TB is a testing.TB that can give the *testing.T a bubble needs: a check
// that records reports instead of failing (the kit's own tests)
// implements it to have its calls run in bubbles too.
type TB interface {
	testing.TB
	TestingT() *testing.T
}

// bubbleT returns the *testing.T to make t's bubbles with, or nil when calls
// of t do not run in bubbles.
func bubbleT(t testing.TB) *testing.T {
	if !bubbles.Load() {
		return nil
	}
	switch v := t.(type) {
	case *testing.T:
		return v
	case TB:
		return v.TestingT()
	}
	return nil
}

// LeakGrace is how long, after a bubbled call returned, its bubble may take
// to end (the call's goroutines finishing) before what is left is a leak:
// goroutines still running, or waiting on a lock, which a bubble cannot
// tell from goroutines about to finish.
const LeakGrace = time.Second

// horizons are the fake times after a call's return that its bubble's
// clock is run to, in turn: a timer that fires between two of them is
// reported with that range. The last is the end of time.
var horizons = []time.Duration{time.Second, time.Minute, time.Hour, 24 * time.Hour, 365 * 24 * time.Hour, math.MaxInt64}

// bubbleEnd is how a call's bubble ended.
type bubbleEnd struct {
	// timerStarts is the number of goroutines timers started after the
	// call returned, and firedBy the horizon by which the first did.
	timerStarts uint64
	firedBy     time.Duration
	after       time.Duration // the horizon before firedBy (0 for the first)
	// deadlock is the runtime's reason when every goroutine of the
	// bubble was blocked for good, and dump the goroutines then.
	deadlock, dump string
}

// callInBubble is call for a call that runs in a bubble made with tt.
func callInBubble[T any](t testing.TB, tt *testing.T, what string, elements int, limit time.Duration, abandon bool, f func() T) (T, bool) {
	t.Helper()
	before := ignoreCurrent()
	late.begin(before)
	existing := goroutineIDs()
	crowd := watchCrowd(elements)
	defer crowd.stop()
	stall := watchStall(existing)
	defer stall.stop()
	returned, ended := startBubble(tt, f)
	timer := time.NewTimer(limit)
	defer timer.Stop()
	var zero T
	for {
		select {
		case now := <-stall.tick.C:
			// The crowd first: a look for a stall dumps every
			// goroutine, which takes long when there are thousands.
			crowd.stopIfOver(t, what, elements, existing, false)
			if stall.stopIfStuck(t, what, now, abandon) {
				return zero, false
			}
		case o := <-returned:
			if !o.panicked {
				crowd.stopIfOver(t, what, elements, existing, true)
			}
			return afterBubbleReturn(t, what, o, ended, existing)
		case end := <-ended:
			select {
			case o := <-returned:
				// Both were ready: the call returned, then its bubble ended.
				again := make(chan bubbleEnd, 1)
				again <- end
				if !o.panicked {
					crowd.stopIfOver(t, what, elements, existing, true)
				}
				return afterBubbleReturn(t, what, o, again, existing)
			default:
			}
			bubbleDeadlock(t, what, end, existing, abandon)
			return zero, false
		case <-crowd.tick.C:
			crowd.stopIfOver(t, what, elements, existing, false)
		case <-timer.C:
			timedOut(t, what, limit, existing, abandon)
			return zero, false
		}
	}
}

// bubbleOutcome is how a bubbled call returned.
type bubbleOutcome[T any] struct {
	val T
	ending
	// waited is how far the bubble's clock moved during the call.
	waited time.Duration
}

// startBubble runs f in a bubble made with tt, on a goroutine of its own:
// returned hears how the call returned, ended how the bubble ended (after
// its clock ran to the end of time, or in a deadlock). Both channels are
// made outside the bubble: the bubble's goroutines may use them, and so
// may the caller.
func startBubble[T any](tt *testing.T, f func() T) (<-chan bubbleOutcome[T], <-chan bubbleEnd) {
	returned := make(chan bubbleOutcome[T], 1)
	ended := make(chan bubbleEnd, 1)
	go func() {
		var end bubbleEnd
		defer func() {
			if r := recover(); r != nil {
				end.deadlock, end.dump = fmt.Sprint(r), stack.All()
			}
			ended <- end
		}()
		synctest.Test(tt, func(*testing.T) {
			// The call runs on a goroutine of its own in the bubble: a
			// runtime.Goexit in it ends that goroutine, not the bubble's
			// test goroutine, whose end would fail tt.
			var o bubbleOutcome[T]
			called := make(chan struct{})
			go func() {
				ok := false
				defer func() {
					o.notReturned(recover(), ok)
					close(called)
				}()
				start := time.Now()
				o.val = f()
				o.waited = time.Since(start)
				ok = true
			}()
			<-called
			returned <- o
			if o.panicked {
				return
			}
			end.timerStarts, end.after, end.firedBy = runClock()
		})
	}()
	return returned, ended
}

// afterBubbleReturn judges a bubbled call that returned: a panic, a wait
// on the bubble's clock, and what its goroutines did once it returned.
func afterBubbleReturn[T any](t testing.TB, what string, o bubbleOutcome[T], ended <-chan bubbleEnd, existing map[int]bool) (T, bool) {
	t.Helper()
	if o.panicked {
		reportPanic(t, what, o.pval, o.trace)
		var zero T
		return zero, false
	}
	if o.waited > 0 {
		// In a bubble a sleep ends only once every other goroutine
		// of the call is blocked or done: a sleep used to wait for
		// goroutines would always seem to work here.
		Report(t, contract.CheckCorrect, "%s waited on the clock before it returned (time.Sleep, a timer, time.After: %v of the call's clock): "+
			"sleeping is no way to wait for goroutines, a real clock does not wait for them to finish. Wait for them with a sync.WaitGroup or a channel, "+
			"and give the calls of this exercise no reason to wait on the clock", what, o.waited)
	}
	grace := time.NewTimer(LeakGrace)
	defer grace.Stop()
	select {
	case end := <-ended:
		reportBubbleLeak(t, what, end, existing)
	case <-grace.C:
		// Goroutines that neither finish nor block for good: busy
		// loops, or waits on a lock that nothing will release.
		_, where := whereBlocked(existing)
		Report(t, contract.CheckLeakFree, "%s returned but left goroutines running: %s. Every goroutine you start must be able to finish", what, where)
		late.reported()
	}
	return o.val, true
}

// bubbleDeadlock reports a bubble that ended before its call returned:
// every goroutine of the call was blocked for good, the caller's
// included. Unless the call may be abandoned, the test binary ends.
func bubbleDeadlock(t testing.TB, what string, end bubbleEnd, existing map[int]bool, abandon bool) {
	t.Helper()
	where := describeFresh(end.dump, existing)
	Report(t, contract.CheckTerminates, "%s never returned: a deadlock, every goroutine of the call was blocked waiting for another. Where your goroutines were blocked: %s", what, where)
	late.reported()
	if abandon {
		t.Logf("goroutine dump:\n%s", end.dump)
		return
	}
	fmt.Fprintf(os.Stderr, "goroutine dump:\n%s\n", end.dump)
	os.Exit(contract.ExitDeadlock)
}

// runClock runs in a bubble whose call has returned: it lets the call's
// goroutines finish or block, then runs the bubble's clock forward horizon
// by horizon, and counts the goroutines that timers started meanwhile.
func runClock() (started uint64, after, firedBy time.Duration) {
	synctest.Wait()
	// No goroutine outside the bubble starts any meanwhile: the test's
	// own goroutine waits for this call, and the clock runs in
	// microseconds of real time.
	first := created()
	prev := time.Duration(0)
	for _, h := range horizons {
		time.Sleep(h - prev)
		synctest.Wait()
		clockStep()
		if n := created() - first; n > 0 && started == 0 {
			after, firedBy = prev, h
			started = n
		}
		prev = h
	}
	started = created() - first
	return started, after, firedBy
}

// clockStep runs after each step of runClock: a seam for tests.
var clockStep = func() {}

// reportBubbleLeak reports what a call's ended bubble shows: goroutines
// that timers the call left pending started after it returned, and
// goroutines blocked for good.
func reportBubbleLeak(t testing.TB, what string, end bubbleEnd, existing map[int]bool) {
	t.Helper()
	var byTimer bool
	var where string
	if end.deadlock != "" {
		fresh := freshGoroutines(end.dump, existing)
		for _, g := range fresh {
			if g.CreatedBy == "time.goFunc" {
				byTimer = true
			}
		}
		where = stack.Describe(stack.LearnerGoroutines(fresh), 3)
		if where == "" {
			where = "outside your code"
		}
	}
	switch {
	case end.timerStarts > 0:
		msg := fmt.Sprintf("%s returned, but a timer it left pending (time.AfterFunc, or a context's deadline) started %s %s after it had returned",
			what, goroutines(end.timerStarts), when(end.after, end.firedBy))
		if where != "" {
			msg += ", still there at the end: " + where
		}
		Report(t, contract.CheckLeakFree, "%s. When a function returns, nothing it started may still run or be due to run: stop your timers (Timer.Stop returns whether it was in time) or wait for what they start, and cancel your contexts", msg)
	case byTimer:
		Report(t, contract.CheckLeakFree, "%s returned, but a timer it left pending started goroutines after it had returned, which never finished: %s. Stop your timers before returning (Timer.Stop)", what, where)
	case end.deadlock != "":
		Report(t, contract.CheckLeakFree, "%s returned but left goroutines blocked for good: %s. Every goroutine you start must be able to finish", what, where)
	default:
		return
	}
	late.reported()
}

// when words the range of fake time a timer fired in.
func when(after, by time.Duration) string {
	if by == math.MaxInt64 {
		return fmt.Sprintf("over %s", long(after))
	}
	if after == 0 {
		return fmt.Sprintf("within %s", long(by))
	}
	return fmt.Sprintf("between %s and %s", long(after), long(by))
}

// long words a horizon.
func long(d time.Duration) string {
	switch d {
	case 24 * time.Hour:
		return "a day"
	case 365 * 24 * time.Hour:
		return "a year"
	case time.Hour:
		return "an hour"
	case time.Minute:
		return "a minute"
	case time.Second:
		return "a second"
	}
	return d.String()
}

// freshGoroutines parses dump, leaving out the goroutines in existing.
func freshGoroutines(dump string, existing map[int]bool) []stack.Goroutine {
	var fresh []stack.Goroutine
	for _, g := range stack.Parse(dump) {
		if !existing[g.ID] {
			fresh = append(fresh, g)
		}
	}
	return fresh
}

// describeFresh describes where the learner's goroutines of dump that are
// not in existing are.
func describeFresh(dump string, existing map[int]bool) string {
	where := stack.Describe(stack.LearnerGoroutines(freshGoroutines(dump, existing)), 5)
	if where == "" {
		where = "no goroutine is in your code: it may be waiting for something that never happens"
	}
	return where
}

// created is the createdMetric now, 0 when the runtime lacks it.
func created() uint64 {
	sample := []metrics.Sample{{Name: createdMetric}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
