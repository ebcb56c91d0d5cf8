package speedup

import (
	"os"
	"runtime"
	"strconv"
	"strings"
)

// UsableCores is how many cores this process may really run on: the CPUs
// in its affinity mask (runtime.NumCPU honours it), capped by a cgroup v2
// CPU quota (cpu.max) when one is set, as in a container.
func UsableCores() int {
	n := runtime.NumCPU()
	if q := CPUQuota(); q > 0 && q < n {
		n = q
	}
	return max(n, 1)
}

// CPUQuota is the whole cores a cgroup v2 CPU quota (cpu.max) allows this
// process, or 0 when none is set (or this is not Linux).
func CPUQuota() int { return cgroupQuota("/sys/fs/cgroup/cpu.max") }

// cgroupQuota reads "QUOTA PERIOD" from a cpu.max file and returns the
// whole cores it allows (rounded down, at least 1), or 0 for no limit.
func cgroupQuota(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data))
	if len(fields) != 2 || fields[0] == "max" {
		return 0
	}
	quota, err1 := strconv.ParseFloat(fields[0], 64)
	period, err2 := strconv.ParseFloat(fields[1], 64)
	if err1 != nil || err2 != nil || period <= 0 {
		return 0
	}
	return max(int(quota/period), 1)
}
