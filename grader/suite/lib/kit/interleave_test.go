package kit

import (
	"runtime"
	"testing"
)

func TestInterleave(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, interleavedProcs, 8} {
		runtime.GOMAXPROCS(procs)
		t.Run("", func(t *testing.T) {
			Interleave(t)
			if got, want := runtime.GOMAXPROCS(0), max(procs, interleavedProcs); got != want {
				t.Errorf("GOMAXPROCS %d: Interleave left %d, want %d", procs, got, want)
			}
		})
		if got := runtime.GOMAXPROCS(0); got != procs {
			t.Errorf("GOMAXPROCS %d: after the test it is %d, want it set back", procs, got)
		}
	}
}
