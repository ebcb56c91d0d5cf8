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

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/phaselock"
	"parlab/grader/progress"
	"parlab/grader/sandbox/sandboxtest"
	"parlab/grader/verdict"
	"parlab/internal/testbuild"
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

// raceBuild is set when this test binary has the race detector
// (race_test.go).
var raceBuild bool

var (
	gradeOnce  sync.Once
	gradeBuilt string
	gradeErr   error
)

// gradeCommand is the grade command, built once for the tests that run it
// as a process (with -race when they run with it: the race-built packages
// are then shared, not compiled a second time on a cold cache).
func gradeCommand(t *testing.T) string {
	t.Helper()
	gradeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "parlab-grade-bin-")
		if err != nil {
			gradeErr = err
			return
		}
		gradeBuilt, gradeErr = testbuild.Grade("..", dir, raceBuild)
	})
	if gradeErr != nil {
		t.Fatal(gradeErr)
	}
	return gradeBuilt
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
	bin := gradeCommand(t)
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
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
	if pids := gotest.FindProcesses(filepath.Join(scratch)); len(pids) > 0 {
		t.Errorf("processes still running from the workspace: %v", pids)
	}
}

// TestTestBinariesRunInTheSandbox stands a program that tries every
// escape in for both test binaries of a real workspace, and runs them as
// the grader does: neither may read the checkout or the workspace's
// overlay, replace the other binary, write outside its work and temporary
// folders, open /proc/self/mem or a socket, or leave a child running
// (setsid, empty environment).
func TestTestBinariesRunInTheSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	ws := escapeWorkspace(t, root, spec)
	planted := filepath.Join(root, "parlab-planted-by-a-test")
	defer os.Remove(planted)
	marker := "parlab-escape-" + filepath.Base(ws.dir)
	env := sandboxtest.Env([]string{filepath.Join(root, "go.mod"), root, ws.overlay, ws.dir},
		[]string{filepath.Join(ws.dir, plainBinary), planted}, marker)
	r := &run{ctx: context.Background(), spec: spec, opts: withDefaults(Options{Root: root}), ws: ws,
		paths: check.Paths{Root: root, PkgDir: spec.StubDir()}}

	res, _, err := r.runPlain("timing", contract.SpeedupTest, 1, nil, env...)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range sandboxtest.Problems(string(res.Stdout), 4, 2, true) {
		t.Errorf("timing run: %s", problem)
	}
	// The race run goes through test2json, which passes the environment
	// on; run it with the same attempts.
	r.opts.Progress = func(string) {}
	suiteEnv = env
	defer func() { suiteEnv = nil }()
	tr, err := r.runSuite()
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range sandboxtest.Problems(tr.Run.AllOutput(), 4, 2, true) {
		t.Errorf("race run: %s", problem)
	}
	if _, err := os.Stat(planted); err == nil {
		t.Errorf("a test binary wrote into the checkout")
	}
	if _, err := os.Stat(filepath.Join(ws.tmp(), "planted")); err != nil {
		t.Errorf("TMPDIR is not the workspace's temporary folder: %v", err)
	}
	if pids := gotest.FindProcesses(marker); len(pids) > 0 {
		for _, pid := range pids {
			if p, err := os.FindProcess(pid); err == nil {
				p.Kill()
			}
		}
		t.Errorf("the escaped children %v outlived the runs", pids)
	}
}

// escapeWorkspace is a workspace for spec's model answer whose two test
// binaries are sandboxtest's escape program; it is removed when t ends.
func escapeWorkspace(t *testing.T, root string, spec exercise.Spec) *workspace {
	t.Helper()
	sub, err := readSubmission(root, filepath.Join(root, spec.SolutionDir()), spec.Name)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := newWorkspace(root, spec, sub)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ws.remove)
	escape := sandboxtest.Build(t, t.TempDir())
	for _, name := range []string{raceBinary, plainBinary} {
		data, err := os.ReadFile(escape)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ws.dir, name), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// TestSIGTERMEndsTheWaitForThePhaseLock: while another grade holds the
// machine-wide lock alone (it is timing), a grade waits before it builds;
// SIGTERM must end that wait and the grade (exit 130), with nothing left
// behind.
func TestSIGTERMEndsTheWaitForThePhaseLock(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grade command")
	}
	root, _ := filepath.Abs("..")
	tmp := t.TempDir()
	bin := gradeCommand(t)
	scratch := filepath.Join(tmp, "scratch")
	if err := os.Mkdir(scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	// Another grade that is timing, as far as the lock can tell: this
	// process, with the same lock folder.
	t.Setenv(progress.DirEnv, tmp)
	release, err := phaselock.Exclusive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	cmd := exec.Command(bin, "exercise", "histogram", "--dir", filepath.Join(root, "solutions", "histogram"))
	cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "PARLAB_ROOT="+root)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once its workspace is laid out, the grade's next step is the wait.
	for {
		if found, _ := filepath.Glob(filepath.Join(scratch, "parlab-grade-*", "overlay.json")); len(found) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit status %d after SIGTERM while waiting for the lock, want 130; stderr: %s", code, stderr.String())
	}
	left, _ := os.ReadDir(scratch)
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}
