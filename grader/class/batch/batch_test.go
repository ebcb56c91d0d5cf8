package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	os.MkdirAll(to, 0o755)
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			data, _ := os.ReadFile(filepath.Join(from, e.Name()))
			os.WriteFile(filepath.Join(to, e.Name()), data, 0o644)
		}
	}
}

// TestRunGradesAClass grades a small class (a good answer, a racy one, a
// zip with a good answer, a zip that escapes its folder, a student
// without the exercise), checks the gradebook, then resumes.
func TestRunGradesAClass(t *testing.T) {
	if testing.Short() {
		t.Skip("grades submissions")
	}
	projectRoot, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	class, out := t.TempDir(), t.TempDir()
	copyDir(t, filepath.Join(projectRoot, "solutions", "histogram"), filepath.Join(class, "alice", "histogram"))
	copyDir(t, filepath.Join(projectRoot, "grader", "testdata", "histogram", "racy"), filepath.Join(class, "bob", "exercises", "histogram"))
	src, _ := os.ReadFile(filepath.Join(projectRoot, "solutions", "histogram", "histogram.go"))
	os.Rename(makeZip(t, entry{"carol/histogram/histogram.go", src}), filepath.Join(class, "carol.zip"))
	os.Rename(makeZip(t, entry{"../escape.go", src}), filepath.Join(class, "mallory.zip"))
	os.MkdirAll(filepath.Join(class, "nobody", "other"), 0o755)

	spec, _ := exercise.Lookup("histogram")
	var events []Event
	cfg := Config{Root: class, Out: out, Exercises: []exercise.Spec{spec}, Jobs: 2,
		Grade:    grader.Options{Root: projectRoot, NoSpeedup: true},
		Progress: func(ev Event) { events = append(events, ev) }}
	started := -1
	cfg.Start = func(n int, estimate time.Duration) {
		if len(events) > 0 || estimate <= 0 {
			t.Errorf("the first line came after %d students, estimate %v", len(events), estimate)
		}
		started = n
	}
	recs, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if started != 5 {
		t.Errorf("Start heard %d students, want 5 at once", started)
	}
	if len(recs) != 5 || len(events) != 5 || events[4].Done != 5 || events[4].Total != 5 {
		t.Fatalf("%d records, %d events (last %+v), want 5 and 5", len(recs), len(events), events[len(events)-1])
	}
	checkGradebook(t, out)
	if bob := recs[1]; bob.Student != "bob" || bob.Exercises["histogram"].Check(verdict.RaceFree).Status != verdict.Fail {
		t.Errorf("bob's racy answer was not caught: %+v", bob)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(class), "escape.go")); err == nil {
		t.Error("mallory's archive wrote outside its folder")
	}
	checkResumes(t, cfg, &events)
}

// checkGradebook checks TestRunGradesAClass's grades.csv.
func checkGradebook(t *testing.T, out string) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(mustRead(t, filepath.Join(out, GradesFile)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r
	}
	if strings.Join(rows[0], ",") != "student,histogram,total,max,percent,note,max histogram" {
		t.Errorf("header %q", rows[0])
	}
	for student, want := range map[string]struct{ score, note string }{
		"alice": {"9", ""}, "carol": {"9", ""}, "bob": {"", ""},
		"mallory": {"0", "outside the folder"}, "nobody": {"0", "missing: histogram"},
	} {
		r := got[student]
		if r == nil {
			t.Errorf("no row for %s", student)
			continue
		}
		if want.score != "" && r[1] != want.score {
			t.Errorf("%s scored %s, want %s (row %q)", student, r[1], want.score, r)
		}
		if !strings.Contains(r[5], want.note) {
			t.Errorf("%s's note %q lacks %q", student, r[5], want.note)
		}
	}
}

// checkResumes: a rerun keeps every finished student, and leaves no
// temporary file in the gradebook.
func checkResumes(t *testing.T, cfg Config, events *[]Event) {
	t.Helper()
	*events = nil
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for _, ev := range *events {
		if !ev.Resumed {
			t.Errorf("%s was graded again on a rerun without --force", ev.Student)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(cfg.Out, ".tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left in the gradebook: %v", leftovers)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAPanicCostsOneStudent: when grading one submission panics, that
// student's record says so and the rest of the class is graded.
func TestAPanicCostsOneStudent(t *testing.T) {
	class, out := t.TempDir(), t.TempDir()
	for _, s := range []string{"alice", "bob", "carol"} {
		if err := os.MkdirAll(filepath.Join(class, s, "histogram"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	spec, _ := exercise.Lookup("histogram")
	defer func(f func(context.Context, exercise.Spec, grader.Options) (*verdict.Result, error)) { gradeFn = f }(gradeFn)
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		if strings.Contains(opts.Dir, "bob") {
			var rows [][]int
			_ = rows[3]
		}
		return &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1}}}, nil
	}
	recs, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: []exercise.Spec{spec}, Jobs: 1})
	if err != nil {
		t.Fatalf("one panicking submission ended the batch: %v", err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	for _, r := range recs {
		crashed := strings.Contains(r.Problem, "grader crashed")
		if crashed != (r.Student == "bob") {
			t.Errorf("%s: problem %q", r.Student, r.Problem)
		}
	}
}
