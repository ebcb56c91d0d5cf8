//go:build parlabsuite

package scalability_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"parlab/exercises/scalability"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/measure"
	"parlab/grader/suite/lib/study"
	"parlab/reference"
	pointsrc "parlab/reference/points"
)

// TestPiWorkload runs PiWorkload for real under the race detector, on
// every kind of split, and checks that it drew exactly its points with
// points.Stream and that the time it returns is a time it could have
// measured.
func TestPiWorkload(t *testing.T) {
	kit.Begin(t)
	for _, c := range []struct{ workers, size int }{
		{1, 100_000}, {2, 100_000}, {4, 100_001}, {8, 3}, {3, 1}, {0, 50_000}, {-1, 50_000}, {16, 200_000},
		{1, 1 << 20}, {2, 1 << 20}, {16, 1<<20 + 7},
	} {
		what := fmt.Sprintf("PiWorkload(%d, %d)", c.workers, c.size)
		var got time.Duration
		start := time.Now()
		drawn := drawnBy(func() {
			got = kit.CallOn(t, what, c.size, func() time.Duration { return scalability.PiWorkload(c.workers, c.size) })
		})
		wall := time.Since(start)
		if t.Failed() {
			return
		}
		if why := drawnWrong(c.size, drawn); why != "" {
			kit.Fatal(t, contract.CheckCorrect, "%s %s", what, why)
		}
		if got <= 0 || got > wall {
			kit.Fatal(t, contract.CheckCorrect, "%s returned %v, but the call took %v: return the time the work took, measured with time.Now and time.Since inside PiWorkload", what, got, wall)
		}
	}
}

// TestPiWorkloadTimesItsWork compares the time PiWorkload(1, size)
// returns with the time the call took: with a million points the work is
// nearly all of the call, so a returned time under half of it, in every
// one of five runs, timed something else (starting the goroutines and not
// waiting for them).
func TestPiWorkloadTimesItsWork(t *testing.T) {
	kit.Begin(t)
	const size = 1 << 20
	var share float64 // the largest returned time / call time
	var returned, took time.Duration
	for range 5 {
		start := time.Now()
		got := kit.CallOn(t, fmt.Sprintf("PiWorkload(1, %d)", size), size, func() time.Duration { return scalability.PiWorkload(1, size) })
		wall := time.Since(start)
		if t.Failed() {
			return
		}
		if s := float64(got) / float64(wall); s > share || returned == 0 {
			share, returned, took = s, got, wall
		}
	}
	if share < 0.5 {
		kit.Fatal(t, contract.CheckCorrect, "PiWorkload(1, %d) returned %v, but the call took %v (the closest of 5 runs): return how long the work took, from just before the goroutines start until every one of them is done (after wg.Wait)",
			size, returned.Round(time.Microsecond), took.Round(time.Microsecond))
	}
}

// timingPoints is the timed problem: the serial reference takes a few tens
// of milliseconds on it.
const timingPoints = 3 << 20

// kernel is what the timing run times, and TestTimedSize checks once
// under the race detector.
var kernel = measure.Kernel[int, int64]{
	NewInput: func(*rand.Rand) int { return timingPoints },
	// The answer is the points drawn: an estimate of pi is only
	// roughly checkable, a count of points exactly.
	Reference: func(n int) int64 { return drawnBy(func() { reference.PiHits(n, 1) }) },
	Split: func(n, parts int) []int {
		shares := make([]int, parts)
		for i := range shares {
			shares[i] = (i+1)*n/parts - i*n/parts
		}
		return shares
	},
	Learner: func(n, workers int) int64 {
		return drawnBy(func() { scalability.PiWorkload(workers, n) })
	},
	Equal:    func(got, want int64) bool { return got == want },
	Verify:   func(n int, got int64) string { return drawnWrong(n, got) },
	Describe: func(w int) string { return fmt.Sprintf("PiWorkload(%d, %d)", w, timingPoints) },
}

func TestSpeedup(t *testing.T) {
	kit.Begin(t)
	measure.Run(t, kernel)
}

// drawnBy is how many points call drew with points.Stream.
func drawnBy(call func()) int64 {
	before := pointsrc.Drawn()
	call()
	return pointsrc.Drawn() - before
}

// drawnWrong says what is wrong when a call asked for size points drew
// drawn; "" when they are equal.
func drawnWrong(size int, drawn int64) string {
	switch {
	case drawn == int64(size):
		return ""
	case drawn == 0:
		return "drew no points with points.Stream: draw every point with points.Stream from parlab/reference/points, each goroutine from a stream of its own"
	default:
		return fmt.Sprintf("drew %d points with points.Stream, not %d: split size so that the goroutines' shares add up to exactly size (goroutine i of w draws (i+1)*size/w - i*size/w)", drawn, size)
	}
}

// TestStudy runs the learner's Strong and Weak on PiWorkload and hands the
// tables to the grader, which prints them. It runs only when asked, after
// everything else has passed.
func TestStudy(t *testing.T) {
	kit.Begin(t)
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
	kit.Emit(contract.StudyKind, study.Build("PiWorkload", points(strong), points(weak)))
}

func points(ps []scalability.Point) []study.Point {
	var out []study.Point
	for _, p := range ps {
		out = append(out, study.Point{Workers: p.Workers, Size: p.Size, Time: int64(p.Time), Speedup: p.Speedup, Efficiency: p.Efficiency})
	}
	return out
}
