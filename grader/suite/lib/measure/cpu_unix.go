//go:build unix

package measure

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, all its threads
// together (the kernel's count, to the microsecond); ok is false where
// the system cannot say.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
