package kit

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// CrowdLimit is how many goroutines one call of learner code may start
// before the call is stopped as hopeless. No answer to any suite's inputs
// needs a hundredth of it (one goroutine per worker: at most a few dozen;
// a merge sort that starts a goroutine at every level of its recursion:
// about 20,000 on the suites' largest input), while a goroutine per
// element of a 100,000-pixel input crosses it in a second or two: under
// the race detector a goroutine costs tens of microseconds, and the suite,
// which makes dozens of such calls, would run for minutes before the
// grader's limit stopped it with nothing to say but that it ran out of
// time. The count does not depend on how busy the machine is.
const CrowdLimit = 50_000

// crowdPoll is how often a call's watchdog counts the goroutines started
// since the call began.
const crowdPoll = 10 * time.Millisecond

// crowdWatch counts the goroutines started since a call began.
type crowdWatch struct {
	base uint64
	tick *time.Ticker
}

// watchCrowd starts counting; stop ends it. Where the runtime cannot count
// goroutines (before Go 1.26) it never ticks.
func watchCrowd() *crowdWatch {
	w := &crowdWatch{base: created(), tick: time.NewTicker(crowdPoll)}
	if w.base == 0 {
		w.tick.Stop()
	}
	return w
}

// over reports whether more than CrowdLimit goroutines were started since
// the watch began.
func (w *crowdWatch) over() bool { return created()-w.base > CrowdLimit }

func (w *crowdWatch) stop() { w.tick.Stop() }

// reportCrowd reports, for the terminates check, that the call described
// by what (given elements of work, 0 when unknown) started more than
// CrowdLimit goroutines and had not returned, with the learner's go
// statements that started the goroutines still alive (those not in
// existing), then ends the test binary: the call cannot be stopped, and
// every later test would take as long.
func reportCrowd(t testing.TB, what string, elements int, existing map[int]bool) {
	t.Helper()
	Report(t, contract.CheckTerminates, "%s", crowdMessage(what, elements, freshGoroutines(allStacks(), existing)))
	fmt.Fprintf(os.Stderr, "kit: %s started more than %d goroutines; the tests were stopped\n", what, CrowdLimit)
	os.Exit(contract.ExitDeadlock)
}

// crowdMessage is reportCrowd's message; fresh are the goroutines the call
// had started that were alive when it was stopped.
func crowdMessage(what string, elements int, fresh []stack.Goroutine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s had started more than %d goroutines", contract.TooManyGoroutines, what, CrowdLimit)
	if elements > 0 {
		fmt.Fprintf(&b, " on an input of %d elements", elements)
	}
	b.WriteString(" and had not returned")
	if where, _ := stack.GoStatements(fresh); len(where) > 0 {
		fmt.Fprintf(&b, "; they were started by the go statement at %s", strings.Join(where[:min(len(where), 3)], ", "))
	}
	fmt.Fprintf(&b, ". Starting a goroutine costs far more than the little work each did, and under the race detector the tests would have run for minutes: they were stopped here.")
	return b.String()
}
