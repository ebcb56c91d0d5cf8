package grader

import (
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestAPanicIsAVerdict: a panic while grading one submission (as the judge
// once panicked on forged samples whose learner list was short) is that
// exercise's error result, not a crash.
func TestAPanicIsAVerdict(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	res, err := protect(spec, "alice/histogram", func() (*verdict.Result, error) {
		var learner [][]int
		_ = learner[1] // index out of range
		return nil, nil
	})
	if err != nil {
		t.Fatalf("a panic became an error, which stops a batch: %v", err)
	}
	if res == nil || len(res.Checks) != len(spec.Checks()) || res.Target != "alice/histogram" {
		t.Fatalf("result %+v", res)
	}
	for _, c := range res.Checks {
		if c.Status != verdict.Error || !strings.Contains(c.Message, "grader crashed") || !strings.Contains(c.Message, "index out of range") {
			t.Errorf("%s: %s %q", c.Name, c.Status, c.Message)
		}
	}
	if res.Score != 0 || res.MaxScore != spec.MaxScore() {
		t.Errorf("score %d/%d, want 0/%d", res.Score, res.MaxScore, spec.MaxScore())
	}
}
