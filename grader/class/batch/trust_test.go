package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestCollidingNamesCostOnlyThem: two names that map to one record file
// ("Zoë Lee" and "Zoé Lee", Alice.zip beside alice/) are each refused
// with a row that says why; the rest of the class is graded.
func TestCollidingNamesCostOnlyThem(t *testing.T) {
	class, out := t.TempDir(), t.TempDir()
	for _, s := range []string{"Zoë Lee", "Zoé Lee", "alice", "carol"} {
		if err := os.MkdirAll(filepath.Join(class, s, "histogram"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Rename(makeZip(t, entry{"histogram/histogram.go", []byte("package histogram\n")}), filepath.Join(class, "Alice.zip"))
	spec, _ := exercise.Lookup("histogram")
	defer func(f func(context.Context, exercise.Spec, grader.Options) (*verdict.Result, error)) { gradeFn = f }(gradeFn)
	var graded []string
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		graded = append(graded, opts.Dir)
		return &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1}}}, nil
	}
	recs, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: []exercise.Spec{spec}, Jobs: 1})
	if err != nil {
		t.Fatalf("a name collision ended the batch: %v", err)
	}
	if len(graded) != 1 || !strings.Contains(graded[0], "carol") {
		t.Errorf("graded %q, want carol's alone", graded)
	}
	rows := gradeRows(t, out)
	if len(recs) != 5 || len(rows) != 5 {
		t.Fatalf("%d records and %d rows, want 5", len(recs), len(rows))
	}
	for name, row := range rows {
		if name == "carol" {
			if row[5] != "" {
				t.Errorf("carol's note %q", row[5])
			}
			continue
		}
		if !strings.Contains(row[5], "collides with") || row[1] != "0" {
			t.Errorf("%s: row %q, want 0 and a note naming the collision", name, row)
		}
	}
}

// TestLinksAreRefused grades, for real, a class whose submissions reach
// other code through symbolic links: a folder on the way to the exercise
// (alice/exercises -> a classmate's), the exercise folder itself (eve's,
// to the model answer), a wrapping folder, and a whole student folder.
// Each is refused, scores 0 and says which link; none is compiled.
func TestLinksAreRefused(t *testing.T) {
	projectRoot, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	solution := filepath.Join(projectRoot, "solutions", "histogram")
	elsewhere, class, out := t.TempDir(), t.TempDir(), t.TempDir()
	copyDir(t, solution, filepath.Join(elsewhere, "bob", "exercises", "histogram"))
	os.MkdirAll(filepath.Join(class, "alice"), 0o755)
	os.Symlink(filepath.Join(elsewhere, "bob", "exercises"), filepath.Join(class, "alice", "exercises"))
	os.MkdirAll(filepath.Join(class, "eve"), 0o755)
	os.Symlink(solution, filepath.Join(class, "eve", "histogram"))
	os.MkdirAll(filepath.Join(class, "frank"), 0o755)
	os.Symlink(filepath.Join(elsewhere, "bob"), filepath.Join(class, "frank", "work"))
	os.Symlink(filepath.Join(elsewhere, "bob"), filepath.Join(class, "mallory"))
	spec, _ := exercise.Lookup("histogram")
	recs, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: []exercise.Spec{spec}, Jobs: 1,
		Grade: grader.Options{Root: projectRoot, NoSpeedup: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	for _, r := range recs {
		msg := r.Problem
		if res := r.Exercises["histogram"]; res != nil {
			msg = res.Check(verdict.Builds).Message
			if res.Score != 0 {
				t.Errorf("%s scored %d through a link", r.Student, res.Score)
			}
		}
		if !strings.Contains(msg, "symbolic link") {
			t.Errorf("%s: %q, want the link refused", r.Student, msg)
		}
	}
}

// gradeRows reads grades.csv in out, by student.
func gradeRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(mustRead(t, filepath.Join(out, GradesFile)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r
	}
	return got
}
