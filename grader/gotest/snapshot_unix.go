//go:build !windows

package gotest

import "github.com/shirou/gopsutil/v4/process"

func init() {
	// Reading a process's parent also works out its start time from the
	// boot time, which gopsutil otherwise reads again every time.
	process.EnableBootTimeCache(true)
}

// takeSnapshot reads every process's parent through gopsutil: /proc on
// Linux, sysctl on macOS.
func takeSnapshot() snapshot {
	pids, err := process.Pids()
	if err != nil {
		return nil
	}
	s := snapshot{}
	for _, pid := range pids {
		// A bare Process: NewProcess would first check again that the
		// pid exists, doubling the reads of every poll.
		ppid, err := (&process.Process{Pid: pid}).Ppid()
		if err == nil {
			s[ppid] = append(s[ppid], pid)
		}
	}
	return s
}
