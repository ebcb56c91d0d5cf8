package grader

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/phaselock"
	"parlab/grader/verdict"
)

func TestAMissingFolderIsAVerdict(t *testing.T) {
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	res, err := Grade(context.Background(), spec, Options{Root: root, Dir: filepath.Join(t.TempDir(), "nothing-here")})
	if err != nil {
		t.Fatalf("a missing folder is a grading outcome, not an error: %v", err)
	}
	if c := res.Check(verdict.Builds); c.Status != verdict.Fail || !strings.Contains(c.Message, "does not exist") {
		t.Errorf("builds: %s %q", c.Status, c.Message)
	}
}

// TestTwoGradersAtOnce grades two submissions concurrently in one checkout:
// separate workspaces and overlays, so neither sees the other's files.
func TestTwoGradersAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs submissions")
	}
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	dirs := map[string]verdict.Status{"testdata/histogram/remainder": verdict.Fail, "../solutions/histogram": verdict.Pass}
	var wg sync.WaitGroup
	for dir, want := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			abs, _ := filepath.Abs(dir)
			res, err := Grade(context.Background(), spec, Options{Root: root, Dir: abs, NoSpeedup: true})
			if err != nil {
				t.Errorf("%s: %v", dir, err)
				return
			}
			if c := res.Check(verdict.Correct); c.Status != want {
				t.Errorf("%s graded beside another: correct %s (%s), want %s", dir, c.Status, c.Message, want)
			}
		}()
	}
	wg.Wait()
}

// TestInterruptLeavesNothingBehind interrupts the grade command while it
// runs a deadlocking submission: it must stop at once, kill what it
// started and remove its temporary files.
func TestInterruptLeavesNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grade command")
	}
	root, _ := filepath.Abs("..")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "grade")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/grade").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	scratch := filepath.Join(tmp, "scratch")
	if err := os.Mkdir(scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "exercise", "histogram", "--dir", filepath.Join(root, "grader", "testdata", "histogram", "deadlock"))
	cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "PARLAB_ROOT="+root, "PARLAB_CACHE_DIR="+tmp)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the suite runs (its workspace holds the race binary),
	// then interrupt, as Ctrl-C does.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		found, _ := filepath.Glob(filepath.Join(scratch, "parlab-grade-*", "race.test"))
		if len(found) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the race binary never appeared in %s", scratch)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("grade did not stop after SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit status %d after an interrupt, want 130; stderr: %s", code, stderr.String())
	}
	left, _ := os.ReadDir(scratch)
	for _, e := range left {
		if e.Name() == phaselock.FileName {
			continue // the machine-wide lock file is meant to stay
		}
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
	if pids := gotest.FindProcesses(filepath.Join(scratch)); len(pids) > 0 {
		t.Errorf("processes still running from the workspace: %v", pids)
	}
}
