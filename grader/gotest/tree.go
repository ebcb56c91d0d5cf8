package gotest

import (
	"bytes"
	"strings"

	"github.com/shirou/gopsutil/v4/process"
)

// A tree is a started child and every process it starts, held as this
// operating system allows (tree_unix.go: a process group and, on Linux, the
// sandbox's pid namespace; tree_windows.go: a Job Object).
type tree interface {
	// dump asks the tree's programs for a goroutine dump (SIGQUIT): its
	// members other than the first, which may be a wrapper (test2json)
	// that must live on to pass the dump along, or the first alone. It
	// returns false where the system has no way to ask.
	dump() bool
	// kill ends every process of the tree, including those seen in it
	// that have left it since.
	kill()
	// memory is the resident memory of the tree's processes together;
	// each call also notes the processes it saw, for kill.
	memory() int64
	// release frees what holding the tree took.
	release()
}

// snapshot is one look at the processes of the machine: who is whose
// parent. gopsutil reads it from /proc on Linux, sysctl on macOS and a
// toolhelp snapshot on Windows.
type snapshot map[int32][]int32 // parent pid: children

func init() {
	// Reading a process's parent also works out its start time from the
	// boot time, which gopsutil otherwise reads again every time.
	process.EnableBootTimeCache(true)
}

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

// descendants lists root's descendants, not root itself.
func (s snapshot) descendants(root int32) []int32 {
	var out []int32
	queue := []int32{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range s[p] {
			if c != root {
				out = append(out, c)
				queue = append(queue, c)
			}
		}
	}
	return out
}

// rss is the resident memory of pid, 0 when it is gone.
func rss(pid int32) int64 {
	m, err := (&process.Process{Pid: pid}).MemoryInfo()
	if err != nil {
		return 0
	}
	return int64(m.RSS)
}

// seen remembers the processes a tree held, by pid and start time, so that
// one that has left it (setsid, re-parented to init) is still killed, and a
// pid reused since by another program is not.
type seen map[int32]int64

func (s seen) note(pid int32) {
	if _, ok := s[pid]; ok {
		return
	}
	if t, err := (&process.Process{Pid: pid}).CreateTime(); err == nil {
		s[pid] = t
	}
}

// alive lists the noted processes that still run.
func (s seen) alive() []*process.Process {
	var out []*process.Process
	for pid, started := range s {
		p := &process.Process{Pid: pid}
		if t, err := p.CreateTime(); err == nil && t == started {
			out = append(out, p)
		}
	}
	return out
}

// FindProcesses lists the processes whose command line holds args, in
// order and adjacent: what tests use to prove that nothing a run started
// survived it.
func FindProcesses(args ...string) []int {
	want := []byte(strings.Join(args, "\x00"))
	pids, _ := process.Pids()
	var out []int
	for _, pid := range pids {
		cmdline, err := (&process.Process{Pid: pid}).CmdlineSlice()
		if err == nil && bytes.Contains([]byte(strings.Join(cmdline, "\x00")), want) {
			out = append(out, int(pid))
		}
	}
	return out
}
