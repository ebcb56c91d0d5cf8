package main

import (
	"strings"
	"testing"

	"parlab/grader/progress"
)

// TestStatusRemembersTheLearnersRuns grades the stub, then asks status.
func TestStatusRemembersTheLearnersRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("grades an exercise")
	}
	t.Setenv(progress.DirEnv, t.TempDir())
	out, _, _ := runGrade(t, "status")
	if !strings.Contains(out, "histogram    not graded yet") {
		t.Fatalf("a fresh cache should know nothing:\n%s", out)
	}
	runGrade(t, "exercise", "mergesort")
	runGrade(t, "exercise", "histogram", "--solution", "--no-speedup") // not the learner's folder: not recorded
	out, _, err := runGrade(t, "status")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "mergesort    not started") || !strings.Contains(out, "histogram    not graded yet") {
		t.Errorf("status after grading the mergesort stub:\n%s", out)
	}
}
