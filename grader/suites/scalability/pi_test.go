//go:build parlabsuite

package scalability_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"parlab/exercises/scalability"
	"parlab/grader/contract"
	"parlab/grader/measure"
	"parlab/grader/study"
	"parlab/grader/suitekit"
	"parlab/reference"
)

// TestPiWorkload runs PiWorkload for real under the race detector, on
// every kind of split, and checks that the time it returns is a time it
// could have measured.
func TestPiWorkload(t *testing.T) {
	suitekit.Begin(t)
	for _, c := range []struct{ workers, size int }{
		{1, 100_000}, {2, 100_000}, {4, 100_001}, {8, 3}, {3, 1}, {0, 50_000}, {-1, 50_000}, {16, 200_000},
	} {
		what := fmt.Sprintf("PiWorkload(%d, %d)", c.workers, c.size)
		start := time.Now()
		got := suitekit.Call(t, what, func() time.Duration { return scalability.PiWorkload(c.workers, c.size) })
		wall := time.Since(start)
		if t.Failed() {
			return
		}
		if got <= 0 || got > wall {
			suitekit.Fatal(t, contract.CheckCorrect, "%s returned %v, but the call took %v: return the time the work took, measured with time.Now and time.Since inside PiWorkload", what, got, wall)
		}
	}
}

// TestPiWorkloadDrawsItsPoints checks the work at every worker count,
// fastest of five runs each, the worker counts interleaved so that they
// share the machine's load. With one worker PiWorkload is compared with a
// serial estimate of pi on as many points: a faster generator may win up
// to 10x, skipping points wins more. With w workers on c cores it can be
// at most min(w, c) times faster than with one (twice that is allowed for
// noise): code that draws fewer points when it has more workers is not.// It also compares the time PiWorkload(1, size) returns with the time the
// call took: with a million points the work is nearly all of the call, so
// a returned time under half of it, in every run, timed something else
// (starting the goroutines and not waiting for them).
func TestPiWorkloadDrawsItsPoints(t *testing.T) {
	suitekit.Begin(t)
	const size = 1 << 20
	cores := min(runtime.GOMAXPROCS(0), runtime.NumCPU())
	workers := []int{1, 2, 4, 8, 16}
	var ref []time.Duration
	learner := make([][]time.Duration, len(workers))
	var share float64 // the largest returned time / call time of one worker
	var returned, took time.Duration
	for range 5 {
		start := time.Now()
		reference.PiHits(size, 1)
		ref = append(ref, time.Since(start))
		for i, w := range workers {
			start := time.Now()
			got := suitekit.Call(t, fmt.Sprintf("PiWorkload(%d, %d)", w, size), func() time.Duration { return scalability.PiWorkload(w, size) })
			wall := time.Since(start)
			if t.Failed() {
				return
			}
			learner[i] = append(learner[i], wall)
			if s := float64(got) / float64(wall); w == 1 && (s > share || returned == 0) {
				share, returned, took = s, got, wall
			}
		}
	}
	fastRef, fastOne := slices.Min(ref), slices.Min(learner[0])
	if fastOne < fastRef/10 {
		suitekit.Fatal(t, contract.CheckCorrect, "PiWorkload(1, %d) took %v, but drawing %d random points takes about %v here: it does not draw size points",
			size, fastOne.Round(time.Microsecond), size, fastRef.Round(time.Microsecond))
	}
	if share < 0.5 {
		suitekit.Fatal(t, contract.CheckCorrect, "PiWorkload(1, %d) returned %v, but the call took %v (the closest of 5 runs): return how long the work took, from just before the goroutines start until every one of them is done (after wg.Wait)",
			size, returned.Round(time.Microsecond), took.Round(time.Microsecond))
	}
	for i, w := range workers[1:] {
		fast := slices.Min(learner[i+1])
		if limit := 2 * min(w, cores); fast*time.Duration(limit) < fastOne {
			suitekit.Fatal(t, contract.CheckCorrect, "PiWorkload(%d, %d) took %v, %.1fx less than with 1 worker (%v), but %d workers on %d cores can be at most %dx faster: it does not do the same work at every worker count (it draws fewer points with more workers, or runs a slower algorithm with one)",
				w, size, fast.Round(time.Microsecond), float64(fastOne)/float64(fast), fastOne.Round(time.Microsecond), w, cores, min(w, cores))
		}
	}
}

// timingPoints is the timed problem: the serial reference takes a few tens
// of milliseconds on it.
const timingPoints = 3 << 20

func TestSpeedup(t *testing.T) {
	suitekit.Begin(t)
	measure.Run(t, measure.Kernel[int, bool]{
		NewInput:  func(*rand.Rand) int { return timingPoints },
		Reference: func(n int) bool { return reference.PiHits(n, 1) > 0 },
		Split: func(n, parts int) []int {
			shares := make([]int, parts)
			for i := range shares {
				shares[i] = (i+1)*n/parts - i*n/parts
			}
			return shares
		},
		Learner:  func(n, workers int) bool { return scalability.PiWorkload(workers, n) > 0 },
		Equal:    func(got, want bool) bool { return got == want },
		Describe: func(w int) string { return fmt.Sprintf("PiWorkload(%d, %d)", w, timingPoints) },
	})
}

// TestStudy runs the learner's Strong and Weak on PiWorkload and hands the
// tables to the grader, which prints them. It runs only when asked, after
// everything else has passed.
func TestStudy(t *testing.T) {
	suitekit.Begin(t)
	if os.Getenv(contract.StudyEnv) != "1" {
		t.Skip("the scaling study runs only in the grader's study run")
	}
	workers := contract.WorkerCounts(runtime.GOMAXPROCS(0))
	strong, err := scalability.Strong(scalability.PiWorkload, timingPoints, workers, 5)
	if err != nil {
		t.Fatalf("Strong: %v", err)
	}
	weak, err := scalability.Weak(scalability.PiWorkload, timingPoints/2, workers, 5)
	if err != nil {
		t.Fatalf("Weak: %v", err)
	}
	suitekit.Emit(contract.StudyKind, study.Build("PiWorkload", points(strong), points(weak)))
}

func points(ps []scalability.Point) []study.Point {
	var out []study.Point
	for _, p := range ps {
		out = append(out, study.Point{Workers: p.Workers, Size: p.Size, Time: int64(p.Time), Speedup: p.Speedup, Efficiency: p.Efficiency})
	}
	return out
}
