//go:build parlabsuite

package mergesort_test

import (
	"testing"

	"parlab/exercises/mergesort"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/mergesorttests"
)

// The tests' bodies are in mergesorttests, compiled once; these lines
// bind the learner's functions to them.
var funcs = mergesorttests.Funcs{Merge: mergesort.Merge, Sort: mergesort.Sort}

func TestMerge(t *testing.T) {
	kit.Begin(t)
	mergesorttests.Merge(t, funcs)
}

func TestSort(t *testing.T) {
	kit.Begin(t)
	mergesorttests.Sort(t, funcs)
}

func TestSortWorkersNotDividingSize(t *testing.T) {
	kit.Begin(t)
	mergesorttests.SortWorkersNotDividingSize(t, funcs)
}

func TestSortKeepsToItsWorkers(t *testing.T) {
	kit.Begin(t)
	mergesorttests.SortKeepsToItsWorkers(t, funcs)
}

func TestSortDefaultWorkers(t *testing.T) {
	kit.Begin(t)
	mergesorttests.SortDefaultWorkers(t, funcs)
}

func TestNothingStartsLater(t *testing.T) {
	kit.Begin(t)
	mergesorttests.NothingStartsLater(t)
}
