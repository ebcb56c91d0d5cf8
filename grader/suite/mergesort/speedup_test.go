//go:build parlabsuite

package mergesort_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"parlab/exercises/mergesort"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/measure"
	"parlab/reference"
)

// timingSize is the timed input: 256 Ki ints, which the serial merge sort
// takes a few tens of milliseconds to sort (about 35 ms here): long enough
// to time, short enough that a batch of a class stays quick.
const timingSize = 1 << 18

// kernel is what the timing run times, and TestTimedSize checks once
// under the race detector.
var kernel = measure.Kernel[[]int, []int]{
	NewInput: func(rng *rand.Rand) []int {
		xs := measure.Slice[int](timingSize)
		for i := range xs {
			xs[i] = int(rng.Uint64() >> 1)
		}
		return xs
	},
	Reference: reference.MergeSort,
	Split:     measure.SplitSlice[int],
	Learner:   mergesort.Sort,
	Equal:     slices.Equal[[]int],
	Describe:  func(w int) string { return fmt.Sprintf("Sort(xs, %d)", w) },
}

func TestSpeedup(t *testing.T) {
	kit.Begin(t)
	measure.Run(t, kernel)
}
