package gotest

import (
	"bytes"
	"strings"
	"time"

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
// parent (snapshot_unix.go, snapshot_windows.go).
type snapshot map[int32][]int32 // parent pid: children

// descendants lists root's descendants, not root itself. A parent pid can
// be stale (the parent died and its pid was reused), so the list may hold
// strangers: seen.member sorts them out.
func (s snapshot) descendants(root int32) []int32 {
	var out []int32
	visited := map[int32]bool{root: true}
	queue := []int32{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range s[p] {
			if !visited[c] {
				visited[c] = true
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
type seen struct {
	// since is when the tree's first process started (ms since the
	// epoch, as gopsutil gives it): no member started before.
	since int64
	procs map[int32]int64
	// scanned is when memory last looked for descendants, and last is
	// the members it found then.
	scanned time.Time
	last    []int32
}

func newSeen(root int) *seen {
	since, _ := (&process.Process{Pid: int32(root)}).CreateTime()
	return &seen{since: since, procs: map[int32]int64{}}
}

// member notes pid and reports whether it belongs to the tree: it started
// no earlier than the tree's first process, so it is no stranger that
// took a dead parent's pid.
func (s *seen) member(pid int32) bool {
	if _, ok := s.procs[pid]; ok {
		return true
	}
	t, err := (&process.Process{Pid: pid}).CreateTime()
	if err != nil || t < s.since {
		return false
	}
	s.procs[pid] = t
	return true
}

// alive lists the noted processes that still run.
func (s *seen) alive() []*process.Process {
	var out []*process.Process
	for pid, started := range s.procs {
		p := &process.Process{Pid: pid}
		if t, err := p.CreateTime(); err == nil && t == started {
			out = append(out, p)
		}
	}
	return out
}

// memory is the resident memory of root and its descendants that are
// members, each noted. It looks for descendants (a snapshot of every
// process on the machine) at most every rescanEvery, and in between sums
// those it found at the last look: a snapshot took 2.3-2.8 ms of CPU with
// 68 processes on a 2-vCPU VM (each one's /proc entry opened and read),
// and a class's batch polls two children 20 times a second each, 11% of
// one core, more on a laptop that runs hundreds of processes, and beside
// the timing run. A descendant started since the last look is counted
// from the next one, at most rescanEvery later.
func (s *seen) memory(root int) int64 {
	if now := time.Now(); s.scanned.IsZero() || now.Sub(s.scanned) >= rescanEvery {
		s.scanned, s.last = now, s.last[:0]
		for _, pid := range takeSnapshot().descendants(int32(root)) {
			if s.member(pid) {
				s.last = append(s.last, pid)
			}
		}
	}
	total := rss(int32(root))
	for _, pid := range s.last {
		total += rss(pid)
	}
	return total
}

// rescanEvery is how often memory looks for new descendants.
const rescanEvery = 200 * time.Millisecond

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
