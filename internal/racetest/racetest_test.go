package racetest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func TestChildGORACE(t *testing.T) {
	for _, tc := range []struct {
		race   bool
		gorace string
		want   string
		again  bool
	}{
		{false, "", "", false},
		{true, "", "atexit_sleep_ms=0", true},
		{true, "halt_on_error=1 log_path=/w/race", "halt_on_error=1 log_path=/w/race atexit_sleep_ms=0", true},
		{true, "atexit_sleep_ms=5", "", false},
		{true, "history_size=2 atexit_sleep_ms=0", "", false},
	} {
		got, again := childGORACE(tc.race, tc.gorace)
		if got != tc.want || again != tc.again {
			t.Errorf("childGORACE(%v, %q) = %q, %v; want %q, %v", tc.race, tc.gorace, got, again, tc.want, tc.again)
		}
	}
}

// TestMainRunsTheTestsAgainWithoutTheSleep builds testdata/child with the
// race detector and runs it as go test would (no GORACE), and directly
// with atexit_sleep_ms set (where Main runs nothing again): the tests see
// atexit_sleep_ms=0 in the first, and both end with the same status when
// the test passes, fails or races.
func TestMainRunsTheTestsAgainWithoutTheSleep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a race-enabled test binary")
	}
	bin := filepath.Join(t.TempDir(), "child.test")
	if out, err := exec.Command("go", "test", "-race", "-c", "-o", bin, "./testdata/child").CombinedOutput(); err != nil {
		t.Skipf("cannot build a race-enabled test binary: %v\n%s", err, out)
	}
	run := func(mode, gorace string) (string, int) {
		cmd := exec.Command(bin, "-test.v")
		cmd.Env = append(os.Environ(), "RACETEST_CHILD="+mode)
		if gorace == "" {
			cmd.Env = append(cmd.Env, "GORACE=")
		} else {
			cmd.Env = append(cmd.Env, "GORACE="+gorace)
		}
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return string(out), 0
		case errors.As(err, &exit):
			return string(out), exit.ExitCode()
		}
		t.Fatalf("%s: %v", mode, err)
		return "", 0
	}
	for _, mode := range []string{"pass", "fail", "race"} {
		out, code := run(mode, "")
		if !strings.Contains(out, `GORACE="atexit_sleep_ms=0"`) {
			t.Errorf("%s: the tests did not run with atexit_sleep_ms=0:\n%s", mode, out)
		}
		_, direct := run(mode, "atexit_sleep_ms=0")
		if code != direct {
			t.Errorf("%s: exit status %d through Main, %d run directly", mode, code, direct)
		}
		if (mode == "pass") != (code == 0) {
			t.Errorf("%s: exit status %d", mode, code)
		}
	}
}

// TestEveryTestBinaryUsesIt: each package of the module with tests has a
// TestMain that goes through this package (Main or Reexec), or its test
// binary sleeps a second at exit again.
func TestEveryTestBinaryUsesIt(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.Dir}}{{range .TestGoFiles}} {{.}}{{end}}{{range .XTestGoFiles}} {{.}}{{end}}`, "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue // no tests
		}
		dir, uses := fields[0], false
		for _, name := range fields[1:] {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if strings.Contains(text, "func TestMain(") && (strings.Contains(text, "racetest.Main(") || strings.Contains(text, "racetest.Reexec()") || strings.Contains(text, "{ Main(m) }")) {
				uses = true
			}
		}
		if !uses {
			t.Errorf("%s: its test binary sleeps a second at exit under -race; give it a main_test.go with func TestMain(m *testing.M) { racetest.Main(m) }", dir)
		}
	}
}
