package gotest

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestJSONPackageIsTest2JSON: a test binary run with JSONPackage gives the
// events test2json gives when it runs the binary itself, however the
// binary ends (a pass, a failure, a crash, os.Exit with and without
// output), and its own exit status.
func TestJSONPackageIsTest2JSON(t *testing.T) {
	t.Parallel()
	bin := buildTestBinary(t, "t2j")
	test2json, err := Test2JSON(context.Background())
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		run  string
		exit int
	}{{"TestPass", 0}, {"TestFail", 1}, {"TestSkip", 0}, {"TestCrash", 2}, {"TestExit", 3}, {"TestSilentExit", 4}, {"TestPass|TestFail", 1}} {
		t.Run(tc.run, func(t *testing.T) {
			args := []string{bin, "-test.v=test2json", "-test.run=^(" + tc.run + ")$"}
			res, err := Run(context.Background(), Command{Args: args, JSONPackage: "t2j", Timeout: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode != tc.exit {
				t.Errorf("exit status %d, want the binary's %d", res.ExitCode, tc.exit)
			}
			want, _ := exec.Command(test2json, append([]string{"-p", "t2j"}, args...)...).Output()
			if diff := cmp.Diff(timeless(t, want), timeless(t, res.Stdout)); diff != "" {
				t.Errorf("events differ from test2json's own run (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONPackageKilled: a binary killed at its time limit ends with a
// failed event for the test it was in, as test2json writes for a killed
// command, and its output before is kept.
func TestJSONPackageKilled(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("waits for a 3 s timeout")
	}
	bin := buildTestBinary(t, "t2j")
	res, err := Run(context.Background(), Command{Args: []string{bin, "-test.v=test2json", "-test.run=^TestHang$"},
		JSONPackage: "t2j", Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	events := timeless(t, res.Stdout)
	if !res.TimedOut || len(events) == 0 {
		t.Fatalf("timed out %v, %d events", res.TimedOut, len(events))
	}
	last := events[len(events)-1]
	if last["Action"] != "fail" || last["Test"] != "TestHang" {
		t.Errorf("last event %v, want TestHang failed", last)
	}
	if !bytes.Contains(res.Stdout, []byte(`hanging\n`)) {
		t.Errorf("the output before the kill is lost:\n%s", res.Stdout)
	}
}

var goroutineID = regexp.MustCompile(`goroutine \d+`)

// testDuration is the duration a test's result line ends with ("--- PASS:
// TestPass (0.01s)"), which two runs of a test need not share.
var testDuration = regexp.MustCompile(`(--- (?:PASS|FAIL|SKIP): \S+) \(\d+\.\d+s\)`)

// timeless decodes a stream of events without their Time and Elapsed.
func timeless(t *testing.T, stream []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(stream), []byte("\n")) {
		ev := map[string]any{}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("not an event: %q", line)
		}
		delete(ev, "Time")
		delete(ev, "Elapsed")
		if o, ok := ev["Output"].(string); ok { // goroutine ids and durations vary
			o = goroutineID.ReplaceAllString(o, "goroutine N")
			ev["Output"] = testDuration.ReplaceAllString(o, "$1 (N.NNs)")
		}
		out = append(out, ev)
	}
	return out
}

// buildTestBinary compiles the test binary of testdata/NAME.
func buildTestBinary(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".test")
	cmd := exec.Command("go", "test", "-c", "-o", out, "./testdata/"+name)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/%s: %v\n%s", name, err, msg)
	}
	return out
}
