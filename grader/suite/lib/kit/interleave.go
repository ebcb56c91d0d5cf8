package kit

import (
	"runtime"
	"testing"
)

// interleavedProcs is the GOMAXPROCS Interleave guarantees: more Ps than
// a small machine has cores, so the operating system's scheduler, not
// only Go's, switches between the goroutines.
const interleavedProcs = 4

// Interleave raises GOMAXPROCS to at least 4 for the rest of t (and sets
// it back when t ends), for a test whose bug shows only when goroutines
// interleave at any instruction: a lock-order deadlock needs one goroutine
// to stop between its two Locks while another takes them in the other
// order. With GOMAXPROCS = 1 (a one-core machine, or a cgroup quota of
// one core) Go switches goroutines only every 10 ms or so, and a bank
// whose Total locked in reverse order froze in only 22 runs of 30; with
// four Ps time-sliced by the kernel on one core it froze in 60 of 60.
// The test's goroutines are not timed, so the extra Ps cost nothing.
func Interleave(t testing.TB) {
	t.Helper()
	prev := runtime.GOMAXPROCS(0)
	if prev >= interleavedProcs {
		return
	}
	runtime.GOMAXPROCS(interleavedProcs)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}
