//go:build parlabsuite

package histogram_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"parlab/exercises/histogram"
	"parlab/grader/measure"
	"parlab/grader/suitekit"
	"parlab/reference"
)

// timingPixels is the timed input size: 32 Mi pixels, which the serial
// reference counts in a few tens of milliseconds.
const timingPixels = 32 << 20

func TestSpeedup(t *testing.T) {
	suitekit.Begin(t)
	measure.Run(t, measure.Kernel[[]uint8, [histogram.Bins]int]{
		NewInput: func(rng *rand.Rand) []uint8 {
			p := make([]uint8, timingPixels)
			for i := 0; i < len(p); i += 8 {
				v := rng.Uint64()
				for b := range 8 {
					p[i+b] = uint8(v >> (8 * b))
				}
			}
			return p
		},
		Reference: reference.Histogram,
		Learner:   histogram.Parallel,
		Equal:     func(a, b [histogram.Bins]int) bool { return a == b },
		Describe:  func(w int) string { return fmt.Sprintf("Parallel(pixels, %d)", w) },
	})
}
