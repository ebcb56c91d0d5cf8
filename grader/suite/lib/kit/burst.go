package kit

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// BurstSpan is how long a goroutine a call started may go on running the
// learner's code after the call has returned before it counts as left
// behind, though it ends later. goleak's check waits for goroutines that
// are merely finishing (about half a second), and a goroutine that did a
// bounded burst of work after wg.Done() ended within that wait and passed
// leak-free. A goroutine between its wg.Done and its return runs for
// microseconds, so only a goroutine the machine kept from running for this
// long while the grader's own goroutine slept could be mistaken for one
// still working: the same risk goleak's wait takes, at a span well under it.
const BurstSpan = 200 * time.Millisecond

// checkBurst fails t for the leak-free check when a goroutine started
// during the call (not in existing) is seen running or runnable, with the
// learner's code on its stack, over at least BurstSpan after the call
// returned. It returns as soon as no such goroutine runs: blocked ones are
// checkLeaks's, and cost nothing here. It looks at the goroutines
// themselves every time: no more goroutines alive than before the call
// does not mean that none of the call's is, since one from before may
// have ended meanwhile (a busy machine's TestCheckBurst saw that).
func checkBurst(t testing.TB, what string, existing map[int]bool) {
	t.Helper()
	start := time.Now()
	first := map[int]time.Time{}
	for pause := 100 * time.Microsecond; time.Since(start) < 3*BurstSpan; pause = min(2*pause, 20*time.Millisecond) {
		working := workingGoroutines(existing)
		if len(working) == 0 {
			return
		}
		now := time.Now()
		for _, g := range working {
			seen, ok := first[g.ID]
			if !ok {
				first[g.ID] = now
				continue
			}
			if now.Sub(seen) >= BurstSpan {
				reportBurst(t, what, g, now.Sub(start))
				return
			}
		}
		time.Sleep(pause)
	}
}

// learnerFrame finds a goroutine's innermost frame of the learner's code:
// a shim for testing, where the code is the test's own.
var learnerFrame = stack.Goroutine.FirstLearnerFrame

// workingGoroutines are the goroutines not in existing that are running or
// runnable with a frame of the learner's code on their stack.
func workingGoroutines(existing map[int]bool) []stack.Goroutine {
	var out []stack.Goroutine
	for _, g := range stack.Parse(stack.All()) {
		if existing[g.ID] || !strings.HasPrefix(g.State, "run") {
			continue
		}
		if _, ok := learnerFrame(g); ok {
			out = append(out, g)
		}
	}
	return out
}

func reportBurst(t testing.TB, what string, g stack.Goroutine, after time.Duration) {
	t.Helper()
	where := "in your code"
	if f, ok := learnerFrame(g); ok {
		where = fmt.Sprintf("at %s (%s)", f.Location(), f.ShortFunc())
	}
	Report(t, contract.CheckLeakFree, "%s returned, but a goroutine it started was still running your code %s %v later: it went on working after telling the caller it was done. "+
		"A goroutine's work ends before it signals that it is done: make wg.Done() (or the send of its result) the last thing it does, with defer wg.Done() as its first line",
		what, where, after.Round(10*time.Millisecond))
	late.reported()
}
