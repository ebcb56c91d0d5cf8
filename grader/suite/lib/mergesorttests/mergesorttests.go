// Package mergesorttests holds the body of the merge sort exercise's
// hidden suite, compiled once: its tests take the learner's functions as
// values (Funcs), and the suite's test files (grader/suite/mergesort) only
// bind them (see package histogramtests for why).
package mergesorttests

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime/metrics"
	"slices"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/measure"
	"parlab/reference"
)

// Funcs are the learner's functions under test.
type Funcs struct {
	Merge func(left, right []int) []int
	Sort  func(xs []int, workers int) []int
}

var seeds = []uint64{1, 2, 3, 42, 2026}

// wholeRangeInts draws from every int, the extremes' neighbourhood
// included: a comparison written as a subtraction (b-a < 0) overflows
// there, and sorts wrongly what inputs of small numbers sort right.
func wholeRangeInts(n int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 13))
	xs := make([]int, n)
	for i := range xs {
		xs[i] = int(rng.Uint64())
	}
	return xs
}

func randomInts(n int, seed uint64, spread int) []int {
	rng := rand.New(rand.NewPCG(seed, 11))
	xs := make([]int, n)
	for i := range xs {
		xs[i] = rng.IntN(spread) - spread/2
	}
	return xs
}

type input struct {
	desc string
	xs   []int
}

func inputs() []input {
	sorted := make([]int, 1000)
	reversed := make([]int, 1000)
	for i := range sorted {
		sorted[i] = i
		reversed[i] = 1000 - i
	}
	in := []input{
		{"no elements", []int{}},
		{"a nil slice", nil},
		{"1 element", []int{7}},
		{"2 elements out of order", []int{2, 1}},
		{"1000 equal elements", slices.Repeat([]int{5}, 1000)},
		{"1000 sorted elements", sorted},
		{"1000 reversed elements", reversed},
		{"999 elements with many duplicates (seed 4)", randomInts(999, 4, 10)},
		{"negative numbers", []int{-3, 5, -10, 0, 2, -3}},
		{"the smallest and largest ints", []int{math.MaxInt, -1, math.MinInt, 1, 0, math.MinInt + 1, math.MaxInt - 1, math.MinInt, math.MaxInt}},
		{"1001 ints from the whole int range (seed 5)", wholeRangeInts(1001, 5)},
	}
	for _, n := range []int{3, 17, 1001, 10_007} {
		for _, s := range seeds {
			in = append(in, input{fmt.Sprintf("%d random ints (seed %d)", n, s), randomInts(n, s, 1<<20)})
		}
	}
	return in
}

// Merge checks f.Merge on edge cases against the reference: the result,
// that the inputs are left alone, and that it shares no memory with them.
func Merge(t *testing.T, f Funcs) {
	for _, tc := range []struct {
		desc        string
		left, right []int
		// room is the spare capacity of the left side: appending to it
		// would write into the caller's array.
		room int
	}{
		{"two empty slices", []int{}, []int{}, 0},
		{"an empty left side", []int{}, []int{1, 2, 3}, 0},
		{"an empty right side", []int{1, 2, 3}, nil, 0},
		{"ties across the sides", []int{1, 2, 2, 5}, []int{2, 2, 3}, 0},
		{"all of left before right", []int{1, 2}, []int{3, 4}, 0},
		{"all of right before left", []int{8, 9}, []int{-1, 0}, 0},
		{"interleaved sides of unequal length", []int{1, 3, 5, 7, 9, 11}, []int{2, 4}, 0},
		{"all of left before right, left with room to grow", []int{1, 2}, []int{3, 4}, 8},
		{"interleaved sides, left with room to grow", []int{1, 5}, []int{2, 6}, 8},
		// A comparison by subtraction (right[j]-left[i] < 0) overflows
		// on these: MaxInt - (-1) is negative.
		{"the smallest ints left, the largest right", []int{math.MinInt, -1}, []int{1, math.MaxInt}, 0},
		{"the largest ints left, the smallest right", []int{1, math.MaxInt}, []int{math.MinInt, -1}, 0},
	} {
		left := append(make([]int, 0, len(tc.left)+tc.room), tc.left...)
		right := slices.Clone(tc.right)
		what := fmt.Sprintf("Merge(%v, %v)", tc.left, tc.right)
		got := kit.Call(t, what, func() []int { return f.Merge(left, right) })
		if t.Failed() {
			return
		}
		want := reference.Merge(tc.left, tc.right)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !kit.Equal(t, what+" ("+tc.desc+")", got, want) {
			return
		}
		if !slices.Equal(left, tc.left) || !slices.Equal(right, tc.right) {
			kit.Fatal(t, contract.CheckCorrect, "%s modified its inputs", what)
		}
		if side := sharedSide(got, left, right); side != "" {
			kit.Fatal(t, contract.CheckCorrect, "%s (%s) returned a slice that shares memory with %s: Merge must return a new slice (make one with room for both sides and fill it). A result that shares an input's memory changes that input when the caller changes the result, and append to an input with room to grow writes into the caller's array", what, tc.desc, side)
		}
	}
}

// sharedSide names the input that out shares memory with ("left", "right"
// or "" for none). It overwrites out.
func sharedSide(out, left, right []int) string {
	switch {
	case sharesMemory(out, left):
		return "left"
	case sharesMemory(out, right):
		return "right"
	}
	return ""
}

// sharesMemory reports whether out and in share memory: whether writing
// to every element of out, up to its capacity (a caller may append to
// what it is given), changes an element of in, up to its capacity. It
// overwrites out, and in when they share.
func sharesMemory(out, in []int) bool {
	if cap(out) == 0 || cap(in) == 0 {
		return false
	}
	before := slices.Clone(in[:cap(in)])
	all := out[:cap(out)]
	for i := range all {
		all[i] = ^all[i] // differs from every value it could have been
	}
	return !slices.Equal(in[:cap(in)], before)
}

// Sort checks f.Sort on edge cases and random inputs, at worker counts
// from 1 to 8, against the serial reference.
func Sort(t *testing.T, f Funcs) {
	for _, in := range inputs() {
		want := reference.MergeSort(in.xs)
		for _, w := range []int{1, 2, 3, 4, 8} {
			if !sortMatches(t, f, in, w, want) {
				return
			}
		}
	}
}

// SortWorkersNotDividingSize covers odd splits of odd sizes.
func SortWorkersNotDividingSize(t *testing.T, f Funcs) {
	for _, n := range []int{5, 31, 4097} {
		in := input{fmt.Sprintf("%d random ints (seed 6)", n), randomInts(n, 6, 1000)}
		want := reference.MergeSort(in.xs)
		for _, w := range []int{3, 5, 7, 16} {
			if !sortMatches(t, f, in, w, want) {
				return
			}
		}
	}
}

// SortDefaultWorkers covers workers < 1, which means GOMAXPROCS.
func SortDefaultWorkers(t *testing.T, f Funcs) {
	for _, in := range inputs()[:12] {
		want := reference.MergeSort(in.xs)
		for _, w := range []int{0, -1} {
			if !sortMatches(t, f, in, w, want) {
				return
			}
		}
	}
}

// SortKeepsToItsWorkers: the assignment allows at most workers goroutines
// busy at once. A sort that started a goroutine at every level down to 64
// elements, whatever workers said (hundreds busy at once for Sort(xs, 1)),
// passed every check. Goroutines waiting (on a semaphore, a channel, a
// WaitGroup) are not busy; running ones and those ready to run, waiting
// for a core, are. Judged on a quarter of the call, not on its peak: a sort
// that starts a goroutine per chunk, each taking a semaphore of workers
// places before it works, has a burst of goroutines ready to run at every
// start, on their way to the semaphore (14-19 at Sort(xs, 1)), and keeps
// to its workers all the same.
func SortKeepsToItsWorkers(t *testing.T, f Funcs) {
	in := input{"65536 random ints (seed 7)", randomInts(1<<16, 7, 1<<20)}
	want := reference.MergeSort(in.xs)
	for _, w := range []int{1, 2, 3} {
		ok, busy := false, readiness{}
		func() {
			stop := watchReady()
			// Deferred: a failed call ends the test (runtime.Goexit), and
			// the watcher must end with it, not be taken for a leak.
			defer func() { busy = stop() }()
			ok = sortMatches(t, f, in, w, want)
		}()
		if !ok {
			return
		}
		if typical := busy.quarter(); typical > w+readySlack {
			kit.Fatal(t, contract.CheckCorrect, "Sort(xs, %d) on %s had %d goroutines or more busy at once for a quarter of the call (running, or ready to run and waiting for a core; %d at the most): it must keep at most workers goroutines busy. "+
				"Start a goroutine only while the worker budget allows (halve it at each level, or keep a pool of workers fed by a channel), and sort serially below that", w, in.desc, typical, busy.most())
			return
		}
	}
}

// readySlack is how many goroutines beyond workers may be busy at once
// for a quarter of a call without a fail: the runtime's own (the garbage
// collector's workers, the sweeper and scavenger it wakes) and a
// goroutine just started or woken while the one that started or woke it
// has not yet blocked. Measured in the race run here, at Sort(xs, 1), as
// that third quartile (and the peak): the sort that ignored workers
// 141-268 (268-415); serial sorts, the model, semaphores taken before or
// inside each goroutine 1-2 (2-13); a fixed pool of 6 goroutines 3 (8),
// which passes, as 4 beyond workers is no exact bound.
const readySlack = 4

// readiness is what watchReady saw: per sample, how many goroutines were
// running or ready to run, the watcher left out.
type readiness []int

// quarter is the count a quarter of the call had or more: the third
// quartile of the samples.
func (r readiness) quarter() int {
	if len(r) == 0 {
		return 0
	}
	s := slices.Clone(r)
	slices.Sort(s)
	return s[len(s)*3/4]
}

// most is the largest count seen.
func (r readiness) most() int {
	if len(r) == 0 {
		return 0
	}
	return slices.Max(r)
}

// watchReady samples, until the returned function is called, how many
// goroutines are running or ready to run (the runtime's counts), every
// 200 microseconds: asleep between samples, the watcher takes no core
// from the call.
func watchReady() (stop func() readiness) {
	done := make(chan struct{})
	seen := make(chan readiness)
	go func() {
		samples := []metrics.Sample{{Name: "/sched/goroutines/running:goroutines"}, {Name: "/sched/goroutines/runnable:goroutines"}}
		tick := time.NewTicker(200 * time.Microsecond)
		defer tick.Stop()
		var counts readiness
		for {
			metrics.Read(samples)
			n := 0
			for _, s := range samples {
				if s.Value.Kind() == metrics.KindUint64 {
					n += int(s.Value.Uint64())
				}
			}
			counts = append(counts, max(n-1, 0))
			select {
			case <-done:
				seen <- counts
				return
			case <-tick.C:
			}
		}
	}()
	return func() readiness {
		close(done)
		return <-seen
	}
}

// sortMatches checks Sort(in.xs, workers) against want, the reference's
// sorted copy of in.xs (worked out once per input, not once per worker
// count: under the race detector it costs as much as the call).
func sortMatches(t *testing.T, f Funcs, in input, workers int, want []int) bool {
	t.Helper()
	orig := slices.Clone(in.xs)
	what := fmt.Sprintf("Sort(xs, %d)", workers)
	got := kit.CallOn(t, what, len(in.xs), func() []int { return f.Sort(in.xs, workers) })
	if t.Failed() {
		return false
	}
	if len(got) == 0 && len(want) == 0 {
		got, want = nil, nil // nil and empty are both fine for no elements
	}
	if !kit.Equal(t, what+" on "+in.desc, got, want) {
		return false
	}
	if !slices.Equal(in.xs, orig) {
		kit.Fatal(t, contract.CheckCorrect, "%s on %s modified xs: Sort must return a sorted copy and leave its input alone", what, in.desc)
		return false
	}
	if sharesMemory(got, in.xs) {
		kit.Fatal(t, contract.CheckCorrect, "%s on %s returned a slice that shares memory with xs (xs itself, when it is already sorted or short?): Sort must return a sorted copy, a new slice, so that a caller that changes the result leaves xs alone", what, in.desc)
		return false
	}
	return true
}

// NothingStartsLater runs after the tests of small inputs (and
// TestTimedSize, which runs last, ends with the same check): a goroutine
// that a timer starts after the call that set it has returned is a leak
// the check after each call cannot see.
func NothingStartsLater(t *testing.T) {
	kit.NoLateGoroutines(t)
}

// timingSize is the timed input: 256 Ki ints, which the serial merge sort
// takes a few tens of milliseconds to sort (about 35 ms here): long enough
// to time, short enough that a batch of a class stays quick.
const timingSize = 1 << 18

// kernel is what the timing run times, and TestTimedSize checks once
// under the race detector.
func kernel(f Funcs) measure.Kernel[[]int, []int] {
	return measure.Kernel[[]int, []int]{
		NewInput: func(rng *rand.Rand) []int {
			xs := measure.Slice[int](timingSize)
			for i := range xs {
				xs[i] = int(rng.Uint64() >> 1)
			}
			return xs
		},
		Reference: reference.MergeSort,
		Split:     measure.SplitSlice[int],
		Learner:   f.Sort,
		Equal:     slices.Equal[[]int],
		Describe:  func(w int) string { return fmt.Sprintf("Sort(xs, %d)", w) },
	}
}

// Speedup measures f.Sort against the serial reference, in the grader's
// timing run (measure.Run).
func Speedup(t *testing.T, f Funcs) { measure.Run(t, kernel(f)) }

// TimedSize runs the timed call once under the race detector, at the
// timed size and on one core too (measure.AtTimedSize). It must be the
// suite's last test: a call too slow to wait for is left running when it
// skips.
func TimedSize(t *testing.T, f Funcs) { measure.AtTimedSize(t, kernel(f)) }
