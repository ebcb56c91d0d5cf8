package suitekit

import (
	"fmt"
	"strings"
	"testing"
	"time"
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
	defer func(w time.Duration) { lateWait = w }(lateWait)
	lateWait = 0
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			late = lateCalls{}
			stop := make(chan struct{})
			defer close(stop)
			block := func() { <-stop }
			r := &recorder{TB: t}
			Do(r, "f()", func() {
				if tc.during {
					go block()
				}
			})
			if tc.after {
				go block()
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
