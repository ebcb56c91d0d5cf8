package main

import (
	"io"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"parlab/grader/history"
	"parlab/internal/cliargs"
)

// TestStatusRemembersTheLearnersRuns grades the stub, then asks status.
// (That only the learner's own folder is remembered is
// TestOnlyTheLearnersFolderIsRemembered.)
func TestStatusRemembersTheLearnersRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("grades an exercise")
	}
	t.Parallel()
	cache := []string{history.DirEnv + "=" + t.TempDir()}
	if r := runBinary(t, cache, "status"); !strings.Contains(r.stdout, "histogram    not graded yet") {
		t.Fatalf("a fresh cache should know nothing:\n%s", r.stdout)
	}
	runBinary(t, cache, "exercise", "mergesort")
	r := runBinary(t, cache, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "mergesort    not started") || !strings.Contains(r.stdout, "histogram    not graded yet") {
		t.Errorf("status after grading the mergesort stub (exit status %d):\n%s", r.code, r.stdout)
	}
}

// TestOnlyTheLearnersFolderIsRemembered: a grade of exercises/NAME goes to
// the status cache; one of the model answer or of another folder does not.
func TestOnlyTheLearnersFolderIsRemembered(t *testing.T) {
	for _, tc := range []struct {
		args []string
		own  bool
	}{
		{[]string{"histogram"}, true},
		{[]string{"histogram", "--solution"}, false},
		{[]string{"histogram", "--dir", t.TempDir()}, false},
	} {
		var got request
		app := &cli.App{Writer: io.Discard, ErrWriter: io.Discard, ExitErrHandler: func(*cli.Context, error) {}, Commands: []*cli.Command{{
			Name: "exercise", Flags: gradeFlags(),
			Action: func(c *cli.Context) (err error) { got, err = parseRequest(c); return err },
		}}}
		if err := app.Run(cliargs.HoistCommand(app, append([]string{"grade", "exercise"}, tc.args...))); err != nil {
			t.Fatal(err)
		}
		if got.own != tc.own {
			t.Errorf("grade exercise %s: remembered %v, want %v", strings.Join(tc.args, " "), got.own, tc.own)
		}
	}
}
