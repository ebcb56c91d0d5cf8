package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/golden"
	"parlab/grader/progress"
)

func TestStatusGolden(t *testing.T) {
	now := time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)
	entries := map[string]progress.Entry{
		"histogram":   {Score: 11, MaxScore: 11, Passed: true, Started: true, When: now.Add(-3 * time.Minute)},
		"mergesort":   {Score: 6, MaxScore: 11, Started: true, First: "correct: Sort(xs, 3) on 17 random ints (seed 42) differs from the reference at index 4", When: now.Add(-5 * time.Hour)},
		"scalability": {Score: 2, MaxScore: 11, First: "started: TODO", When: now.Add(-72 * time.Hour)},
	}
	var buf bytes.Buffer
	if err := statusTable(&buf, exercise.All(), entries, now); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "status.golden", buf.Bytes())
}

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
