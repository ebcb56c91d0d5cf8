package sandbox_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"parlab/grader/sandbox"
	"parlab/grader/sandbox/sandboxtest"
)

// build compiles the package in testdata/NAME with the go command's args
// into the test's temporary folder.
func build(t *testing.T, name string, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	cmd := exec.Command("go", append(append(args, "-o", out), "./testdata/"+name)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot build testdata/%s: %v\n%s", name, err, msg)
	}
	return out
}

// run starts prog under p with its working folder and TMPDIR in work and
// env added to the environment.
func run(t *testing.T, p sandbox.Policy, work string, prog string, env ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(prog)
	cmd.Dir = work
	cmd.Env = append(append(os.Environ(), "TMPDIR="+work), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	launch, err := sandbox.Prepare(cmd, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := launch.Started(cmd.Start()); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	return o.String(), e.String(), err
}

// TestRaceRuntimeWorksInside: a race-enabled test binary still runs and
// still reports its race with nothing of /proc or /sys readable.
func TestRaceRuntimeWorksInside(t *testing.T) {
	t.Parallel()
	bin := build(t, "racy", "test", "-c", "-race")
	work := t.TempDir()
	p := sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}}
	out, errOut, err := run(t, p, work, bin)
	if !strings.Contains(errOut, "WARNING: DATA RACE") || !strings.Contains(out, "--- FAIL: TestRace") {
		t.Fatalf("the race run did not report its race (%v)\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
}

// TestRaceRuntimeReadsGORACE: with OwnEnviron the race detector finds
// GORACE, which its runtime reads from /proc/self/environ: its report
// goes to the log_path file, not the program's output, and the second
// it sleeps at exit by default is not slept. Without OwnEnviron it finds
// no GORACE at all (what the grader's race runs suffered before).
func TestRaceRuntimeReadsGORACE(t *testing.T) {
	t.Parallel()
	if !hasFeature("landlock filesystem") {
		t.Skip("no landlock on this kernel: /proc is not hidden, GORACE is always read")
	}
	bin := build(t, "racy", "test", "-c", "-race")
	for _, own := range []bool{true, false} {
		work := t.TempDir()
		logs := filepath.Join(work, "race")
		p := sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}, OwnEnviron: own}
		_, errOut, _ := run(t, p, work, bin, "GORACE=atexit_sleep_ms=0 log_path="+logs)
		files, _ := filepath.Glob(logs + ".*")
		inFile := len(files) == 1
		if inFile {
			data, _ := os.ReadFile(files[0])
			inFile = strings.Contains(string(data), "WARNING: DATA RACE")
		}
		inOutput := strings.Contains(errOut, "WARNING: DATA RACE")
		if own && (!inFile || inOutput) {
			t.Errorf("OwnEnviron: the race report went to the output (%v), not to its log file (%v: %v)", inOutput, inFile, files)
		}
		if !own && (inFile || !inOutput) {
			t.Errorf("without OwnEnviron the runtime should not see GORACE (it reads /proc/self/environ, which the sandbox hides); the report went to its log file: %v", files)
		}
	}
}

// TestOwnEnvironIsTheOnlyProcFile: OwnEnviron opens the program's own
// environment and nothing else of /proc: not its memory map, not the
// grader's environment (which may hold a token), not the folder.
func TestOwnEnvironIsTheOnlyProcFile(t *testing.T) {
	if !hasFeature("landlock filesystem") {
		t.Skip("no landlock on this kernel")
	}
	bin := sandboxtest.Build(t, t.TempDir())
	work := t.TempDir()
	grader := fmt.Sprintf("/proc/%d/environ", os.Getpid())
	reads := []string{"/proc/self/environ", "/proc/self/maps", grader, "/proc/1/environ", "/proc"}
	p := sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}, OwnEnviron: true}
	out, errOut, err := run(t, p, work, bin, sandboxtest.Env(reads, nil, "")...)
	if err != nil {
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
	for _, path := range reads {
		line := lineFor(out, "read "+path)
		allowed := path == "/proc/self/environ"
		if got := strings.HasSuffix(line, ": ok"); got != allowed {
			t.Errorf("read %s: got %q, want allowed=%v", path, line, allowed)
		}
	}
}

// TestEscapesAreStopped runs a program that tries what hostile learner
// code would: every attempt that leaves its workspace must fail, writing
// in it must work, and the child it leaves running (setsid, empty
// environment) must not outlive it.
func TestEscapesAreStopped(t *testing.T) {
	t.Parallel()
	bin := sandboxtest.Build(t, t.TempDir())
	work, outside := t.TempDir(), t.TempDir()
	checkout, err := filepath.Abs("sandbox_linux_test.go")
	if err != nil {
		t.Fatal(err)
	}
	marker := fmt.Sprintf("parlab-escape-%d", time.Now().UnixNano())
	p := sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}}
	out, errOut, err := run(t, p, work, bin, sandboxtest.Env([]string{checkout, filepath.Dir(checkout)},
		[]string{filepath.Join(outside, "planted"), bin}, marker)...)
	if err != nil {
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
	for _, problem := range sandboxtest.Problems(out, 2, 2, true) {
		t.Error(problem)
	}
	if _, err := os.Stat(filepath.Join(outside, "planted")); err == nil {
		t.Errorf("a file was planted outside the workspace")
	}
	if pids := findProcesses(marker); len(pids) > 0 {
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if !hasFeature("pid namespace") {
			t.Skipf("no pid namespace on this kernel: the escaped child %v outlived the run (the grader's sweep is its only defence)", pids)
		}
		t.Errorf("the escaped child %v outlived the run", pids)
	}
}

func lineFor(out, name string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name+": ") {
			return line
		}
	}
	return ""
}

// findProcesses lists the processes whose command line holds s.
func findProcesses(s string) []int {
	var pids []int
	files, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil && bytes.Contains(data, []byte(s)) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
			pids = append(pids, pid)
		}
	}
	return pids
}

// hasFeature reports whether this machine's sandbox provides the
// feature named name ("pid namespace", "landlock filesystem").
func hasFeature(name string) bool {
	for _, f := range sandbox.Features() {
		if f.Name == name {
			return f.Available
		}
	}
	return false
}

// TestALauncherThatFailsSaysWhy: when the launcher cannot become the
// program, the grader hears why through the status pipe, as an error, not
// as an exit status the program could have chosen.
func TestALauncherThatFailsSaysWhy(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-program")
	cmd := exec.Command(missing)
	launch, err := sandbox.Prepare(cmd, sandbox.Policy{ReadExec: sandbox.SystemPaths()})
	if err != nil {
		t.Fatal(err)
	}
	err = launch.Started(cmd.Start())
	_ = cmd.Wait()
	if err == nil || !strings.Contains(err.Error(), "no-such-program") {
		t.Fatalf("Started returned %v, want an error naming the program", err)
	}
}

// TestAWritableFileOutsideTheWorkspace: a file named in ReadWrite (a
// run's report file) can be written, and its neighbours cannot.
func TestAWritableFileOutsideTheWorkspace(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh(1)")
	}
	dir, work := t.TempDir(), t.TempDir()
	report, neighbour := filepath.Join(dir, "report"), filepath.Join(dir, "neighbour")
	for _, f := range []string{report, neighbour} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := sandbox.Policy{ReadExec: append(sandbox.SystemPaths(), "/bin", "/usr/bin"), ReadWrite: []string{work, report}}
	cmd := exec.Command(sh, "-c", `echo written >> "$1"; echo planted >> "$2"; true`, "sh", report, neighbour)
	cmd.Dir = work
	launch, err := sandbox.Prepare(cmd, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := launch.Started(cmd.Start()); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if data, _ := os.ReadFile(report); string(data) != "written\n" {
		t.Errorf("the report file holds %q, want the run's line", data)
	}
	if data, _ := os.ReadFile(neighbour); len(data) > 0 && len(sandbox.Missing()) == 0 {
		t.Errorf("a file beside the report file was written: %q", data)
	}
}

// TestMaxData: the cap on data is the kernel's, so an allocation past it
// fails at once, in a plain binary and under the race detector (whose
// shadow memory counts there), while a program well within it runs.
func TestMaxData(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds two binaries and allocates up to the 1 GiB cap in each")
	}
	for _, race := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "race"}[race], func(t *testing.T) {
			t.Parallel()
			args := []string{"build"}
			if race {
				args = append(args, "-race")
			}
			bin := build(t, "alloc", args...)
			work := t.TempDir()
			p := sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}, MaxData: 1 << 30}
			out, errOut, err := run(t, p, work, bin, "PARLAB_ALLOC_MIB=64")
			if err != nil || !strings.Contains(out, "allocated 64 MiB") {
				t.Errorf("64 MiB under a 1 GiB cap: %v\nstdout: %s\nstderr: %.2000s", err, out, errOut)
			}
			out, errOut, err = run(t, p, work, bin, "PARLAB_ALLOC_MIB=3000")
			if err == nil || strings.Contains(out, "allocated") {
				t.Errorf("3000 MiB under a 1 GiB cap: %v, stdout %q", err, out)
			}
			if !strings.Contains(errOut, "out of memory") && !strings.Contains(errOut, "ThreadSanitizer failed to allocate") {
				t.Errorf("the refusal does not say memory: %.2000s", errOut)
			}
		})
	}
}
