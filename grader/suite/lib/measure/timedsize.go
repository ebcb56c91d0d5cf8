package measure

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
)

// AtTimedSize checks the learner's code, in the race run, on one input of
// the size the timing run times: the suites' other tests use small
// inputs, and code that raced or leaked only at the timed size (`if
// len(pixels) >= 1<<24 { racy }`) or only on one core (`if
// runtime.GOMAXPROCS(0) == 1 { ... }`) passed race-free and leak-free
// while the timing run, which checks neither, timed it. It calls
// Learner(in, P) as the timing run does, under GOMAXPROCS=P and then
// oneCoreTries times under GOMAXPROCS=1 (until a race is found), each
// through kit (a race, a leak, a panic is
// reported for its check), and checks each answer with Verify when the
// kernel has one (the timing run compares the judged calls' answers with
// the reference's). P is contract.WorkersEnv, or GOMAXPROCS when it is
// unset.
//
// The race detector makes code several times slower, and code that is
// slow anyway (a lock per element) much slower still: a call that takes
// longer than timedSizeLimit (from the reference's own time under the
// race detector) is given up on and the test skips, since its speed fails
// the faster check without this one. The goroutines it leaves running
// would trip every later test, so AtTimedSize must be called from a
// suite's last test; when both calls returned, it checks, as
// kit.NoLateGoroutines does, that nothing started after them.
func AtTimedSize[In, Out any](t *testing.T, k Kernel[In, Out]) {
	t.Helper()
	if os.Getenv(contract.MeasureEnv) == "1" {
		t.Skip("the timed size is checked in the race run")
	}
	if raceAlreadyReported() {
		t.Skip("a data race was already found, so race-free fails and correct is not judged: the timed size is not checked (under the race detector a racy call at this size can take minutes)")
	}
	p, _ := strconv.Atoi(os.Getenv(contract.WorkersEnv))
	if p < 1 {
		p = runtime.GOMAXPROCS(0)
	}
	in := k.NewInput(rand.New(rand.NewPCG(2026, 12)))
	limit := timedSizeLimit(referenceTime(k, in))
	for try := range 1 + oneCoreTries {
		oneCore, input := try > 0, in
		what := k.Describe(p) + " on an input of the timed size"
		switch {
		case try > 1:
			input = k.Split(in, laterTryParts)[0]
			what = k.Describe(p) + " on a quarter of an input of the timed size on one core (GOMAXPROCS=1), as the timing run calls it too"
		case oneCore:
			what += " on one core (GOMAXPROCS=1), as the timing run calls it too"
		}
		got, ok := timedCall(t, what, limit, oneCore, func() Out { return k.Learner(input, p) })
		if t.Failed() || raceAlreadyReported() {
			return
		}
		if !ok {
			t.Skipf("%s took longer than %v under the race detector: not checked at this size (the faster check judges its speed)", what, limit)
		}
		if k.Verify != nil {
			if wrong := k.Verify(input, got); wrong != "" {
				kit.Fatal(t, contract.CheckCorrect, "%s: %s", what, wrong)
			}
		}
	}
	kit.NoLateGoroutines(t)
}

// oneCoreTries is how many times AtTimedSize makes the call on one core:
// first on the input of the timed size, then on the first of its
// laterTryParts parts (Kernel.Split). There the learner's goroutines take
// turns on one thread, and the race detector misses a race between two of
// them now and then. Later calls in the same process find most of what
// the first missed. A submission whose goroutines write a shared counter
// only under GOMAXPROCS=1 (grader/testdata/mergesort/racy-on-one-core),
// 40 race runs each beside three busy loops: one call of the timed size
// missed the race in 8, one call on a quarter in 7, two on quarters in 2,
// three calls of the timed size in 3 of 40 and 0 of 40 (two batches), and
// these three calls in 0. A call of a model answer at the timed size takes
// about 0.2 s on one core under the detector, on a quarter a quarter of
// that.
const oneCoreTries = 3

// laterTryParts is the number of parts the input of the timed size is cut
// into for the one-core calls after the first, which get the first part
// (a quarter, as their message says).
const laterTryParts = 4

// referenceTime estimates the serial reference's time on in, under the
// race detector, from its time on a sixteenth of it (Split): the whole
// would take as long as a learner's call. The answers are not compared:
// the timing run compares them on every judged call.
func referenceTime[In, Out any](k Kernel[In, Out], in In) time.Duration {
	const parts = 16
	piece := k.Split(in, parts)[0]
	start := time.Now()
	k.Reference(piece)
	return parts * time.Since(start)
}

// timedCall makes one call through kit.GiveUpAfter, under
// GOMAXPROCS=1 when oneCore is set (and GOMAXPROCS restored after).
func timedCall[Out any](t *testing.T, what string, limit time.Duration, oneCore bool, f func() Out) (Out, bool) {
	t.Helper()
	if oneCore {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	}
	return kit.GiveUpAfter(t, what, limit, f)
}

// timedSizeLimit is how long a call at the timed size may take under the
// race detector, from the serial reference's time on the same input:
// room for parallel code that is several times slower than the reference
// under the detector (atomics and goroutines cost more there), never
// beyond the watchdog's limit of a call.
func timedSizeLimit(reference time.Duration) time.Duration {
	return min(max(10*reference+time.Second, 3*time.Second), kit.DefaultCallTimeout)
}

// raceAlreadyReported reports whether the race detector has written a
// report in this process: the race run's GORACE (contract.RaceEnv) sends
// reports to log_path.PID, which exists once one is written. Outside the
// race run there is no log_path, and nothing is found.
func raceAlreadyReported() bool {
	for _, opt := range strings.Fields(os.Getenv("GORACE")) {
		if prefix, ok := strings.CutPrefix(opt, "log_path="); ok {
			fi, err := os.Stat(prefix + "." + strconv.Itoa(os.Getpid()))
			return err == nil && fi.Size() > 0
		}
	}
	return false
}
