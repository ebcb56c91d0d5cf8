package gotest

import (
	"bytes"
	"context"
	"strings"
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
	if !res.TimedOut || res.ExitCode != -1 {
		t.Fatalf("timed out %v, exit %d", res.TimedOut, res.ExitCode)
	}
}

func TestRunReportsExitCodeAndOutput(t *testing.T) {
	res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", "echo out; echo err >&2; exit 3"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode != 3 || string(res.Stdout) != "out\n" || string(res.Stderr) != "err\n" || res.TimedOut {
		t.Fatalf("%+v", res)
	}
}

func TestRunMissingProgram(t *testing.T) {
	if _, err := Run(context.Background(), Command{Args: []string{"parlab-no-such-program"}}); err == nil {
		t.Fatal("no error for a missing program")
	}
}

func TestRunStopsAtTheMemoryLimit(t *testing.T) {
	// A shell holding 64 MiB in a variable, against a 16 MiB limit.
	res, err := Run(context.Background(), Command{
		Args:        []string{"sh", "-c", `x=$(head -c 67108864 /dev/zero | tr '\0' a); sleep 30`},
		MemoryLimit: 16 << 20, Timeout: 20 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OutOfMemory {
		t.Fatalf("not stopped for memory: peak %d MiB, timed out %v", res.PeakMemory>>20, res.TimedOut)
	}
}

func TestEnvironDropsUserGoFlags(t *testing.T) {
	t.Setenv("GOFLAGS", "-tags=evil")
	for _, kv := range Environ() {
		if strings.HasPrefix(kv, "GOFLAGS=") {
			t.Fatalf("GOFLAGS kept: %s", kv)
		}
	}
}
