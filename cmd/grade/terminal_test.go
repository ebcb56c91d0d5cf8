package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnATerminal runs the built grade command on a pseudo-terminal (with
// util-linux script) and checks what a learner sees: a live status line on
// stderr, cleared before the report, and a coloured report; with NO_COLOR,
// no colour.
func TestOnATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grade and grades an exercise")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("needs script(1) from util-linux to make a pseudo-terminal")
	}
	bin := filepath.Join(t.TempDir(), "grade")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	run := func(env ...string) string {
		cmd := exec.Command(script, "-qec", bin+" exercise histogram --solution --no-speedup", "/dev/null")
		cmd.Env = append(os.Environ(), append(env, "PARLAB_ROOT="+root, "TERM=xterm")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return string(out)
	}
	out := run()
	for _, want := range []string{
		"histogram: building...",
		"histogram: running tests under the race detector...",
		"\r\x1b[K\x1b[1mparlab · histogram", // the status line is cleared before the report
		"\x1b[32;1mPASS\x1b[0;22m  correct",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal output lacks %q:\n%q", want, out)
		}
	}
	plain := run("NO_COLOR=1")
	report := plain[strings.Index(plain, "parlab · histogram"):]
	if strings.Contains(report, "\x1b[") {
		t.Errorf("NO_COLOR=1 still coloured the report:\n%q", report)
	}
}
