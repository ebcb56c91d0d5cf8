package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a command's output goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls until out holds want n times; go test's -timeout bounds
// a wait that never ends.
func waitFor(out *syncBuffer, want string, n int) {
	for strings.Count(out.String(), want) < n {
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWatchRegradesOnSave runs `grade watch` on a copy of the stub, breaks
// the copy, sees the re-grade fail to build, then stops it with Ctrl-C's
// signal. (Debouncing a burst of saves and cancelling a stale grade are
// grader/watch's tests.)
func TestWatchRegradesOnSave(t *testing.T) {
	if testing.Short() {
		t.Skip("grades an exercise twice")
	}
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "exercises", "histogram", "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "histogram.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	cmd := exec.Command(gradeBinary(t), "watch", "histogram", "--dir", dir, "--no-speedup", "--debounce", "100ms")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// The report streams: "not started yet" is printed before the grade
	// ends, and a save then would cancel it. Save once it is done.
	waitFor(&stdout, "not started yet", 1)
	waitFor(&stdout, "for changes", 1)
	if err := os.WriteFile(file, append(src, "\nfunc broken( {\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(&stdout, "failing: builds", 1)
	if runtime.GOOS == "windows" {
		return // no SIGINT to send; the deferred Kill ends it
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("watch ended with %v after Ctrl-C, want exit status 0\n%s", err, stderr.String())
	}
	if n := strings.Count(stdout.String(), "score "); n != 2 {
		t.Errorf("%d reports for a start and one save, want 2:\n%s", n, stdout.String())
	}
	if !strings.Contains(stderr.String(), "stopped watching") {
		t.Errorf("no goodbye on stderr: %q", stderr.String())
	}
}
