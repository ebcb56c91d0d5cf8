package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestOnATerminal runs the built grade command on a pseudo-terminal (with
// util-linux script) and checks what a learner sees: a live status line on
// stderr, cleared before each line of the streamed report, and a coloured
// report; with NO_COLOR,
// no colour (checked on grade report, which grades nothing).
func TestOnATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grade and grades an exercise")
	}
	t.Parallel()
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("needs script(1) from util-linux to make a pseudo-terminal")
	}
	bin := gradeBinary(t)
	run := func(args string, env ...string) string {
		cmd := exec.Command(script, "-qc", bin+" "+args, "/dev/null")
		cmd.Env = append(os.Environ(), append(env, "TERM=xterm")...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return string(out)
	}
	out := run("exercise histogram --no-speedup")
	for _, want := range []string{
		"histogram: building...",
		"histogram: running tests under the race detector...",
		"\x1b[1mparlab · histogram",
		"\r\x1b[K  \x1b[32;1mPASS\x1b[0;22m  builds", // the status line is cleared before each streamed line
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal output lacks %q:\n%q", want, out)
		}
	}
	saved := savedResult(t, false)
	if out := run("report " + saved); !strings.Contains(out, "\x1b[31;1mFAIL\x1b[0;22m  started") {
		t.Errorf("grade report on a terminal is not coloured:\n%q", out)
	}
	plain := run("report "+saved, "NO_COLOR=1")
	report := plain[strings.Index(plain, "parlab · histogram"):]
	if strings.Contains(report, "\x1b[") {
		t.Errorf("NO_COLOR=1 still coloured the report:\n%q", report)
	}
}
