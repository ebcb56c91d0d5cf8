package grader

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/golden"
)

// pinnedFile, in a scenario's folder, is its full human report (no
// colour, not verbose) as a learner reads it, normalised by pinnable. A
// scenario that has one must replay to exactly that text: the wording of
// its messages is part of what the scenario tests. `go test ./grader -run
// TestReplayScenarios -update -scenario 'EXERCISE/NAME$'` writes it (and
// rewrites every existing one that the filter matches); TestScenarios'
// -update rewrites it with the tape.
const pinnedFile = "report.golden"

// Normalisers of a pinned report: what differs from one grade or machine
// to the next.
var (
	pinnedDuration  = regexp.MustCompile(`\[[0-9.]+(ns|µs|ms|s|m[0-9.]*s?)\]`)
	pinnedGoroutine = regexp.MustCompile(`goroutine \d+`)
	pinnedTook      = regexp.MustCompile(`the diagnosis took [0-9.]+(ns|µs|ms|s)`)
	pinnedTemp      = regexp.MustCompile(`(/[^\s/()]+)*/parlab-[a-z-]+-?\d+[^\s:()]*`)
	pinnedPrinted   = regexp.MustCompile(`printed \d+ (KiB|MiB) of output`)
)

// pinnable is a scenario's human report with what varies between grades
// replaced: the grade's duration, goroutine ids, and the folders of a
// temporary copy of the submission.
func pinnable(t *testing.T, sc scenario, res *verdict.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.Text(&b, res, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if res.Target != "" && filepath.IsAbs(res.Target) {
		s = strings.ReplaceAll(s, res.Target, "DIR")
	}
	// The checkout's own path (a recorded message may name the learner's
	// file by it): a pinned report must read the same in any clone.
	if root, err := filepath.Abs(".."); err == nil {
		s = strings.ReplaceAll(s, root+string(filepath.Separator), "ROOT/")
	}
	s = pinnedDuration.ReplaceAllString(s, "[T]")
	s = pinnedGoroutine.ReplaceAllString(s, "goroutine N")
	s = pinnedTook.ReplaceAllString(s, "the diagnosis took T")
	s = pinnedTemp.ReplaceAllString(s, "TMP")
	// How much the tests printed counts the checkout's path wherever a
	// stack names a file, so it differs by a few bytes between clones.
	s = pinnedPrinted.ReplaceAllString(s, "printed N $1 of output")
	return []byte(s)
}

// checkPinned compares a replayed scenario's report with its pinned one,
// or writes it with -update.
func checkPinned(t *testing.T, sc scenario, res *verdict.Result) {
	t.Helper()
	path := filepath.Join(sc.dir, pinnedFile)
	_, err := os.Stat(path)
	exists := err == nil
	if !exists && !(*golden.Update && *scenarioFilter != "") {
		return
	}
	got := pinnable(t, sc, res)
	if *golden.Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the report differs from %s (rerun with -update -scenario '%s$' if the change is intended):\n--- got\n%s\n--- want\n%s", path, sc.name, got, want)
	}
}
