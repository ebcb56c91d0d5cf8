//go:build parlabsuite

package histogram_test

import (
	"testing"

	"parlab/grader/suite/lib/histogramtests"
	"parlab/grader/suite/lib/kit"
)

func TestSpeedup(t *testing.T) {
	kit.Begin(t)
	histogramtests.Speedup(t, funcs)
}
