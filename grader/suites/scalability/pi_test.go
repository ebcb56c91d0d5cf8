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
	"parlab/grader/speedup"
	"parlab/grader/study"
	"parlab/grader/suitekit"
	"parlab/reference"
)

// TestPiWorkload runs PiWorkload for real under the race detector, on
// every kind of split, and checks that the time it returns is a time it
// could have measured.
func TestPiWorkload(t *testing.T) {
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
			suitekit.Fatal(t, suitekit.CheckCorrect, "%s returned %v, but the call took %v: return the time the work took, measured with time.Now and time.Since inside PiWorkload", what, got, wall)
		}
	}
}

// TestPiWorkloadDrawsItsPoints checks the work at every worker count: it
// compares PiWorkload with a serial estimate of pi on as many points,
// fastest of five runs each. w workers on c cores can be at most min(w, c)
// times faster than one; code that skips points is far faster than any
// real random source and that many cores allow.
func TestPiWorkloadDrawsItsPoints(t *testing.T) {
	const size = 1 << 20
	cores := min(runtime.GOMAXPROCS(0), runtime.NumCPU())
	var ref []time.Duration
	for range 5 {
		start := time.Now()
		reference.PiHits(size, 1)
		ref = append(ref, time.Since(start))
	}
	fastRef := slices.Min(ref)
	for _, workers := range []int{1, 2, 4, 8, 16} {
		var learner []time.Duration
		what := fmt.Sprintf("PiWorkload(%d, %d)", workers, size)
		for range 5 {
			start := time.Now()
			suitekit.Call(t, what, func() time.Duration { return scalability.PiWorkload(workers, size) })
			if t.Failed() {
				return
			}
			learner = append(learner, time.Since(start))
		}
		// A faster generator than the reference's may win up to 10x.
		parallel := min(workers, cores)
		if fastLearner := slices.Min(learner); fastLearner < fastRef/time.Duration(10*parallel) {
			suitekit.Fatal(t, suitekit.CheckCorrect, "%s took %v, but drawing %d random points takes about %v here on one core, and %d workers can share it over at most %d cores: it does not draw size points at every worker count",
				what, fastLearner.Round(time.Microsecond), size, fastRef.Round(time.Microsecond), workers, parallel)
		}
	}
}

// timingPoints is the timed problem: the serial reference takes a few tens
// of milliseconds on it.
const timingPoints = 3 << 20

func TestSpeedup(t *testing.T) {
	speedup.Run(t, speedup.Kernel[int, bool]{
		NewInput:  func(*rand.Rand) int { return timingPoints },
		Reference: func(n int) bool { return reference.PiHits(n, 1) > 0 },
		Learner:   func(n, workers int) bool { return scalability.PiWorkload(workers, n) > 0 },
		Equal:     func(got, want bool) bool { return got == want },
		Describe:  func(w int) string { return fmt.Sprintf("PiWorkload(%d, %d)", w, timingPoints) },
	})
}

// TestStudy runs the learner's Strong and Weak on PiWorkload and hands the
// tables to the grader, which prints them. It runs only when asked, after
// everything else has passed.
func TestStudy(t *testing.T) {
	if os.Getenv(study.Env) != "1" {
		t.Skip("the scaling study runs only in the grader's study run")
	}
	workers := speedup.WorkerCounts(runtime.GOMAXPROCS(0))
	strong, err := scalability.Strong(scalability.PiWorkload, timingPoints, workers, 5)
	if err != nil {
		t.Fatalf("Strong: %v", err)
	}
	weak, err := scalability.Weak(scalability.PiWorkload, timingPoints/2, workers, 5)
	if err != nil {
		t.Fatalf("Weak: %v", err)
	}
	fmt.Println(study.Marker(suitekit.Nonce(), study.Build("PiWorkload", points(strong), points(weak))))
}

func points(ps []scalability.Point) []study.Point {
	var out []study.Point
	for _, p := range ps {
		out = append(out, study.Point{Workers: p.Workers, Size: p.Size, Time: int64(p.Time), Speedup: p.Speedup, Efficiency: p.Efficiency})
	}
	return out
}
