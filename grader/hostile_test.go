package grader

import (
	"bytes"
	"context"
	"encoding/json"
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
	"parlab/grader/history"
	"parlab/grader/phaselock"
	"parlab/grader/sandbox"
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
	t.Parallel()
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
	t.Parallel()
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
	ws, sub := escapeWorkspace(t, root, spec)
	planted := filepath.Join(root, "parlab-planted-by-a-test")
	defer os.Remove(planted)
	marker := "parlab-escape-" + filepath.Base(ws.dir)
	env := sandboxtest.Env([]string{filepath.Join(root, "go.mod"), root, ws.overlay, ws.dir},
		[]string{filepath.Join(ws.dir, plainBinary), planted}, marker)
	r := &run{ctx: context.Background(), spec: spec, opts: withDefaults(Options{Root: root}), ws: ws, sub: sub,
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
func escapeWorkspace(t *testing.T, root string, spec exercise.Spec) (*workspace, *submission) {
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
	return ws, sub
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
	t.Setenv(history.DirEnv, tmp)
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

// TestCgoNeverRuns grades the cgo attacks (a preamble that #includes the
// model answer and /etc/passwd; C, assembly and object files beside the
// .go ones) with a C compiler on PATH and in CC that leaves a marker when
// it runs: the honest check must fail them before anything is built, so
// the compiler never runs, and no message may quote what they include.
func TestCgoNeverRuns(t *testing.T) {
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	bin, marker := t.TempDir(), filepath.Join(t.TempDir(), "a C compiler ran")
	fake := "#!/bin/sh\necho \"$0 $*\" >> '" + marker + "'\nexit 1\n"
	for _, name := range []string{"gcc", "cc", "clang", "x86_64-linux-gnu-gcc", "as", "ld"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("CC", filepath.Join(bin, "gcc"))
	passwd, _ := os.ReadFile("/etc/passwd")
	answer, err := os.ReadFile(filepath.Join(root, "solutions", "histogram", "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"cgo-include", "cgo-files"} {
		t.Run(dir, func(t *testing.T) {
			res, err := Grade(context.Background(), spec, Options{Root: root, Dir: filepath.Join(root, "grader", "testdata", "histogram", dir)})
			if err != nil {
				t.Fatal(err)
			}
			if ran, err := os.ReadFile(marker); err == nil {
				t.Fatalf("a C compiler ran on a submission that fails the honest check:\n%s", ran)
			}
			if c := res.Check(verdict.Honest); c.Status != verdict.Fail {
				t.Errorf("honest: %s %q", c.Status, c.Message)
			}
			if c := res.Check(verdict.Builds); c.Status != verdict.Skip {
				t.Errorf("builds: %s %q, want skip: nothing is built", c.Status, c.Message)
			}
			out, _ := json.Marshal(res)
			// Any line of what the attack includes, as a C compiler's
			// error would quote it.
			for _, secret := range append(strings.Split(string(passwd), "\n"), strings.Split(string(answer), "\n")...) {
				if s := strings.TrimSpace(secret); len(s) >= 12 && bytes.Contains(out, []byte(s)) {
					t.Errorf("the result quotes an included file: %q", s)
				}
			}
			for _, token := range []string{"passwd", "SRCDIR", "solutions/histogram"} {
				if bytes.Contains(out, []byte(token)) {
					t.Errorf("the result quotes the attack's preamble (%q)", token)
				}
			}
		})
	}
}

// TestBuildsRunInTheSandbox: the builds of a submission (go test -c, go
// vet, and what they run) read only the toolchain, the module and the
// workspace. A package file the overlay takes from a folder outside them
// cannot be read, while the same file in the workspace builds.
func TestBuildsRunInTheSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a submission")
	}
	if !landlocked() {
		t.Skip("no Landlock on this machine: the builds run unconfined, as the report's notes say")
	}
	root, _ := filepath.Abs("..")
	spec, _ := exercise.Lookup("histogram")
	sub, err := readSubmission(root, filepath.Join(root, spec.SolutionDir()), spec.Name)
	if err != nil {
		t.Fatal(err)
	}
	extra := []byte("package histogram\n\n// Extra is one more file of the package.\nconst Extra = 1\n")
	// build builds the model answer with extra.go, which the overlay takes
	// from the folder where returns.
	build := func(where func(*workspace) string) verdict.Check {
		t.Helper()
		ws, err := newWorkspace(root, spec, sub)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.remove()
		at := filepath.Join(where(ws), "extra.go")
		if err := os.WriteFile(at, extra, 0o600); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(ws.overlay)
		if err != nil {
			t.Fatal(err)
		}
		var o struct{ Replace map[string]string }
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		o.Replace[filepath.Join(root, spec.StubDir(), "extra.go")] = at
		if raw, err = json.Marshal(o); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ws.overlay, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		r := &run{ctx: context.Background(), spec: spec, opts: withDefaults(Options{Root: root, NoSpeedup: true}), ws: ws, sub: sub,
			paths: check.Paths{Root: root, PkgDir: spec.StubDir(), Copies: []string{ws.srcDir()}}}
		c, _, _, err := r.build(func() {})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	outside := t.TempDir()
	if c := build(func(*workspace) string { return outside }); c.Status != verdict.Fail || !strings.Contains(c.Details+c.Message, "permission denied") {
		t.Errorf("a build read a file outside the toolchain, the module and its workspace: builds %s %q\n%s", c.Status, c.Message, c.Details)
	}
	if c := build((*workspace).srcDir); c.Status != verdict.Pass {
		t.Errorf("the same file in the workspace: builds %s %q\n%s", c.Status, c.Message, c.Details)
	}
}

// landlocked reports whether this machine's sandbox confines files.
func landlocked() bool {
	for _, f := range sandbox.Features() {
		if f.Name == "landlock filesystem" {
			return f.Available
		}
	}
	return false
}
