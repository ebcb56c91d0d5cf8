//go:build parlabsuite

package histogram_test

import (
	"testing"

	"parlab/exercises/histogram"
	"parlab/grader/suite/lib/histogramtests"
	"parlab/grader/suite/lib/kit"
)

// The tests' bodies are in histogramtests, compiled once; these lines
// bind the learner's functions to them.
var funcs = histogramtests.Funcs{Chunk: histogram.Chunk, Parallel: histogram.Parallel}

func TestChunk(t *testing.T) {
	kit.Begin(t)
	histogramtests.Chunk(t, funcs)
}

func TestParallel(t *testing.T) {
	kit.Begin(t)
	histogramtests.Parallel(t, funcs)
}

// TestParallelMoreWorkersThanPixels covers n < workers, where a naive
// split makes empty or negative chunks.
func TestParallelMoreWorkersThanPixels(t *testing.T) {
	kit.Begin(t)
	histogramtests.ParallelMoreWorkersThanPixels(t, funcs)
}

// TestParallelRemainder covers lengths that do not divide by workers: the
// last pixels must be counted too.
func TestParallelRemainder(t *testing.T) {
	kit.Begin(t)
	histogramtests.ParallelRemainder(t, funcs)
}

// TestParallelDefaultWorkers covers workers < 1, which means GOMAXPROCS.
func TestParallelDefaultWorkers(t *testing.T) {
	kit.Begin(t)
	histogramtests.ParallelDefaultWorkers(t, funcs)
}

// TestNothingStartsLater runs after the tests of small inputs (and
// TestTimedSize, which runs last, ends with the same check).
func TestNothingStartsLater(t *testing.T) {
	kit.Begin(t)
	histogramtests.NothingStartsLater(t)
}
