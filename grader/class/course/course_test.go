package course

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func result(score, max int, checks ...verdict.Check) *verdict.Result {
	return &verdict.Result{Score: score, MaxScore: max, Checks: checks}
}

var (
	pass      = verdict.Check{Name: verdict.Correct, Status: verdict.Pass}
	fail      = verdict.Check{Name: verdict.Correct, Status: verdict.Fail, Message: "Sort(xs, 2) = [2 1]\nmore"}
	fastSkip  = verdict.Check{Name: verdict.Faster, Status: verdict.Skip, Message: "the machine is too busy"}
	fastFail  = verdict.Check{Name: verdict.Faster, Status: verdict.Fail, Message: "1.01x"}
	timed     = exercise.Spec{Name: "timed"}
	starter   = exercise.Spec{Name: "starter", Starter: true}
	stubLower = result(2, 11, verdict.Check{Name: verdict.Started, Status: verdict.Fail})
)

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name           string
		spec           exercise.Spec
		solution, stub *verdict.Result
		problems       []string
		notes          int
	}{
		{"all well", timed, result(11, 11, pass), stubLower, nil, 0},
		{"faster skipped is a note", timed, result(9, 11, pass, fastSkip), stubLower, nil, 1},
		{"a failing solution", timed, result(8, 11, fail), stubLower, []string{"does not pass correct (fail): Sort(xs, 2) = [2 1]"}, 0},
		{"a slow solution", timed, result(9, 11, pass, fastFail), stubLower, []string{"does not pass faster"}, 0},
		{"a stub with full marks", timed, result(11, 11, pass), result(11, 11, pass), []string{"the stub scores full marks"}, 0},
		{"starter code that passes", starter, result(11, 11, pass), result(10, 11, pass), []string{"shipped starter code passes"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Finding{Solution: tc.solution, Stub: tc.stub}
			judge(&f, tc.spec)
			if len(f.Problems) != len(tc.problems) {
				t.Fatalf("problems = %q, want %d like %q", f.Problems, len(tc.problems), tc.problems)
			}
			for i, p := range tc.problems {
				if !strings.Contains(f.Problems[i], p) {
					t.Errorf("problem %d = %q, want it to contain %q", i, f.Problems[i], p)
				}
			}
			if len(f.Notes) != tc.notes {
				t.Errorf("notes = %q, want %d", f.Notes, tc.notes)
			}
		})
	}
}

// TestCourseIsConsistent is `grade verify --no-speedup` on this checkout:
// every solution passes, every stub fails something, and each pair exports
// one API. Two exercises are verified at a time (four grades, each a
// solution beside its stub): most of a grade is a build, a
// single-threaded test run or a wait for late goroutines, so that is
// about half the time of one after the other, and no more than the two
// cores can serve.
func TestCourseIsConsistent(t *testing.T) {
	if testing.Short() {
		t.Skip("grades every exercise twice")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	slots := make(chan struct{}, 2)
	for _, spec := range exercise.All() {
		t.Run(spec.Name, func(t *testing.T) {
			t.Parallel()
			slots <- struct{}{}
			defer func() { <-slots }()
			findings, err := Verify(context.Background(), grader.Options{Root: root, NoSpeedup: true}, []exercise.Spec{spec}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 || findings[0].Exercise != spec.Name {
				t.Fatalf("verifying %s gave %d findings: %+v", spec.Name, len(findings), findings)
			}
			if f := findings[0]; !f.OK() {
				t.Errorf("%s is inconsistent: %q", f.Exercise, f.Problems)
			}
		})
	}
}
