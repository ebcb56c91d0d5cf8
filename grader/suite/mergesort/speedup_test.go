//go:build parlabsuite

package mergesort_test

import (
	"testing"

	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/mergesorttests"
)

func TestSpeedup(t *testing.T) {
	kit.Begin(t)
	mergesorttests.Speedup(t, funcs)
}
