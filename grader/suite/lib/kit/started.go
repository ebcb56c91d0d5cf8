package kit

import (
	"fmt"
	"runtime/metrics"
	"testing"

	"parlab/grader/contract"
)

// createdMetric counts every goroutine the program has started; the Go
// runtime has it from Go 1.26 on.
const createdMetric = "/sched/goroutines-created:goroutines"

// Started runs f and returns how many goroutines were started while it
// ran, which tells code that really works concurrently from code that
// only claims to, whatever the machine's load. Goroutines that anything
// else in the process started meanwhile are counted too, so the count is
// never below f's own. ok is false when the Go runtime cannot count
// goroutines (before Go 1.26); f has run all the same.
func Started(f func()) (n uint64, ok bool) {
	sample := []metrics.Sample{{Name: createdMetric}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		f()
		return 0, false
	}
	before := sample[0].Value.Uint64()
	f()
	metrics.Read(sample)
	return sample[0].Value.Uint64() - before, true
}

// StartsAtLeast calls f, learner code described by what, through Call and
// fails t for the correct check when it started fewer than want
// goroutines; why says what the assignment asks for. It returns whether
// t may go on. On a Go runtime that cannot count goroutines it only logs
// that nothing was checked.
func StartsAtLeast(t testing.TB, what string, want uint64, why string, f func()) bool {
	t.Helper()
	type count struct {
		n  uint64
		ok bool
	}
	got, ok := Try(t, what, func() count {
		n, ok := Started(f)
		return count{n, ok}
	})
	switch {
	case !ok:
		return false
	case !got.ok:
		t.Logf("%s: not checked, this Go runtime cannot count goroutines (Go 1.26 can)", what)
	case got.n < want:
		Fatal(t, contract.CheckCorrect, "%s started %s, want at least %d: %s", what, goroutines(got.n), want, why)
		return false
	}
	return true
}

func goroutines(n uint64) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}
