//go:build unix

package gotest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRunKillsTheWholeGroupAtTheTimeout(t *testing.T) {
	t.Parallel()
	// The shell starts a grandchild that would outlive a kill of the shell
	// alone.
	res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", "sleep 30 & sleep 30"}, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if !res.TimedOut || res.ExitCode == 0 {
		t.Fatalf("timed out %v, exit %d", res.TimedOut, res.ExitCode)
	}
}

// TestRunAsksForADumpBeforeKilling: at the timeout the members of the group
// other than its leader get SIGQUIT (a Go program prints its goroutines),
// and the leader lives on to pass their output along.
func TestRunAsksForADumpBeforeKilling(t *testing.T) {
	t.Parallel()
	script := `sh -c 'trap "echo dumped; exit 2" QUIT; while :; do sleep 0.05; done'; echo leader-still-here`
	res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", script}, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Stdout)
	if !res.TimedOut || !strings.Contains(out, "dumped") || !strings.Contains(out, "leader-still-here") {
		t.Fatalf("timed out %v, output %q", res.TimedOut, out)
	}
}

// TestRunSweepsEscapedDescendants: a grandchild that left the process
// group (setsid) is still found, by the run's tag in its environment, and
// killed.
func TestRunSweepsEscapedDescendants(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("needs setsid(1)")
	}
	res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", "setsid sleep 31337 & echo started"}, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Stdout), "started") {
		t.Fatalf("output %q", res.Stdout)
	}
	time.Sleep(100 * time.Millisecond)
	if pids := FindProcesses("sleep\x0031337"); len(pids) > 0 {
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		t.Fatalf("the escaped grandchild %v survived the run", pids)
	}
}

// TestRunKillsAtTheMemoryLimit: the memory of the tree's processes
// together, read through gopsutil, stops a run that exceeds the limit,
// also when the process that takes it starts after the first looks (the
// poll looks for new descendants every rescanEvery only).
func TestRunKillsAtTheMemoryLimit(t *testing.T) {
	t.Parallel()
	// tail keeps the last 400 MB it reads in memory: a child of sh, so
	// only the sum over the tree sees it.
	const hog = "head -c 400000000 /dev/zero | tail -c 400000000 | wc -c"
	for _, script := range []string{hog, "sleep 0.5; " + hog} {
		res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", script}, MemoryLimit: 64 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if !res.OutOfMemory || res.PeakMemory <= 64<<20 || res.ExitCode == 0 {
			t.Fatalf("%s: out of memory %v, peak %d MiB, exit %d, output %q", script, res.OutOfMemory, res.PeakMemory>>20, res.ExitCode, res.Stdout)
		}
	}
}

// BenchmarkMemoryPoll is what one look at a tree's memory costs: the
// grader takes one every 50 ms of a test run.
func BenchmarkMemoryPoll(b *testing.B) {
	t := &groupTree{pgid: os.Getpid(), seen: newSeen(os.Getpid())}
	for b.Loop() {
		t.memory()
	}
}
