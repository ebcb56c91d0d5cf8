package gotest

import (
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"parlab/grader/sandbox"
)

// TestRunSandboxEndsEveryProcess: a grandchild that leaves the process
// group (setsid) and clears its environment escapes both the group kill
// and the sweep; in the sandbox's pid namespace it still ends with the
// run.
func TestRunSandboxEndsEveryProcess(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"setsid", "env"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s(1)", tool)
		}
	}
	if !hasFeature("pid namespace") {
		t.Skip("this kernel gives the sandbox no pid namespace: ", sandbox.Missing())
	}
	policy := &sandbox.Policy{ReadExec: append(sandbox.SystemPaths(), "/bin", "/usr/bin"), ReadWrite: []string{t.TempDir()}}
	res, err := Run(context.Background(), Command{Args: []string{"sh", "-c", "env -i setsid sleep 31339 & echo started"},
		Sandbox: policy, MemoryLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Stdout), "started") {
		t.Fatalf("output %q %q", res.Stdout, res.Stderr)
	}
	if pids := FindProcesses("sleep\x0031339"); len(pids) > 0 {
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		t.Fatalf("the escaped grandchild %v survived the run", pids)
	}
}

func hasFeature(name string) bool {
	for _, f := range sandbox.Features() {
		if f.Name == name {
			return f.Available
		}
	}
	return false
}

// BenchmarkRun measures what the sandbox adds to starting a program: the
// launcher's start, the namespaces and the restrictions.
func BenchmarkRun(b *testing.B) {
	truePath, err := exec.LookPath("true")
	if err != nil {
		b.Skip("needs true(1)")
	}
	work := b.TempDir()
	for _, bc := range []struct {
		name    string
		sandbox *sandbox.Policy
	}{
		{"plain", nil},
		{"sandboxed", &sandbox.Policy{ReadExec: sandbox.SystemPaths(), ReadWrite: []string{work}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				res, err := Run(context.Background(), Command{Args: []string{truePath}, Sandbox: bc.sandbox, MemoryLimit: 1 << 30})
				if err != nil || res.ExitCode != 0 {
					b.Fatalf("%v %+v", err, res)
				}
			}
		})
	}
}
