//go:build parlabsuite

package scalability_test

import (
	"testing"

	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/scalabilitytests"
)

// TestTimedSize runs the timed call once under the race detector, at the
// timed size and on one core too. It is the suite's last test (its file's
// name sorts last): a call too slow to wait for is left running when it
// skips.
func TestTimedSize(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.TimedSize(t, funcs)
}
