package workshare

import (
	"strings"
	"sync"
	"testing"
	"time"

	"parlab/internal/stack"
)

// The functions whose name holds "learner" stand for the learner's
// package in these tests.
func init() {
	isLearner = func(f stack.Frame) bool { return strings.Contains(f.Func, "learner") }
}

// learnerScan splits xs over workers goroutines, each summing its chunk.
func learnerScan(xs []int, workers int) int {
	sums := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, x := range xs[w*len(xs)/workers : (w+1)*len(xs)/workers] {
				sums[w] += x
			}
		})
	}
	wg.Wait()
	total := 0
	for _, s := range sums {
		total += s
	}
	return total
}

// learnerSerial starts workers goroutines that do nothing and sums xs
// itself.
func learnerSerial(xs []int, workers int) int {
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {})
	}
	total := 0
	for _, x := range xs {
		total += x
	}
	wg.Wait()
	return total
}

func TestMeasure(t *testing.T) {
	xs := make([]int, 1<<23)
	for i := range xs {
		xs[i] = i % 7
	}
	for _, tc := range []struct {
		name    string
		f       func([]int, int) int
		working bool
	}{
		{"work split over goroutines", learnerScan, true},
		{"empty goroutines, the caller does it all", learnerSerial, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const workers = 4
			share, err := Measure(func(mark func()) {
				done := make(chan struct{})
				go func() { // another goroutine than Measure's, as in a bubble
					defer close(done)
					mark()
					tc.f(xs, workers)
				}()
				<-done
			})
			if err != nil {
				t.Skipf("tracing is unavailable: %v", err)
			}
			t.Logf("%s; total %v, workers %v", share, share.Total(), share.Workers)
			if len(share.Workers) != workers {
				t.Fatalf("%d workers found, want %d", len(share.Workers), workers)
			}
			switch got := share.Working(workers, 0); {
			case tc.working && got < workers:
				t.Errorf("%d of %d goroutines counted as working", got, workers)
			case !tc.working && got > 0:
				t.Errorf("%d empty goroutines counted as working", got)
			}
		})
	}
}

func TestReadRefusesWhatIsNotATrace(t *testing.T) {
	if _, err := Read(strings.NewReader("go 1.26 trace\x00\x00\x00 not really")); err == nil {
		t.Error("Read accepted a file that is not a trace")
	}
}

func TestWorking(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name  string
		share Share
		want  int
	}{
		{"an even split", Share{Caller: ms / 10, Workers: []time.Duration{8 * ms, 8 * ms, 8 * ms, 8 * ms}}, 4},
		{"uneven speeds", Share{Caller: ms / 10, Workers: []time.Duration{11 * ms, 11 * ms, 4 * ms, ms}}, 4},
		{"the caller as one of the workers", Share{Caller: 8 * ms, Workers: []time.Duration{8 * ms, 8 * ms, 8 * ms}}, 3},
		{"empty goroutines", Share{Caller: 30 * ms, Workers: []time.Duration{time.Microsecond, time.Microsecond, time.Microsecond, time.Microsecond}}, 0},
		{"a sliver each, the caller the rest", Share{Caller: 30 * ms, Workers: []time.Duration{2 * ms, 2 * ms, 2 * ms, 2 * ms}}, 0},
		{"one goroutine does it all", Share{Caller: ms / 10, Workers: []time.Duration{30 * ms, time.Microsecond, time.Microsecond, time.Microsecond}}, 1},
		{"no goroutine", Share{Caller: 30 * ms}, 0},
		{"nothing done anywhere", Share{Caller: 5 * time.Microsecond, Workers: []time.Duration{time.Microsecond, time.Microsecond, time.Microsecond, time.Microsecond}}, 0},
	} {
		floor := 8 * ms // one worker's share alone
		if got := tc.share.Working(4, floor); got != tc.want {
			t.Errorf("%s: Working(4, 8ms) = %d, want %d (%s)", tc.name, got, tc.want, tc.share)
		}
	}
}
