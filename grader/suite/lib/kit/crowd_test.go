package kit

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// crowdChildEnv makes the test binary, run again by TestCrowdStopsTheCall,
// be the suite whose call starts a goroutine per element.
const crowdChildEnv = "PARLAB_SUITEKIT_CROWD_CHILD"

// TestCrowdStopsTheCall: a call that starts a goroutine per element of a
// large input is stopped once it has started more than its limit, with a
// terminates marker that says how many for how much work, and the test
// binary ends with ExitDeadlock; it does not run to its end. A merge sort
// that starts two goroutines at every level of its recursion is stopped
// at one per two elements of its input; a call that returns before the
// watchdog looks is stopped all the same.
func TestCrowdStopsTheCall(t *testing.T) {
	if mode := os.Getenv(crowdChildEnv); mode != "" {
		crowdChild(t, mode)
		return
	}
	if testing.Short() {
		t.Skip("starts the test binary again and up to a million goroutines")
	}
	for mode, want := range map[string]string{
		"per-element": "Parallel(pixels, 4) had started more than 50000 goroutines on an input of 1000000 elements and had not returned. ",
		// Its goroutines finish as fast as they start, and the
		// watchdog's goroutine waits its turn behind thousands of them:
		// it may see the call return before it gets to look (a clean
		// clone's CI did), so whether it had returned is not asked.
		"recursion": "Sort(xs, 4) had started more than 5003 goroutines on an input of 10007 elements",
		// Quicker than the watchdog's first look, on a quick machine:
		// stopped all the same.
		"quick": "Parallel(pixels, 4) had started more than 4096 goroutines on an input of 8192 elements",
	} {
		path := useReport(t)
		reporter.mu.Lock()
		reporter.f.Close()
		reporter.f = nil
		reporter.mu.Unlock()
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrowdStopsTheCall$", "-test.v")
		cmd.Env = append(os.Environ(), crowdChildEnv+"="+mode, contract.ReportEnv+"="+path)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != contract.ExitDeadlock {
			t.Fatalf("%s: the child ended with %v, want exit status %d; it printed:\n%s", mode, err, contract.ExitDeadlock, out)
		}
		log := readBack(t, path)
		if len(log.Markers) != 1 {
			t.Fatalf("%s: markers %+v, want one", mode, log.Markers)
		}
		m := log.Markers[0]
		if m.Check != contract.CheckTerminates || !strings.HasPrefix(m.Message, contract.TooManyGoroutines+want) {
			t.Errorf("%s: marker %s: %q, want it to begin %q", mode, m.Check, m.Message, contract.TooManyGoroutines+want)
		}
		if strings.Contains(string(out), "the call returned") {
			t.Errorf("%s: the call ran to its end:\n%s", mode, out)
		}
	}
}

// crowdChild is the child's suite: a goroutine per element of a million,
// or a merge sort's recursion that starts two at every level.
func crowdChild(t *testing.T, mode string) {
	openReport()
	if mode == "quick" {
		CallOn(t, "Parallel(pixels, 4)", 8192, func() int {
			var wg sync.WaitGroup
			for range 5000 {
				wg.Go(func() {})
			}
			wg.Wait()
			return 0
		})
		t.Log("the call returned")
		return
	}
	if mode == "recursion" {
		var sort func(n int)
		sort = func(n int) {
			if n < 2 {
				return
			}
			var wg sync.WaitGroup
			wg.Go(func() { sort(n / 2) })
			wg.Go(func() { sort(n - n/2) })
			wg.Wait()
		}
		CallOn(t, "Sort(xs, 4)", 10_007, func() int { sort(10_007); return 0 })
		t.Log("the call returned")
		return
	}
	const n = 1_000_000
	var sum atomic.Int64
	CallOn(t, "Parallel(pixels, 4)", n, func() int64 {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { sum.Add(int64(i)) })
		}
		wg.Wait()
		return sum.Load()
	})
	t.Log("the call returned")
}

// TestCrowdSpares: code that starts many goroutines, but not more than
// its call's limit, runs to its end, call after call: 20,000 in a call
// that does not say its input's size, more goroutines than elements on a
// small input (33 workers on 7 elements), and up to CrowdFloor on any.
func TestCrowdSpares(t *testing.T) {
	spawn := func(n int) {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {})
		}
		wg.Wait()
	}
	for _, c := range []struct{ elements, goroutines int }{{0, 20_000}, {7, 33}, {1000, CrowdFloor - 100}, {10_007, 5000}} {
		n, ok := Started(func() {
			CallOn(t, "Parallel(pixels, 33)", c.elements, func() int { spawn(c.goroutines); return 0 })
		})
		if ok && n < uint64(c.goroutines) {
			t.Fatalf("%d goroutines counted, %d started", n, c.goroutines)
		}
	}
}

// TestCrowdLimit: a call's limit is CrowdLimit, or one goroutine per two
// elements of its input, never under CrowdFloor nor over CrowdLimit.
func TestCrowdLimit(t *testing.T) {
	for _, c := range []struct {
		elements int
		want     uint64
	}{{0, CrowdLimit}, {7, CrowdFloor}, {10_007, 5003}, {100_003, CrowdLimit}} {
		if got := crowdLimit(c.elements); got != c.want {
			t.Errorf("crowdLimit(%d) = %d, want %d", c.elements, got, c.want)
		}
	}
}

// TestCrowdMessage: the message names the learner's go statements that
// started the goroutines alive when the call was stopped, the busiest
// first, and says nothing of elements it was not told.
func TestCrowdMessage(t *testing.T) {
	var dump strings.Builder
	for i, line := range []int{25, 25, 31} {
		dump.WriteString("goroutine " + string(rune('7'+i)) + " [runnable]:\nparlab/exercises/histogram.Parallel.func1()\n" +
			"\t/w/exercises/histogram/histogram.go:26 +0x1\ncreated by parlab/exercises/histogram.Parallel in goroutine 6\n" +
			"\t/w/exercises/histogram/histogram.go:" + map[int]string{25: "25", 31: "31"}[line] + " +0x8d\n\n")
	}
	got := crowdMessage("Parallel(pixels, 2)", 0, stack.Parse(dump.String()), false)
	want := contract.TooManyGoroutines + "Parallel(pixels, 2) had started more than 50000 goroutines and had not returned; " +
		"they were started by the go statements at histogram.go:25 (Parallel), histogram.go:31 (Parallel). "
	if !strings.HasPrefix(got, want) {
		t.Errorf("got  %q\nwant %q...", got, want)
	}
}
