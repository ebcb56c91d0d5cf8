// Package scalabilitytests holds most of the scalability exercise's
// hidden suite, compiled once: the laws, PiWorkload and its timing, whose
// tests take the learner's functions as values (Funcs). The tests of
// Strong and Weak, which take and return the learner's own types, stay in
// the suite's test files (grader/suite/scalability), which bind the rest
// (see package histogramtests for why).
package scalabilitytests

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/measure"
	"parlab/reference"
	pointsrc "parlab/reference/points"
)

// Funcs are the learner's functions under test.
type Funcs struct {
	Amdahl, Gustafson func(serialFraction float64, workers int) float64
	KarpFlatt         func(speedup float64, workers int) float64
	PiWorkload        func(workers, size int) time.Duration
}

// Near reports whether got equals want to 1e-9 relative (or both are NaN).
func Near(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

var (
	fractions = []float64{0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.9, 1}
	counts    = []int{1, 2, 3, 4, 8, 16, 64, 1000}
)

// Amdahl checks f.Amdahl against the formula, for serial fractions from
// 0 to 1 and worker counts from 1 to 1000.
func Amdahl(t *testing.T, f Funcs) {
	law(t, "Amdahl", f.Amdahl, reference.Amdahl, "1/(f+(1-f)/p)")
}

// Gustafson checks f.Gustafson against the formula, for serial
// fractions from 0 to 1 and worker counts from 1 to 1000.
func Gustafson(t *testing.T, f Funcs) {
	law(t, "Gustafson", f.Gustafson, reference.Gustafson, "p-f*(p-1)")
}

// law checks the learner's law called name against the reference's, for
// every fraction and worker count; formula is the reference's, as the
// message gives it.
func law(t *testing.T, name string, learner, ref func(float64, int) float64, formula string) {
	t.Helper()
	for _, frac := range fractions {
		for _, p := range counts {
			what := fmt.Sprintf("%s(%v, %d)", name, frac, p)
			got := kit.Call(t, what, func() float64 { return learner(frac, p) })
			if t.Failed() {
				return
			}
			if want := ref(frac, p); !Near(got, want) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want %v = %s", what, got, want, formula)
			}
		}
	}
}

// KarpFlatt checks f.KarpFlatt against the formula, NaN for one worker
// or fewer.
func KarpFlatt(t *testing.T, f Funcs) {
	for _, s := range []float64{1, 1.3, 1.9, 2, 3.7, 7.5, 15} {
		for _, p := range []int{-1, 0, 1, 2, 4, 8, 16} {
			what := fmt.Sprintf("KarpFlatt(%v, %d)", s, p)
			got := kit.Call(t, what, func() float64 { return f.KarpFlatt(s, p) })
			if t.Failed() {
				return
			}
			want := reference.KarpFlatt(s, p)
			if math.IsNaN(want) && !math.IsNaN(got) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want NaN: with %d worker(s) there is no parallel part to measure (return math.NaN())", what, got, p)
			}
			if !Near(got, want) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want %v = (1/s-1/p)/(1-1/p)", what, got, want)
			}
		}
	}
}

// PiWorkload runs PiWorkload for real under the race detector, on
// every kind of split, and checks that it drew exactly its points with
// points.Stream and that the time it returns is a time it could have
// measured.
func PiWorkload(t *testing.T, f Funcs) {
	for _, c := range []struct{ workers, size int }{
		{1, 100_000}, {2, 100_000}, {4, 100_001}, {8, 3}, {3, 1}, {0, 50_000}, {-1, 50_000}, {16, 200_000},
		{1, 1 << 20}, {2, 1 << 20}, {16, 1<<20 + 7},
	} {
		what := fmt.Sprintf("PiWorkload(%d, %d)", c.workers, c.size)
		var got time.Duration
		start := time.Now()
		drawn := drawnBy(func() {
			got = kit.CallOn(t, what, c.size, func() time.Duration { return f.PiWorkload(c.workers, c.size) })
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

// PiWorkloadTimesItsWork compares the time PiWorkload(1, size)
// returns with the time the call took: with a million points the work is
// nearly all of the call, so a returned time under half of it, in every
// one of five runs, timed something else (starting the goroutines and not
// waiting for them).
func PiWorkloadTimesItsWork(t *testing.T, f Funcs) {
	const size = 1 << 20
	var share float64 // the largest returned time / call time
	var returned, took time.Duration
	for range 5 {
		start := time.Now()
		got := kit.CallOn(t, fmt.Sprintf("PiWorkload(1, %d)", size), size, func() time.Duration { return f.PiWorkload(1, size) })
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

// TimingPoints is the timed problem: the serial reference takes a few tens
// of milliseconds on it.
const TimingPoints = 3 << 20

// kernel is what the timing run times, and TestTimedSize checks once
// under the race detector.
func kernel(f Funcs) measure.Kernel[int, int64] {
	return measure.Kernel[int, int64]{
		NewInput: func(*rand.Rand) int { return TimingPoints },
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
			return drawnBy(func() { f.PiWorkload(workers, n) })
		},
		Equal:    func(got, want int64) bool { return got == want },
		Verify:   func(n int, got int64) string { return drawnWrong(n, got) },
		Describe: func(w int) string { return fmt.Sprintf("PiWorkload(%d, %d)", w, TimingPoints) },
	}
}

// Speedup measures f.PiWorkload against the serial reference, in the
// grader's timing run (measure.Run).
func Speedup(t *testing.T, f Funcs) { measure.Run(t, kernel(f)) }

// TimedSize runs the timed call once under the race detector, at the
// timed size and on one core too (measure.AtTimedSize). It must be the
// suite's last test: a call too slow to wait for is left running when it
// skips.
func TimedSize(t *testing.T, f Funcs) { measure.AtTimedSize(t, kernel(f)) }

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
