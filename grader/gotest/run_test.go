package gotest

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestHeadTailKeepsBothEnds(t *testing.T) {
	h := newHeadTail(10)
	h.Write([]byte("HEAD-"))
	h.Write(bytes.Repeat([]byte("x"), 1000))
	h.Write([]byte("-TAIL"))
	got := string(h.Bytes())
	if !strings.HasPrefix(got, "HEAD-") || !strings.HasSuffix(got, "-TAIL") || !strings.Contains(got, "1000 bytes of output dropped") {
		t.Fatalf("got %q", got)
	}
}

func TestHeadTailSmallOutputUntouched(t *testing.T) {
	h := newHeadTail(100)
	h.Write([]byte("hello "))
	h.Write([]byte("world"))
	if got := string(h.Bytes()); got != "hello world" {
		t.Fatalf("got %q", got)
	}
}

func TestRunKillsTheWholeGroupAtTheTimeout(t *testing.T) {
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
