package kit

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// lockOrderDeadlock takes two locks in opposite orders on two goroutines,
// each holding its first when it asks for its second, and waits for both:
// every goroutine of the call then waits on a lock for good.
func lockOrderDeadlock() {
	var a, b sync.Mutex
	var holding, done sync.WaitGroup
	holding.Add(2)
	for _, first := range []*sync.Mutex{&a, &b} {
		second := &a
		if first == &a {
			second = &b
		}
		done.Go(func() {
			first.Lock()
			holding.Done()
			holding.Wait()
			second.Lock()
		})
	}
	done.Wait()
}

// waitsOnAHolder has goroutines wait on a lock that another holds while
// it waits on the clock (a sleep, a timer's channel) for longer than
// stallFor: every goroutine but the holder waits on the lock, and the
// call returns.
func waitsOnAHolder(wait func()) func() {
	return func() {
		var mu sync.Mutex
		var wg sync.WaitGroup
		mu.Lock()
		for range 3 {
			wg.Go(func() { mu.Lock(); mu.Unlock() })
		}
		wg.Go(func() { wait(); mu.Unlock() })
		wg.Wait()
	}
}

// TestStalledCallsStopEarly: a call whose goroutines all wait on locks is
// stopped as a deadlock after stallFor, long before its watchdog, in a
// bubble (where synctest cannot see a sync.Mutex wait as durable) and
// out of one; a call whose lock holder waits on the clock, which ends
// the wait, is never stopped.
func TestStalledCallsStopEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out stalls and holds of a few seconds each")
	}
	hold := stallFor + 500*time.Millisecond
	for _, tc := range []struct {
		name     string
		f        func()
		deadlock bool
	}{
		{"two locks taken in opposite orders", lockOrderDeadlock, true},
		{"a lock held through a sleep", waitsOnAHolder(func() { time.Sleep(hold) }), false},
		{"a lock held through a timer's channel", waitsOnAHolder(func() { <-time.After(hold) }), false},
	} {
		for _, bubbled := range []bool{false, true} {
			if bubbled && !tc.deadlock {
				continue // a bubble's clock does not wait: nothing to tell apart
			}
			t.Run(tc.name+map[bool]string{true: " in a bubble"}[bubbled], func(t *testing.T) {
				late = lateCalls{}
				r := &bubbleRecorder{recorder: recorder{TB: t}, t: t}
				var tb testing.TB = &r.recorder
				if bubbled {
					UseBubbles()
					defer bubbles.Store(false)
					tb = r
				}
				start := time.Now()
				_, ok := CallWithin(tb, "f()", 30*time.Second, func() int { tc.f(); return 0 })
				took := time.Since(start)
				if !tc.deadlock {
					if !ok || len(r.errors) > 0 {
						t.Fatalf("CallWithin returned ok %v after %v, reported %q: want the call to return", ok, took, r.errors)
					}
					return
				}
				// The watchdog's own report says "did not return within
				// 30s": this one says the stall stopped the call.
				if ok || len(r.errors) != 1 || !strings.Contains(r.errors[0], "[terminates] f() never returned: a deadlock, every goroutine of the call waited for another") {
					t.Fatalf("CallWithin returned ok %v after %v, reported %q: want a lock deadlock", ok, took, r.errors)
				}
			})
		}
	}
}
