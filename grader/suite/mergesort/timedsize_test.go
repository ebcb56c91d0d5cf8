//go:build parlabsuite

package mergesort_test

import (
	"testing"

	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/mergesorttests"
)

// TestTimedSize runs the timed call once under the race detector, at the
// timed size and on one core too. It is the suite's last test (its file's
// name sorts last): a call too slow to wait for is left running when it
// skips.
func TestTimedSize(t *testing.T) {
	kit.Begin(t)
	mergesorttests.TimedSize(t, funcs)
}
