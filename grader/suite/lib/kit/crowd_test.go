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
// large input is stopped once it has started more than CrowdLimit, with a
// terminates marker that says how many for how much work, and the test
// binary ends with ExitDeadlock; it does not run to its end.
func TestCrowdStopsTheCall(t *testing.T) {
	if os.Getenv(crowdChildEnv) != "" {
		crowdChild(t)
		return
	}
	if testing.Short() {
		t.Skip("starts the test binary again and up to a million goroutines")
	}
	path := useReport(t)
	reporter.mu.Lock()
	reporter.f.Close()
	reporter.f = nil
	reporter.mu.Unlock()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrowdStopsTheCall$", "-test.v")
	cmd.Env = append(os.Environ(), crowdChildEnv+"=1", contract.ReportEnv+"="+path)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != contract.ExitDeadlock {
		t.Fatalf("the child ended with %v, want exit status %d; it printed:\n%s", err, contract.ExitDeadlock, out)
	}
	log := readBack(t, path)
	if len(log.Markers) != 1 {
		t.Fatalf("markers %+v, want one", log.Markers)
	}
	m := log.Markers[0]
	want := contract.TooManyGoroutines + "Parallel(pixels, 4) had started more than 50000 goroutines on an input of 1000000 elements and had not returned."
	if m.Check != contract.CheckTerminates || !strings.HasPrefix(m.Message, want) {
		t.Errorf("marker %s: %q, want it to begin %q", m.Check, m.Message, want)
	}
	if strings.Contains(string(out), "the call returned") {
		t.Errorf("the call ran to its end:\n%s", out)
	}
}

// crowdChild is the child's suite: a goroutine per element of a million.
func crowdChild(t *testing.T) {
	openReport()
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
// CrowdLimit in one call (a merge sort that starts one at every level of
// its recursion, on 10,007 elements), runs to its end, call after call.
func TestCrowdSpares(t *testing.T) {
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
	for range 3 {
		n, ok := Started(func() { CallOn(t, "Sort(xs, 4)", 10_007, func() int { sort(10_007); return 0 }) })
		if ok && n < 20_000 {
			t.Fatalf("the recursion started %d goroutines: the test does not come near CrowdLimit", n)
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
	got := crowdMessage("Parallel(pixels, 2)", 0, stack.Parse(dump.String()))
	want := contract.TooManyGoroutines + "Parallel(pixels, 2) had started more than 50000 goroutines and had not returned; " +
		"they were started by the go statement at histogram.go:25 (Parallel), histogram.go:31 (Parallel). "
	if !strings.HasPrefix(got, want) {
		t.Errorf("got  %q\nwant %q...", got, want)
	}
}
