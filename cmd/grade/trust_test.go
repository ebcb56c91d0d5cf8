package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"parlab/internal/checkout"
	"parlab/internal/cliargs"
)

// TestDirRefusesLinksOnTheWay: `grade exercise NAME --dir
// alice/exercises/NAME`, run in a class folder, refuses a link on the way
// (alice/exercises -> a classmate's exercises) instead of grading the
// classmate's code as alice's; so does `grade watch`, which grades
// through the same request.
func TestDirRefusesLinksOnTheWay(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	class := t.TempDir()
	bob := filepath.Join(class, "bob", "exercises", "histogram")
	if err := os.MkdirAll(bob, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "solutions", "histogram", "histogram.go"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(bob, "histogram.go"), src, 0o644)
	os.MkdirAll(filepath.Join(class, "alice"), 0o755)
	if err := os.Symlink("../bob/exercises", filepath.Join(class, "alice", "exercises")); err != nil {
		t.Fatal(err)
	}
	t.Setenv(checkout.RootEnv, root)
	t.Chdir(class)
	out, _, err := runGrade(t, "exercise", "histogram", "--dir", filepath.Join("alice", "exercises", "histogram"), "--no-speedup", "--format", "json")
	var o outcome
	if !errors.As(err, &o) || o.code != 1 {
		t.Fatalf("err = %v, want exit status 1", err)
	}
	if !strings.Contains(out, "alice/exercises, on the way to alice/exercises/histogram, is a symbolic link") {
		t.Errorf("the link was not refused:\n%s", out)
	}
	req, err := requestFor(t, "watch", "histogram", "--dir", filepath.Join("alice", "exercises", "histogram"))
	if err != nil || req.opts.Within != class {
		t.Errorf("watch's request: within %q (%v), want %s", req.opts.Within, err, class)
	}
}

// requestFor parses args as command name's request (exercise or watch,
// which share gradeFlags and parseRequest).
func requestFor(t *testing.T, name string, args ...string) (request, error) {
	t.Helper()
	var got request
	app := &cli.App{Writer: io.Discard, ErrWriter: io.Discard, ExitErrHandler: func(*cli.Context, error) {}, Commands: []*cli.Command{{
		Name: name, Flags: gradeFlags(),
		Action: func(c *cli.Context) (err error) { got, err = parseRequest(c); return err },
	}}}
	err := app.Run(cliargs.HoistCommand(app, append([]string{"grade", name}, args...)))
	return got, err
}

// TestErrorsCannotDriveTheTerminal: an error may quote a submission's
// names (a record, a folder); on stderr its control characters are text.
func TestErrorsCannotDriveTheTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if code := exitCode(errors.New("student eve\x1b]0;pwned\x07 is in both shards"), f); code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	got, _ := os.ReadFile(f.Name())
	if strings.ContainsAny(string(got), "\x1b\x07") || !strings.Contains(string(got), `eve\x1b]0;pwned`) {
		t.Errorf("stderr: %q", got)
	}
}

// TestBatchNameCollisionIsNotAGraderError: two names that map to one
// record file stopped the whole class with exit status 2; now each is a
// refused row and the batch ends as it does for failing students.
func TestBatchNameCollisionIsNotAGraderError(t *testing.T) {
	class, out := t.TempDir(), t.TempDir()
	for _, s := range []string{"Zoë Lee", "Zoé Lee"} {
		os.MkdirAll(filepath.Join(class, s, "histogram"), 0o755)
	}
	stdout, _, err := runGrade(t, "batch", class, "--out", out, "--exercise", "histogram")
	if err != nil {
		t.Fatalf("grade batch: %v", err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "grades.csv"))
	if strings.Count(string(csv), "collides with") != 2 || !strings.Contains(stdout, "2 students") {
		t.Errorf("grades.csv:\n%s\nsummary:\n%s", csv, stdout)
	}
}
