package kit

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// recorder is a testing.TB that keeps what a check reports instead of
// failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper()           { r.TB.Helper() }
func (r *recorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// FailNow returns: the code under test returns right after it anyway.
func (r *recorder) FailNow() {}

// Fatal records like Error and returns: the code under test returns right
// after it anyway.
func (r *recorder) Fatal(args ...any) { r.Error(args...) }

// TestNoLateGoroutines starts, after a call has returned, the goroutine a
// timer the call left pending would start (without waiting for a timer,
// so the test does not depend on the clock).
func TestNoLateGoroutines(t *testing.T) {
	for _, tc := range []struct {
		name string
		// during runs inside the call, after runs once it has returned;
		// either may start a goroutine that blocks until stop is closed.
		during, after bool
		want          []string // substrings of the reports, in order
	}{
		{"nothing left", false, false, nil},
		{"a goroutine started later", false, true, []string{"[leak-free] goroutines started after your functions had returned"}},
		{"a leak the call reported", true, false, []string{"left goroutines running"}},
		// goleak panics on a stack the runtime cut short: the leak is
		// reported, not a panic blamed on the call.
		{"a deep leak the call reported", true, false, []string{"left goroutines running: " + unreadableStacks}},
		{"a deep goroutine started later", false, true, []string{"[leak-free] goroutines started after your functions had returned are running after the last call: " + unreadableStacks}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			late = lateCalls{}
			stop := make(chan struct{})
			var blocked sync.WaitGroup
			defer blocked.Wait() // the next case must not see them
			defer close(stop)
			block := func() {
				blocked.Add(1)
				go func() {
					defer blocked.Done()
					if strings.Contains(tc.name, "deep") {
						deep(500, stop)
					} else {
						<-stop
					}
				}()
			}
			r := &recorder{TB: t}
			Do(r, "f()", func() {
				if tc.during {
					block()
				}
			})
			if tc.after {
				block()
			}
			NoLateGoroutines(r)
			if len(r.errors) != len(tc.want) {
				t.Fatalf("reported %q, want %d reports", r.errors, len(tc.want))
			}
			for i, sub := range tc.want {
				if !strings.Contains(r.errors[i], sub) {
					t.Errorf("report %d is %q, want it to hold %q", i, r.errors[i], sub)
				}
			}
		})
	}
}

// deep blocks until stop is closed, n calls down: a stack the runtime
// prints cut short.
func deep(n int, stop chan struct{}) int {
	if n == 0 {
		<-stop
		return 0
	}
	return deep(n-1, stop) + 1
}
