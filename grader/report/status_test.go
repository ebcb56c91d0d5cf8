package report

import (
	"bytes"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/history"
	"parlab/internal/golden"
)

func TestStatusGolden(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)
	entries := map[string]history.Entry{
		"histogram":   {Score: 11, MaxScore: 11, Passed: true, Started: true, When: now.Add(-3 * time.Minute)},
		"mergesort":   {Score: 6, MaxScore: 11, Started: true, First: "correct: Sort(xs, 3) on 17 random ints (seed 42) differs from the reference at index 4", When: now.Add(-5 * time.Hour)},
		"scalability": {Score: 0, MaxScore: 11, First: "started: TODO", When: now.Add(-72 * time.Hour)},
		// The machine left faster unjudged: the score is the judged part.
		"racefix": {Score: 9, MaxScore: 9, Passed: true, Started: true, NotJudged: []string{"faster"}, Pending: 2, When: now.Add(-time.Minute)},
	}
	var buf bytes.Buffer
	if err := StatusTable(&buf, exercise.All(), entries, now); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "status.golden", buf.Bytes())
}
