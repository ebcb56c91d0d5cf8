// Package sandboxtest is what the tests of the sandbox share: a program
// that tries every escape hostile learner code would (testdata/escape),
// and the reading of what it managed.
package sandboxtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"parlab/grader/sandbox"
)

// Build compiles testdata/escape into dir and returns its path; the test
// is skipped where the go command cannot build it.
func Build(t testing.TB, dir string) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	out := filepath.Join(dir, "escape")
	cmd := exec.Command("go", "build", "-o", out, "./testdata/escape")
	cmd.Dir = filepath.Dir(here)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot build the escape program: %v\n%s", err, msg)
	}
	return out
}

// Env is the environment that tells testdata/escape, a program that
// tries what hostile learner code would, what to read, what to write and
// how to name the child it leaves running: for the tests of this package
// and of the grader.
func Env(read, write []string, marker string) []string {
	join := func(paths []string) string { return strings.Join(paths, string(os.PathListSeparator)) }
	return []string{"PARLAB_ESCAPE_READ=" + join(read), "PARLAB_ESCAPE_WRITE=" + join(write), "PARLAB_ESCAPE_MARKER=" + marker}
}

// Problems reads testdata/escape's output and lists what went wrong:
// an attempt that was not made (it expects reads and writes of each), one
// that got through the sandbox, or a write in the workspace or TMPDIR that
// failed. An attempt that got through because this machine lacks the
// feature that stops it (sandbox.Features) is not a problem.
func Problems(out string, reads, writes int, child bool) []string {
	var problems []string
	lines := map[string]string{}
	counts := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		name, result, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		lines[name] = result
		kind, _, _ := strings.Cut(name, " ")
		counts[kind]++
	}
	if counts["read"] != reads || counts["write"] != writes {
		problems = append(problems, fmt.Sprintf("%d reads and %d writes were tried, want %d and %d; output:\n%s", counts["read"], counts["write"], reads, writes, out))
	}
	for _, name := range []string{"proc-self-mem", "socket", "unix-socket", "write-workspace", "write-tmpdir", "escaped-child"} {
		if _, ok := lines[name]; !ok && (name != "escaped-child" || child) {
			problems = append(problems, fmt.Sprintf("%s was not tried; output:\n%s", name, out))
		}
	}
	available := map[string]bool{}
	for _, f := range sandbox.Features() {
		available[f.Name] = f.Available
	}
	for name, result := range lines {
		denied := strings.HasPrefix(result, "denied")
		kind, _, _ := strings.Cut(name, " ")
		switch stopper := stoppedBy[kind]; {
		case stopper == "" && denied:
			problems = append(problems, fmt.Sprintf("%s should work inside the workspace: %s", name, result))
		case stopper != "" && !denied && available[stopper]:
			problems = append(problems, fmt.Sprintf("%s got through the sandbox (%s)", name, stopper))
		}
	}
	return problems
}

// stoppedBy names the feature that stops each attempt; attempts it does not
// list must work.
var stoppedBy = map[string]string{
	"read":          "landlock filesystem",
	"write":         "landlock filesystem",
	"proc-self-mem": "landlock filesystem",
	"socket":        "seccomp socket filter",
	"unix-socket":   "seccomp socket filter",
}
