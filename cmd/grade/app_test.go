package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/cliargs"
)

func runGrade(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), &out, &errb, append([]string{"grade"}, args...))
	return out.String(), errb.String(), err
}

func TestList(t *testing.T) {
	out, _, err := runGrade(t, "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "histogram") || !strings.Contains(out, "POINTS") {
		t.Fatalf("list output:\n%s", out)
	}
}

func TestUnknownExerciseIsAGraderError(t *testing.T) {
	_, _, err := runGrade(t, "exercise", "nosuch")
	if err == nil || !strings.Contains(err.Error(), "unknown exercise") {
		t.Fatalf("err = %v", err)
	}
	var o outcome
	if errors.As(err, &o) {
		t.Fatal("an unknown exercise must exit 2, not 1")
	}
}

func TestBadFormatIsAGraderError(t *testing.T) {
	_, _, err := runGrade(t, "exercise", "histogram", "--format", "yaml")
	if err == nil || !strings.Contains(err.Error(), "--format") {
		t.Fatalf("err = %v", err)
	}
}

func TestBadSkipPolicyIsAGraderError(t *testing.T) {
	for _, args := range [][]string{
		{"exercise", "histogram", "--skip-policy", "ignore"},
		{"batch", "class", "--out", "book", "--skip-policy", "retry 0"},
		{"gradescope-bundle", "--skip-policy", "free"},
	} {
		_, _, err := runGrade(t, args...)
		if err == nil || !strings.Contains(err.Error(), "skip policy") || !strings.Contains(err.Error(), "exclude") {
			t.Errorf("grade %s: err = %v, want one naming the policies", strings.Join(args, " "), err)
		}
	}
}

func TestHoistFlags(t *testing.T) {
	app := newApp(nil, nil)
	for _, tc := range []struct{ in, want []string }{
		{[]string{"grade", "exercise", "histogram", "--solution"}, []string{"grade", "exercise", "--solution", "histogram"}},
		{[]string{"grade", "exercise", "histogram", "--dir", "x", "--json"}, []string{"grade", "exercise", "--dir", "x", "--json", "histogram"}},
		{[]string{"grade", "exercise", "--format=json", "histogram"}, []string{"grade", "exercise", "--format=json", "histogram"}},
		{[]string{"grade", "list"}, []string{"grade", "list"}},
	} {
		if got := cliargs.HoistCommand(app, tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("HoistCommand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGradeStubJSON runs the real grader on the untouched stub: not
// started, exit status 1, and stdout holds exactly one JSON document,
// which grade report renders again without grading.
func TestGradeStubJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the exercise")
	}
	t.Parallel()
	r := runBinary(t, nil, "exercise", "histogram", "--json", "--no-speedup")
	if r.code != 1 {
		t.Fatalf("exit status %d, want 1\n%s", r.code, r.stderr)
	}
	var res struct {
		Version  int
		Exercise string
		Score    int `json:"score"`
		MaxScore int `json:"max_score"`
		Checks   []struct{ Name, Status string }
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if dec.More() {
		t.Fatal("stdout holds more than the JSON document")
	}
	if res.Version != report.Version || res.Exercise != "histogram" || res.Checks[1].Name != "started" || res.Checks[1].Status != "fail" || res.Score >= res.MaxScore {
		t.Fatalf("%+v", res)
	}
	saved := filepath.Join(t.TempDir(), "result.json")
	if err := os.WriteFile(saved, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	again := runBinary(t, nil, "report", saved, "--format", "text")
	if again.code != 1 || !strings.Contains(again.stdout, "not started yet") {
		t.Errorf("grade report: exit status %d\n%s%s", again.code, again.stdout, again.stderr)
	}
}

func TestDirMustExist(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grade command")
	}
	t.Parallel()
	r := runBinary(t, nil, "exercise", "histogram", "--dir", filepath.Join(t.TempDir(), "missing"))
	if r.code != 1 || !strings.Contains(r.stdout, "does not exist") {
		t.Fatalf("exit status %d, out:\n%s", r.code, r.stdout)
	}
}

// TestAllRoutesEveryExercise runs grade all with a fake grader: every
// exercise is graded, from solutions/ with --solution, into one summary
// table, and the exit status is 1 while one fails. (Grading the stubs for
// real is grader/class/course's TestCourseIsConsistent.)
func TestAllRoutesEveryExercise(t *testing.T) {
	defer func(f func(context.Context, exercise.Spec, grader.Options) (*verdict.Result, error)) { gradeFn = f }(gradeFn)
	var dirs []string
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		dirs = append(dirs, opts.Dir)
		r := &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1}}}
		if !strings.Contains(opts.Dir, "solutions") {
			r.Checks = append(r.Checks, verdict.Check{Name: verdict.Started, Status: verdict.Fail, MaxScore: 1, Message: "TODO"})
		}
		r.Tally()
		return r, nil
	}
	out, _, err := runGrade(t, "all", "--no-speedup")
	var o outcome
	if !errors.As(err, &o) || o.code != 1 {
		t.Fatalf("err = %v, want exit status 1", err)
	}
	for _, want := range []string{"EXERCISE", "histogram", "mergesort", "not started", "total"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	dirs = nil
	if out, _, err := runGrade(t, "all", "--solution", "--format", "json"); err != nil || !strings.HasPrefix(out, "[") {
		t.Fatalf("--solution --format json: err %v, out:\n%s", err, out)
	}
	if len(dirs) != len(exercise.All()) || !strings.HasSuffix(dirs[0], filepath.Join("solutions", exercise.All()[0].Name)) {
		t.Errorf("--solution graded %q", dirs)
	}
}

func TestShowCommand(t *testing.T) {
	out, _, err := runGrade(t, "show", "mergesort", "--no-measure")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Package mergesort is exercise 2", "Points (11 in all)", "Speed target", "Why 0.40"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Here, just now") {
		t.Error("--no-measure still measured the machine")
	}
	if _, _, err := runGrade(t, "show"); err == nil {
		t.Error("show without a name did not fail")
	}
}
