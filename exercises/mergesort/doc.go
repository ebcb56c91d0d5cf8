// Package mergesort is exercise 2: a parallel merge sort.
//
// # The goal
//
// Merge sort splits its input in halves, sorts each half and merges the two
// sorted halves. The two halves are independent, so they can be sorted at
// the same time: make Sort do that, with at most workers goroutines busy at
// once, and make it faster than the serial merge sort on the cores you have.
//
// # The API (keep every name and signature)
//
//	func Merge(left, right []int) []int
//	func Sort(xs []int, workers int) []int
//
// Merge returns a new slice holding the elements of two sorted slices, in
// order. Sort returns a sorted copy of xs; it must not modify xs. workers
// < 1 means runtime.GOMAXPROCS(0).
//
// # What the grader checks
//
//	go run ./cmd/grade exercise mergesort
//
// runs these checks:
//
//   - builds, started, honest: as for every exercise.
//   - correct: equal to a serial sort on empty input, one element,
//     duplicates, all-equal, sorted, reversed, sizes not divisible by
//     workers, workers <= 0 and seeded random inputs; xs is left untouched
//     and the result is a new slice (changing it, even appending to it,
//     never changes xs); Merge is tested on its own (empty sides, ties, a
//     left side with room to grow) and must return a new slice too. Sort
//     keeps to its workers: while Sort(xs, 1), Sort(xs, 2) and Sort(xs, 3)
//     run, the goroutines running or ready to run are counted, and more
//     than workers (beyond a few of the runtime's own) for a quarter of
//     the call fail; goroutines waiting (on a channel, a lock, a
//     WaitGroup) are not busy.
//   - race-free, leak-free, terminates: under the race detector, no data
//     race, no goroutine left running (not even one a timer starts after
//     the call), nothing blocks, and no call starts more than one
//     goroutine per two elements (a split into goroutines down to single
//     elements is stopped at once).
//   - faster: with all your cores, Sort beats the serial merge sort and
//     the same call run on one core (GOMAXPROCS=1) by a margin calibrated
//     on this machine. Do the same work at every worker count and leave
//     GOMAXPROCS alone: a speedup beyond what the cores can give, a changed
//     GOMAXPROCS, or goroutines of yours running outside a call fail.
//
// # Hints
//
//   - Recursion gives the parallelism for free: sort the left half in a new
//     goroutine while this one sorts the right half, then wait and merge.
//   - Do not start a goroutine for every tiny sub-slice: spawning costs about
//     a microsecond. Halve the worker budget at each level and go serial
//     when it reaches 1 (or when the slice is small).
//   - The final merge is serial: by Amdahl's law it caps the speedup. That
//     is expected; the grader's threshold allows for it.
package mergesort
