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

// CrowdLimit is how many goroutines one call of learner code may start,
// whatever its input, before it is stopped as hopeless (crowdLimit is
// lower for a call that says its input's size). No answer to any suite's
// inputs needs a hundredth of it (one goroutine per worker: at most a few
// dozen), while a goroutine per element of a 100,000-pixel input crosses
// it in a second or two: under the race detector a goroutine costs tens
// of microseconds, and the suite, which makes dozens of such calls, would
// run for minutes before the grader's limit stopped it with nothing to say
// but that it ran out of time. The count does not depend on how busy the
// machine is.
const CrowdLimit = 50_000

// CrowdFloor is how many goroutines a call given elements of work (CallOn)
// may always start, however small its input: more goroutines than
// elements is normal there (16 workers on 7 pixels).
const CrowdFloor = 4096

// crowdLimit is how many goroutines a call given elements of work (0:
// not said) may start: CrowdLimit, or, for an input of elements, one for
// every two of them, never fewer than CrowdFloor. A merge sort that starts
// a goroutine at every level of its recursion, down to single elements,
// starts two per element, all alive at once while their parents wait:
// under the race detector thousands of them took the tests past their
// memory limit, or past the 8128 goroutines the detector can follow, or
// neither, as the scheduling fell; the assignment asks for at most
// workers goroutines busy at once. No right answer comes near one per two
// elements.
func crowdLimit(elements int) uint64 {
	if elements <= 0 {
		return CrowdLimit
	}
	return uint64(min(CrowdLimit, max(CrowdFloor, elements/2)))
}

// crowdPoll is how often a call's watchdog counts the goroutines started
// since the call began.
const crowdPoll = 10 * time.Millisecond

// crowdWatch counts the goroutines started since a call began.
type crowdWatch struct {
	base, limit uint64
	tick        *time.Ticker
}

// watchCrowd starts counting for a call given elements of work (0: not
// said); stop ends it. Where the runtime cannot count goroutines (before
// Go 1.26) it never ticks.
func watchCrowd(elements int) *crowdWatch {
	w := &crowdWatch{base: created(), limit: crowdLimit(elements), tick: time.NewTicker(crowdPoll)}
	if w.base == 0 {
		w.tick.Stop()
	}
	return w
}

// over reports whether more goroutines than the call's limit were started
// since the watch began.
func (w *crowdWatch) over() bool { return created()-w.base > w.limit }

func (w *crowdWatch) stop() { w.tick.Stop() }

// stopIfOver ends the tests with reportCrowd when the call (returned or
// not) has started more goroutines than its limit.
func (w *crowdWatch) stopIfOver(t testing.TB, what string, elements int, existing map[int]bool, returned bool) {
	t.Helper()
	if w.over() {
		reportCrowd(t, what, elements, existing, returned)
	}
}

// reportCrowd reports, for the terminates check, that the call described
// by what (given elements of work, 0 when unknown) started more than its
// limit (crowdLimit) of goroutines, before it returned or by then, with
// the learner's go statements that started the goroutines still alive
// (those not in existing), then ends the test binary: a call still
// running cannot be stopped, and every later test would take as long. A
// call that returned before the watchdog looked is stopped all the same,
// so that a quick machine gives the verdict a slow one does.
func reportCrowd(t testing.TB, what string, elements int, existing map[int]bool, returned bool) {
	t.Helper()
	Report(t, contract.CheckTerminates, "%s", crowdMessage(what, elements, freshGoroutines(stack.All(), existing), returned))
	fmt.Fprintf(os.Stderr, "kit: %s started more than %d goroutines; the tests were stopped\n", what, crowdLimit(elements))
	os.Exit(contract.ExitDeadlock)
}

// crowdMessage is reportCrowd's message; fresh are the goroutines the call
// had started that were alive when it was stopped.
func crowdMessage(what string, elements int, fresh []stack.Goroutine, returned bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s had started more than %d goroutines", contract.TooManyGoroutines, what, crowdLimit(elements))
	if elements > 0 {
		fmt.Fprintf(&b, " on an input of %d elements", elements)
	}
	if !returned {
		b.WriteString(" and had not returned")
	}
	switch where, _ := stack.GoStatements(fresh); len(where) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "; they were started by the go statement at %s", where[0])
	default:
		fmt.Fprintf(&b, "; they were started by the go statements at %s", strings.Join(where[:min(len(where), 3)], ", "))
	}
	b.WriteString(". A goroutine costs far more than the little work each did here (under the race detector, tens of microseconds and kilobytes of memory each): " +
		"the tests were stopped rather than left to run out of time or memory.")
	return b.String()
}
