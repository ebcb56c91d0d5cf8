//go:build !unix

package measure

import "time"

// processCPU is the CPU time the process has used so far; this system's
// count (Windows': in steps of a clock tick, 15.6 ms, as long as a
// judged call) is too coarse to compare calls by, so it cannot say.
func processCPU() (time.Duration, bool) { return 0, false }
